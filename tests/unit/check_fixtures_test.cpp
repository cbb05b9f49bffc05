// Every bad input in tests/fixtures/bad gets its precise diagnostic and exit code, never a crash.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;

namespace {

void overlay(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::recursive_directory_iterator(from)) {
        if (!e.is_regular_file()) continue;
        const auto name = e.path().filename().string();
        if (name == "expected" || name == "remove") continue;
        const auto rel = fs::relative(e.path(), from);
        fs::create_directories((to / rel).parent_path());
        fs::copy_file(e.path(), to / rel, fs::copy_options::overwrite_existing);
    }
    if (fs::exists(from / "remove")) {
        std::istringstream in(read(from / "remove"));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) fs::remove(to / line);
    }
}

}  // namespace

TEST_CASE("every bad fixture gets its precise diagnostic and exit code", "[check][fixtures]") {
    const fs::path root = fs::path(SPROUT_FIXTURES) / "bad";
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 25);

    for (const auto& c : cases) {
        const std::string name = c.filename().string();
        DYNAMIC_SECTION(name) {
            TempDir tmp;
            write_starter(tmp.path());
            overlay(c, tmp.path());
            const bool strict = name.find("strict") != std::string::npos;
            const auto r = run_sprout(std::string("check -q") + (strict ? " --strict" : ""), tmp.path());

            std::istringstream expected(read(c / "expected"));
            std::string first;
            std::getline(expected, first);
            REQUIRE(first.rfind("exit ", 0) == 0);
            CHECK(r.exit_code == std::stoi(first.substr(5)));
            for (std::string line; std::getline(expected, line);) {
                if (line.empty()) continue;
                INFO("stderr was:\n" << r.err);
                CHECK(r.err.find(line + "\n") != std::string::npos);
            }
        }
    }
}

TEST_CASE("a symbolic link out of the content folder is refused", "[check][fixtures]") {
    TempDir tmp, outside;
    write_starter(tmp.path());
    write(outside.path() / "secret.toml", "name = \"x\"\nsummary = \"x\"\n");
    fs::create_symlink(outside.path() / "secret.toml", tmp.path() / "content/actors/leak.toml");
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/actors/leak.toml: error: symbolic link points outside the content folder") != std::string::npos);
}

TEST_CASE("an unreadable file is reported, not skipped", "[check][fixtures]") {
    if (geteuid() == 0) {
        // root reads everything; the permission check cannot be exercised.
        SUCCEED("skipped as root");
        return;
    }
    TempDir tmp;
    write_starter(tmp.path());
    fs::permissions(tmp.path() / "content/actors/libraries.toml", fs::perms::none);
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/actors/libraries.toml: error: cannot read file") != std::string::npos);
}

TEST_CASE("an empty content folder is an error, not a crash", "[check][fixtures]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "content");
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/site.toml: error: missing Site file") != std::string::npos);
}
