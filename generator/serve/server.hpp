#pragma once
// The preview server: serves the built site folder (and nothing else) with live reload, and
// shows build errors as an overlay while the last good site stays up.
#include <filesystem>
#include <memory>
#include <string>

namespace sprout::serve {

class PreviewServer {
public:
    explicit PreviewServer(std::filesystem::path site_dir);
    ~PreviewServer();
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    // Binds (port 0 picks a free port) and serves on a background thread. False with `error` set on failure.
    bool start(const std::string& bind, int port, std::string& error);
    int port() const;
    void stop();

    // After a successful rebuild: every open page reloads.
    void site_rebuilt();
    // After the briefs and the rest were written after the pages (build::write_pending): open
    // brief pages reload (all pages, for a page that missed the rebuild before).
    void briefs_rebuilt();
    // After a failed rebuild: every open page shows `message` (plain text, one problem per line).
    void build_failed(const std::string& message);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The script every served HTML page gets; it listens for rebuilds and shows error overlays.
extern const char* const live_reload_js;

}  // namespace sprout::serve
