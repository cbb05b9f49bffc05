// The preview server serves the site folder and nothing else, and reloads pages on rebuild.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>
#include <httplib.h>

#include "serve/paths.hpp"
#include "serve/server.hpp"
#include "serve/watcher.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;

namespace {

struct SiteFixture {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site";
    SiteFixture() {
        test::write(site / "index.html", "<!doctype html><html><body><h1>Home</h1></body></html>");
        test::write(site / "a/index.html", "<!doctype html><html><body>A</body></html>");
        test::write(site / "404.html", "<!doctype html><html><body>Custom not found</body></html>");
        test::write(site / "style.css", "body{}");
        test::write(tmp.path() / "secret.txt", "do not serve");
    }
};

}  // namespace

TEST_CASE("request paths resolve only inside the site", "[serve][security]") {
    SiteFixture f;
    CHECK(serve::resolve_request(f.site, "/") == fs::canonical(f.site / "index.html"));
    CHECK(serve::resolve_request(f.site, "/a/") == fs::canonical(f.site / "a/index.html"));
    CHECK(serve::resolve_request(f.site, "/a") == fs::canonical(f.site / "a/index.html"));
    CHECK(serve::resolve_request(f.site, "/style.css"));
    CHECK_FALSE(serve::resolve_request(f.site, "/../secret.txt"));
    CHECK_FALSE(serve::resolve_request(f.site, "/a/../../secret.txt"));
    CHECK_FALSE(serve::resolve_request(f.site, "/..\\secret.txt"));
    CHECK_FALSE(serve::resolve_request(f.site, "relative"));
    CHECK_FALSE(serve::resolve_request(f.site, std::string_view("/index.html\0x", 13)));
    CHECK_FALSE(serve::resolve_request(f.site, "/missing.html"));
    fs::create_symlink(f.tmp.path() / "secret.txt", f.site / "link.txt");
    CHECK_FALSE(serve::resolve_request(f.site, "/link.txt"));
}

TEST_CASE("the server refuses traversal, other methods and serves the 404 page", "[serve][security]") {
    SiteFixture f;
    serve::PreviewServer server(f.site);
    std::string err;
    REQUIRE(server.start("127.0.0.1", 0, err));
    httplib::Client cli("127.0.0.1", server.port());

    auto home = cli.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->body.find("/__sprout/live.js") != std::string::npos);
    CHECK(home->get_header_value("Cache-Control") == "no-store");
    CHECK(cli.Get("/style.css")->get_header_value("Content-Type") == "text/css; charset=utf-8");

    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "/a/%2e%2e/%2e%2e/secret.txt",
                             "/..%2fsecret.txt", "/..%5csecret.txt", "/%2e%2e%5csecret.txt", "//etc/passwd"}) {
        INFO(path);
        auto r = cli.Get(path);
        REQUIRE(r);
        CHECK(r->status != 200);
        CHECK(r->body.find("do not serve") == std::string::npos);
    }
    auto missing = cli.Get("/nope.html");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("Custom not found") != std::string::npos);

    auto post = cli.Post("/", "x", "text/plain");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(cli.Delete("/index.html")->status == 405);
    CHECK(cli.Put("/index.html", "x", "text/plain")->status == 405);
    CHECK(fs::exists(f.site / "index.html"));
    server.stop();
}

TEST_CASE("live reload: a rebuild is announced, a failure shows and clears", "[serve]") {
    SiteFixture f;
    serve::PreviewServer server(f.site);
    std::string err;
    REQUIRE(server.start("127.0.0.1", 0, err));
    CHECK(httplib::Client("127.0.0.1", server.port()).Get("/__sprout/live.js")->body.find("EventSource") != std::string::npos);

    std::string received;
    std::atomic<bool> done{false};
    std::thread listener([&] {
        httplib::Client cli("127.0.0.1", server.port());
        cli.set_read_timeout(5, 0);
        cli.Get("/__sprout/events", [&](const char* data, std::size_t len) {
            received.append(data, len);
            return received.find("event: reload") == std::string::npos;
        });
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.build_failed("content/x.toml:3:1: error: field 'sumary': unknown field");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.site_rebuilt();
    listener.join();
    CHECK(received.find("event: ok") != std::string::npos);
    CHECK(received.find("event: failed") != std::string::npos);
    CHECK(received.find("sumary") != std::string::npos);
    CHECK(received.find("event: reload") != std::string::npos);
    server.stop();
}

TEST_CASE("the watcher coalesces a burst of 100 saves", "[serve][watch]") {
    test::TempDir tmp;
    std::atomic<int> calls{0};
    serve::Watcher w({tmp.path()}, [&](const serve::Watcher::Changes&) { ++calls; }, std::chrono::milliseconds(150));
    for (int i = 0; i < 100; ++i) test::write(tmp.path() / ("f" + std::to_string(i % 7) + ".toml"), std::to_string(i));
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    CHECK(calls >= 1);
    CHECK(calls <= 2);
    const int before = calls;
    test::write(tmp.path() / "later.toml", "x");
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(calls == before + 1);
}

TEST_CASE("the watcher sees saves in folders made after it started, and names the files saved", "[serve][watch]") {
    // Only a new folder makes the watcher walk the tree again for folders to watch. Each burst
    // names the files it saw, so that a build looks at those alone; a new folder's files are
    // not named one by one, so that burst says every file must be looked at.
    test::TempDir tmp;
    std::mutex mu;
    std::vector<serve::Watcher::Changes> bursts;
    serve::Watcher w({tmp.path() / "."}, [&](const serve::Watcher::Changes& c) {
        std::lock_guard lock(mu);
        bursts.push_back(c);
    }, std::chrono::milliseconds(100));
    REQUIRE(w.using_inotify());
    const auto wait_for = [&](std::size_t n) {
        for (int i = 0; i < 50; ++i) {
            {
                std::lock_guard lock(mu);
                if (bursts.size() >= n) return bursts.size();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
        std::lock_guard lock(mu);
        return bursts.size();
    };
    std::filesystem::create_directories(tmp.path() / "new/deeper");
    REQUIRE(wait_for(1) == 1);
    CHECK(bursts[0].all);
    const auto root = std::filesystem::absolute(tmp.path()).lexically_normal().string();
    test::write(tmp.path() / "new/deeper/record.toml", "x");
    REQUIRE(wait_for(2) == 2);
    CHECK_FALSE(bursts[1].all);
    CHECK(std::count(bursts[1].files.begin(), bursts[1].files.end(), root + "/new/deeper/record.toml") > 0);
    test::write(tmp.path() / "new/record.toml", "x");
    std::filesystem::remove(tmp.path() / "new/deeper/record.toml");
    REQUIRE(wait_for(3) == 3);
    CHECK_FALSE(bursts[2].all);
    CHECK(std::count(bursts[2].files.begin(), bursts[2].files.end(), root + "/new/record.toml") > 0);
    CHECK(std::count(bursts[2].files.begin(), bursts[2].files.end(), root + "/new/deeper/record.toml") > 0);
    std::filesystem::remove_all(tmp.path() / "new/deeper");
    REQUIRE(wait_for(4) == 4);
    CHECK(bursts[3].all);
}
