// The incremental build cache (build/cache.hpp): whatever happened since the last build, an
// incremental build must give byte for byte the site a clean build gives.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <sstream>

#include "build/build.hpp"
#include "build/cache.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;
using namespace sprout::test;

namespace {

using Snapshot = std::map<std::string, std::string>;  // relative path → contents ("/" for a folder)

Snapshot snapshot(const fs::path& dir) {
    Snapshot s;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        s[fs::relative(e.path(), dir).string()] = e.is_directory() ? std::string("/") : read(e.path());
    return s;
}

struct Fixture {
    TempDir tmp;
    fs::path tk = tmp.path() / "tk";
    fs::path site = tmp.path() / "site";        // built incrementally throughout
    fs::path clean = tmp.path() / "clean-site";  // built from scratch to compare with

    Fixture() { write_starter(tk); }

    std::string build(const fs::path& out, bool incremental) {
        std::string err;
        const auto toolkit = load::locate(tk.string(), err);
        REQUIRE(toolkit);
        build::Options o;
        o.out_dir = out.string();
        o.incremental = incremental;
        std::ostringstream log;
        REQUIRE(build::run(*toolkit, o, log) == 0);
        return log.str();
    }

    // Builds incrementally, then from scratch, and requires the two sites to be identical.
    std::string build_and_compare() {
        const std::string log = build(site, true);
        fs::remove_all(clean);
        build(clean, false);
        REQUIRE(snapshot(site) == snapshot(clean));
        return log;
    }
};

}  // namespace

TEST_CASE("a rebuild with nothing changed is a no-op that leaves the site as it was", "[build-cache]") {
    Fixture f;
    f.build_and_compare();
    const auto before = snapshot(f.site);
    const auto log = f.build(f.site, true);
    CHECK(log.find("is up to date") != std::string::npos);
    CHECK(snapshot(f.site) == before);
}

TEST_CASE("touching a file without changing it is still a no-op", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    write(rec, read(rec));
    CHECK(f.build(f.site, true).find("is up to date") != std::string::npos);
}

TEST_CASE("after a record edit the incremental build equals a clean build and reuses unchanged files",
          "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    std::string text = read(rec);
    const auto at = text.find("Carers and children");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, "Parents");
    write(rec, text);
    const auto log = f.build_and_compare();
    CHECK(log.find("is up to date") == std::string::npos);
    CHECK(read(f.site / "interventions/shared-reading.html").find("Parents and children") != std::string::npos);
    CHECK(log.find(" unchanged, linked from the previous site") != std::string::npos);
    CHECK(log.find("(0 unchanged") == std::string::npos);  // theme files at least were reused
}

TEST_CASE("after a record is deleted the incremental build equals a clean build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    REQUIRE(fs::exists(f.site / "examples/example-town-library.html"));
    fs::remove(f.tk / "content/examples/example-town-library.toml");
    f.build_and_compare();
    CHECK_FALSE(fs::exists(f.site / "examples/example-town-library.html"));
}

TEST_CASE("after a template changes the incremental build equals a clean build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const std::string layout = read(fs::path(SPROUT_SOURCE_DIR) / "templates/layout.mustache");
    write(f.tk / "templates/layout.mustache", layout + "<!-- changed layout -->\n");
    f.build_and_compare();
    CHECK(read(f.site / "index.html").find("<!-- changed layout -->") != std::string::npos);
    // And back to the built-in template.
    fs::remove(f.tk / "templates/layout.mustache");
    f.build_and_compare();
    CHECK(read(f.site / "index.html").find("<!-- changed layout -->") == std::string::npos);
}

TEST_CASE("a site changed by hand is rebuilt, never reused or trusted", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    // Same size, different bytes: only the mtime tells.
    std::string index = read(f.site / "index.html");
    index[index.size() / 2] = index[index.size() / 2] == 'x' ? 'y' : 'x';
    write(f.site / "index.html", index);
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);

    fs::remove(f.site / "interventions/shared-reading.html");
    f.build_and_compare();
}

TEST_CASE("a missing or damaged cache means a full build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path cache = build::cache_path(f.site);
    REQUIRE(fs::exists(cache));
    std::string text = read(cache);
    write(cache, text.substr(0, text.size() / 2));
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);
    fs::remove(cache);
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);
    CHECK(fs::exists(cache));
}

TEST_CASE("the manifest round-trips", "[build-cache]") {
    TempDir tmp;
    build::Manifest m;
    m.key = "sprout 1 exe 2:3 strict";
    m.scanned_at_ns = 1234567890123;
    m.inputs = {{"/a b/c.toml", 10, 20, 0xabcdef}, {"/z.toml", 1, 2, 3}};
    m.outputs["index.html"] = {0x1234, 5, 6};
    m.outputs["x y/z.html"] = {7, 8, 9};
    m.log = "content/a.toml:1:1: warning: something\nline two\n";
    const fs::path file = tmp.path() / ".site.sprout-cache";
    build::save_manifest(file, m);
    const auto back = build::load_manifest(file);
    REQUIRE(back);
    CHECK(back->key == m.key);
    CHECK(back->scanned_at_ns == m.scanned_at_ns);
    CHECK(back->inputs == m.inputs);
    CHECK(back->outputs == m.outputs);
    CHECK(back->log == m.log);
}
