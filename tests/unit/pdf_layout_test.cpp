// The layout engine, checked on its boxes: line breaking, margins, tables split across pages
// with the header repeated, headings kept with what follows, page numbers, contents, outline
// and links. Documents are built in code.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "doc/document.hpp"
#include "doc/from_markdown.hpp"
#include "pdf/layout.hpp"
#include "pdf/layout_parts.hpp"
#include "pdf/linebreak.hpp"

using namespace sprout;

namespace {

const pdf::FontSet& fonts() { return pdf::system_fonts(); }

doc::Document long_document(int rows = 120) {
    doc::Document d;
    d.meta.title = "A long test brief about layout";
    d.meta.subtitle = "A brief for testers";
    d.meta.nation = "Wales";
    d.meta.audience = "Testers";
    d.meta.date = "23 November 2026";
    d.meta.date_iso = "2026-11-23";
    d.meta.publisher = "Test Publisher";
    d.meta.site_title = "Test toolkit";
    auto& b = d.body;
    b.push_back(doc::heading(1, {doc::text("Contents")}, "contents"));
    std::get<doc::Heading>(b.back().v).in_contents = false;
    b.push_back(doc::Block{doc::Contents{}, {}});
    b.push_back(doc::Block{doc::PageBreak{}, {}});
    b.push_back(doc::heading(1, {doc::text("First section")}, "first"));
    doc::Inlines p{doc::text("Read "), doc::link("the report", "https://example.org/report"), doc::text(" or see "),
                   doc::Inline{doc::Inline::Kind::Text, "the table", false, false, false, {}, "big-table", {}},
                   doc::text(". Some "), doc::bold("bold words"), doc::text(" and "), doc::italic("italic words"),
                   doc::text(" in Cymraeg: Gŵyl, ŷ, â. An unbreakable https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all/whatsoever/really/truly end.")};
    for (int i = 0; i < 12; ++i) b.push_back(doc::para(p));
    b.push_back(doc::heading(2, {doc::text("A subsection")}, "sub"));
    doc::List l;
    for (int i = 0; i < 5; ++i) l.items.push_back({doc::para({doc::text("List item " + std::to_string(i))})});
    b.push_back(doc::Block{std::move(l), {}});
    b.push_back(doc::heading(1, {doc::text("The big table")}, "table-section"));
    doc::Table t;
    t.caption = {doc::text("Table caption")};
    t.columns = {doc::Column{{doc::text("Column A")}, doc::Align::Left, 0}, doc::Column{{doc::text("Amount")}, doc::Align::Right, 0},
                 doc::Column{{doc::text("Notes")}, doc::Align::Left, 0}};
    for (int r = 0; r < rows; ++r)
        t.rows.push_back({{doc::text("Row " + std::to_string(r))}, {doc::text(std::to_string(r * 1000))},
                          {doc::text(r % 7 == 0 ? "A longer note that wraps onto a second line in this narrow column, we hope, yes."
                                                : "Short note")}});
    t.source = {doc::text("Source: the test")};
    b.push_back(doc::Block{std::move(t), "big-table"});
    doc::BarChart ch;
    ch.title = {doc::text("A chart")};
    ch.groups = {{"", {{"First", 45, "45%"}, {"Second", 30, "30%"}}}};
    ch.source = {doc::text("Source: chart test")};
    b.push_back(doc::Block{std::move(ch), {}});
    doc::Callout co;
    co.title = {doc::text("A callout")};
    co.body = {doc::para({doc::text("Inside the callout.")})};
    b.push_back(doc::Block{std::move(co), {}});
    b.push_back(doc::heading(1, {doc::text("Last section")}, "last"));
    b.push_back(doc::para({doc::text("The end.")}));
    return d;
}

bool is_furniture(const pdf::Layout& l, std::size_t page, std::size_t text) {
    const auto& f = l.furniture[page];
    return std::find(f.begin(), f.end(), text) != f.end();
}

}  // namespace

