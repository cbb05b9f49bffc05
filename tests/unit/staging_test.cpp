// Output is staged and swapped in whole; a failed build leaves the previous site untouched.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <functional>
#include <map>
#include <unistd.h>

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

TEST_CASE("a range copied from a previous file gets its bytes, and a digest naming that file and range", "[output]") {
    test::TempDir tmp;
    std::string previous;
    for (int i = 0; previous.size() < 2 * output::kFileHashBlock + 100; ++i) previous += "record " + std::to_string(i) + ",";
    // On the site's file system (copied by the kernel) and, where there is one, on another
    // (copied through the process).
    std::vector<fs::path> sources{tmp.path() / "previous.json"};
    if (fs::is_directory("/dev/shm")) sources.push_back(fs::path("/dev/shm") / ("sprout-test-" + std::to_string(::getpid()) + ".json"));
    for (const auto& source_path : sources) {
        INFO(source_path);
        test::write(source_path, previous);
        const int source = ::open(source_path.c_str(), O_RDONLY | O_CLOEXEC);
        REQUIRE(source >= 0);
        output::Staging s(tmp.path() / ("site-" + std::to_string(source_path.string().size())));
        const auto copy = [&](const std::string& path, std::uint64_t from, std::uint64_t to, std::uint64_t source_hash) {
            auto stream = s.open(path);
            stream.append("[");
            const auto copied = stream.copy_from(source, from, to, source_hash);
            stream.append("]");
            CHECK(stream.size() == 2 + copied);
            stream.close();
            return copied;
        };
        const std::uint64_t from = 7, to = output::kFileHashBlock + 301;
        CHECK(copy("a.json", from, to, 1) == to - from);
        copy("same.json", from, to, 1);
        copy("other-source.json", from, to, 2);
        copy("other-range.json", from + 1, to, 1);
        const std::string expected = "[" + previous.substr(from, to - from) + "]";
        CHECK(test::read(s.dir() / "a.json") == expected);
        s.write("whole.json", expected);
        // A source that ends first gives what it has and says how much.
        CHECK(copy("short.json", previous.size() - 10, previous.size() + 50, 1) == 10);
        CHECK(test::read(s.dir() / "short.json") == "[" + previous.substr(previous.size() - 10) + "]");
        const auto d = s.digests();
        CHECK(d.at("a.json").size == expected.size());
        CHECK(d.at("a.json").hash == d.at("same.json").hash);
        CHECK(d.at("a.json").hash != d.at("other-source.json").hash);
        CHECK(d.at("a.json").hash != d.at("other-range.json").hash);
        CHECK(d.at("a.json").hash != d.at("whole.json").hash);  // a later build may write it again, never wrongly keep it
        ::close(source);
        if (source_path.string().starts_with("/dev/shm")) fs::remove(source_path);
    }
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

namespace {

using Files = std::map<std::string, std::string>;

// One build of `files` with a spare, as build::run makes one: what is unchanged since
// `previous` is kept (without its bytes, or by writing the same bytes), the rest written.
struct Built {
    output::Digests record;
    bool recycled = false;
};
Built build_files(const fs::path& site, const output::Digests& previous, const Files& files,
                  output::Commit how = output::Commit::Swap,
                  const std::function<void(const output::Staging&)>& before_commit = {}) {
    output::Staging s(site, how, site.parent_path() / ".spare");
    if (!previous.empty()) s.reuse_from(previous);
    bool by_bytes = false;  // alternately kept unrendered and written with the same bytes
    for (const auto& [path, bytes] : files) {
        const auto it = previous.find(path);
        by_bytes = !by_bytes;
        if (!by_bytes && it != previous.end() && it->second.hash == output::file_hash(bytes) && s.keep(path)) continue;
        s.write(path, bytes);
    }
    if (before_commit) before_commit(s);
    s.commit();
    return {s.digests(), s.recycled()};
}

// Every file under `dir` with its bytes, and every folder that holds no file.
Files files_in(const fs::path& dir) {
    Files out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string rel = fs::relative(e.path(), dir).generic_string();
        if (e.is_regular_file()) out[rel] = test::read(e.path());
        else if (e.is_directory() && fs::is_empty(e.path())) out[rel + "/"] = "(empty folder)";
    }
    return out;
}

// Two builds: `one`, then the same files with index.html changed, so that a spare holding
// the rest is left beside the site.
struct TwoBuilds {
    Files one, two;
    Built first, second;
};
TwoBuilds two_builds(const fs::path& site, Files one) {
    TwoBuilds b{std::move(one), {}, {}, {}};
    b.two = b.one;
    b.two["index.html"] = "2";
    b.first = build_files(site, {}, b.one);
    b.second = build_files(site, b.first.record, b.two);
    return b;
}

}  // namespace

