#pragma once
// Line breaking: styled inline runs (bold, italic, links, reference marks) are cut into words,
// each word measured in its own face, and set greedily into lines no wider than the measure.
// Words longer than a line are split after '/', '-' or, failing that, between characters.
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "pdf/boxes.hpp"
#include "pdf/fonts.hpp"
#include "pdf/style.hpp"

namespace sprout::pdf {

struct TextSpec {
    double size = 10.5;
    double leading = 1.4;
    bool bold = false;    // base face (headings are bold)
    bool italic = false;
    Color color;
    Color link_color;
    Color cite_color;
};

// One piece of a line in a single style, positioned relative to the line's start.
struct Fragment {
    std::string text;
    double x = 0, width = 0, size = 0;
    Face face = Face::Regular;
    Color color;
    std::string href, target;
    std::string anchor;  // an anchor set on this run (doc::Inline::anchor)
};

struct Line {
    std::vector<Fragment> frags;
    double width = 0;
    double height = 0;    // size × leading
    double baseline = 0;  // from the top of the line
    double size = 0;
    double ascent = 0, descent = 0;  // of the line's main size, in points
};

std::vector<Line> break_lines(const doc::Inlines& in, const TextSpec& spec, double max_width, const FontSet& fonts);

// Widest single word (the narrowest the text can be set without splitting words) and the
// width of the whole text on one line, for sizing table columns.
struct TextExtent {
    double min = 0, max = 0;
};
TextExtent measure_extent(const doc::Inlines& in, const TextSpec& spec, const FontSet& fonts);

// Adds the lines' text and link boxes to `page`, the first line's top at (x, y).
void emit_lines(const std::vector<Line>& lines, double x, double y, PageBoxes& page, double align_width = -1,
                doc::Align align = doc::Align::Left);

}  // namespace sprout::pdf
