// The website's pages: every page type is written and reachable, filters carry their data,
// the compare view works without script, charts have text alternatives, output is deterministic.
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "web/crossrefs.hpp"
#include "web/glossary_links.hpp"
#include "web_model.hpp"

using namespace sprout;

namespace {
std::map<std::string, std::string> site() {
    static test::TempDir tmp;
    static const auto files = test::render_web(test::web_model(), tmp.path());
    return files;
}
}  // namespace

TEST_CASE("every page type is written", "[web]") {
    const auto files = site();
    for (const char* path :
         {"index.html", "404.html", "about.html", "search.html", "compare.html", "interventions/index.html",
          "interventions/vipp.html", "evidence/index.html", "evidence/review.html", "evidence/grouping.html",
          "recommendations/index.html", "recommendations/by-actor.html", "recommendations/by-nation.html",
          "recommendations/rec.html", "examples/index.html", "examples/by-area.html", "examples/example.html",
          "nations/index.html", "nations/england.html", "audiences/index.html", "audiences/commissioners.html",
          "areas/leeds.html", "services/index.html", "statistics/index.html", "statistics/by-nation.html",
          "statistics/figure.html", "statistics/series.html", "sources/index.html", "sources/doc.html",
          "pages/index.html", "pages/framework.html", "glossary/index.html", "data/index.html", "sitemap.xml",
          "robots.txt", "feed.xml", "search-index.json", "assets/site.css", "assets/print.css", "assets/filter.js",
          "assets/compare.js", "assets/search.js", "assets/search-index.js"}) {
        INFO(path);
        CHECK(files.count(path) == 1);
    }
}

TEST_CASE("every page is reachable from the home page by links alone", "[web]") {
    const auto files = site();
    std::set<std::string> seen = {"index.html"};
    std::vector<std::string> queue = {"index.html"};
    const std::regex href(R"re(href="([^"#?]+)[^"]*")re");
    while (!queue.empty()) {
        const std::string page = queue.back();
        queue.pop_back();
        const auto dir = std::filesystem::path(page).parent_path();
        const auto& html = files.at(page);
        for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it) {
            const std::string target = (dir / (*it)[1].str()).lexically_normal().generic_string();
            if (target.ends_with(".html") && files.count(target) && seen.insert(target).second) queue.push_back(target);
        }
    }
    for (const auto& [path, _] : files) {
        if (!path.ends_with(".html") || path == "404.html" || path.starts_with("briefs/")) continue;
        INFO(path);
        CHECK(seen.count(path) == 1);
    }
}

TEST_CASE("links are relative to each page so the site works from disk", "[web]") {
    const auto files = site();
    CHECK(files.at("index.html").find("href=\"interventions/index.html\"") != std::string::npos);
    CHECK(files.at("interventions/vipp.html").find("href=\"../assets/site.css\"") != std::string::npos);
    CHECK(files.at("interventions/vipp.html").find("href=\"/") == std::string::npos);
    // Without a base URL there is no canonical link.
    CHECK(files.at("index.html").find("rel=\"canonical\"") == std::string::npos);
}

TEST_CASE("canonical URLs, sitemap and feed use the base URL when set", "[web]") {
    auto m = test::web_model();
    m.site.base_url = "https://toolkit.example.org";
    test::TempDir tmp;
    const auto files = test::render_web(m, tmp.path());
    CHECK(files.at("interventions/vipp.html").find("<link rel=\"canonical\" href=\"https://toolkit.example.org/interventions/vipp.html\">") !=
          std::string::npos);
    CHECK(files.at("sitemap.xml").find("<loc>https://toolkit.example.org/statistics/figure.html</loc>") != std::string::npos);
    CHECK(files.at("sitemap.xml").find("404.html") == std::string::npos);
    CHECK(files.at("robots.txt").find("Sitemap: https://toolkit.example.org/sitemap.xml") != std::string::npos);
    CHECK(files.at("feed.xml").find("<id>https://toolkit.example.org/interventions/vipp.html</id>") != std::string::npos);
    CHECK(files.at("404.html").find("href=\"https://toolkit.example.org/index.html\"") != std::string::npos);
}

