// Tables: columns sized to their content, a header row in the accent colour repeated on every
// page the table continues on, light shading on alternate rows, numbers right-aligned. Each
// row is cut into one item per line so a row taller than a page can still break.
#include <algorithm>
#include <numeric>

#include "pdf/layout_parts.hpp"

namespace sprout::pdf {

namespace {

constexpr double kPadX = 5, kPadY = 3.5;

std::vector<double> column_widths(const Ctx& c, const doc::Table& t, double w, const TextSpec& cell, const TextSpec& head) {
    const std::size_t n = t.columns.size();
    std::vector<double> out(n, w / static_cast<double>(n));
    double weights = 0;
    for (const auto& col : t.columns) weights += col.weight;
    if (weights > 0) {
        for (std::size_t i = 0; i < n; ++i) out[i] = w * t.columns[i].weight / weights;
        return out;
    }
    std::vector<double> mins(n), maxs(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto e = measure_extent(t.columns[i].header, head, c.fonts);
        // A short header should not wrap: its whole width counts as the column's minimum.
        double mn = e.max <= w * 0.25 ? e.max : e.min, mx = e.max;
        for (const auto& row : t.rows) {
            if (i >= row.size()) continue;
            auto ce = measure_extent(row[i], cell, c.fonts);
            mn = std::max(mn, ce.min);
            mx = std::max(mx, ce.max);
        }
        // A very long word (a URL) should not claim the whole table: cap the minimum.
        mins[i] = std::min(mn, w * 0.3) + 2 * kPadX;
        maxs[i] = std::max(mx + 2 * kPadX, mins[i]);
    }
    const double sum_min = std::accumulate(mins.begin(), mins.end(), 0.0);
    const double sum_max = std::accumulate(maxs.begin(), maxs.end(), 0.0);
    if (sum_max <= w) {
        // Everything fits on one line: share the spare room in proportion to the content.
        for (std::size_t i = 0; i < n; ++i) out[i] = maxs[i] + (w - sum_max) * maxs[i] / sum_max;
    } else if (sum_min >= w) {
        for (std::size_t i = 0; i < n; ++i) out[i] = w * mins[i] / sum_min;
    } else {
        const double spread = sum_max - sum_min;
        for (std::size_t i = 0; i < n; ++i) out[i] = mins[i] + (w - sum_min) * (maxs[i] - mins[i]) / spread;
    }
    return out;
}

// Adds one row as items: one per line index, so the row may break between lines.
void add_row(Ctx& c, const std::vector<std::vector<Line>>& cells, const std::vector<double>& xs, const std::vector<double>& ws,
             const doc::Table& t, double x, double w, const Color* fill, bool header, int table_id, double space_before,
             double line_h) {
    std::size_t nlines = 1;
    for (const auto& cl : cells) nlines = std::max(nlines, cl.size());
    for (std::size_t k = 0; k < nlines; ++k) {
        Item it;
        const double top_pad = k == 0 ? kPadY : 0;
        const double bottom_pad = k + 1 == nlines ? kPadY : 0;
        double lh = line_h;
        for (const auto& cl : cells)
            if (k < cl.size()) lh = std::max(lh, cl[k].height);
        it.height = top_pad + lh + bottom_pad;
        it.space_before = k == 0 ? space_before : 0;
        it.table = table_id;
        it.table_header = header;
        it.keep_with_next = header || k + 1 < nlines;
        if (fill) it.boxes.rects.push_back(RectBox{x, 0, w, it.height, *fill});
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (k >= cells[i].size()) continue;
            const doc::Align al = t.columns[i].align;
            emit_lines({cells[i][k]}, xs[i] + kPadX, top_pad, it.boxes, ws[i] - 2 * kPadX, al);
        }
        if (!header && k + 1 == nlines) it.boxes.lines.push_back(LineBox{x, it.height, x + w, it.height, 0.4, c.st.rule});
        c.add(std::move(it));
    }
}

}  // namespace

void lay_table(Ctx& c, const doc::Table& t, double x, double w, double space_before, const std::string& anchor) {
    const std::size_t n = t.columns.size();
    if (n == 0) return;
    TextSpec cell = c.body();
    cell.size = c.st.body_size - 1;
    cell.leading = 1.3;
    TextSpec head = cell;
    head.bold = true;
    head.color = c.st.accent_text_on;
    head.link_color = c.st.accent_text_on;
    head.cite_color = c.st.accent_text_on;
    const auto ws = column_widths(c, t, w, cell, head);
    std::vector<double> xs(n);
    double acc = x;
    for (std::size_t i = 0; i < n; ++i) {
        xs[i] = acc;
        acc += ws[i];
    }
    const int id = c.next_table++;
    // A table's lead-in (the heading above it and a few lines of text in between) moves with
    // its header row: a section heading and introduction should not be left at the foot of a
    // page with the table overleaf.
    for (std::size_t k = c.items.size(); k > 0 && c.items.size() - k < 8; --k) {
        const Item& prev = c.items[k - 1];
        if (prev.table >= 0 || prev.group >= 0 || prev.page_break_before) break;  // not a lead-in
        if (prev.outline.empty()) continue;
        for (std::size_t j = k - 1; j < c.items.size(); ++j) c.items[j].keep_with_next = true;
        break;
    }
    bool first = true;
    if (!t.caption.empty()) {
        TextSpec cap = c.body();
        cap.bold = true;
        auto lines = break_lines(t.caption, cap, w, c.fonts);
        Item it;
        for (const auto& l : lines) it.height += l.height;
        it.height += 3;
        emit_lines(lines, x, 0, it.boxes);
        it.space_before = space_before;
        it.keep_with_next = true;
        if (!anchor.empty()) it.anchors.emplace_back(anchor, 0);
        c.add(std::move(it));
        first = false;
    }
    const double line_h = cell.size * cell.leading;
    {
        std::vector<std::vector<Line>> cells(n);
        for (std::size_t i = 0; i < n; ++i) cells[i] = break_lines(t.columns[i].header, head, ws[i] - 2 * kPadX, c.fonts);
        const std::size_t before = c.items.size();
        add_row(c, cells, xs, ws, t, x, w, &c.st.accent, true, id, first ? space_before : 0, line_h);
        if (first && !anchor.empty() && c.items.size() > before) c.items[before].anchors.emplace_back(anchor, 0);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        std::vector<std::vector<Line>> cells(n);
        for (std::size_t i = 0; i < n && i < t.rows[r].size(); ++i) cells[i] = break_lines(t.rows[r][i], cell, ws[i] - 2 * kPadX, c.fonts);
        add_row(c, cells, xs, ws, t, x, w, r % 2 == 1 ? &c.st.shade : nullptr, false, id, 0, line_h);
    }
    if (!t.source.empty()) {
        c.items.back().keep_with_next = true;  // the source stays with the last row
        TextSpec src = c.small();
        lay_lines(c, break_lines(t.source, src, w, c.fonts), x, 4);
    }
}

}  // namespace sprout::pdf
