#include "serve/watcher.hpp"

#include <cstring>
#include <map>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sprout::serve {

Watcher::Watcher(std::vector<fs::path> roots, Callback on_change, std::chrono::milliseconds quiet)
    : roots_(std::move(roots)), on_change_(std::move(on_change)), quiet_(quiet) {
    std::error_code ec;
    for (auto& r : roots_) {
        r = fs::absolute(r, ec).lexically_normal();
        if (!r.has_filename()) r = r.parent_path();  // "content/" names the folder too
    }
    if (::pipe(stop_pipe_) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd_ >= 0) {
        add_watches();
        thread_ = std::thread([this] { run_inotify(); });
    } else {
        thread_ = std::thread([this] { run_polling(); });
    }
}

Watcher::~Watcher() {
    stop_ = true;
    if (stop_pipe_[1] >= 0) {
        const char c = 'x';
        [[maybe_unused]] auto n = ::write(stop_pipe_[1], &c, 1);
    }
    if (thread_.joinable()) thread_.join();
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    for (int fd : stop_pipe_)
        if (fd >= 0) ::close(fd);
}

void Watcher::add_watches() {
    constexpr std::uint32_t mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                   IN_DELETE_SELF | IN_ATTRIB;
    std::error_code ec;
    const auto watch = [&](const fs::path& dir) {
        const int wd = ::inotify_add_watch(inotify_fd_, dir.c_str(), mask);
        if (wd >= 0) watched_[wd] = dir.string();
    };
    for (const auto& root : roots_) {
        if (!fs::is_directory(root, ec)) continue;
        watch(root);
        for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_directory(ec)) watch(it->path());
    }
}

void Watcher::run_inotify() {
    alignas(inotify_event) char buf[16 * 1024];
    bool pending = false;
    bool new_folders = false;
    Changes changes{false, {}};
    while (!stop_) {
        pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        // While changes are pending, wait only for the quiet period; otherwise wait indefinitely.
        const int timeout = pending ? static_cast<int>(quiet_.count()) : -1;
        const int n = ::poll(fds, 2, timeout);
        if (stop_) break;
        if (n == 0 && pending) {
            pending = false;
            // Watching again is idempotent, but it walks every file: at N = 10,000 that delayed
            // each rebuild by a walk of 27,000 files. Only a new folder needs it.
            if (new_folders) add_watches();
            new_folders = false;
            on_change_(changes);
            changes = {false, {}};
            continue;
        }
        if (n > 0 && (fds[0].revents & POLLIN)) {
            ssize_t got = 0;
            while ((got = ::read(inotify_fd_, buf, sizeof buf)) > 0) {
                for (ssize_t at = 0; at < got;) {
                    inotify_event e;
                    std::memcpy(&e, buf + at, sizeof e);
                    if ((e.mask & IN_ISDIR) && (e.mask & (IN_CREATE | IN_MOVED_TO))) new_folders = true;
                    if (e.mask & IN_Q_OVERFLOW) new_folders = true;  // events were lost: look again
                    // A folder's files come and go with it, unnamed: no list of files is complete.
                    if (e.mask & (IN_ISDIR | IN_Q_OVERFLOW | IN_DELETE_SELF | IN_IGNORED)) changes.all = true;
                    const auto dir = watched_.find(e.wd);
                    if (e.len > 0 && dir != watched_.end()) {
                        const char* name = buf + at + sizeof(inotify_event);
                        changes.files.push_back(dir->second + "/" + std::string(name, ::strnlen(name, e.len)));
                    } else if (!(e.mask & IN_IGNORED)) {
                        changes.all = true;
                    }
                    at += static_cast<ssize_t>(sizeof(inotify_event) + e.len);
                }
            }
            pending = true;
        }
    }
}

void Watcher::run_polling() {
    auto snapshot = [this] {
        std::map<std::string, fs::file_time_type> s;
        std::error_code ec;
        for (const auto& root : roots_)
            for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
                s[it->path().string()] = it->last_write_time(ec);
        return s;
    };
    auto last = snapshot();
    while (!stop_) {
        pollfd stopfd{stop_pipe_[0], POLLIN, 0};
        ::poll(&stopfd, 1, 300);
        if (stop_) break;
        auto now = snapshot();
        if (now != last) {
            // Wait for the burst to settle before reporting it.
            do {
                last = now;
                std::this_thread::sleep_for(quiet_);
                now = snapshot();
            } while (now != last && !stop_);
            on_change_(Changes{});
        }
    }
}

}  // namespace sprout::serve
