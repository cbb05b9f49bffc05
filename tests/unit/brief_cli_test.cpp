// `sprout brief` and the briefs of `sprout build`, run as a user would, on the starter toolkit.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace sprout;
namespace fs = std::filesystem;

TEST_CASE("sprout brief --list shows every combination", "[brief][cli]") {
    test::TempDir tk;
    test::write_starter(tk.path());
    const auto r = test::run_sprout("brief --list", tk.path());
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("example-nation\tlibrary-leaders\t-\tbriefs/example-nation-library-leaders.pdf") != std::string::npos);
    CHECK(r.out.find("example-nation\tlibrary-leaders\texample-town\tbriefs/example-nation-library-leaders-example-town.pdf") !=
          std::string::npos);
}

TEST_CASE("sprout brief refuses unknown ids with the closest one and exit code 2", "[brief][cli]") {
    test::TempDir tk;
    test::write_starter(tk.path());
    auto r = test::run_sprout("brief --nation example-natoin --audience library-leaders", tk.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown nation 'example-natoin'; did you mean 'example-nation'?") != std::string::npos);
    r = test::run_sprout("brief --nation example-nation --audience libary-leaders", tk.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean 'library-leaders'?") != std::string::npos);
    r = test::run_sprout("brief --nation example-nation --audience library-leaders --area nowhere-at-all-like-this", tk.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown area") != std::string::npos);
    r = test::run_sprout("brief --audience library-leaders", tk.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--nation") != std::string::npos);
}

TEST_CASE("sprout brief writes one PDF, or its HTML twin, and leaves no temporary file", "[brief][cli]") {
    test::TempDir tk;
    test::write_starter(tk.path());
    auto r = test::run_sprout("brief --nation example-nation --audience library-leaders", tk.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string pdf = test::read(tk.path() / "example-nation-library-leaders.pdf");
    CHECK(pdf.rfind("%PDF-1.4", 0) == 0);
    CHECK(r.err.find("wrote example-nation-library-leaders.pdf") != std::string::npos);

    r = test::run_sprout("brief --area example-town --audience library-leaders -o out/town.html", tk.path());
    CHECK(r.exit_code == 1);  // the folder does not exist
    fs::create_directories(tk.path() / "out");
    r = test::run_sprout("brief --area example-town --audience library-leaders -o out/town.html", tk.path());
    REQUIRE(r.exit_code == 0);
    const std::string html = test::read(tk.path() / "out" / "town.html");
    CHECK(html.find("<!DOCTYPE html>") == 0);
    CHECK(html.find("Example Town") != std::string::npos);
    for (const auto& e : fs::directory_iterator(tk.path() / "out")) CHECK(e.path().filename() == "town.html");

    // The same brief twice is the same bytes.
    r = test::run_sprout("brief --nation example-nation --audience library-leaders -o again.pdf", tk.path());
    REQUIRE(r.exit_code == 0);
    CHECK(test::read(tk.path() / "again.pdf") == pdf);
}

TEST_CASE("sprout build writes every brief with its HTML twin under site/briefs", "[brief][cli]") {
    test::TempDir tk;
    test::write_starter(tk.path());
    const auto r = test::run_sprout("build", tk.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("wrote 2 briefs") != std::string::npos);
    for (const char* f : {"example-nation-library-leaders.pdf", "example-nation-library-leaders.html",
                          "example-nation-library-leaders-example-town.pdf", "example-nation-library-leaders-example-town.html"})
        CHECK(fs::exists(tk.path() / "site" / "briefs" / f));
}