TEST_CASE("lines never exceed the measure; styled words are measured in their own face", "[pdf][layout]") {
    const pdf::TextSpec spec;
    const double width = 200;
    doc::Inlines in{doc::text("Ordinary words, then "), doc::bold("bold ones"),
                    doc::text(" and a path/that/is/far/too/long/to/fit/on/one/line/of/two/hundred/points/wide/at/all.")};
    const auto lines = pdf::break_lines(in, spec, width, fonts());
    REQUIRE(lines.size() >= 3);
    for (const auto& line : lines) {
        CHECK(line.width <= width + 1e-6);
        double sum = 0;
        for (const auto& f : line.frags) sum += f.width;
        CHECK(sum == Approx(line.width));
    }
    const auto& reg = fonts()[pdf::Face::Regular];
    const auto& bold = fonts()[pdf::Face::Bold];
    CHECK(pdf::text_width(bold, "bold ones", 10) > pdf::text_width(reg, "bold ones", 10));
    bool saw_bold = false;
    for (const auto& line : lines)
        for (const auto& f : line.frags)
            if (f.face == pdf::Face::Bold) {
                saw_bold = true;
                CHECK(f.width == Approx(pdf::text_width(bold, f.text, spec.size)));
            }
    CHECK(saw_bold);
    // A forced line break starts a new line.
    const auto two = pdf::break_lines({doc::text("one"), doc::line_break(), doc::text("two")}, spec, 500, fonts());
    CHECK(two.size() == 2);
}

TEST_CASE("no text or shading outside the page margins", "[pdf][layout]") {
    const pdf::Style st;
    const auto l = pdf::layout_document(long_document(), st, fonts());
    REQUIRE(l.pages.size() > 3);
    const double eps = 0.01;
    const double left = st.margin_left, right = st.page_width - st.margin_right;
    const double top = st.margin_top, bottom = st.page_height - st.margin_bottom;
    for (std::size_t p = 0; p < l.pages.size(); ++p) {
        const auto& page = l.pages[p];
        for (std::size_t i = 0; i < page.texts.size(); ++i) {
            const auto& t = page.texts[i];
            INFO("page " << p + 1 << " text '" << t.text << "' at " << t.x << "," << t.y);
            CHECK(t.x >= left - eps);
            CHECK(t.x + t.width <= right + eps);
            if (page.cover || is_furniture(l, p, i)) {
                // Cover and running header/footer: inside the page, at least 8 mm from its edges.
                CHECK(t.top() >= 8 * 72 / 25.4);
                CHECK(t.bottom() <= st.page_height - 8 * 72 / 25.4);
            } else {
                CHECK(t.top() >= top - eps);
                CHECK(t.bottom() <= bottom + eps);
            }
        }
        if (page.cover) continue;
        for (const auto& r : page.rects) {
            CHECK(r.x >= left - eps);
            CHECK(r.x + r.w <= right + eps);
            CHECK(r.y >= top - eps);
            CHECK(r.y + r.h <= bottom + eps);
        }
    }
}

TEST_CASE("a table that breaks across pages repeats its header on each page", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(150), pdf::Style{}, fonts());
    std::vector<std::size_t> pages_with_rows;
    for (std::size_t p = 0; p < l.pages.size(); ++p) {
        double header_y = -1, first_row_y = 1e9;
        for (const auto& t : l.pages[p].texts) {
            if (t.text == "Column A") header_y = t.y;
            if (t.text.rfind("Row ", 0) == 0) first_row_y = std::min(first_row_y, t.y);
        }
        if (first_row_y < 1e9) {
            pages_with_rows.push_back(p);
            INFO("page " << p + 1);
            CHECK(header_y > 0);
            CHECK(header_y < first_row_y);
        }
    }
    CHECK(pages_with_rows.size() >= 3);
    // Every row appears exactly once.
    std::map<std::string, int> seen;
    for (const auto& page : l.pages)
        for (const auto& t : page.texts)
            if (t.text.rfind("Row ", 0) == 0) ++seen[t.text];
    CHECK(seen.size() == 150);
    for (const auto& [k, n] : seen) CHECK(n == 1);
}

