// The cover page and the running header and footer.
#include <algorithm>

#include "pdf/layout_parts.hpp"

namespace sprout::pdf {

TextBox plain_text_box(const std::string& text, double x, double baseline, double size, Face face, Color color,
                       const FontSet& fonts) {
    TextBox t;
    const auto& m = fonts[face];
    t.text = fit_to_font(m, text);
    t.x = x;
    t.y = baseline;
    t.size = size;
    t.face = face;
    t.color = color;
    t.width = text_width(m, t.text, size);
    t.ascent = m.ascent() * size;
    t.descent = m.descent() * size;
    return t;
}

std::string fit_width(const std::string& text, double width, double size, Face face, const FontSet& fonts) {
    const auto& m = fonts[face];
    std::string s = fit_to_font(m, text);
    if (text_width(m, s, size) <= width) return s;
    const std::u32string full = decode_utf8(s);
    // Cut between words ("a brief for…"), or inside a word only when no whole word fits.
    for (bool whole_words : {true, false}) {
        std::u32string u = full;
        while (!u.empty()) {
            u.pop_back();
            if (whole_words && full[u.size()] != U' ') continue;
            std::string out;
            for (char32_t ch : u) append_utf8(out, ch);
            while (!out.empty() && (out.back() == ' ' || out.back() == ':' || out.back() == ',')) out.pop_back();
            if (out.empty()) continue;
            out += "\u2026";
            if (text_width(m, out, size) <= width) return out;
        }
    }
    return {};
}

namespace {

double place_lines(const std::vector<Line>& lines, double x, double y, PageBoxes& p) {
    emit_lines(lines, x, y, p);
    for (const auto& l : lines) y += l.height;
    return y;
}

TextSpec spec_of(double size, bool bold, Color colour, double leading = 1.3) {
    TextSpec s;
    s.size = size;
    s.bold = bold;
    s.color = colour;
    s.link_color = colour;
    s.cite_color = colour;
    s.leading = leading;
    return s;
}

}  // namespace

PageBoxes cover_page(const doc::Meta& m, const Style& st, const FontSet& fonts) {
    PageBoxes p;
    p.cover = true;
    const double x = st.margin_left, w = st.content_width();
    const Color on = st.accent_text_on;

    // The accent band: who publishes it, then the title and subtitle in white.
    PageBoxes band_text;
    double y = st.margin_top + 4;
    y = place_lines(break_lines({doc::text(m.site_title)}, spec_of(st.small_size + 1, true, on), w, fonts), x, y, band_text);
    y += 46;
    y = place_lines(break_lines({doc::text(m.title)}, spec_of(st.title_size, true, on, 1.15), w, fonts), x, y, band_text);
    if (!m.subtitle.empty()) {
        y += 10;
        y = place_lines(break_lines({doc::text(m.subtitle)}, spec_of(st.lead_size + 2, false, on), w, fonts), x, y, band_text);
    }
    const double band_h = std::max(st.page_height * 0.42, y + 34);
    p.rects.push_back(RectBox{0, 0, st.page_width, band_h, st.accent});
    for (auto& t : band_text.texts) p.texts.push_back(std::move(t));

    // What the brief is for, as label and value pairs.
    y = band_h + 34;
    auto pair = [&](const std::string& label, const std::string& value) {
        if (value.empty()) return;
        y = place_lines(break_lines({doc::text(label)}, spec_of(st.small_size, true, st.muted), w, fonts), x, y, p);
        y = place_lines(break_lines({doc::text(value)}, spec_of(st.lead_size + 1, false, st.text), w, fonts), x, y, p);
        y += 10;
    };
    pair("Nation", m.nation);
    pair("Area", m.area);
    pair("Audience", m.audience);
    pair("Date", m.date);
    pair("Publisher", m.publisher);

    // Small print at the foot of the cover.
    std::vector<doc::Inlines> notes;
    notes.push_back({doc::text("Every figure, rating and recommendation in this brief carries a reference number; "
                               "the sources and where in them to look are listed under References.")});
    if (!m.licence.empty()) notes.push_back({doc::text(m.licence)});
    std::vector<std::vector<Line>> note_lines;
    double h = 0;
    const TextSpec ns = spec_of(st.small_size, false, st.muted, 1.35);
    for (const auto& n : notes) {
        note_lines.push_back(break_lines(n, ns, w, fonts));
        for (const auto& l : note_lines.back()) h += l.height;
        h += 4;
    }
    double ny = std::max(y + 12, st.page_height - st.margin_bottom - h);
    p.lines.push_back(LineBox{x, ny - 8, x + w, ny - 8, 0.6, st.rule});
    for (const auto& lines : note_lines) ny = place_lines(lines, x, ny, p) + 4;
    return p;
}

void add_furniture(Layout& l, const doc::Meta& m, const Style& st, const FontSet& fonts) {
    const int total = static_cast<int>(l.pages.size());
    l.furniture.assign(l.pages.size(), {});
    const double x = st.margin_left, w = st.content_width();
    const double size = st.small_size;
    for (int i = 0; i < total; ++i) {
        auto& p = l.pages[static_cast<std::size_t>(i)];
        if (p.cover) continue;
        auto& idx = l.furniture[static_cast<std::size_t>(i)];
        auto add = [&](TextBox t) {
            idx.push_back(p.texts.size());
            p.texts.push_back(std::move(t));
        };
        // Header: the brief's title on the left, nation (and area) on the right.
        std::string where = m.nation;
        if (!m.area.empty()) where = m.area + ", " + m.nation;
        where = fit_width(where, w * 0.4, size, Face::Bold, fonts);
        const double ww = text_width(fonts[Face::Bold], where, size);
        const double hy = st.header_offset;
        add(plain_text_box(fit_width(m.title, w - ww - 16, size, Face::Regular, fonts), x, hy, size, Face::Regular, st.muted, fonts));
        add(plain_text_box(where, x + w - ww, hy, size, Face::Bold, st.accent, fonts));
        p.lines.push_back(LineBox{x, hy + 5, x + w, hy + 5, 0.5, st.rule});
        // Footer: publisher on the left, "Page N of M" on the right.
        const std::string num = "Page " + std::to_string(i + 1) + " of " + std::to_string(total);
        const double nw = text_width(fonts[Face::Regular], num, size);
        const double fy = st.page_height - st.footer_offset;
        add(plain_text_box(fit_width(m.publisher, w - nw - 16, size, Face::Regular, fonts), x, fy, size, Face::Regular, st.muted, fonts));
        add(plain_text_box(num, x + w - nw, fy, size, Face::Regular, st.text, fonts));
    }
}

}  // namespace sprout::pdf
