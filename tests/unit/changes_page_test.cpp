// The published "What changed" page and the briefs' `changes` sections: `sprout build` on the
// fixture editions (tests/fixtures/editions) with site.toml naming the previous edition.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>
#include <set>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;

namespace {

const fs::path editions = fs::path(SPROUT_FIXTURES) / "editions";

// A copy of the newer edition, with `extra` appended to its site.toml.
fs::path new_edition(const TempDir& tmp, const std::string& extra) {
    const fs::path tk = tmp.path() / "toolkit";
    fs::copy(editions / "new", tk, fs::copy_options::recursive);
    const fs::path site = tk / "content" / "site.toml";
    write(site, read(site) + "\n" + extra);
    return tk;
}

std::string previous_folder() { return "[previous_edition]\nfolder = \"" + (editions / "old").string() + "\"\n"; }

// "status kind-heading id" for every record the page lists, in page order.
std::vector<std::string> listed(const std::string& html) {
    std::vector<std::string> out;
    static const std::regex h2(R"(<h2 id="changes-[^"]*">([^<]*)</h2>)");
    static const std::regex h3(R"(<h3><span class="tag tag--strong">(\w+)</span> .*? <span class="changes__id">\(([^)]*)\)</span></h3>)");
    std::string heading;
    static const std::regex either(R"(<h2 id="changes-[^"]*">[^<]*</h2>|<h3><span class="tag tag--strong">.*?</h3>)");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), either); it != std::sregex_iterator(); ++it) {
        std::smatch m;
        const std::string s = it->str();
        if (std::regex_match(s, m, h2)) heading = m[1];
        else if (std::regex_match(s, m, h3)) out.push_back(std::string(m[1]) + " " + heading + " " + std::string(m[2]));
    }
    return out;
}

// The brief's "Since the last edition" section, up to the next section.
std::string section_of(const std::string& html) {
    const auto from = html.find("<h2 id=\"sec-since-the-last-edition\">");
    if (from == std::string::npos) return {};
    const auto to = html.find("<h2 ", from + 1);
    return html.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("build publishes exactly the fixture's changes at changes/, linked from every page", "[changes][build]") {
    TempDir tmp;
    const auto tk = new_edition(tmp, previous_folder());
    const auto r = run_sprout("build -q --out '" + (tmp.path() / "site").string() + "'", tk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path site = tmp.path() / "site";
    const std::string page = read(site / "changes" / "index.html");

    CHECK(listed(page) == std::vector<std::string>{
                              "added Interventions baby-rhyme-time",
                              "changed Interventions shared-reading",
                              "changed Recommendations story-time-everywhere",
                              "changed Statistics children-read-to-daily",
                              "changed Practice examples example-town-library",
                              "withdrawn Glossary terms shared-reading",
                              "changed Site settings site",
                          });
    // Each change in meaning, as sprout diff words it, and nothing else.
    for (const char* line : {"rating moved up from some to strong on example-scale (rank 2 → 3)",
                             "age range: 6 to 48 months → 0 to 48 months", "value: 40 → 45", "period: 2025 → 2026",
                             "interventions: added &quot;baby-rhyme-time&quot;", "edition: 2026-01-01 → 2026-07-01"})
        CHECK(count(page, line) == 1);
    CHECK(page.find("<ins><span class=\"visually-hidden\">[added: </span>free<span class=\"visually-hidden\">]</span></ins>") !=
          std::string::npos);
    CHECK(page.find("1 record added, 1 withdrawn, 5 changed") != std::string::npos);
    // In the site's layout, with links to the records that are still in this edition.
    CHECK(page.find("class=\"site-footer\"") != std::string::npos);
    CHECK(page.find("<a href=\"../interventions/shared-reading.html\">") != std::string::npos);
    CHECK(page.find("<a href=\"../statistics/children-read-to-daily.html\">") != std::string::npos);
    CHECK(page.find("glossary/index.html#term-shared-reading") == std::string::npos);  // withdrawn: no page to link
    // Linked from the home page's footer and every other page; in the sitemap and the search index.
    CHECK(read(site / "index.html").find("<a href=\"changes/index.html\">What changed in this edition</a>") != std::string::npos);
    CHECK(read(site / "interventions" / "shared-reading.html").find("<a href=\"../changes/index.html\">") != std::string::npos);
    CHECK(read(site / "sitemap.xml").find("changes/index.html") != std::string::npos);
}

TEST_CASE("without a previous edition there is no changes page and nothing links to it", "[changes][build]") {
    TempDir tmp;
    const auto tk = new_edition(tmp, "");
    const auto r = run_sprout("build -q --out '" + (tmp.path() / "site").string() + "'", tk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path site = tmp.path() / "site";
    CHECK_FALSE(fs::exists(site / "changes"));
    for (const auto& e : fs::recursive_directory_iterator(site))
        if (e.is_regular_file() && (e.path().extension() == ".html" || e.path().extension() == ".xml" || e.path().extension() == ".json")) {
            INFO(e.path());
            CHECK(read(e.path()).find("changes/index.html") == std::string::npos);
        }
}

TEST_CASE("a previous edition that cannot be loaded fails the build, naming the setting", "[changes][build]") {
    TempDir tmp;
    const fs::path out = tmp.path() / "site";

    SECTION("a folder that is not a toolkit") {
        const auto tk = new_edition(tmp, "[previous_edition]\nfolder = \"no-such-edition\"\n");
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("site.toml: previous_edition.folder = \"no-such-edition\": cannot load the previous edition") != std::string::npos);
        CHECK(r.err.find("was not changed") != std::string::npos);
        CHECK_FALSE(fs::exists(out));  // nothing half-written
    }
    SECTION("both git and folder") {
        const auto tk = new_edition(tmp, "[previous_edition]\ngit = \"HEAD\"\nfolder = \"x\"\n");
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("previous_edition: give `git` or `folder`, not both") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SECTION("a previous edition with content errors") {
        fs::copy(editions / "old", tmp.path() / "old", fs::copy_options::recursive);
        write(tmp.path() / "old" / "content" / "interventions" / "broken.toml", "name = 3\n");
        const auto tk = new_edition(tmp, "[previous_edition]\nfolder = \"../old\"\n");
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("previous_edition.folder = \"../old\": the previous edition has") != std::string::npos);
        CHECK(r.err.find("broken.toml") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SECTION("a git revision that does not exist, and the site is left as it was") {
        const auto tk = new_edition(tmp, "[previous_edition]\ngit = \"no-such-revision\"\n");
        write(out / "index.html", "old site");
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("previous_edition.git = \"no-such-revision\": cannot load the previous edition") != std::string::npos);
        CHECK(read(out / "index.html") == "old site");
    }
}

TEST_CASE("the previous edition can be a git revision, and build --since overrides the setting", "[changes][build][git]") {
    if (std::system("git --version >/dev/null 2>&1") != 0) {
        WARN("git is not installed; skipped");
        return;
    }
    TempDir tmp;
    const fs::path repo = tmp.path() / "repo", tk = repo / "toolkit";
    const std::string git = "git -C '" + repo.string() + "' -c user.name=Test -c user.email=test@example.invalid ";
    fs::create_directories(repo);
    fs::copy(editions / "old", tk, fs::copy_options::recursive);
    REQUIRE(std::system(("git init -q '" + repo.string() + "' && " + git + "add -A && " + git + "commit -q -m old && " + git +
                         "tag edition-1")
                            .c_str()) == 0);
    fs::remove_all(tk / "content");
    fs::copy(editions / "new" / "content", tk / "content", fs::copy_options::recursive);
    write(tk / "content" / "site.toml", read(tk / "content" / "site.toml") + "\n[previous_edition]\ngit = \"edition-1\"\n");
    REQUIRE(std::system((git + "add -A && " + git + "commit -q -m new").c_str()) == 0);

    const fs::path out = tmp.path() / "site";
    auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto page = read(out / "changes" / "index.html");
    CHECK(listed(page).size() == 7);
    CHECK(page.find("from the edition of <time datetime=\"2026-01-01\">") != std::string::npos);

    // --since HEAD: this very content, so nothing changed in meaning.
    r = run_sprout("build -q --since HEAD --out '" + out.string() + "'", tk);
    REQUIRE(r.exit_code == 0);
    page = read(out / "changes" / "index.html");
    CHECK(listed(page).empty());
    CHECK(page.find("Nothing changed in meaning between these editions.") != std::string::npos);

    // A rebuild with nothing changed still compares (the tag may have moved): never a no-op.
    r = run_sprout("build --out '" + out.string() + "'", tk);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("compared with the previous edition (edition-1): 7 record(s) changed") != std::string::npos);
    CHECK(listed(read(out / "changes" / "index.html")).size() == 7);
}

TEST_CASE("a brief's changes section lists the changes its readers need", "[changes][brief]") {
    TempDir tmp;
    const auto tk = new_edition(tmp, previous_folder());
    const fs::path audience = tk / "content" / "audiences" / "library-leaders.toml";
    const std::string sections = "\n[[brief.sections]]\ntype = \"changes\"\ntitle = \"Since the last edition\"\nfilter = \"FILTER\"\n";
    auto brief_section = [&](const std::string& filter) {
        std::string text = read(editions / "new" / "content" / "audiences" / "library-leaders.toml");
        write(audience, text + std::regex_replace(sections, std::regex("FILTER"), filter));
        const fs::path out = tmp.path() / ("site-" + filter);
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string html = read(out / "briefs" / "example-nation-library-leaders.html");
        return section_of(html);
    };

    SECTION("all: every change a brief shows, not the toolkit's settings") {
        const auto s = brief_section("all");
        for (const char* label : {"Baby rhyme time (example)", "Shared reading sessions (example)",
                                  "Story time in every library (example)", "Children read to every day (example figure)",
                                  "Example Town library baby club (fictional)", "Shared reading"})
            CHECK(s.find(label) != std::string::npos);
        CHECK(s.find("rating moved up from some to strong on example-scale (rank 2 → 3)") != std::string::npos);
        CHECK(s.find("Now reads: <em>Every library should offer free weekly story time for babies, toddlers and their carers. Example record.</em>") !=
              std::string::npos);
        CHECK(s.find("<strong>Withdrawn: </strong>Shared reading") != std::string::npos);
        CHECK(s.find("edition: 2026-01-01") == std::string::npos);  // site settings are not for brief readers
        CHECK(s.find("Site settings") == std::string::npos);
    }
    SECTION("audience: recommendations only when addressed to the audience") {
        write(tk / "content" / "actors" / "parents.toml", "name = \"Parents\"\nsummary = \"Parents and carers (example actor).\"\n");
        std::string a = read(editions / "new" / "content" / "audiences" / "library-leaders.toml");
        a = std::regex_replace(a, std::regex(R"(actors = \["libraries"\])"), R"(actors = ["parents"])");
        write(audience, a + std::regex_replace(sections, std::regex("FILTER"), "audience"));
        const fs::path out = tmp.path() / "site-audience";
        const auto r = run_sprout("build -q --out '" + out.string() + "'", tk);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string html = read(out / "briefs" / "example-nation-library-leaders.html");
        const auto s = section_of(html);
        REQUIRE(!s.empty());
        CHECK(s.find("Story time in every library (example)") == std::string::npos);
        CHECK(s.find("Shared reading sessions (example)") != std::string::npos);
    }
}

TEST_CASE("sprout brief fills a changes section as the build does, and fails on a bad previous edition", "[changes][brief]") {
    TempDir tmp;
    const auto tk = new_edition(tmp, previous_folder());
    const fs::path audience = tk / "content" / "audiences" / "library-leaders.toml";
    write(audience, read(audience) + "\n[[brief.sections]]\ntype = \"changes\"\ntitle = \"Since the last edition\"\n");
    const fs::path out = tmp.path() / "brief.html";
    auto r = run_sprout("brief --nation example-nation --audience library-leaders --out '" + out.string() + "'", tk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto s = section_of(read(out));
    CHECK(s.find("rating moved up from some to strong on example-scale (rank 2 → 3)") != std::string::npos);

    const fs::path site = tk / "content" / "site.toml";
    write(site, read(editions / "new" / "content" / "site.toml") + "\n[previous_edition]\nfolder = \"gone\"\n");
    r = run_sprout("brief --nation example-nation --audience library-leaders --out '" + out.string() + "'", tk);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("site.toml: previous_edition.folder = \"gone\": cannot load the previous edition") != std::string::npos);
}
