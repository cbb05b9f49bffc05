#include "doc/document.hpp"

#include <cctype>
#include "util/text.hpp"

namespace sprout::doc {

Inline text(std::string s) {
    Inline i;
    i.text = std::move(s);
    return i;
}

Inline bold(std::string s) {
    Inline i = text(std::move(s));
    i.bold = true;
    return i;
}

Inline italic(std::string s) {
    Inline i = text(std::move(s));
    i.italic = true;
    return i;
}

Inline link(std::string label, std::string href) {
    Inline i = text(std::move(label));
    i.href = std::move(href);
    return i;
}

Inline line_break() {
    Inline i;
    i.kind = Inline::Kind::LineBreak;
    return i;
}

Block heading(int level, Inlines t, std::string anchor) {
    Heading h;
    h.level = level;
    h.text = std::move(t);
    h.in_contents = level <= 2;
    return Block{std::move(h), std::move(anchor)};
}

Block para(Inlines t, Paragraph::Role role) {
    Paragraph p;
    p.text = std::move(t);
    p.role = role;
    return Block{std::move(p), {}};
}

std::string plain(const Inlines& in) {
    std::string out;
    for (const auto& i : in) out += i.kind == Inline::Kind::LineBreak ? std::string(" ") : i.text;
    return out;
}

namespace {
void plain_into(const Blocks& blocks, std::string& out) {
    auto line = [&out](const std::string& s) {
        if (s.empty()) return;
        out += s;
        out += '\n';
    };
    for (const auto& b : blocks) {
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Heading>) {
                    line(plain(x.text));
                } else if constexpr (std::is_same_v<T, Paragraph>) {
                    line(plain(x.text));
                } else if constexpr (std::is_same_v<T, List>) {
                    for (const auto& item : x.items) plain_into(item, out);
                } else if constexpr (std::is_same_v<T, Table>) {
                    line(plain(x.caption));
                    for (const auto& c : x.columns) line(plain(c.header));
                    for (const auto& r : x.rows)
                        for (const auto& c : r) line(plain(c));
                    line(plain(x.source));
                } else if constexpr (std::is_same_v<T, Callout>) {
                    line(plain(x.title));
                    plain_into(x.body, out);
                } else if constexpr (std::is_same_v<T, BarChart>) {
                    line(plain(x.title));
                    for (const auto& g : x.groups) {
                        line(g.name);
                        for (const auto& bar : g.bars) line(bar.label + " " + bar.value_text);
                    }
                    line(plain(x.source));
                } else if constexpr (std::is_same_v<T, Figure>) {
                    line(x.value);
                    line(plain(x.label));
                    line(plain(x.detail));
                    line(plain(x.source));
                }
            },
            b.v);
    }
}
}  // namespace

std::string plain(const Blocks& blocks) {
    std::string out;
    plain_into(blocks, out);
    return out;
}

std::string slug(std::string_view title) { return text::slug(title, "section"); }

}  // namespace sprout::doc
