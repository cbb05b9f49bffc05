// Horizontal bar charts (vector, directly labelled, the source underneath) and headline
// figures (a big number beside what it measures). Both keep together on one page.
#include <algorithm>

#include "pdf/layout_parts.hpp"

namespace sprout::pdf {

namespace {

double lines_height(const std::vector<Line>& lines) {
    double h = 0;
    for (const auto& l : lines) h += l.height;
    return h;
}

}  // namespace

void lay_chart(Ctx& c, const doc::BarChart& ch, double x, double w, double space_before, const std::string& anchor) {
    TextSpec title = c.body();
    title.bold = true;
    TextSpec label = c.body();
    label.size = c.st.body_size - 1;
    label.leading = 1.25;
    const TextSpec small = c.small();

    const std::size_t first = c.items.size();
    {
        auto lines = break_lines(ch.title, title, w, c.fonts);
        Item it;
        it.space_before = space_before;
        it.boxes.lines.push_back(LineBox{x, 0, x + w, 0, 0.5, c.st.rule});  // like a figure's: one rule above each
        emit_lines(lines, x, 6, it.boxes);
        it.height = lines_height(lines) + 8;
        if (!anchor.empty()) it.anchors.emplace_back(anchor, 0);
        c.add(std::move(it));
    }
    if (!ch.unit_label.empty()) {
        lay_lines(c, break_lines({doc::text(ch.unit_label)}, small, w, c.fonts), x, 0);
    }
    double max_value = 0, label_need = 0, value_need = 0;
    for (const auto& g : ch.groups) {
        for (const auto& b : g.bars) {
            max_value = std::max(max_value, b.value);
            label_need = std::max(label_need, measure_extent({doc::text(b.label)}, label, c.fonts).max);
            value_need = std::max(value_need, text_width(c.fonts[Face::Bold], fit_to_font(c.fonts[Face::Bold], b.value_text), label.size));
        }
    }
    if (max_value <= 0) max_value = 1;
    const double label_w = std::min(w * 0.38, label_need + 8);
    const double value_w = value_need + 8;
    const double bar_area = std::max(20.0, w - label_w - value_w);
    const double bar_h = 11;
    bool first_group = true;
    for (std::size_t gi = 0; gi < ch.groups.size(); ++gi) {
        const auto& g = ch.groups[gi];
        const Color colour = gi % 2 == 0 ? c.st.bar : c.st.bar_alt;
        if (ch.groups.size() > 1 && !g.name.empty()) {
            TextSpec gs = label;
            gs.bold = true;
            auto lines = break_lines({doc::text(g.name)}, gs, w, c.fonts);
            Item it;
            it.space_before = first_group ? 2 : 6;
            emit_lines(lines, x, 0, it.boxes);
            it.height = lines_height(lines) + 1;
            c.add(std::move(it));
        }
        first_group = false;
        for (const auto& b : g.bars) {
            auto lines = break_lines({doc::text(b.label)}, label, label_w - 8, c.fonts);
            const double text_h = lines_height(lines);
            Item it;
            it.height = std::max(text_h, bar_h) + 5;
            const double top = (it.height - text_h) / 2;
            emit_lines(lines, x, top, it.boxes);
            const double bx = x + label_w;
            const double bw = std::max(0.75, bar_area * std::max(0.0, b.value) / max_value);
            const double by = (it.height - bar_h) / 2;
            it.boxes.rects.push_back(RectBox{bx, by, bw, bar_h, colour});
            it.boxes.lines.push_back(LineBox{bx, 0, bx, it.height, 0.6, c.st.text});
            const std::string vt = fit_to_font(c.fonts[Face::Bold], b.value_text);
            const double vb = by + bar_h / 2 + label.size * 0.35;
            it.boxes.texts.push_back(plain_text_box(vt, bx + bw + 4, vb, label.size, Face::Bold, c.st.text, c.fonts));
            c.add(std::move(it));
        }
    }
    if (!ch.source.empty()) {
        lay_lines(c, break_lines(ch.source, small, w, c.fonts), x, 4);
    }
    // The chart is one unit: keep everything but the last item with what follows it.
    for (std::size_t i = first; i + 1 < c.items.size(); ++i) c.items[i].keep_with_next = true;
}

void lay_figure(Ctx& c, const doc::Figure& f, double x, double w, double space_before, const std::string& anchor) {
    TextSpec big = c.body();
    big.size = 19;
    big.bold = true;
    big.leading = 1.15;
    big.color = c.st.accent;
    TextSpec label = c.body();
    label.bold = true;
    const TextSpec small = c.small();
    TextSpec source = small;
    source.color = c.st.text;

    const double left_w = std::min(130.0, w * 0.3);
    const double right_x = x + left_w + 10, right_w = w - left_w - 10;
    const double pad = 7;
    Item it;
    it.space_before = space_before;
    if (!anchor.empty()) it.anchors.emplace_back(anchor, 0);
    auto value_lines = break_lines({doc::text(f.value)}, big, left_w, c.fonts);
    // A value in words ("over £16 billion a year") is set smaller rather than run to a column
    // of one-word lines.
    if (value_lines.size() > 2) {
        big.size = 15;
        value_lines = break_lines({doc::text(f.value)}, big, left_w, c.fonts);
    }
    emit_lines(value_lines, x, pad, it.boxes);
    double y = pad;
    for (const auto* part : {&f.label, &f.detail, &f.source}) {
        if (part->empty()) continue;
        const TextSpec& spec = part == &f.label ? label : part == &f.detail ? small : source;
        auto lines = break_lines(*part, spec, right_w, c.fonts);
        emit_lines(lines, right_x, y, it.boxes);
        y += lines_height(lines) + (part == &f.label ? 1 : 2);
    }
    it.height = std::max(y, pad + lines_height(value_lines)) + pad;
    it.boxes.lines.push_back(LineBox{x, 0, x + w, 0, 0.5, c.st.rule});
    c.add(std::move(it));
}

}  // namespace sprout::pdf
