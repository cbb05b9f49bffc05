#pragma once
// Internal to the layout engine: the context block builders share, and the builders of the
// parts that have a file each (tables, charts and figures, cover and page furniture).
#include <map>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "pdf/flow.hpp"
#include "pdf/linebreak.hpp"

namespace sprout::pdf {

struct TocEntry {
    int level = 1;
    doc::Inlines text;
    std::string anchor;
};

// A contents entry's page number, set once the pages are known (number_contents).
struct ContentsNumber {
    std::size_t item = 0;  // in Ctx::items
    std::string anchor;
    double right = 0, baseline = 0, size = 0;
    Face face = Face::Regular;
    Color color;
    double leader_from = 0;  // where the dot leader starts
    bool placed = false, leader = false;  // what number_contents added to the item last time
};

struct Ctx {
    const Style& st;
    const FontSet& fonts;
    std::vector<TocEntry> toc;
    std::vector<ContentsNumber> numbers;
    std::vector<Item> items;
    std::vector<Group> groups;
    int next_table = 0;
    int heading_counter = 0;
    bool pending_break = false;

    TextSpec body() const;
    TextSpec small() const;
    TextSpec heading(int level) const;
    void add(Item it);  // appends, applying a pending page break
};

// Lines of text as items (one per line, orphans and widows kept with their neighbours).
void lay_lines(Ctx& c, const std::vector<Line>& lines, double x, double space_before, const std::string& anchor = {});

void lay_blocks(Ctx& c, const doc::Blocks& blocks, double x, double w, double first_space);
void lay_table(Ctx& c, const doc::Table& t, double x, double w, double space_before, const std::string& anchor);
void lay_chart(Ctx& c, const doc::BarChart& ch, double x, double w, double space_before, const std::string& anchor);
void lay_figure(Ctx& c, const doc::Figure& f, double x, double w, double space_before, const std::string& anchor);

// The anchor of a heading block: its own, or one numbered in document order.
std::string heading_anchor(const doc::Block& b, int& counter);
// Headings listed in the contents, in document order (same numbering as the layout).
std::vector<TocEntry> collect_contents(const doc::Blocks& blocks);

PageBoxes cover_page(const doc::Meta& m, const Style& st, const FontSet& fonts);
// Running header and footer on every page but the cover; records their texts in `furniture`.
void add_furniture(Layout& l, const doc::Meta& m, const Style& st, const FontSet& fonts);

// One line of plain text in a face (no wrapping), as a text box.
TextBox plain_text_box(const std::string& text, double x, double baseline, double size, Face face, Color color,
                       const FontSet& fonts);
// Shortens text with "…" to fit a width.
std::string fit_width(const std::string& text, double width, double size, Face face, const FontSet& fonts);

}  // namespace sprout::pdf