TEST_CASE("numbers in right-aligned columns end at the same x", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(30), pdf::Style{}, fonts());
    std::vector<double> ends;
    for (const auto& page : l.pages)
        for (const auto& t : page.texts)
            if (!t.text.empty() && std::all_of(t.text.begin(), t.text.end(), ::isdigit) && t.text.size() >= 4) ends.push_back(t.x + t.width);
    REQUIRE(ends.size() > 10);
    for (double e : ends) CHECK(e == Approx(ends.front()).margin(0.01));
}

TEST_CASE("every page but the cover has 'Page N of M' and the running header", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(), pdf::Style{}, fonts());
    const std::size_t total = l.pages.size();
    CHECK(l.pages[0].cover);
    for (std::size_t p = 1; p < total; ++p) {
        bool footer = false, header = false;
        for (const auto& t : l.pages[p].texts) {
            if (t.text == "Page " + std::to_string(p + 1) + " of " + std::to_string(total)) footer = true;
            if (t.text == "Wales") header = true;
        }
        INFO("page " << p + 1);
        CHECK(footer);
        CHECK(header);
    }
    for (const auto& t : l.pages[0].texts) CHECK(t.text.rfind("Page ", 0) != 0);
}

TEST_CASE("the contents page gives each section's page number and links to it", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(), pdf::Style{}, fonts());
    const auto& contents = l.pages[1];
    for (const char* id : {"first", "sub", "table-section", "last"}) {
        REQUIRE(l.anchors.count(id) == 1);
        const int page = l.anchors.at(id).page + 1;
        bool link = false;
        for (const auto& k : contents.links) link = link || k.anchor == id;
        CHECK(link);
        bool number = false;
        for (const auto& t : contents.texts) number = number || t.text == std::to_string(page);
        INFO(id << " on page " << page);
        CHECK(number);
    }
    CHECK(l.anchors.at("first").page == 2);  // after the cover and the contents page break
    CHECK(l.anchors.at("last").page > l.anchors.at("table-section").page);
}

TEST_CASE("each contents line has one number, right-aligned, its dot leader ending just before it", "[pdf][layout]") {
    // A table long enough to take the last section past page 9: the numbers then differ in
    // width from the "0" set before the pages are known, and each must replace it.
    const pdf::Style st;
    const auto l = pdf::layout_document(long_document(900), st, fonts());
    REQUIRE(l.anchors.at("last").page + 1 >= 10);
    const auto& contents = l.pages[1];
    std::vector<const pdf::TextBox*> numbers;
    for (std::size_t i = 0; i < contents.texts.size(); ++i) {
        const auto& t = contents.texts[i];
        if (!is_furniture(l, 1, i) && !t.text.empty() && std::all_of(t.text.begin(), t.text.end(), ::isdigit))
            numbers.push_back(&t);
    }
    REQUIRE(numbers.size() == 4);  // first, sub, table-section, last
    std::vector<std::string> shown;
    for (const auto* n : numbers) {
        shown.push_back(n->text);
        CHECK(n->x + n->width == Approx(st.margin_left + st.content_width()));
        int leaders = 0;
        for (const auto& line : contents.lines)
            if (line.dotted && std::abs(line.y1 - (n->y - 0.5)) < 0.01) {
                ++leaders;
                CHECK(line.x2 == Approx(n->x - 6));
            }
        CHECK(leaders == 1);
    }
    std::vector<std::string> want;
    for (const char* id : {"first", "sub", "table-section", "last"}) want.push_back(std::to_string(l.anchors.at(id).page + 1));
    CHECK(shown == want);
}

TEST_CASE("the outline mirrors the headings, in order and by level", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(), pdf::Style{}, fonts());
    std::vector<std::pair<int, std::string>> got;
    for (const auto& o : l.outline) {
        got.push_back({o.level, o.title});
        CHECK(l.anchors.count(o.anchor) == 1);
    }
    const std::vector<std::pair<int, std::string>> want = {
        {1, "Contents"}, {1, "First section"}, {2, "A subsection"}, {1, "The big table"}, {1, "Last section"}};
    CHECK(got == want);
}

