// The Mustache renderer over JSON (web/mustache.hpp): the semantics the templates rely on.
// Whole-site output is compared byte for byte elsewhere (the bundled build tests); these pin
// each rule on its own.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "web/mustache.hpp"
#include "web/shared_json.hpp"

using nlohmann::json;
using sprout::web::mustache::SyntaxError;
using sprout::web::mustache::Template;

namespace {

std::string render(const std::string& text, const json& context) {
    std::string out;
    const json* scopes[] = {&context};
    Template(text).render(scopes, out);
    return out;
}

std::size_t error_offset(const std::string& text) {
    try {
        Template t(text);
    } catch (const SyntaxError& e) {
        return e.offset;
    }
    return std::string::npos;
}

}  // namespace

TEST_CASE("Variables escape HTML unless tripled or ampersanded; numbers print, the rest does not") {
    const json c = {{"s", "<b> & \"q\" 'a'"}, {"n", 3}, {"f", 0.5}, {"t", true}, {"o", json::object()}, {"z", nullptr}};
    CHECK(render("{{s}}", c) == "&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;");
    CHECK(render("{{{s}}}|{{& s}}", c) == "<b> & \"q\" 'a'|<b> & \"q\" 'a'");
    CHECK(render("{{n}} {{f}}", c) == "3 0.5");
    CHECK(render("[{{t}}{{o}}{{z}}{{missing}}]", c) == "[]");
}

TEST_CASE("Falsy values are false, null, the empty string and the empty list; 0 is truthy") {
    const json c = {{"f", false}, {"z", nullptr}, {"e", ""}, {"l", json::array()}, {"zero", 0}, {"o", json::object()}};
    for (const char* name : {"f", "z", "e", "l", "missing"}) {
        INFO(name);
        CHECK(render(std::string("{{#") + name + "}}yes{{/" + name + "}}", c).empty());
        CHECK(render(std::string("{{^") + name + "}}no{{/" + name + "}}", c) == "no");
    }
    CHECK(render("{{#zero}}yes{{/zero}}{{#o}}obj{{/o}}", c) == "yesobj");
}

TEST_CASE("Sections iterate lists, push objects, and names resolve from the innermost scope out") {
    const json c = {{"title", "outer"},
                    {"items", {{{"name", "a"}}, {{"name", "b"}, {"title", "own"}}}},
                    {"site", {{"title", "Sprout"}, {"meta", {{"year", 2026}}}}},
                    {"tags", {"x", "y"}}};
    CHECK(render("{{#items}}{{name}}:{{title}};{{/items}}", c) == "a:outer;b:own;");
    CHECK(render("{{site.title}} {{site.meta.year}} {{site.nope}}", c) == "Sprout 2026 ");
    CHECK(render("{{#site}}{{title}}/{{meta.year}}{{/site}}", c) == "Sprout/2026");
    CHECK(render("{{#tags}}<{{.}}>{{/tags}}", c) == "<x><y>");
}

TEST_CASE("Every list has a derived has_ flag unless the object sets its own") {
    const json c = {{"full", {1}}, {"empty", json::array()}, {"own", {1}}, {"has_own", false}};
    CHECK(render("{{#has_full}}F{{/has_full}}{{#has_empty}}E{{/has_empty}}{{^has_empty}}e{{/has_empty}}", c) == "Fe");
    CHECK(render("{{#has_own}}set{{/has_own}}", c).empty());
    CHECK(render("{{#has_nothing}}x{{/has_nothing}}", c).empty());
}

