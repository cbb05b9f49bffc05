// Output is staged and swapped in whole; a failed build leaves the previous site untouched.
#include <catch2/catch.hpp>

#include "output/staging.hpp"
#include "web/web.hpp"
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

TEST_CASE("a file of the previous build is kept as a link only while it is as that build wrote it", "[output]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    output::Digests first;
    {
        output::Staging s(site);
        s.write("a/kept.html", "kept");
        s.write("edited.html", "as written");
        s.commit();
        first = s.digests();
    }
    test::write(site / "edited.html", "changed by hand");
    output::Staging s(site);
    s.reuse_from(first);
    CHECK(s.unchanged_since("a/kept.html"));
    CHECK_FALSE(s.unchanged_since("edited.html"));
    CHECK_FALSE(s.unchanged_since("never-written.html"));
    CHECK_FALSE(s.keep("edited.html"));
    s.link_kept("a/kept.html");
    CHECK(s.reused() == 1);
    CHECK(fs::equivalent(s.dir() / "a/kept.html", site / "a/kept.html"));  // the same file, not a copy
    CHECK(s.digests().at("a/kept.html") == first.at("a/kept.html"));
    s.commit();
    CHECK(test::read(site / "a/kept.html") == "kept");
    CHECK_FALSE(fs::exists(site / "edited.html"));  // not kept, not written
}

TEST_CASE("a file streamed in pieces gets the bytes and the digest of the same file written whole", "[output]") {
    test::TempDir tmp;
    // Pieces of awkward sizes, crossing the hash's block boundaries several times.
    std::string whole;
    std::vector<std::string> pieces;
    for (int i = 0; whole.size() < 3 * output::kFileHashBlock + 17; ++i) {
        pieces.push_back(std::string(static_cast<std::size_t>(1 + (i * 7919) % 40000), static_cast<char>('a' + i % 26)));
        whole += pieces.back();
    }
    output::Staging s(tmp.path() / "site");
    {
        auto stream = s.open("data/big.json");
        for (const auto& p : pieces) stream.append(p);
        stream.close();
        CHECK_THROWS_AS(stream.close(), std::logic_error);
    }
    s.write("data/whole.json", whole);
    {
        auto empty = s.open("data/empty.csv");
        empty.close();
    }
    const auto d = s.digests();
    CHECK(test::read(s.dir() / "data/big.json") == whole);
    CHECK(d.at("data/big.json").hash == d.at("data/whole.json").hash);
    CHECK(d.at("data/big.json").hash == output::file_hash(whole));
    CHECK(d.at("data/big.json").size == whole.size());
    CHECK(d.at("data/empty.csv").hash == output::file_hash(""));
    CHECK(output::file_hash(whole) != output::file_hash(whole + " "));
    CHECK_THROWS_WITH(s.open("../evil.json"), Catch::Contains("outside the site"));
}

TEST_CASE("an in-place commit moves in what was written, leaves what was kept, and removes what is gone", "[output]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    output::Digests first;
    {
        output::Staging s(site, output::Commit::InPlace);  // no previous build: swapped in whole
        s.write("a/kept.html", "kept");
        s.write("a/gone/old.html", "old");
        s.write("same.html", "same bytes");
        s.write("changed.html", "before");
        s.write("was-file", "a file");
        s.commit();
        first = s.digests();
    }
    test::write(site / "stray.txt", "put there by hand");
    {
        output::Staging s(site, output::Commit::InPlace);
        s.reuse_from(first);
        REQUIRE(s.keep("a/kept.html"));
        s.write("same.html", "same bytes");  // as before: left where it is
        s.write("changed.html", "after");
        s.write("was-file/now-folder.html", "new");
        s.write("new/page.html", "<a href=\"../changed.html\">x</a>");
        // Before the commit the site is as it was, and each new file is read from where it waits.
        CHECK(test::read(site / "changed.html") == "before");
        CHECK(test::read(s.staged_path("changed.html")) == "after");
        CHECK(s.staged_path("a/kept.html") == site / "a/kept.html");
        CHECK(s.reused() == 2);
        CHECK_NOTHROW(web::check_links(s));
        s.commit();
        CHECK(s.digests().at("a/kept.html") == first.at("a/kept.html"));
    }
    CHECK(test::read(site / "a/kept.html") == "kept");
    CHECK(test::read(site / "same.html") == "same bytes");
    CHECK(test::read(site / "changed.html") == "after");
    CHECK(test::read(site / "was-file/now-folder.html") == "new");
    CHECK(test::read(site / "new/page.html").find("changed.html") != std::string::npos);
    CHECK_FALSE(fs::exists(site / "a/gone"));  // the file, and the folder it leaves empty
    CHECK(fs::exists(site / "a"));
    CHECK(test::read(site / "stray.txt") == "put there by hand");  // not the build's: left alone
    // No staging folder is left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 1);
}