TEST_CASE("links: external URIs and internal anchors get link areas over their words", "[pdf][layout]") {
    const auto l = pdf::layout_document(long_document(), pdf::Style{}, fonts());
    int external = 0, internal = 0;
    for (const auto& page : l.pages) {
        if (page.cover) continue;
        for (const auto& k : page.links) {
            if (k.uri == "https://example.org/report") {
                ++external;
                CHECK(k.w > 10);
                CHECK(k.h > 5);
            }
            if (k.anchor == "big-table") ++internal;
        }
    }
    CHECK(external >= 12);  // one per paragraph, two where a link wraps
    CHECK(internal >= 12);
    CHECK(l.anchors.count("big-table") == 1);
}

TEST_CASE("a heading is never the last thing on a page", "[pdf][layout]") {
    // Many short sections, so that some heading must fall near a page bottom.
    doc::Document d = long_document(5);
    for (int i = 0; i < 60; ++i) {
        d.body.push_back(doc::heading(2, {doc::text("Heading number " + std::to_string(i))}, "h-" + std::to_string(i)));
        d.body.push_back(doc::para({doc::text("Some text under the heading, long enough to take two lines of the page width "
                                              "when it is set at the body size in DejaVu Sans, which it is.")}));
    }
    const pdf::Style st;
    const auto l = pdf::layout_document(d, st, fonts());
    for (std::size_t p = 1; p < l.pages.size(); ++p) {
        const pdf::TextBox* lowest = nullptr;
        for (std::size_t i = 0; i < l.pages[p].texts.size(); ++i) {
            if (is_furniture(l, p, i)) continue;
            const auto& t = l.pages[p].texts[i];
            if (!lowest || t.y > lowest->y) lowest = &t;
        }
        if (!lowest) continue;
        INFO("page " << p + 1 << ": " << lowest->text);
        CHECK(lowest->size != Approx(st.h2_size));
    }
}

TEST_CASE("deeply nested lists and callouts keep their text inside the margins", "[pdf][layout]") {
    std::string md;
    for (int i = 0; i < 30; ++i) md += std::string(static_cast<std::size_t>(i), '>') + (i ? " " : "") + "- level " + std::to_string(i) + " item with some words\n";
    doc::Document d;
    d.meta.title = "Nesting";
    d.body = doc::from_markdown(md + "\n" + std::string(30, '>') + " 1. numbered deep inside, long enough to wrap across more than one line of text here.\n");
    const pdf::Style st;
    const auto l = pdf::layout_document(d, st, fonts());
    std::size_t texts = 0;
    for (std::size_t p = 1; p < l.pages.size(); ++p)
        for (std::size_t i = 0; i < l.pages[p].texts.size(); ++i) {
            if (is_furniture(l, p, i)) continue;
            const auto& t = l.pages[p].texts[i];
            ++texts;
            INFO(t.text);
            CHECK(t.x >= st.margin_left - 0.01);
            CHECK(t.x + t.width <= st.page_width - st.margin_right + 0.01);
        }
    CHECK(texts > 30);
}

TEST_CASE("anchors inside a paragraph lead to the line they are set on", "[pdf][layout]") {
    // As in a brief's references: numbered places run on in one paragraph, each number a target.
    doc::Document d = long_document(0);
    doc::Inlines in{doc::bold("A work cited in many places.")};
    in.push_back(doc::line_break());
    for (int n = 1; n <= 60; ++n) {
        if (n > 1) in.push_back(doc::text(" \u00B7 "));
        doc::Inline number = doc::bold("[" + std::to_string(n) + "]\u00A0");
        number.anchor = "place-" + std::to_string(n);
        in.push_back(std::move(number));
        in.push_back(doc::italic("Part " + std::to_string(n) + ", a place in the work"));
    }
    d.body.push_back(doc::para(in, doc::Paragraph::Role::Note));
    const auto l = pdf::layout_document(d, pdf::Style{}, fonts());
    std::pair<int, double> last{-1, 0};
    for (int n = 1; n <= 60; ++n) {
        const std::string id = "place-" + std::to_string(n);
        REQUIRE(l.anchors.count(id) == 1);
        const auto& dest = l.anchors.at(id);
        const std::pair<int, double> here{dest.page, dest.y};
        CHECK(here >= last);  // in reading order, line by line
        last = here;
    }
    // Many places share a line, but they span several lines.
    CHECK((l.anchors.at("place-60").page > l.anchors.at("place-1").page ||
           l.anchors.at("place-60").y > l.anchors.at("place-1").y + 20));
}