TEST_CASE("Lines holding only a rendered section tag disappear; other blank lines stay") {
    const json c = {{"list", {"a", "b"}}, {"no", false}, {"empty", ""}};
    CHECK(render("<ul>\n  {{#list}}\n  <li>{{.}}</li>\n  {{/list}}\n</ul>\n", c) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
    CHECK(render("a\n{{^no}}\nshown\n{{/no}}\nb", c) == "a\nshown\nb");
    // A variable that prints nothing keeps its line, as does a comment.
    CHECK(render("a\n  {{empty}}\n{{! note }}\nb", c) == "a\n  \n\nb");
    CHECK(render("x {{#list}}{{.}}{{/list}} y\r\nz", c) == "x ab y\r\nz");
}

TEST_CASE("Delimiters can change; partial tags render nothing (Templates expands them first)") {
    const json c = {{"v", "<x>"}};
    CHECK(render("{{=<% %>=}}<% v %> {{v}} <%={{ }}=%>{{v}}", c) == "&lt;x&gt; {{v}} &lt;x&gt;");
    CHECK(render("a{{> anything}}b", c) == "ab");
}

TEST_CASE("Syntax errors carry the offset of the offending tag") {
    CHECK(error_offset("ok {{#a}} never closed") == 3);
    CHECK(error_offset("{{/a}}") == 0);
    CHECK(error_offset("12345{{#a}}{{/b}}") == 11);
    CHECK(error_offset("abc {{unclosed") == 4);
    CHECK(error_offset("{{= bad=}}") == 0);
    CHECK(error_offset("{{#a}}{{/a}}") == std::string::npos);
    CHECK_THROWS_WITH(Template("x{{#key_figures}}"), "Unclosed section \"key_figures\"");
}

TEST_CASE("A shared reference reads as the value it refers to: in lists, as a member, as a scope") {
    const json a = {{"title", "A & B"}, {"tags", {"x", "y"}}};
    const json b = {{"title", "C"}, {"tags", json::array()}};
    const std::string t = "{{#items}}[{{title}}{{#has_tags}}:{{#tags}}{{.}}{{/tags}}{{/has_tags}}]{{/items}}"
                          "{{#first}}<{{title}}>{{/first}}{{first.title}}";
    const json copies = {{"items", {a, b}}, {"first", a}};
    const json refs = {{"items", {sprout::web::share(a, 1), sprout::web::share(b, 2)}}, {"first", sprout::web::share(a, 1)}};
    CHECK(render(t, copies) == "[A &amp; B:xy][C]<A &amp; B>A &amp; B");
    CHECK(render(t, refs) == render(t, copies));
    CHECK(render("{{title}}", sprout::web::share(b, 2)) == "C");
    CHECK(sprout::web::shared_target(refs["items"][1]) == &b);
    CHECK(sprout::web::shared_hash(refs["items"][1]) == 2);
    CHECK(sprout::web::shared_target(a) == nullptr);
    CHECK(sprout::web::shared_target(json::binary({1, 2, 3})) == nullptr);  // other binary values are not references
}

TEST_CASE("An object with a shared base reads as the base's members under its own") {
    using sprout::web::kBaseKey;
    const json base = {{"scale", "EIF"}, {"level", "3"}, {"outcome", ""}, {"levels", {"1", "2"}}};
    const json badges = {{"badges",
                          {{{"outcome", "behaviour"}, {std::string(kBaseKey), sprout::web::share(base, 7)}},
                           {{"outcome", ""}, {std::string(kBaseKey), sprout::web::share(base, 7)}}}},
                         {"page", "outer"}};
    const std::string t = "{{#badges}}[{{scale}} {{level}}{{#outcome}} ({{outcome}}){{/outcome}}"
                          "{{#has_levels}} of {{#levels}}{{.}}{{/levels}}{{/has_levels}} on {{page}}]{{/badges}}";
    // Own members first (the outcome), then the base's, then the enclosing scopes as usual.
    CHECK(render(t, badges) == "[EIF 3 (behaviour) of 12 on outer][EIF 3 of 12 on outer]");
    // The key cannot be written in a template, and a base that is not a reference is ignored.
    CHECK(render("{{scale}}", json{{std::string(kBaseKey), base}}) == "");
}

TEST_CASE("A rendering handed on a piece at each line end joins into the whole rendering") {
    // Big pages are written as they render (web/builder.cpp): a layout around a page, each
    // flushing the same output wherever a line ends, with standalone section lines dropped
    // even when the layout's line began before the page's pieces went.
    const Template layout("<html>\n  {{#head}}\n<title>{{t}}</title>\n  {{/head}}\n<body>{{#head}}{{{content}}}{{/head}}</body>\n{{#none}}\n{{/none}}\nend\n");
    const Template page("<main>\n{{#rows}}\n  {{#show}}\n<p>{{n}}</p>\n  {{/show}}\n\n{{/rows}}\n{{^rows}}\nno rows\n{{/rows}}\n</main>");
    json rows = json::array();
    for (int i = 0; i < 40; ++i) rows.push_back({{"n", i}, {"show", i % 3 != 0}});
    const json c = {{"head", true}, {"t", "T"}, {"rows", rows}, {"none", false}};
    const json* scopes[] = {&c};
    const auto rendered = [&](std::size_t flush_above, std::size_t& pieces) {
        std::string text, joined;
        Template::Output out{text, [&](std::string_view piece) {
            joined += piece;
            ++pieces;
        }, flush_above};
        const Template::Content content = [&](Template::Output& into) { page.render(scopes, into); };
        layout.render(scopes, out, &content);
        CHECK(out.flushed == joined.size());
        return joined + text;
    };
    std::string whole;
    Template::Output all{whole, {}, 0};
    const Template::Content content = [&](Template::Output& into) { page.render(scopes, into); };
    layout.render(scopes, all, &content);
    CHECK(whole.find("<title>T</title>") != std::string::npos);
    CHECK(whole.find("<p>38</p>") != std::string::npos);
    CHECK(whole.find("<p>0</p>") == std::string::npos);
    CHECK(whole.find("no rows") == std::string::npos);
    CHECK(whole.ends_with("</body>\n\nend\n"));
    for (const std::size_t above : {0, 1, 10, 100, 1000}) {
        INFO("flushed past " << above << " bytes");
        std::size_t pieces = 0;
        CHECK(rendered(above, pieces) == whole);
        if (above <= 10) CHECK(pieces > 20);
    }
}
