// The HTML twin of a brief and the Markdown → document tree walk both writers share.
#include <catch2/catch.hpp>

#include "brief/plan.hpp"
#include "brief_model.hpp"
#include "doc/from_markdown.hpp"
#include "doc/html_writer.hpp"

using namespace sprout;

TEST_CASE("Markdown becomes the document tree: paragraphs, emphasis, links, lists, tasks, tables", "[brief][markdown]") {
    const auto blocks = doc::from_markdown(
        "Some *italic* and **bold** with [a link](https://example.org) and [a relative one](../x.html).\n\n"
        "## A heading\n\n"
        "1. first\n2. second\n\n"
        "- [ ] to do\n- [x] done\n\n"
        "| Name | Count |\n|---|---:|\n| A | 12 |\n\n"
        "> quoted\n\n<script>alert(1)</script>\n");
    REQUIRE(blocks.size() == 6);
    const auto& p = std::get<doc::Paragraph>(blocks[0].v);
    bool italic = false, bold = false, link = false;
    for (const auto& i : p.text) {
        italic = italic || (i.italic && i.text == "italic");
        bold = bold || (i.bold && i.text == "bold");
        link = link || (i.href == "https://example.org" && i.text == "a link");
        if (i.text == "a relative one") CHECK(i.href.empty());  // no base URL: the text stays, the link goes
    }
    CHECK(italic);
    CHECK(bold);
    CHECK(link);
    const auto& h = std::get<doc::Heading>(blocks[1].v);
    CHECK(h.level == 4);  // "##" one below the default base of 3
    CHECK(doc::plain(h.text) == "A heading");
    const auto& ol = std::get<doc::List>(blocks[2].v);
    CHECK(ol.ordered);
    CHECK(ol.items.size() == 2);
    const auto& tasks = std::get<doc::List>(blocks[3].v);
    CHECK(tasks.tasks);
    const auto& table = std::get<doc::Table>(blocks[4].v);
    REQUIRE(table.columns.size() == 2);
    CHECK(table.columns[1].align == doc::Align::Right);
    CHECK(doc::plain(table.columns[0].header) == "Name");
    CHECK(doc::plain(table.rows[0][1]) == "12");
    CHECK(std::holds_alternative<doc::Callout>(blocks[5].v));  // the raw HTML is dropped

    doc::MarkdownOptions o;
    o.base_url = "https://toolkit.example.org/";
    const auto in = doc::inlines_from_markdown("[x](../pages/a.html)", o);
    REQUIRE(in.size() == 1);
    CHECK(in[0].href == "https://toolkit.example.org/pages/a.html");
}

TEST_CASE("the HTML twin is an accessible page with the same content", "[brief][html]") {
    auto m = test::brief_model();
    m.examples[0].summary = "Unsafe <script>alert(1)</script> text, with each dyad.";
    const auto plan = brief::plan_brief(m, "england", "commissioners", std::string("leeds"));
    doc::HtmlOptions o;
    o.pdf_href = plan.target.stem() + ".pdf";
    const std::string h = doc::write_html(plan.doc, o);
    CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(h.find("<html lang=\"en-GB\">") != std::string::npos);
    CHECK(h.find("<title>Brief in England for commissioners</title>") != std::string::npos);
    CHECK(h.find("<h1>Brief in England for commissioners</h1>") != std::string::npos);
    CHECK(h.find("<a class=\"skip\" href=\"#main\">") != std::string::npos);
    CHECK(h.find("<nav class=\"contents\"") != std::string::npos);
    CHECK(h.find("<th scope=\"col\"") != std::string::npos);
    CHECK(h.find("class=\"num\"") != std::string::npos);  // numbers right-aligned
    CHECK(h.find("href=\"england-commissioners-leeds.pdf\"") != std::string::npos);
    CHECK(h.find("<script>") == std::string::npos);
    CHECK(h.find("&lt;script&gt;") == std::string::npos);  // raw HTML is dropped, not shown
    CHECK(h.find("<span id=\"ref-1\">") != std::string::npos);
    CHECK(h.find("href=\"#ref-1\"") != std::string::npos);
    CHECK(h.find("about 900") != std::string::npos);
    // Valid under the site's html-validate rules: no inline styles (bars are SVG geometry) and
    // no unnamed landmarks (callouts are notes, scrollable tables are named regions).
    CHECK(h.find(" style=") == std::string::npos);
    CHECK(h.find("<svg class=\"bar\"") != std::string::npos);
    CHECK(h.find("<aside") == std::string::npos);
    CHECK(h.find("role=\"note\"") != std::string::npos);
    CHECK(h.find("role=\"region\"") == std::string::npos);
    CHECK(h.find("<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"") != std::string::npos);
    // Every section heading of the PDF is a heading here, with the same anchor.
    for (const auto& b : plan.doc.body)
        if (const auto* hd = std::get_if<doc::Heading>(&b.v); hd && hd->level == 1)
            CHECK(h.find("<h2 id=\"" + b.anchor + "\">") != std::string::npos);
}