TEST_CASE("a running header too long for its space is cut between words", "[pdf][layout]") {
    const std::string title = "Infant and early childhood mental health in Scotland: a brief for commissioners";
    const double full = pdf::text_width(fonts()[pdf::Face::Regular], title, 8);
    const std::string cut = pdf::fit_width(title, full * 0.8, 8, pdf::Face::Regular, fonts());
    CHECK(cut == "Infant and early childhood mental health in Scotland: a brief\u2026");
    CHECK(pdf::text_width(fonts()[pdf::Face::Regular], cut, 8) <= full * 0.8);
    CHECK(pdf::fit_width(title, full + 1, 8, pdf::Face::Regular, fonts()) == title);
    // One long word: cut inside it rather than show nothing.
    const std::string word = "Supercalifragilisticexpialidocious";
    const std::string part = pdf::fit_width(word, pdf::text_width(fonts()[pdf::Face::Regular], word, 8) / 2, 8, pdf::Face::Regular, fonts());
    CHECK(part.size() > 4);
    CHECK(part.ends_with("\u2026"));
}

TEST_CASE("a headline figure in words is set smaller, on at most two lines", "[pdf][layout]") {
    doc::Document d = long_document(0);
    doc::Figure f;
    f.value = "over \u00A316 billion a year";
    f.label = {doc::text("Late intervention spending")};
    d.body.push_back(doc::Block{f, "words"});
    f.value = "42%";
    d.body.push_back(doc::Block{f, "number"});
    const auto l = pdf::layout_document(d, pdf::Style{}, fonts());
    std::set<double> word_lines;
    double number_size = 0;
    for (const auto& page : l.pages)
        for (const auto& t : page.texts) {
            if (t.text == "42%") number_size = t.size;
            if (t.face == pdf::Face::Bold && (t.text.find("billion") != std::string::npos || t.text.find("year") != std::string::npos ||
                                              t.text.find("16") != std::string::npos))
                word_lines.insert(t.y);
        }
    CHECK(number_size == Approx(19));  // a number keeps the large size
    CHECK_FALSE(word_lines.empty());
    CHECK(word_lines.size() <= 2);
}

TEST_CASE("a table's heading and lead-in text move with its header row", "[pdf][layout]") {
    // Filler pushes the heading to every position near a page foot in turn.
    for (int filler = 30; filler < 62; filler += 2) {
        doc::Document d = long_document(0);
        for (int i = 0; i < filler; ++i) d.body.push_back(doc::para({doc::text("Filler line " + std::to_string(i) + ".")}));
        d.body.push_back(doc::heading(1, {doc::text("Table lead-in heading")}, "lead-in"));
        d.body.push_back(doc::para({doc::text("An introduction to the table, long enough to run to two lines when it is set at the "
                                              "body size across the full measure of the page.")}));
        doc::Table t;
        t.columns = {doc::Column{{doc::text("Name")}, doc::Align::Left, 0.5}, doc::Column{{doc::text("Detail")}, doc::Align::Left, 0.5}};
        std::string tall;
        for (int i = 0; i < 12; ++i) tall += "A line of detail in a tall first row. ";
        t.rows = {{{doc::text("First row")}, {doc::text(tall)}}, {{doc::text("Second row")}, {doc::text("Short.")}}};
        d.body.push_back(doc::Block{t, {}});
        const auto l = pdf::layout_document(d, pdf::Style{}, fonts());
        int heading_page = -1, header_page = -1;
        for (std::size_t p = 0; p < l.pages.size(); ++p)
            for (const auto& tb : l.pages[p].texts) {
                if (tb.text == "Table lead-in heading") heading_page = static_cast<int>(p);  // after its contents line
                if (tb.text == "Detail" && header_page < 0) header_page = static_cast<int>(p);
            }
        INFO("filler " << filler);
        REQUIRE(heading_page >= 0);
        CHECK(heading_page == header_page);
    }
}
