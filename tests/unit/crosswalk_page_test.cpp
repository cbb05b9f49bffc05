// The evidence-scale crosswalk (evidence/crosswalk.html), on the starter toolkit with a second
// scale, and on the bundled content: every scale with its levels in its own order, each rating
// of an intervention rated on several scales shown on its own scale, and links to the page.
#include <catch2/catch.hpp>
#include <regex>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;

namespace {

// The starter toolkit plus a second scale, defined by a study (whose publisher is recorded)
// as reported in the example review, and a rating of shared-reading on it.
fs::path two_scales(const TempDir& tmp) {
    const fs::path tk = tmp.path() / "toolkit", c = tk / "content";
    write_starter(tk);
    write(c / "sources" / "example-study.toml",
          "citation = \"Example study, 2024\"\nkind = \"study\"\npublisher = \"Example Press\"\nyear = 2024\n");
    write(c / "evidence-scales" / "other-scale.toml", R"~(name = "Another example scale (fictional)"
short_name = "Other scale"
kind = "rating"
summary = "A made-up two-level scale."
cite = [{ source = "example-study", via = "example-review", locator = "Box 1 (fictional)" }]

[[levels]]
id = "might-work"
label = "Might work"
meaning = "One small study (example meaning)."
rank = 1

[[levels]]
id = "works"
label = "Works"
meaning = "Two trials agree (example meaning)."
rank = 2
)~");
    const fs::path i = c / "interventions" / "shared-reading.toml";
    write(i, read(i) + R"~(
[[ratings]]
scale = "other-scale"
level = "might-work"
outcome = "reading at home"
cite = [{ source = "example-review", locator = "Table 3 (fictional)" }]
)~");
    return tk;
}

std::vector<std::string> all(const std::string& s, const std::regex& re) {
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("the crosswalk sets the scales side by side and keeps each rating on its own scale", "[crosswalk][build]") {
    TempDir tmp;
    const auto tk = two_scales(tmp);
    const fs::path out = tmp.path() / "site";
    const auto r = run_sprout("build -q --strict --out '" + out.string() + "'", tk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string page = read(out / "evidence" / "crosswalk.html");

    // One row per scale (by id), each with its levels strongest first, as the record ranks them.
    CHECK(all(page, std::regex(R"~(<tr id="scale-([^"]+)">)~")) == std::vector<std::string>{"example-scale", "other-scale"});
    CHECK(all(page, std::regex(R"~(<li><a href="[^"]*"><strong>([^<]+)</strong></a>)~")) ==
          std::vector<std::string>{"Strong", "Some", "Unclear", "Works", "Might work"});
    CHECK(page.find("Two trials agree (example meaning).") != std::string::npos);
    // Who defined each scale, as its record says, with the publisher where the source names one.
    CHECK(page.find("Example study, 2024</a>, published by Example Press, as reported in <a href=\"../sources/example-review.html\">") !=
          std::string::npos);

    // The intervention rated on both scales: both ratings, each badge naming its own scale.
    const auto from = page.find("id=\"rated-on-several\"");
    REQUIRE(from != std::string::npos);
    const std::string multi = page.substr(from);
    CHECK(all(multi, std::regex(R"~(<h3 id="rated-([^"]+)">)~")) == std::vector<std::string>{"shared-reading"});
    CHECK(all(multi, std::regex(R"~(<span class="badge__scale">([^<]+)</span> <span class="badge__level">)~")) ==
          std::vector<std::string>{"Example scale:", "Other scale:"});
    CHECK(all(multi, std::regex(R"~(<span class="badge__level">([^<]+)</span>)~")) == std::vector<std::string>{"Some", "Might work"});
    CHECK(multi.find("(outcome: reading at home)") != std::string::npos);

    // Linked from the evidence index, each scale's page (to its row) and intervention pages.
    CHECK(read(out / "evidence" / "index.html").find("href=\"../evidence/crosswalk.html\"") != std::string::npos);
    CHECK(read(out / "evidence" / "other-scale.html").find("href=\"../evidence/crosswalk.html#scale-other-scale\"") != std::string::npos);
    CHECK(read(out / "interventions" / "shared-reading.html").find("href=\"../evidence/crosswalk.html\"") != std::string::npos);
    CHECK(read(out / "sitemap.xml").find("evidence/crosswalk.html") != std::string::npos);
}

TEST_CASE("an intervention rated on one scale is not in the crosswalk's list", "[crosswalk][build]") {
    TempDir tmp;
    const fs::path tk = tmp.path() / "toolkit";
    write_starter(tk);
    const fs::path out = tmp.path() / "site";
    REQUIRE(run_sprout("build -q --out '" + out.string() + "'", tk).exit_code == 0);
    const std::string page = read(out / "evidence" / "crosswalk.html");
    CHECK(page.find("<tr id=\"scale-example-scale\">") != std::string::npos);
    CHECK(page.find("rated-on-several") == std::string::npos);
}

TEST_CASE("a scale with the id crosswalk is refused, as it would overwrite the page", "[crosswalk][build]") {
    TempDir tmp;
    const fs::path tk = tmp.path() / "toolkit";
    write_starter(tk);
    fs::copy_file(tk / "content" / "evidence-scales" / "example-scale.toml", tk / "content" / "evidence-scales" / "crosswalk.toml");
    const auto r = run_sprout("build -q --out '" + (tmp.path() / "site").string() + "'", tk);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the id \"crosswalk\" is reserved") != std::string::npos);
}

TEST_CASE("the bundled content's crosswalk shows all its scales and every multi-scale intervention", "[crosswalk][content]") {
    TempDir tmp;
    const fs::path out = tmp.path() / "site";
    const auto r = run_sprout("build -q --out '" + out.string() + "'", fs::path(SPROUT_SOURCE_DIR));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string page = read(out / "evidence" / "crosswalk.html");
    std::size_t scales = 0;
    for (const auto& e : fs::directory_iterator(fs::path(SPROUT_SOURCE_DIR) / "content" / "evidence-scales"))
        scales += e.path().extension() == ".toml";
    CHECK(all(page, std::regex(R"~(<tr id="scale-([^"]+)">)~")).size() == scales);
    CHECK_FALSE(all(page, std::regex(R"~(<h3 id="rated-([^"]+)">)~")).empty());
}
