// Hostile text in every field of every record must come out as text: no script, no event
// handler, no javascript: link, in any page or in the search index script.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "web_model.hpp"

using namespace sprout;

namespace {

const std::string kHostile = R"(<script>alert("x")</script>"'><img src=x onerror=alert(1)> javascript:alert(1) {{site.title}})";
const std::string kHostileMarkdown =
    "[click](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">x</a>";

}  // namespace

TEST_CASE("hostile text in every field is escaped on every page", "[web][security]") {
    test::TempDir tmp;
    const auto files = test::render_web(test::web_model(kHostile, kHostileMarkdown, "javascript:alert(1)"), tmp.path());
    const std::regex handler(R"(<[a-zA-Z][^<>]*\son[a-z]+\s*=)", std::regex::icase);
    const std::regex js_url(R"((href|src|action)\s*=\s*["']?\s*javascript:)", std::regex::icase);
    int pages = 0;
    for (const auto& [path, html] : files) {
        if (!path.ends_with(".html") || path.starts_with("briefs/")) continue;
        ++pages;
        INFO(path);
        CHECK(html.find("<script>") == std::string::npos);  // only <script src=...> from the theme
        CHECK(html.find("<img") == std::string::npos);
        // Attribute values are quoted and escaped, so escaped hostile text may sit inside
        // them; a real handler is an attribute outside any quotes.
        static const std::regex quoted("\"[^\"]*\"");
        const std::string unquoted = std::regex_replace(html, quoted, "\"\"");
        std::smatch found;
        const bool has_handler = std::regex_search(unquoted, found, handler);
        CHECK((has_handler ? found[0].str() : std::string()) == "");  // prints the offending tag
        CHECK_FALSE(std::regex_search(html, js_url));
        // Mustache tags in content are text, not re-expanded.
        CHECK(html.find("{{site.title}}") != std::string::npos);
        // Every <script> comes from the site's own assets (the CSP forbids inline script).
        for (std::size_t p = html.find("<script"); p != std::string::npos; p = html.find("<script", p + 1))
            CHECK(html.compare(p, 13, "<script src=\"") == 0);
    }
    CHECK(pages > 20);
    // The hostile source URL is not linked.
    CHECK(files.at("sources/doc.html").find("href=\"javascript") == std::string::npos);
    // The search index is a script: its strings must not be able to close it or break out.
    const auto& js = files.at("assets/search-index.js");
    CHECK(js.starts_with("window.sproutSearchIndex = "));
    CHECK(nlohmann::json::parse(js.substr(27, js.size() - 27 - 2)).is_array());
}

TEST_CASE("attribute values cannot be broken out of", "[web][security]") {
    test::TempDir tmp;
    const auto files = test::render_web(test::web_model(R"(a" onmouseover="alert(1))"), tmp.path());
    const auto& index = files.at("interventions/index.html");
    CHECK(index.find("onmouseover=\"alert") == std::string::npos);
    CHECK(index.find("&quot; onmouseover=&quot;alert(1)") != std::string::npos);
}

TEST_CASE("every page has a Content-Security-Policy without inline script", "[web][security]") {
    test::TempDir tmp;
    const auto files = test::render_web(test::web_model(), tmp.path());
    for (const auto& [path, html] : files) {
        if (!path.ends_with(".html") || path.starts_with("briefs/")) continue;
        INFO(path);
        CHECK(html.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';") !=
              std::string::npos);
        CHECK(html.find("unsafe-inline") == std::string::npos);
    }
}

TEST_CASE("external links open safely", "[web][security]") {
    test::TempDir tmp;
    const auto files = test::render_web(test::web_model(), tmp.path());
    const auto& source = files.at("sources/doc.html");
    CHECK(source.find("href=\"https://example.org/\" rel=\"noopener noreferrer\"") != std::string::npos);
}
