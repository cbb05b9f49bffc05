#pragma once
// What the layout engine produces and the libharu writer draws: positioned boxes on pages.
// Coordinates are points with the origin at the top-left of the page and y growing
// downwards (the writer flips them for PDF).
#include <map>
#include <string>
#include <vector>

#include "pdf/fonts.hpp"
#include "pdf/style.hpp"

namespace sprout::pdf {

struct TextBox {
    double x = 0, y = 0;  // start of the baseline
    double width = 0;     // advance width of `text`
    double size = 10;
    double ascent = 0, descent = 0;  // in points, both positive
    Face face = Face::Regular;
    Color color;
    std::string text;  // UTF-8, every character has a glyph in the face
    double top() const { return y - ascent; }
    double bottom() const { return y + descent; }
};

struct RectBox {
    double x = 0, y = 0, w = 0, h = 0;  // y is the top edge
    Color fill;
};

struct LineBox {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color;
    bool dotted = false;  // round dots (contents leaders), drawn as vector dashes, not text
};

// A clickable area: an external URI or an internal anchor.
struct LinkBox {
    double x = 0, y = 0, w = 0, h = 0;  // y is the top edge
    std::string uri;
    std::string anchor;
};

struct PageBoxes {
    std::vector<RectBox> rects;  // drawn first
    std::vector<LineBox> lines;
    std::vector<TextBox> texts;
    std::vector<LinkBox> links;
    bool cover = false;
    bool body = true;  // texts other than the running header/footer must sit inside the margins
};

struct Destination {
    int page = 0;  // 0-based
    double y = 0;  // top of the target
};

struct OutlineEntry {
    int level = 1;
    std::string title;
    std::string anchor;
};

struct Layout {
    std::vector<PageBoxes> pages;
    std::map<std::string, Destination> anchors;
    std::vector<OutlineEntry> outline;  // in document order
    // Texts that belong to the running header and footer, per page (also in `pages[i].texts`,
    // listed here so tests can tell them from body text): indices into pages[i].texts.
    std::vector<std::vector<std::size_t>> furniture;
};

}  // namespace sprout::pdf
