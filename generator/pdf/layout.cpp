#include "pdf/layout.hpp"

#include <algorithm>
#include <cmath>

#include "pdf/layout_parts.hpp"

namespace sprout::pdf {

TextSpec Ctx::body() const {
    TextSpec s;
    s.size = st.body_size;
    s.leading = st.leading;
    s.color = st.text;
    s.link_color = st.link;
    s.cite_color = st.accent;
    return s;
}

TextSpec Ctx::small() const {
    TextSpec s = body();
    s.size = st.small_size;
    s.leading = 1.35;
    s.color = st.muted;
    return s;
}

TextSpec Ctx::heading(int level) const {
    TextSpec s = body();
    s.bold = true;
    s.color = st.accent;
    s.leading = 1.25;
    s.size = level <= 1 ? st.h1_size : level == 2 ? st.h2_size : level == 3 ? st.h3_size : st.h4_size;
    if (level >= 4) s.color = st.text;
    return s;
}

void Ctx::add(Item it) {
    if (pending_break) {
        it.page_break_before = true;
        pending_break = false;
    }
    items.push_back(std::move(it));
}

void lay_lines(Ctx& c, const std::vector<Line>& lines, double x, double space_before, const std::string& anchor) {
    const std::size_t n = lines.size();
    for (std::size_t k = 0; k < n; ++k) {
        Item it;
        it.height = lines[k].height;
        it.space_before = k == 0 ? space_before : 0;
        // Orphans and widows: never leave a paragraph's first or last line alone on a page.
        it.keep_with_next = n >= 2 && (k == 0 || k + 2 == n);
        emit_lines({lines[k]}, x, 0, it.boxes);
        if (k == 0 && !anchor.empty()) it.anchors.emplace_back(anchor, 0);
        // Anchors inside the text lead to the line they are set on.
        for (const auto& f : lines[k].frags)
            if (!f.anchor.empty()) it.anchors.emplace_back(f.anchor, 0);
        c.add(std::move(it));
    }
}

std::string heading_anchor(const doc::Block& b, int& counter) {
    ++counter;
    if (!b.anchor.empty()) return b.anchor;
    return "h" + std::to_string(counter);
}

namespace {

constexpr double kMinMeasure = 120;  // points: the narrowest a nested list or callout will set text

void collect_into(const doc::Blocks& blocks, int& counter, std::vector<TocEntry>& out) {
    for (const auto& b : blocks) {
        if (const auto* h = std::get_if<doc::Heading>(&b.v)) {
            const std::string a = heading_anchor(b, counter);
            if (h->in_contents) out.push_back({h->level, h->text, a});
        } else if (const auto* l = std::get_if<doc::List>(&b.v)) {
            for (const auto& item : l->items) collect_into(item, counter, out);
        } else if (const auto* co = std::get_if<doc::Callout>(&b.v)) {
            collect_into(co->body, counter, out);
        }
    }
}

double space_above(const doc::Block& b, const Style& st) {
    if (const auto* h = std::get_if<doc::Heading>(&b.v)) {
        return h->level <= 1 ? st.section_space * 1.6 : h->level == 2 ? st.section_space : st.paragraph_space * 1.5;
    }
    if (std::holds_alternative<doc::Table>(b.v) || std::holds_alternative<doc::BarChart>(b.v) ||
        std::holds_alternative<doc::Callout>(b.v))
        return st.paragraph_space * 1.5;
    return st.paragraph_space;
}

void lay_heading(Ctx& c, const doc::Heading& h, const std::string& anchor, double x, double w, double space_before) {
    const TextSpec spec = c.heading(h.level);
    auto lines = break_lines(h.text, spec, w, c.fonts);
    Item it;
    it.space_before = space_before;
    it.keep_with_next = true;
    emit_lines(lines, x, 0, it.boxes);
    double height = 0;
    for (const auto& l : lines) height += l.height;
    if (h.level <= 1) {
        height += 3;
        it.boxes.lines.push_back(LineBox{x, height, x + w, height, 0.8, c.st.accent});
        height += 7;
    } else {
        height += h.level == 2 ? 3 : 2;
    }
    it.height = height;
    it.anchors.emplace_back(anchor, 0);
    if (h.level <= 3) it.outline.push_back(OutlineEntry{h.level, doc::plain(h.text), anchor});
    c.add(std::move(it));
}

void lay_paragraph(Ctx& c, const doc::Paragraph& p, double x, double w, double space_before, const std::string& anchor) {
    TextSpec spec = c.body();
    switch (p.role) {
    case doc::Paragraph::Role::Lead: spec.size = c.st.lead_size; spec.leading = 1.38; break;
    case doc::Paragraph::Role::Note: spec = c.small(); spec.color = c.st.text; break;
    case doc::Paragraph::Role::Meta: spec = c.small(); break;
    case doc::Paragraph::Role::Body: break;
    }
    if (p.role == doc::Paragraph::Role::Meta && space_before > 0) space_before = std::min(space_before, 2.0);
    lay_lines(c, break_lines(p.text, spec, w, c.fonts), x, space_before, anchor);
}

void lay_list(Ctx& c, const doc::List& l, double x, double w, double space_before) {
    const TextSpec spec = c.body();
    double marker_w = 12;
    auto marker_of = [&](std::size_t i) -> std::string {
        if (l.tasks) return "\u2610";  // ballot box
        if (l.ordered) return std::to_string(l.start + static_cast<int>(i)) + ".";
        return "\u2022";
    };
    if (l.ordered) {
        for (std::size_t i = 0; i < l.items.size(); ++i)
            marker_w = std::max(marker_w, text_width(c.fonts[Face::Regular], marker_of(i), spec.size) + 5);
    } else if (l.tasks) {
        marker_w = text_width(c.fonts[Face::Regular], marker_of(0), spec.size) + 6;
    }
    // Deeply nested lists stop indenting once the measure is narrow, so text stays inside the margins.
    const double indent = w - marker_w >= kMinMeasure ? marker_w : 0;
    for (std::size_t i = 0; i < l.items.size(); ++i) {
        const std::size_t first = c.items.size();
        lay_blocks(c, l.items[i], x + indent, w - indent, i == 0 ? space_before : c.st.paragraph_space * 0.5);
        if (c.items.size() == first) continue;
        Item& head = c.items[first];
        if (i < l.item_anchors.size() && !l.item_anchors[i].empty()) head.anchors.emplace_back(l.item_anchors[i], 0);
        if (indent <= 0) continue;  // no room for markers at this depth
        double baseline = spec.size, size = spec.size;
        Color colour = spec.color;
        if (!head.boxes.texts.empty()) {
            baseline = head.boxes.texts.front().y;
            size = head.boxes.texts.front().size;  // the marker matches the item's text (small print in references)
            colour = head.boxes.texts.front().color;
        }
        const std::string m = marker_of(i);
        const double mw = text_width(c.fonts[Face::Regular], m, size);
        const double mx = l.ordered ? x + indent - 5 - mw : x;
        TextBox t = plain_text_box(m, mx, baseline, size, Face::Regular, l.ordered ? colour : c.st.accent, c.fonts);
        head.boxes.texts.insert(head.boxes.texts.begin(), t);
    }
}

void lay_callout(Ctx& c, const doc::Callout& co, double x, double w, double space_before, const std::string& anchor) {
    const int gid = static_cast<int>(c.groups.size());
    Group g;
    g.x = x;
    g.w = w;
    g.fill = c.st.callout_fill;
    g.bar = co.kind == doc::Callout::Kind::Caution ? c.st.text : c.st.accent;
    if (co.kind == doc::Callout::Kind::Info) g.fill = c.st.shade;
    c.groups.push_back(g);
    const double pad = 9;
    // Nested callouts keep a usable measure: past a point they stop insetting.
    const double inset = w - 14 - pad >= kMinMeasure ? 14 : 0;
    const double right_pad = inset > 0 ? pad : 0;
    const std::size_t first = c.items.size();
    Item top;
    top.height = pad - 2;
    top.space_before = space_before;
    top.keep_with_next = true;
    if (!anchor.empty()) top.anchors.emplace_back(anchor, 0);
    c.add(std::move(top));
    if (!co.title.empty()) {
        TextSpec ts = c.body();
        ts.bold = true;
        ts.color = c.st.accent;
        auto lines = break_lines(co.title, ts, w - inset - right_pad, c.fonts);
        Item t;
        for (const auto& l : lines) t.height += l.height;
        t.height += 2;
        emit_lines(lines, x + inset, 0, t.boxes);
        t.keep_with_next = true;
        c.add(std::move(t));
    }
    lay_blocks(c, co.body, x + inset, w - inset - right_pad, 0);
    if (c.items.size() > first) c.items.back().keep_with_next = true;
    Item bottom;
    bottom.height = pad;
    c.add(std::move(bottom));
    for (std::size_t i = first; i < c.items.size(); ++i) c.items[i].group = gid;
}

void lay_rule(Ctx& c, double x, double w, double space_before) {
    Item it;
    it.space_before = space_before;
    it.height = 10;
    it.boxes.lines.push_back(LineBox{x, 5, x + w, 5, 0.6, c.st.rule});
    c.add(std::move(it));
}

void lay_contents(Ctx& c, double x, double w, double space_before) {
    const TextSpec base = c.body();
    const double num_w = 30;
    bool first = true;
    for (const auto& e : c.toc) {
        TextSpec spec = base;
        spec.bold = e.level <= 1;
        const double indent = e.level <= 1 ? 0 : 14;
        auto lines = break_lines(e.text, spec, w - indent - num_w - 12, c.fonts);
        if (lines.empty()) continue;
        Item it;
        it.space_before = first ? space_before : (e.level <= 1 ? 6 : 1.5);
        first = false;
        emit_lines(lines, x + indent, 0, it.boxes);
        double h = 0;
        for (const auto& l : lines) h += l.height;
        it.height = h;
        const Line& last = lines.back();
        const double baseline = h - last.height + last.baseline;
        c.numbers.push_back(ContentsNumber{c.items.size(), e.anchor, x + w, baseline, spec.size, face_of(spec.bold, false),
                                           spec.color, x + indent + last.width + 8});
        it.boxes.links.push_back(LinkBox{x, 0, w, h, {}, e.anchor});
        c.add(std::move(it));
    }
}

// Puts each contents entry's page number, as `known` has it ("0" where it has none), at the
// right of its item, with the dot leader up to it. Replaces what an earlier call put there.
void number_contents(Ctx& c, const std::map<std::string, Destination>& known) {
    for (auto& n : c.numbers) {
        PageBoxes& boxes = c.items[n.item].boxes;
        if (n.placed) boxes.texts.pop_back();
        if (n.leader) boxes.lines.pop_back();
        const auto found = known.find(n.anchor);
        const std::string num = found == known.end() ? std::string("0") : std::to_string(found->second.page + 1);
        const double nw = text_width(c.fonts[n.face], num, n.size);
        boxes.texts.push_back(plain_text_box(num, n.right - nw, n.baseline, n.size, n.face, n.color, c.fonts));
        n.placed = true;
        // Dot leaders from the end of the text to the number, drawn (not typed) so that copied
        // text reads "Key figures 6".
        const double to = n.right - nw - 6;
        n.leader = to > n.leader_from + 6;
        if (n.leader) boxes.lines.push_back(LineBox{n.leader_from, n.baseline - 0.5, to, n.baseline - 0.5, 1.0, c.st.rule, true});
    }
}

}  // namespace

std::vector<TocEntry> collect_contents(const doc::Blocks& blocks) {
    std::vector<TocEntry> out;
    int counter = 0;
    collect_into(blocks, counter, out);
    return out;
}

void lay_blocks(Ctx& c, const doc::Blocks& blocks, double x, double w, double first_space) {
    bool first = true;
    for (const auto& b : blocks) {
        const double sb = first ? first_space : space_above(b, c.st);
        first = false;
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, doc::Heading>) {
                    lay_heading(c, v, heading_anchor(b, c.heading_counter), x, w, sb);
                } else if constexpr (std::is_same_v<T, doc::Paragraph>) {
                    lay_paragraph(c, v, x, w, sb, b.anchor);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    lay_list(c, v, x, w, sb);
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    lay_table(c, v, x, w, sb, b.anchor);
                } else if constexpr (std::is_same_v<T, doc::Callout>) {
                    lay_callout(c, v, x, w, sb, b.anchor);
                } else if constexpr (std::is_same_v<T, doc::BarChart>) {
                    lay_chart(c, v, x, w, sb, b.anchor);
                } else if constexpr (std::is_same_v<T, doc::Figure>) {
                    lay_figure(c, v, x, w, sb, b.anchor);
                } else if constexpr (std::is_same_v<T, doc::Rule>) {
                    lay_rule(c, x, w, sb);
                } else if constexpr (std::is_same_v<T, doc::PageBreak>) {
                    c.pending_break = true;
                } else if constexpr (std::is_same_v<T, doc::Contents>) {
                    lay_contents(c, x, w, sb);
                }
            },
            b.v);
        // A page break resets the space: the next block starts at the top.
        if (std::holds_alternative<doc::PageBreak>(b.v)) {
            first = true;
            first_space = 0;
        }
    }
}

