#pragma once
// Pagination. Blocks are first turned into items — vertical slices that cannot be split (a
// line of text, a table row's line, a chart) — with their boxes relative to the item's top.
// The paginator then stacks items into the page frame:
//   - `keep_with_next` chains (a heading with the first lines after it, a paragraph's first
//     and last two lines, the lines of one table row) move to the next page together when
//     they do not fit, unless the chain is taller than a whole page;
//   - space before an item is dropped at the top of a page;
//   - a table's header items are repeated at the top of each page the table continues on;
//   - callout items share a background drawn behind them on each page they cover.
#include <map>
#include <string>
#include <vector>

#include "pdf/boxes.hpp"

namespace sprout::pdf {

struct Item {
    double height = 0;
    double space_before = 0;
    bool keep_with_next = false;
    bool page_break_before = false;
    PageBoxes boxes;  // x on the page, y relative to the item's top
    std::vector<std::pair<std::string, double>> anchors;  // id, offset from the item's top
    std::vector<OutlineEntry> outline;
    int group = -1;  // callout background group
    int table = -1;  // table id (for repeating headers)
    bool table_header = false;
};

struct Group {
    Color fill;
    Color bar;
    double x = 0, w = 0;
};

struct Frame {
    double left = 0, top = 0, width = 0, height = 0;
};

class Paginator {
public:
    Paginator(Frame frame, std::vector<Group> groups) : frame_(frame), groups_(std::move(groups)) {}

    // Places every item, starting on a new page.
    void place(const std::vector<Item>& items);
    std::vector<PageBoxes>& pages() { return pages_; }
    std::map<std::string, Destination>& anchors() { return anchors_; }
    std::vector<OutlineEntry>& outline() { return outline_; }
    // Adds a page laid out apart (the cover) ahead of the flowed ones.
    void add_page(PageBoxes p) { pages_.push_back(std::move(p)); }

private:
    void new_page();
    void put(const Item& it, bool at_top);
    void paint_groups();

    Frame frame_;
    std::vector<Group> groups_;
    std::vector<PageBoxes> pages_;
    std::map<std::string, Destination> anchors_;
    std::vector<OutlineEntry> outline_;
    double y_ = 0;           // next free position on the current page
    bool page_empty_ = true;
    // Per page, per group: vertical extent covered.
    std::map<std::pair<int, int>, std::pair<double, double>> group_extent_;
};

}  // namespace sprout::pdf
