#include "support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

#include "util/embedded.hpp"

namespace fs = std::filesystem;

namespace sprout::test {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Snapshot snapshot(const fs::path& dir) {
    Snapshot s;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        s[fs::relative(e.path(), dir).string()] = e.is_directory() ? std::string("/") : read(e.path());
    return s;
}

void write(const fs::path& p, const std::string& data) {
    if (p.has_parent_path()) fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << data;
}

TempDir::TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "sprout-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

RunResult run_sprout(const std::string& args, const fs::path& cwd, int timeout_seconds) {
    return run_command("{sprout} " + args, cwd, timeout_seconds);
}

RunResult run_command(const std::string& command, const fs::path& cwd, int timeout_seconds) {
    TempDir tmp;
    const auto out = tmp.path() / "out", err = tmp.path() / "err";
    std::string line = command;
    const std::string binary = "'" + std::string(SPROUT_BINARY) + "'";
    for (std::size_t p; (p = line.find("{sprout}")) != std::string::npos;) line.replace(p, 8, binary);
    if (timeout_seconds > 0) line = "timeout -k 5 " + std::to_string(timeout_seconds) + " sh -c '" + [&] {
        std::string q;  // quote for the inner sh -c
        for (char c : line) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return q;
    }() + "'";
    const std::string cmd = "cd '" + cwd.string() + "' && " + line + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    r.out = read(out);
    r.err = read(err);
    return r;
}

void write_starter(const fs::path& dir) {
    for (const auto& f : embedded::starter_files()) write(dir / std::string(f.path), std::string(f.data));
}

}  // namespace sprout::test