namespace {

Layout paginate(const Ctx& c, const PageBoxes& cover) {
    const Style& st = c.st;
    Paginator pg(Frame{st.margin_left, st.margin_top, st.content_width(), st.content_height()}, c.groups);
    pg.add_page(cover);
    pg.place(c.items);
    Layout out;
    out.pages = std::move(pg.pages());
    out.anchors = std::move(pg.anchors());
    out.outline = std::move(pg.outline());
    return out;
}

}  // namespace

Layout layout_document(const doc::Document& d, const Style& st, const FontSet& fonts) {
    Ctx c{st, fonts, collect_contents(d.body), {}, {}, {}, 0, 0, false};
    // Laid out once: the contents' page numbers have a column of their own, so no number moves
    // anything (setting the text again for each pass was most of a brief's layout time). The
    // items are paginated again until the numbers shown are the pages the headings land on.
    lay_blocks(c, d.body, st.margin_left, st.content_width(), 0);
    const PageBoxes cover = cover_page(d.meta, st, fonts);
    std::map<std::string, Destination> known;
    Layout out;
    for (int pass = 0; pass < 4; ++pass) {
        number_contents(c, known);
        out = paginate(c, cover);
        bool stable = pass > 0;
        for (const auto& e : c.toc) {
            auto a = out.anchors.find(e.anchor), b = known.find(e.anchor);
            const int pa = a == out.anchors.end() ? -1 : a->second.page;
            const int pb = b == known.end() ? -1 : b->second.page;
            if (pa != pb) stable = false;
        }
        if (stable) break;
        known = out.anchors;
    }
    add_furniture(out, d.meta, st, fonts);
    return out;
}

}  // namespace sprout::pdf
