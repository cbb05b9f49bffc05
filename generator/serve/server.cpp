#include "serve/server.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <httplib.h>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "markdown/markdown.hpp"
#include "serve/paths.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::serve {

namespace {

// Every open page holds a live-reload stream, and a stream holds one of the server's worker
// threads for as long as the page is open. With httplib's default of 8 workers, 8 open tabs
// left none for pages. So: more workers, and a cap on streams that always leaves some free.
constexpr std::size_t kWorkers = 64;
constexpr int kMaxStreams = 48;

// `generation`: the site's as the page was read, so that a page read just before a rebuild
// finished, whose stream opens just after, still hears of it.
std::string with_live_reload(std::string html, std::uint64_t generation) {
    const auto pos = html.rfind("</body>");
    html.insert(pos == std::string::npos ? html.size() : pos,
                "<script src=\"/__sprout/live.js\" data-since=\"" + std::to_string(generation) + "\" defer></script>");
    return html;
}

}  // namespace

struct PreviewServer::Impl {
    fs::path site;
    httplib::Server http;
    std::thread thread;
    int bound_port = 0;

    // Live state: a generation number bumped on every rebuild, and the current failure (if any).
    std::mutex mu;
    std::condition_variable changed;
    std::uint64_t generation = 0;
    std::uint64_t site_generation = 0;  // the last generation that was more than the briefs
    std::string failure;  // empty when the last build succeeded
    bool stopping = false;
    int streams = 0;  // open live-reload streams

    std::string error_page() {
        std::lock_guard lock(mu);
        return with_live_reload("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error</title></head>"
                                "<body><h1>Sprout could not build the site</h1><pre>" +
                                    markdown::escape_html(failure) + "</pre></body></html>",
                                generation);
    }

    void serve_file(const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        const auto read_at = current_generation();  // before reading: a rebuild after it reloads the page
        auto file = resolve_request(site, req.path);
        std::string data;
        if (file) {
            if (auto d = text::read_file(file->string())) data = std::move(*d);
            else file.reset();
        }
        if (!file) {
            bool no_site = false;
            {
                std::lock_guard lock(mu);
                no_site = !failure.empty() && !fs::exists(site / "index.html");
            }
            if (no_site) {
                res.status = 500;
                res.set_content(error_page(), "text/html; charset=utf-8");
                return;
            }
            res.status = 404;
            auto page = text::read_file((site / "404.html").string());
            res.set_content(with_live_reload(page ? *page : "<!doctype html><title>Not found</title><h1>Not found</h1></body>", read_at),
                            "text/html; charset=utf-8");
            return;
        }
        const std::string type = content_type(*file);
        if (type.starts_with("text/html")) data = with_live_reload(std::move(data), read_at);
        res.set_content(std::move(data), type);
    }

    std::uint64_t current_generation() {
        std::lock_guard lock(mu);
        return generation;
    }

    // `since`: the generation the page was read at (with_live_reload), if it says.
    void events(const std::string& since, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        std::uint64_t seen = 0;
        std::uint64_t page_at = std::numeric_limits<std::uint64_t>::max();
        std::from_chars(since.data(), since.data() + since.size(), page_at);
        {
            std::lock_guard lock(mu);
            if (streams >= kMaxStreams) {
                // The page still works; it just does not reload by itself.
                res.status = 503;
                res.set_content("too many open pages are listening for reloads\n", "text/plain");
                return;
            }
            ++streams;
            seen = std::min(page_at, generation);  // a server started again counts from 0
        }
        res.set_chunked_content_provider("text/event-stream", [this, seen, first = true](std::size_t, httplib::DataSink& sink) mutable {
            std::unique_lock lock(mu);
            if (first) {
                // A page that opens while the build is broken shows the overlay at once.
                first = false;
                const std::string msg = failure.empty() ? "event: ok\ndata: {}\n\n"
                                                        : "event: failed\ndata: " + nlohmann::json{{"message", failure}}.dump() + "\n\n";
                lock.unlock();
                return sink.write(msg.data(), msg.size());
            }
            changed.wait_for(lock, std::chrono::seconds(15), [&] { return stopping || generation != seen; });
            if (stopping) return false;
            std::string msg;
            if (generation == seen) {
                msg = ": keep-alive\n\n";
            } else {
                // Only the briefs changed since this page last heard: only brief pages reload.
                const bool briefs_only = site_generation <= seen;
                seen = generation;
                msg = !failure.empty() ? "event: failed\ndata: " + nlohmann::json{{"message", failure}}.dump() + "\n\n"
                      : briefs_only    ? "event: reload\ndata: {\"only\":\"/briefs/\"}\n\n"
                                       : "event: reload\ndata: {}\n\n";
            }
            lock.unlock();
            return sink.write(msg.data(), msg.size());
        }, [this](bool) {
            std::lock_guard lock(mu);
            --streams;
        });
    }