TEST_CASE("the intervention list carries filter data and is complete without script", "[web][filters]") {
    const std::string html = site().at("interventions/index.html");
    // The form is hidden until filter.js reveals it; every intervention is listed regardless.
    CHECK(html.find("<form class=\"filters\" id=\"filters\" hidden") != std::string::npos);
    CHECK(html.find("data-id=\"vipp\"") != std::string::npos);
    CHECK(html.find("data-id=\"other\"") != std::string::npos);
    CHECK(html.find("data-age-min=\"0\" data-age-max=\"24\"") != std::string::npos);
    CHECK(html.find("data-levels=\"review:strong grouping:reviewed\"") != std::string::npos);
    CHECK(html.find("data-settings=\"home plain-text\"") != std::string::npos);
    CHECK(html.find("data-nations=\"england\"") != std::string::npos);
    CHECK(html.find("data-audiences=\"commissioners\"") != std::string::npos);
    // Options exist for each filter, built from the data.
    CHECK(html.find("<option value=\"review:strong\">") != std::string::npos);
    CHECK(html.find("<option value=\"clinic\">clinic</option>") != std::string::npos);
    CHECK(html.find("<option value=\"england\">") != std::string::npos);
    CHECK(html.find("<option value=\"0:11\">Under 1 year</option>") != std::string::npos);
    CHECK(html.find("src=\"../assets/filter.js\"") != std::string::npos);
}

TEST_CASE("the compare page has a form and a full table that work without script", "[web][compare]") {
    const std::string html = site().at("compare.html");
    CHECK(html.find("Evidence levels are not a ranking of impact") != std::string::npos);
    CHECK(html.find("<form class=\"compare-form\" id=\"compare-form\" action=\"compare.html\" method=\"get\">") != std::string::npos);
    CHECK(html.find("<input type=\"checkbox\" id=\"pick-vipp\" name=\"i\" value=\"vipp\">") != std::string::npos);
    // One row per intervention, one column per scale used, grouping marked as such.
    CHECK(html.find("<tr id=\"compare-vipp\" data-id=\"vipp\">") != std::string::npos);
    CHECK(html.find("<tr id=\"compare-other\" data-id=\"other\">") != std::string::npos);
    CHECK(html.find("(a document's grouping)") != std::string::npos);
    CHECK(html.find("birth to 2 years") != std::string::npos);
    CHECK(html.find("3 years to 5 years") != std::string::npos);
    CHECK(html.find("Where: home, Plain text") != std::string::npos);
    CHECK(html.find("src=\"assets/compare.js\"") != std::string::npos);
}

TEST_CASE("ratings show their scale and meaning; groupings are shown apart", "[web]") {
    const std::string html = site().at("interventions/vipp.html");
    const auto evidence = html.find("id=\"evidence\"");
    const auto groupings = html.find("id=\"groupings\"");
    REQUIRE(evidence != std::string::npos);
    REQUIRE(groupings != std::string::npos);
    CHECK(evidence < groupings);
    CHECK(html.find("<span class=\"badge__scale\">Plain text:</span>") != std::string::npos);
    CHECK(html.find("href=\"../evidence/review.html#level-strong\"") != std::string::npos);
    CHECK(html.find("Sources disagree") != std::string::npos);
    // Back-links: the example that uses it, and the recommendation that example illustrates.
    CHECK(html.find("href=\"../examples/example.html\"") != std::string::npos);
    CHECK(html.find("href=\"../recommendations/rec.html\"") != std::string::npos);
    // Claim-level provenance.
    CHECK(html.find("Source: <a href=\"../sources/study.html\">Plain text</a>, Plain text (via <a href=\"../sources/doc.html\">") !=
          std::string::npos);
}

TEST_CASE("a chart has a text alternative and a data table", "[web][charts]") {
    const std::string html = site().at("statistics/series.html");
    CHECK(html.find("<svg class=\"chart__svg\"") != std::string::npos);
    CHECK(html.find("role=\"img\" aria-labelledby=\"chart-series-title chart-series-desc\"") != std::string::npos);
    CHECK(html.find("<desc id=\"chart-series-desc\">Bar chart of Plain text. Plain text: Plain text: 45%; 3-5: 30%. Second: Plain text: 10%. </desc>") !=
          std::string::npos);
    CHECK(html.find("<caption>Data for the chart</caption>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">45%</td>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">–</td>") != std::string::npos);  // 3-5 has no value in the second series
}

TEST_CASE("glossary terms link to their definition on first use", "[web][glossary]") {
    const std::string html = site().at("pages/framework.html");
    const std::string link = "<a class=\"term\" href=\"../glossary/index.html#term-attachment\"";
    const auto first = html.find(link);
    REQUIRE(first != std::string::npos);
    CHECK(html.find(link, first + 1) == std::string::npos);  // only the first use
    CHECK(site().at("glossary/index.html").find("<dfn>attachment</dfn>") != std::string::npos);
}

