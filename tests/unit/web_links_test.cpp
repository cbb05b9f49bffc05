// The link checker and template errors: a broken link or a bad template fails the build with
// a message that says where.
#include <catch2/catch.hpp>

#include "web_model.hpp"

using namespace sprout;
namespace fs = std::filesystem;

namespace {
std::string check_error(output::Staging& out) {
    try {
        web::check_links(out);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}
}  // namespace

TEST_CASE("the link checker accepts a good site and names each broken link", "[web][links]") {
    test::TempDir tmp;
    output::Staging out(tmp.path() / "site");
    out.write("index.html", R"h(<a href="a/b.html#top">ok</a> <a href="https://example.org/x">external</a> <a href="#here">self</a><p id="here"></p>)h");
    out.write("a/b.html", R"h(<h1 id="top">B</h1><a href="../index.html">home</a><a href="../index.html?x=1#here">q</a>)h");
    CHECK(check_error(out).empty());

    out.write("a/c.html", R"h(<a href="../missing.html">x</a><a href="b.html#nope">y</a><a href="javascript:alert(1)">z</a><a href="/abs.html">w</a><a href="../a">d</a><a href="#gone">s</a><a href="c.html#mine">m</a><i id="mine"></i>)h");
    const std::string e = check_error(out);
    CHECK(e.find("6 broken internal link(s)") != std::string::npos);
    // A fragment in the page itself, written either way, is checked against the page's own ids.
    CHECK(e.find("a/c.html: #gone: no element with id \"gone\" in a/c.html") != std::string::npos);
    CHECK(e.find("c.html#mine") == std::string::npos);
    CHECK(e.find("a/c.html: ../missing.html: no such file missing.html") != std::string::npos);
    CHECK(e.find("a/c.html: b.html#nope: no element with id \"nope\" in a/b.html") != std::string::npos);
    CHECK(e.find("javascript:alert(1): links may only use http, https or mailto") != std::string::npos);
    CHECK(e.find("/abs.html: root-relative links break") != std::string::npos);
    CHECK(e.find("../a: points to a folder") != std::string::npos);
}

TEST_CASE("the link checker tells files from folders and missing paths in a site of thousands", "[web][links]") {
    // Enough files and folders that the checker's path tables grow several times over.
    test::TempDir tmp;
    output::Staging out(tmp.path() / "site");
    constexpr int kFolders = 150, kPages = 20;
    for (int f = 0; f < kFolders; ++f)
        for (int p = 0; p < kPages; ++p) {
            const std::string next = "../../d" + std::to_string((f + 1) % kFolders) + "/s/p" + std::to_string((p + 7) % kPages) + ".html";
            out.write("d" + std::to_string(f) + "/s/p" + std::to_string(p) + ".html", "<a href=\"" + next + "\">next</a>");
        }
    CHECK(check_error(out).empty());

    out.write("index.html", R"h(<a href="d3/s/p19.html">ok</a><a href="d3/s/p20.html">past the end</a><a href="d150/s/p0.html">no folder</a><a href="d3/s">folder</a><a href="d3">top folder</a>)h");
    const std::string e = check_error(out);
    CHECK(e.find("4 broken internal link(s)") != std::string::npos);
    CHECK(e.find("index.html: d3/s/p20.html: no such file d3/s/p20.html") != std::string::npos);
    CHECK(e.find("index.html: d150/s/p0.html: no such file d150/s/p0.html") != std::string::npos);
    CHECK(e.find("index.html: d3/s: points to a folder") != std::string::npos);
    CHECK(e.find("index.html: d3: points to a folder") != std::string::npos);
}

TEST_CASE("links to briefs count only once the brief is written", "[web][links]") {
    test::TempDir tmp;
    output::Staging out(tmp.path() / "site");
    const assets::Assets assets("");
    web::render_site(test::web_model(), assets, out);
    const std::string e = check_error(out);
    CHECK(e.find("nations/england.html: ../briefs/england-commissioners.pdf: no such file") != std::string::npos);
    out.write("briefs/england-commissioners.pdf", "%PDF");
    out.write("briefs/england-commissioners.html", "<p>brief</p>");
    CHECK(check_error(out).empty());
}

TEST_CASE("a template error names the file and line", "[web][templates]") {
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "templates");
    test::write(tmp.path() / "templates/home.mustache", "<h1>{{site.title}}</h1>\n\n{{#key_figures}}\n<p>unclosed</p>\n");
    output::Staging out(tmp.path() / "site");
    const assets::Assets assets(tmp.path().string());
    try {
        web::render_site(test::web_model(), assets, out);
        FAIL("expected a template error");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find("templates/home.mustache:3: Unclosed section \"key_figures\"") != std::string::npos);
    }
}

TEST_CASE("a toolkit's own template overrides the built-in one", "[web][templates]") {
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "templates/partials");
    test::write(tmp.path() / "templates/partials/footer.mustache", "<footer><p>Our own footer for {{site.publisher}}</p></footer>\n");
    output::Staging out(tmp.path() / "site");
    const assets::Assets assets(tmp.path().string());
    web::render_site(test::web_model(), assets, out);
    CHECK(test::read(out.dir() / "index.html").find("<p>Our own footer for Plain text</p>") != std::string::npos);
}

TEST_CASE("an unknown partial is reported with its file and line", "[web][templates]") {
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "templates");
    test::write(tmp.path() / "templates/about.mustache", "<h1>About</h1>\n{{> no-such-partial}}\n");
    output::Staging out(tmp.path() / "site");
    const assets::Assets assets(tmp.path().string());
    CHECK_THROWS_WITH(web::render_site(test::web_model(), assets, out),
                      Catch::Contains("templates/about.mustache:2: unknown partial 'no-such-partial'"));
}
