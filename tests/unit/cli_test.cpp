// The command line: help, version, usage errors, JSON diagnostics, init and new.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;

TEST_CASE("help and version", "[cli]") {
    auto r = run_sprout("--help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("check") != std::string::npos);
    CHECK(r.out.find("Exit codes") != std::string::npos);
    r = run_sprout("check --help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--strict") != std::string::npos);
    r = run_sprout("--version");
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("sprout ", 0) == 0);
}

TEST_CASE("bad arguments get a one-line error, the usage and exit 2", "[cli]") {
    auto r = run_sprout("frobnicate");
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("sprout: ", 0) == 0);
    r = run_sprout("check --format xml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Usage") != std::string::npos);
    r = run_sprout("check /no/such/folder");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "sprout check: '/no/such/folder' is not a folder\n");
    r = run_sprout("new widget x");
    CHECK(r.exit_code == 2);
    r = run_sprout("new intervension x");
    CHECK(r.err.find("did you mean 'intervention'?") != std::string::npos);
}

TEST_CASE("init creates a toolkit that checks clean, and new records check clean in it", "[cli][init]") {
    TempDir tmp;
    auto r = run_sprout("init '" + (tmp.path() / "tk").string() + "'");
    REQUIRE(r.exit_code == 0);
    r = run_sprout("check --strict", tmp.path() / "tk");
    CHECK(r.exit_code == 0);
    INFO(r.err);

    for (const char* kind : {"source", "nation", "policy", "actor", "audience", "area", "service-type", "evidence-scale",
                             "intervention", "recommendation", "example", "statistic", "term", "page"}) {
        DYNAMIC_SECTION(kind) {
            r = run_sprout(std::string("new ") + kind + " new-" + kind, tmp.path() / "tk");
            REQUIRE(r.exit_code == 0);
            r = run_sprout("check", tmp.path() / "tk");
            INFO(r.err);
            CHECK(r.exit_code == 0);
        }
    }
    // Running init again must not clobber the toolkit.
    r = run_sprout("init '" + (tmp.path() / "tk").string() + "'");
    CHECK(r.exit_code == 2);
}

TEST_CASE("new refuses to overwrite and rejects unsafe ids", "[cli][new]") {
    TempDir tmp;
    write_starter(tmp.path());
    auto r = run_sprout("new intervention shared-reading", tmp.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("already exists") != std::string::npos);
    r = run_sprout("new intervention ../escape", tmp.path());
    CHECK(r.exit_code == 2);
    CHECK(!fs::exists(tmp.path() / "content/escape.toml"));
}

TEST_CASE("check --format json prints one array with positions", "[cli][json]") {
    TempDir tmp;
    write_starter(tmp.path());
    write(tmp.path() / "content/actors/libraries.toml", "name = \"Libraries\"\nsumary = \"x\"\n");
    const auto r = run_sprout("check --format json", tmp.path());
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 1);
    CHECK(j[0]["file"] == "content/actors/libraries.toml");
    CHECK(j[0]["line"] == 2);
    CHECK(j[0]["column"] == 1);
    CHECK(j[0]["severity"] == "error");
    CHECK(j[0]["field"] == "sumary");
    CHECK(j[0]["hint"] == "did you mean 'summary'?");
}

TEST_CASE("check accepts a toolkit folder or its content folder", "[cli]") {
    TempDir tmp;
    write_starter(tmp.path());
    CHECK(run_sprout("check '" + tmp.path().string() + "'").exit_code == 0);
    CHECK(run_sprout("check content", tmp.path()).exit_code == 0);
}
