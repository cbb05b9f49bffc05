#pragma once
// Watches folders for changes (inotify on Linux, polling elsewhere or when inotify is exhausted)
// and reports a burst of changes once, after it has been quiet for a moment.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace sprout::serve {

class Watcher {
public:
    // What changed in one burst: the files inotify named, as `roots` joined with their paths
    // below them; or, with `all`, not known file by file (polling, lost events, a folder
    // created, moved or removed), so that every file must be looked at again.
    struct Changes {
        bool all = true;
        std::vector<std::string> files;
    };
    using Callback = std::function<void(const Changes&)>;
    // Calls `on_change` (from the watcher's thread) once per burst of changes under `roots`.
    Watcher(std::vector<std::filesystem::path> roots, Callback on_change,
            std::chrono::milliseconds quiet = std::chrono::milliseconds(60));
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    bool using_inotify() const { return inotify_fd_ >= 0; }

private:
    void run_inotify();
    void run_polling();
    void add_watches();

    std::vector<std::filesystem::path> roots_;
    std::unordered_map<int, std::string> watched_;  // inotify watch → its folder
    Callback on_change_;
    std::chrono::milliseconds quiet_;
    int inotify_fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace sprout::serve
