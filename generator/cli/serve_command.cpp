// `sprout serve`: build, serve the site on loopback, rebuild on every save, reload open pages.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>

#include "build/build.hpp"
#include "cli/commands.hpp"
#include "serve/server.hpp"
#include "serve/watcher.hpp"

namespace fs = std::filesystem;

namespace sprout::cli {

int serve(const ServeArgs& a) {
    std::string err;
    auto tk = load::locate(a.source, err);
    if (!tk) {
        std::cerr << "sprout serve: " << err << "\n";
        return UsageError;
    }
    build::Options o;
    o.out_dir = a.out.empty() ? build::default_out_dir(*tk) : a.out;
    o.quiet = !a.verbose;
    o.site_first = true;  // a save shows without waiting for the briefs' PDFs and the exports
    o.update_in_place = true;  // a rebuild moves in only the files that changed

    // Block the stop signals in every thread; the main thread waits for them with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    serve::PreviewServer server(o.out_dir);
    std::mutex build_mu;
    build::Session session;
    session.watched = true;  // by the watcher below
    // `changes`: what the watcher saw since the last rebuild (none for the first build).
    auto rebuild = [&](const serve::Watcher::Changes* changes) {
        std::lock_guard lock(build_mu);
        const auto t0 = std::chrono::steady_clock::now();
        const bool first = changes == nullptr;
        if (changes && changes->all) session.inputs_unknown();
        else if (changes) session.inputs_changed(changes->files);
        std::ostringstream log;
        const int rc = build::run(*tk, o, log, &session);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        if (rc == 0) {
            if (!o.quiet) std::cerr << log.str();
            std::cerr << (first ? "built" : "rebuilt") << " in " << ms << " ms\n";
            server.site_rebuilt();
            if (session.pending) {
                std::ostringstream brief_log;
                if (build::write_pending(*tk, o, brief_log, session) == 0) {
                    if (!o.quiet) std::cerr << brief_log.str();
                    const auto all = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
                    std::cerr << "briefs, data exports and search index followed: all written in " << all << " ms\n";
                    server.briefs_rebuilt();
                } else {
                    std::cerr << brief_log.str();
                }
            }
        } else {
            std::cerr << log.str() << "the last good site is still being served\n";
            server.build_failed(log.str());
        }
    };
    rebuild(nullptr);

    if (!server.start(a.bind, a.port, err)) {
        std::cerr << "sprout serve: " << err << "\n";
        return UsageError;
    }
    const std::string url = "http://" + (a.bind == "0.0.0.0" ? std::string("127.0.0.1") : a.bind) + ":" +
                            std::to_string(server.port()) + "/";
    std::vector<fs::path> roots = {tk->content_dir, fs::path(tk->root) / "templates", fs::path(tk->root) / "themes"};
    serve::Watcher watcher(roots, [&](const serve::Watcher::Changes& c) { rebuild(&c); });
    {
        // A save between the first build and the watcher's start was seen by neither.
        std::lock_guard lock(build_mu);
        session.inputs_unknown();
    }
    std::cerr << "serving " << o.out_dir << " at " << url << " (briefs: " << url << "__sprout/)\n"
              << "watching content/, templates/ and themes/" << (watcher.using_inotify() ? "" : " by polling")
              << "; press Ctrl-C to stop\n";
    if (a.bind != "127.0.0.1" && a.bind != "localhost" && a.bind != "::1")
        std::cerr << "warning: listening on " << a.bind << ": other machines on the network can see the preview\n";
    if (a.open) {
        const std::string cmd = "xdg-open '" + url + "' >/dev/null 2>&1 &";
        [[maybe_unused]] int rc = std::system(cmd.c_str());
    }
    std::cout.flush();

    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cerr << "\nstopping\n";
    server.stop();
    return Ok;
}

}  // namespace sprout::cli