TEST_CASE("nation and audience pages link their briefs", "[web]") {
    const auto files = site();
    CHECK(files.at("nations/england.html").find("href=\"../briefs/england-commissioners.pdf\"") != std::string::npos);
    CHECK(files.at("audiences/commissioners.html").find("href=\"../briefs/england-commissioners.html\"") != std::string::npos);
    CHECK(files.at("nations/england.html").find("id=\"policy-policy\"") != std::string::npos);
}

TEST_CASE("the same model gives byte-identical output", "[web][determinism]") {
    test::TempDir a, b;
    const auto first = test::render_web(test::web_model(), a.path());
    const auto second = test::render_web(test::web_model(), b.path());
    REQUIRE(first.size() == second.size());
    for (const auto& [path, data] : first) {
        INFO(path);
        REQUIRE(second.count(path) == 1);
        CHECK(second.at(path) == data);
    }
}

TEST_CASE("a page linked a piece at a time comes out as when linked whole", "[web][glossary]") {
    // Big pages are linked as they render (Builder::page), in pieces cut wherever a line ends:
    // through words, terms and tags alike. The pieces must link into exactly the page apply()
    // returns, with each term linked once, and nothing outside <main> linked.
    const auto m = test::web_model();
    const web::GlossaryLinker linker(m);
    const auto page = [](int rows) {
        std::string html = "<html><head><title>attachment</title></head><body><main class=\"x\">";
        for (int i = 0; i < rows; ++i)
            html += "<p>Row " + std::to_string(i) + ": secure attachment and more text <em>attachment</em></p>\n";
        return html + "</main><footer>attachment</footer></body></html>";
    };
    const auto in_pieces = [&](const std::string& html, const std::vector<std::size_t>& sizes) {
        web::GlossaryLinker::Pass pass(linker, "../", "compare.html");
        std::string out;
        std::size_t at = 0;
        for (std::size_t k = 0; at < html.size(); ++k) {
            const std::size_t n = std::min(sizes[k % sizes.size()], html.size() - at);
            pass.feed(std::string_view(html).substr(at, n), out);
            at += n;
        }
        pass.finish(out);
        return out;
    };
    const std::string link = "<a class=\"term\" href=\"../glossary/index.html#term-attachment\"";

    const std::string big = page(50000);
    REQUIRE(big.size() > 3 * (1 << 20));
    const std::string whole = linker.apply(big, "../", "compare.html");
    CHECK(whole != big);  // a term was linked, once, inside <main> only
    CHECK(whole.find(link) > whole.find("<main"));
    CHECK(whole.find(link, whole.find(link) + 1) == std::string::npos);
    CHECK(whole.ends_with("</main><footer>attachment</footer></body></html>"));
    CHECK(in_pieces(big, {1 << 20, 7, 65536, 3, 1000003}) == whole);

    // Every cut of a small page: inside "<main", inside the term, inside "</main>".
    const std::string small = page(3);
    const std::string small_whole = linker.apply(small, "../", "compare.html");
    CHECK(small_whole.find(link) != std::string::npos);
    for (std::size_t cut = 1; cut < small.size(); ++cut) {
        INFO("cut at " << cut);
        CHECK(in_pieces(small, {cut, small.size()}) == small_whole);
    }
    CHECK(in_pieces(small, {1}) == small_whole);  // a byte at a time
}

TEST_CASE("cross references are looked up by where a record sits in the model; a record from elsewhere has none",
          "[web]") {
    const auto m = test::web_model();
    const web::CrossRefs refs(m);
    const auto& vipp = *m.intervention("vipp");
    const auto& other = *m.intervention("other");
    // "vipp" names "other" as related: each page lists the other.
    CHECK(refs.related_interventions(vipp) == std::vector<std::string_view>{"other"});
    CHECK(refs.related_interventions(other) == std::vector<std::string_view>{"vipp"});
    REQUIRE(refs.examples_using(vipp).size() == 1);
    CHECK(refs.examples_using(vipp)[0]->id == "example");
    CHECK(refs.examples_using(other).empty());
    REQUIRE(refs.examples_illustrating(*m.recommendation("rec")).size() == 1);
    CHECK(refs.examples_illustrating(*m.recommendation("rec"))[0]->id == "example");

    const model::Intervention copy = vipp;  // same id, but not the model's record
    CHECK(model::position_in(m.interventions, copy) == m.interventions.size());
    CHECK(model::position_in(m.interventions, vipp) == static_cast<std::size_t>(&vipp - m.interventions.data()));
    CHECK(refs.related_interventions(copy).empty());
    CHECK(refs.examples_using(copy).empty());
}
