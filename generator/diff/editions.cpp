#include "diff/editions.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "check/checker.hpp"
#include "load/loader.hpp"
#include "util/text.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace sprout::diff {

namespace {

Edition check_toolkit(const load::Toolkit& tk, std::string label) {
    auto r = check::run(tk, check::Options{});
    Edition e;
    e.label = std::move(label);
    e.diags = std::move(r.diags);
    e.model = std::move(r.model);
    return e;
}

// A temporary folder removed with everything in it when the object goes.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "sprout-diff-XXXXXX").string();
        if (mkdtemp(tmpl.data())) path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

struct Run {
    int status = -1;     // exit status, -1 if it could not run or was killed
    std::string out;     // standard output
    std::string err;     // standard error, for messages
};

// Runs a program with arguments passed as they are, never through a shell, so revisions and
// paths cannot be taken as shell syntax. Output goes to files in `scratch`.
Run run(const std::vector<std::string>& argv, const fs::path& scratch) {
    Run r;
    const auto out_path = scratch / "stdout", err_path = scratch / "stderr";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        r.err = argv[0] + ": cannot run it";
        return r;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = text::read_file(out_path.string()).value_or("");
    r.err = std::string(text::trim(text::read_file(err_path.string()).value_or("")));
    return r;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::optional<Edition> load_folder(const std::string& dir, std::string& error) {
    auto tk = load::locate(dir, error);
    if (!tk) return std::nullopt;
    return check_toolkit(*tk, dir);
}

std::optional<Edition> load_git(const std::string& dir, const std::string& rev, std::string& error) {
    if (rev.empty() || rev[0] == '-') {
        error = "'" + rev + "' is not a git revision";
        return std::nullopt;
    }
    auto here = load::locate(dir, error);
    if (!here) return std::nullopt;
    TempDir tmp;
    if (tmp.path().empty()) {
        error = "cannot create a temporary folder";
        return std::nullopt;
    }
    const std::string content_dir = here->content_dir;

    // Where the content folder sits in the repository (e.g. "toolkits/a/content/"), and the top
    // of the work tree, where git archive must run: it reads tree paths relative to its folder.
    auto prefix = run({"git", "-C", content_dir, "rev-parse", "--show-prefix"}, tmp.path());
    auto top = run({"git", "-C", content_dir, "rev-parse", "--show-toplevel"}, tmp.path());
    if (prefix.status != 0 || top.status != 0) {
        error = content_dir + " is not in a git work tree" + (prefix.err.empty() ? "" : " (" + first_line(prefix.err) + ")");
        return std::nullopt;
    }
    std::string path(text::trim(prefix.out));
    const std::string top_dir(text::trim(top.out));
    if (!path.empty() && path.back() == '/') path.pop_back();

    auto commit = run({"git", "-C", content_dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"},
                      tmp.path());
    if (commit.status != 0) {
        error = "'" + rev + "' is not a commit in the repository of " + content_dir;
        return std::nullopt;
    }
    const std::string hash(text::trim(commit.out));

    const fs::path tar = tmp.path() / "content.tar", out = tmp.path() / "content";
    auto archive = run({"git", "-C", top_dir, "archive", "--format=tar", "-o", tar.string(), hash + ":" + path}, tmp.path());
    if (archive.status != 0) {
        error = "there is no " + (path.empty() ? std::string("content folder") : path + "/") + " at " + rev;
        return std::nullopt;
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    auto untar = run({"tar", "-xf", tar.string(), "-C", out.string()}, tmp.path());
    if (untar.status != 0) {
        error = "cannot extract the content at " + rev + ": " + first_line(untar.err);
        return std::nullopt;
    }

    auto tk = load::locate(tmp.path().string(), error);
    if (!tk) return std::nullopt;
    // Diagnostics name files as git does, `rev:path`, not by the temporary folder.
    tk->display = rev + ":" + (path.empty() ? std::string(".") : path);
    return check_toolkit(*tk, rev);
}

}  // namespace sprout::diff
