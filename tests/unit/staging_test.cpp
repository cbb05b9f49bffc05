// Output is staged and swapped in whole; a failed build leaves the previous site untouched.
#include <catch2/catch.hpp>

#include "output/staging.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;

TEST_CASE("commit replaces the site in one step", "[output]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    {
        output::Staging s(site);
        s.write("index.html", "one");
        s.write("a/b/c.html", "deep");
        CHECK_FALSE(fs::exists(site));
        s.commit();
    }
    CHECK(test::read(site / "index.html") == "one");
    {
        output::Staging s(site);
        s.write("index.html", "two");
        s.commit();
    }
    CHECK(test::read(site / "index.html") == "two");
    CHECK_FALSE(fs::exists(site / "a/b/c.html"));  // the old site is gone as a whole
    // No staging folders are left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 1);
}

TEST_CASE("an abandoned build leaves the previous site unchanged", "[output]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    {
        output::Staging s(site);
        s.write("index.html", "good");
        s.commit();
    }
    {
        output::Staging s(site);
        s.write("index.html", "half");
        // destroyed without commit, as when rendering throws
    }
    CHECK(test::read(site / "index.html") == "good");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 1);
}

TEST_CASE("paths that leave the site are refused", "[output][security]") {
    test::TempDir tmp;
    output::Staging s(tmp.path() / "site");
    CHECK_THROWS_WITH(s.write("../evil.html", "x"), Catch::Contains("outside the site"));
    CHECK_THROWS(s.write("/etc/evil", "x"));
    CHECK_THROWS(s.write("a/../../evil", "x"));
}

TEST_CASE("a failed build through the CLI leaves the previous site unchanged", "[output][build]") {
    test::TempDir tmp;
    test::write_starter(tmp.path());
    REQUIRE(test::run_sprout("build -q", tmp.path()).exit_code == 0);
    test::write(tmp.path() / "site/marker.txt", "previous build");
    test::write(tmp.path() / "content/actors/libraries.toml", "name = \"Libraries\"\nbroken = \n");
    const auto r = test::run_sprout("build -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("was not changed") != std::string::npos);
    CHECK(test::read(tmp.path() / "site/marker.txt") == "previous build");
}
