#pragma once
// Helpers for tests that run the sprout binary or need scratch folders.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sprout::test {

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs `sprout ARGS` in `cwd` through the shell; ARGS must already be quoted as needed.
// With `timeout_seconds`, the run is killed after that long and exit_code is 124.
RunResult run_sprout(const std::string& args, const std::filesystem::path& cwd = std::filesystem::current_path(),
                     int timeout_seconds = 0);
// Runs a shell command line in `cwd`, capturing its output; "{sprout}" in it is replaced by the
// quoted path of the sprout binary. exit_code is 128+N when the command died of signal N.
RunResult run_command(const std::string& command, const std::filesystem::path& cwd, int timeout_seconds = 0);

// A fresh temporary folder, removed when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::string read(const std::filesystem::path& p);
// Every file and folder under `dir`: relative path → contents ("/" for a folder), to compare sites.
using Snapshot = std::map<std::string, std::string>;
Snapshot snapshot(const std::filesystem::path& dir);
void write(const std::filesystem::path& p, const std::string& data);

// A check::References by value: its lists are shared pointers, which == compares by address.
template <class References>
std::map<std::string, std::vector<std::string>> listed(const References& refs) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [from, to] : refs) out[from] = *to;
    return out;
}

// Writes the starter toolkit (as `sprout init` does) into `dir`.
void write_starter(const std::filesystem::path& dir);

}  // namespace sprout::test