TEST_CASE("a swap leaves the site it replaced as a spare the next build starts from", "[output][spare]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", spare = tmp.path() / ".spare";
    const Files one{{"index.html", "1"},       {"a/stable.html", "stable"},     {"a/kept.html", "kept"},
                    {"a/b/deep.html", "deep"}, {"gone.html", "gone"},           {"file-then-folder", "f"},
                    {"folder-then-file/x.html", "x"}};
    const auto first = build_files(site, {}, one);
    CHECK_FALSE(first.recycled);
    CHECK_FALSE(fs::exists(spare));  // nothing of the site before it was kept: nothing to spare

    Files two = one;
    two["index.html"] = "2";
    two.erase("gone.html");
    two["new.html"] = "new";
    const auto second = build_files(site, first.record, two);
    CHECK_FALSE(second.recycled);
    CHECK(files_in(site) == two);
    // The spare holds the files the new site kept from the old, as the very same files.
    const Files shared{{"a/stable.html", "stable"}, {"a/kept.html", "kept"}, {"a/b/deep.html", "deep"},
                       {"file-then-folder", "f"}, {"folder-then-file/x.html", "x"}};
    CHECK(files_in(spare) == shared);
    for (const auto& [path, bytes] : shared) CHECK(fs::equivalent(spare / path, site / path));
    CHECK(fs::exists(tmp.path() / ".spare.list"));

    Files three = two;
    three["index.html"] = "3";                 // written again
    three["a/kept.html"] = "kept, changed";    // in the spare as a link to the live site's
    three.erase("a/b/deep.html");              // and its folder with it
    three.erase("file-then-folder");
    three["file-then-folder/y.html"] = "y";
    three.erase("folder-then-file/x.html");
    three["folder-then-file"] = "now a file";  // new.html: written by the last build, not in the spare
    const auto third = build_files(site, second.record, three, output::Commit::Swap, [&](const output::Staging& s) {
        CHECK(s.recycled());
        CHECK_FALSE(fs::exists(spare));
        // Nothing written reached the live site through the spare's links.
        CHECK(files_in(site) == two);
    });
    CHECK(third.recycled);
    CHECK(files_in(site) == three);
    // Unchanged again: every file but those the last build wrote is in place.
    const auto fourth = build_files(site, third.record, three);
    CHECK(fourth.recycled);
    CHECK(files_in(site) == three);
    CHECK(fourth.record == third.record);
    for (const auto& [path, bytes] : three) CHECK(fs::equivalent(spare / path, site / path));
}

TEST_CASE("a spare is taken up only by a build starting from the record it was left for", "[output][spare]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", spare = tmp.path() / ".spare";
    const auto [one, two, first, second] = two_builds(site, {{"index.html", "1"}, {"a/kept.html", "kept"}});
    REQUIRE(fs::exists(spare));

    SECTION("another record") {
        // As when another build came between: the spare no longer matches the site.
        const auto again = build_files(site, first.record, one);
        CHECK_FALSE(again.recycled);
        CHECK(files_in(site) == one);
        CHECK(files_in(spare) == Files{{"a/kept.html", "kept"}});  // the stale spare went; a new one is left
    }
    SECTION("an in-place build") {
        build_files(site, second.record, one, output::Commit::InPlace);
        CHECK(files_in(site) == one);
        CHECK_FALSE(fs::exists(spare));
        CHECK_FALSE(fs::exists(tmp.path() / ".spare.list"));
    }
    SECTION("a build without a previous one") {
        build_files(site, {}, two);
        CHECK(files_in(site) == two);
        CHECK_FALSE(fs::exists(spare));
    }
    SECTION("a build that fails after taking it up") {
        {
            output::Staging s(site, output::Commit::Swap, spare);
            s.reuse_from(second.record);
            REQUIRE(s.recycled());
            s.write("index.html", "half");
        }  // destroyed without commit, as when rendering throws
        CHECK(files_in(site) == two);
        const auto next = build_files(site, second.record, one);
        CHECK_FALSE(next.recycled);
        CHECK(files_in(site) == one);
    }
    // No staging folder is left behind in any case.
    for (const auto& e : fs::directory_iterator(tmp.path()))
        CHECK(e.path().filename().string().find("staging") == std::string::npos);
}

TEST_CASE("hand edits to the site or the spare are never published", "[output][spare]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", spare = tmp.path() / ".spare";
    const auto [one, two, first, second] =
        two_builds(site, {{"index.html", "1"}, {"a/stable.html", "stable"}, {"b/other.html", "other"}, {"c/third.html", "third"}});
    REQUIRE(fs::equivalent(spare / "a/stable.html", site / "a/stable.html"));

    // Edited in place, as some editors save: the spare's copy is the same file, edited too.
    {
        const int fd = ::open((site / "a/stable.html").c_str(), O_WRONLY | O_TRUNC);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, "by hand", 7) == 7);
        ::close(fd);
    }
    test::write(site / "stray.html", "added by hand");
    fs::remove(spare / "b/other.html");
    fs::remove(spare / "c/third.html");
    test::write(spare / "c/third.html", "tampered");
    const auto third = build_files(site, second.record, two);
    CHECK(third.recycled);
    CHECK(files_in(site) == two);
    // The stray file went to the spare with the rest of the old site, and was pruned there.
    build_files(site, third.record, two);
    CHECK(files_in(site) == two);
    CHECK_FALSE(fs::exists(spare / "stray.html"));
}

TEST_CASE("a symbolic link put in the spare is never kept in place of the site's file", "[output][spare][security]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", spare = tmp.path() / ".spare";
    const auto [one, two, first, second] = two_builds(site, {{"index.html", "1"}, {"a/page.html", "the page"}});
    REQUIRE(fs::exists(spare / "a/page.html"));
    // Elsewhere, a file of the same size and mtime as the page.
    const auto elsewhere = tmp.path() / "secret.txt";
    test::write(elsewhere, "a secret");
    fs::last_write_time(elsewhere, fs::last_write_time(spare / "a/page.html"));
    fs::remove(spare / "a/page.html");
    fs::create_symlink(elsewhere, spare / "a/page.html");
    build_files(site, second.record, two);
    CHECK(files_in(site) == two);
    CHECK_FALSE(fs::is_symlink(site / "a/page.html"));
}