    void preview_index(httplib::Response& res) {
        const auto read_at = current_generation();
        std::string list;
        std::error_code ec;
        std::vector<std::string> names;
        for (fs::directory_iterator it(site / "briefs", ec), end; !ec && it != end; it.increment(ec))
            names.push_back(it->path().filename().string());
        std::sort(names.begin(), names.end());
        for (const auto& n : names)
            list += "<li><a href=\"/briefs/" + markdown::escape_html(n) + "\">" + markdown::escape_html(n) + "</a></li>";
        res.set_header("Cache-Control", "no-store");
        res.set_content(with_live_reload("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview: briefs</title>"
                                         "</head><body><h1>Preview: briefs</h1><p><a href=\"/\">Site home</a></p><ul>" +
                                         list + "</ul></body></html>", read_at),
                        "text/html; charset=utf-8");
    }
};

PreviewServer::PreviewServer(fs::path site_dir) : impl_(std::make_unique<Impl>()) {
    impl_->site = std::move(site_dir);
    auto& h = impl_->http;
    h.Get("/__sprout/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(live_reload_js, "text/javascript; charset=utf-8");
    });
    h.Get("/__sprout/events", [this](const httplib::Request& req, httplib::Response& res) {
        impl_->events(req.get_param_value("since"), res);
    });
    h.Get("/__sprout/", [this](const httplib::Request&, httplib::Response& res) { impl_->preview_index(res); });
    h.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { impl_->serve_file(req, res); });
    auto refuse = [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        res.set_content("Method not allowed\n", "text/plain");
    };
    h.Post(".*", refuse);
    h.Put(".*", refuse);
    h.Delete(".*", refuse);
    h.Patch(".*", refuse);
    h.Options(".*", refuse);
    h.set_payload_max_length(64 * 1024);
    h.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
}

PreviewServer::~PreviewServer() { stop(); }

bool PreviewServer::start(const std::string& bind, int port, std::string& error) {
    auto& h = impl_->http;
    if (port == 0) impl_->bound_port = h.bind_to_any_port(bind);
    else impl_->bound_port = h.bind_to_port(bind, port) ? port : -1;
    if (impl_->bound_port <= 0) {
        error = "cannot listen on " + bind + ":" + std::to_string(port) + " (in use, or not an address of this machine)";
        return false;
    }
    impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
    return true;
}

int PreviewServer::port() const { return impl_->bound_port; }

void PreviewServer::stop() {
    {
        std::lock_guard lock(impl_->mu);
        impl_->stopping = true;
    }
    impl_->changed.notify_all();
    impl_->http.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

void PreviewServer::site_rebuilt() {
    {
        std::lock_guard lock(impl_->mu);
        impl_->failure.clear();
        impl_->site_generation = ++impl_->generation;
    }
    impl_->changed.notify_all();
}

void PreviewServer::briefs_rebuilt() {
    {
        std::lock_guard lock(impl_->mu);
        if (!impl_->failure.empty()) return;  // the overlay stays until the content is fixed
        ++impl_->generation;
    }
    impl_->changed.notify_all();
}

void PreviewServer::build_failed(const std::string& message) {
    {
        std::lock_guard lock(impl_->mu);
        impl_->failure = message.empty() ? "build failed" : message;
        impl_->site_generation = ++impl_->generation;
    }
    impl_->changed.notify_all();
}

}  // namespace sprout::serve
