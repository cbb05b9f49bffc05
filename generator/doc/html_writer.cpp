#include "doc/html_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "markdown/markdown.hpp"

namespace sprout::doc {

namespace {

using markdown::escape_html;

const char* const kCss = R"css(
:root{--accent:#00527a;--text:#1a1a1f;--muted:#54545c;--shade:#f0f2f4;--callout:#edf4f9;--rule:#bfc4cc}
*{box-sizing:border-box}
body{margin:0;color:var(--text);background:#fff;font:1.1875rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
a{color:var(--accent)}a:focus{outline:3px solid #fd0;outline-offset:0;background:#fd0;color:#000}
header.cover{background:var(--accent);color:#fff;padding:2rem 1rem 1.5rem}
header.cover a{color:#fff}
.wrap{max-width:46rem;margin:0 auto}
.site{font-weight:700;font-size:.9rem;margin:0 0 1.5rem}
h1{font-size:2.2rem;line-height:1.15;margin:0 0 .75rem}
.subtitle{font-size:1.3rem;margin:0 0 1.25rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:700}dl.facts dd{margin:0}
main{padding:1rem}
h2{color:var(--accent);font-size:1.6rem;line-height:1.2;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--accent)}
h3{color:var(--accent);font-size:1.25rem;margin:1.75rem 0 .5rem}
h4,h5,h6{font-size:1.05rem;margin:1.25rem 0 .4rem}
p{margin:0 0 .75rem}.lead{font-size:1.25rem}.note{font-size:.95rem}.meta{font-size:.95rem;color:var(--muted);margin-top:-.25rem}
.cite{font-size:.8em;text-decoration:none;white-space:nowrap}
ul.tasks{list-style:none;padding-left:1.6rem}ul.tasks li::before{content:"\2610";margin-left:-1.6rem;width:1.6rem;display:inline-block;color:var(--accent)}
div.callout{background:var(--callout);border-left:4px solid var(--accent);padding:.75rem 1rem;margin:1rem 0}
div.callout.info{background:var(--shade)}div.callout.caution{border-left-color:var(--text)}
.callout-title{font-weight:700;color:var(--accent)}
.table-wrap{overflow-x:auto;margin:1rem 0 .25rem}
table{border-collapse:collapse;width:100%;font-size:1rem}
caption{text-align:left;font-weight:700;padding-bottom:.4rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--rule)}
thead th{background:var(--accent);color:#fff}
tbody tr:nth-child(even){background:var(--shade)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.source{font-size:.9rem;color:var(--muted)}
figure.chart{margin:1.25rem 0}figure.chart figcaption{font-weight:700}
table.bars th{width:38%;font-weight:400}table.bars td{width:62%}
table.bars tr,table.bars tbody tr:nth-child(even){background:none}
svg.bar{display:inline-block;width:70%;height:.9rem;vertical-align:middle;margin-right:.4rem}
svg.bar rect{fill:var(--accent)}svg.bar rect.alt{fill:#5f7282}.value{font-weight:700}
.figure{display:grid;grid-template-columns:minmax(6rem,30%) 1fr;gap:1rem;border-top:1px solid var(--rule);padding:.75rem 0}
.figure .big{font-size:1.9rem;font-weight:700;color:var(--accent);line-height:1.1;margin:0}
nav.contents ol{padding-left:1.25rem}nav.contents ol ol{list-style:none;padding-left:1rem}
footer{border-top:1px solid var(--rule);padding:1rem;color:var(--muted);font-size:.95rem}
@media print{header.cover{background:none;color:#000}a{color:#000}.skip{display:none}}
)css";

std::string attr_id(const std::string& anchor) { return anchor.empty() ? std::string() : " id=\"" + escape_html(anchor) + "\""; }

std::string inlines(const Inlines& in) {
    std::string out;
    for (const auto& i : in) {
        if (i.kind == Inline::Kind::LineBreak) {
            out += "<br>";
            continue;
        }
        std::string s = escape_html(i.text);
        if (i.italic) s = "<em>" + s + "</em>";
        if (i.bold) s = "<strong>" + s + "</strong>";
        if (i.cite && !i.target.empty()) s = "<a class=\"cite\" href=\"#" + escape_html(i.target) + "\">" + s + "</a>";
        else if (!i.target.empty()) s = "<a href=\"#" + escape_html(i.target) + "\">" + s + "</a>";
        else if (!i.href.empty()) s = "<a href=\"" + escape_html(i.href) + "\">" + s + "</a>";
        if (!i.anchor.empty()) s = "<span id=\"" + escape_html(i.anchor) + "\">" + s + "</span>";
        out += s;
    }
    return out;
}

struct TocItem {
    int level;
    std::string text, anchor;
};

void collect(const Blocks& blocks, int& counter, std::vector<TocItem>& out) {
    for (const auto& b : blocks) {
        if (const auto* h = std::get_if<Heading>(&b.v)) {
            ++counter;
            const std::string a = b.anchor.empty() ? "h" + std::to_string(counter) : b.anchor;
            if (h->in_contents) out.push_back({h->level, inlines(h->text), a});
        } else if (const auto* l = std::get_if<List>(&b.v)) {
            for (const auto& item : l->items) collect(item, counter, out);
        } else if (const auto* c = std::get_if<Callout>(&b.v)) {
            collect(c->body, counter, out);
        }
    }
}

class Writer {
public:
    explicit Writer(const Document& d) {
        int counter = 0;
        collect(d.body, counter, toc_);
    }

    void blocks(const Blocks& bs, std::string& out) {
        for (const auto& b : bs) block(b, out);
    }

private:
    void block(const Block& b, std::string& out) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, Heading>) {
                    ++heading_counter_;
                    const std::string a = b.anchor.empty() ? "h" + std::to_string(heading_counter_) : b.anchor;
                    // The title is <h1>; never skip a level going down (h2 then h4), for screen readers.
                    const int level = std::min({6, v.level + 1, last_level_ + 1});
                    last_level_ = level;
                    out += "<h" + std::to_string(level) + attr_id(a) + ">" + inlines(v.text) + "</h" + std::to_string(level) + ">\n";
                } else if constexpr (std::is_same_v<T, Paragraph>) {
                    const char* cls = v.role == Paragraph::Role::Lead   ? " class=\"lead\""
                                      : v.role == Paragraph::Role::Note ? " class=\"note\""
                                      : v.role == Paragraph::Role::Meta ? " class=\"meta\""
                                                                        : "";
                    out += "<p" + attr_id(b.anchor) + cls + ">" + inlines(v.text) + "</p>\n";
                } else if constexpr (std::is_same_v<T, List>) {
                    list(v, b.anchor, out);
                } else if constexpr (std::is_same_v<T, Table>) {
                    table(v, b.anchor, out);
                } else if constexpr (std::is_same_v<T, Callout>) {
                    const char* kind = v.kind == Callout::Kind::Key ? "key" : v.kind == Callout::Kind::Info ? "info" : "caution";
                    // A note, not a landmark: a brief has many callouts, and unnamed or
                    // same-named <aside> landmarks clutter a screen reader's landmark list.
                    out += "<div class=\"callout " + std::string(kind) + "\"" + attr_id(b.anchor) + " role=\"note\">\n";
                    if (!v.title.empty()) out += "<p class=\"callout-title\">" + inlines(v.title) + "</p>\n";
                    blocks(v.body, out);
                    out += "</div>\n";
                } else if constexpr (std::is_same_v<T, BarChart>) {
                    chart(v, b.anchor, out);
                } else if constexpr (std::is_same_v<T, Figure>) {
                    out += "<div class=\"figure\"" + attr_id(b.anchor) + "><p class=\"big\">" + escape_html(v.value) + "</p><div>";
                    out += "<p><strong>" + inlines(v.label) + "</strong></p>";
                    if (!v.detail.empty()) out += "<p class=\"meta\">" + inlines(v.detail) + "</p>";
                    if (!v.source.empty()) out += "<p class=\"source\">" + inlines(v.source) + "</p>";
                    out += "</div></div>\n";
                } else if constexpr (std::is_same_v<T, Rule>) {
                    out += "<hr>\n";
                } else if constexpr (std::is_same_v<T, Contents>) {
                    contents(out);
                }
            },
            b.v);
    }

    void list(const List& l, const std::string& anchor, std::string& out) {
        const std::string tag = l.ordered ? "ol" : "ul";
        out += "<" + tag + attr_id(anchor);
        if (l.tasks) out += " class=\"tasks\"";
        if (l.ordered && l.start != 1) out += " start=\"" + std::to_string(l.start) + "\"";
        out += ">\n";
        for (std::size_t i = 0; i < l.items.size(); ++i) {
            out += "<li" + attr_id(i < l.item_anchors.size() ? l.item_anchors[i] : std::string()) + ">";
            // A single paragraph is set without <p>, as a tight list.
            if (l.items[i].size() == 1 && std::holds_alternative<Paragraph>(l.items[i].front().v)) {
                out += inlines(std::get<Paragraph>(l.items[i].front().v).text);
            } else {
                out += "\n";
                blocks(l.items[i], out);
            }
            out += "</li>\n";
        }
        out += "</" + tag + ">\n";
    }

    void table(const Table& t, const std::string& anchor, std::string& out) {
        std::string label = plain(t.caption);
        if (label.empty()) {
            label = "Table:";
            for (std::size_t i = 0; i < t.columns.size(); ++i) label += (i ? ", " : " ") + plain(t.columns[i].header);
        }
        // Named uniquely: each scrollable table is a region a keyboard can reach and scroll.
        if (++table_labels_[label] > 1) label += " (" + std::to_string(table_labels_[label]) + ")";
        out += "<section class=\"table-wrap\"" + attr_id(anchor) + " tabindex=\"0\" aria-label=\"" + escape_html(label) +
               "\">\n<table>\n";
        if (!t.caption.empty()) out += "<caption>" + inlines(t.caption) + "</caption>\n";
        auto cls = [](Align a) -> std::string { return a == Align::Right ? " class=\"num\"" : ""; };
        out += "<thead><tr>";
        for (const auto& c : t.columns) out += "<th scope=\"col\"" + cls(c.align) + ">" + inlines(c.header) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& r : t.rows) {
            out += "<tr>";
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                const std::string content = i < r.size() ? inlines(r[i]) : std::string();
                if (i == 0) out += "<th scope=\"row\"" + cls(t.columns[i].align) + ">" + content + "</th>";
                else out += "<td" + cls(t.columns[i].align) + ">" + content + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n</section>\n";
        if (!t.source.empty()) out += "<p class=\"source\">" + inlines(t.source) + "</p>\n";
    }

    void chart(const BarChart& c, const std::string& anchor, std::string& out) {
        double max = 0;
        for (const auto& g : c.groups)
            for (const auto& bar : g.bars) max = std::max(max, bar.value);
        if (max <= 0) max = 1;
        out += "<figure class=\"chart\"" + attr_id(anchor) + ">\n<figcaption>" + inlines(c.title) + "</figcaption>\n";
        if (!c.unit_label.empty()) out += "<p class=\"meta\">" + escape_html(c.unit_label) + "</p>\n";
        out += "<table class=\"bars\">\n";
        for (std::size_t gi = 0; gi < c.groups.size(); ++gi) {
            const auto& g = c.groups[gi];
            out += "<tbody>\n";
            if (!g.name.empty()) out += "<tr><th scope=\"rowgroup\" colspan=\"2\"><strong>" + escape_html(g.name) + "</strong></th></tr>\n";
            for (const auto& bar : g.bars) {
                char pct[32];
                std::snprintf(pct, sizeof pct, "%.1f", std::max(0.0, bar.value) / max * 100.0);
                // The bar is drawn by SVG geometry, not an inline style, so the page needs no
                // style-src exception; the value is the text beside it.
                out += "<tr><th scope=\"row\">" + escape_html(bar.label) +
                       "</th><td><svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
                       "focusable=\"false\"><rect" + std::string(gi % 2 ? " class=\"alt\"" : "") + " width=\"" + pct +
                       "\" height=\"10\"/></svg><span class=\"value\">" + escape_html(bar.value_text) + "</span></td></tr>\n";
            }
            out += "</tbody>\n";
        }
        out += "</table>\n";
        if (!c.source.empty()) out += "<p class=\"source\">" + inlines(c.source) + "</p>\n";
        out += "</figure>\n";
    }

    void contents(std::string& out) {
        out += "<nav class=\"contents\" aria-labelledby=\"contents\">\n<ol>\n";
        bool open_sub = false;
        for (std::size_t i = 0; i < toc_.size(); ++i) {
            const auto& e = toc_[i];
            if (e.level <= 1) {
                if (open_sub) {
                    out += "</ol></li>\n";
                    open_sub = false;
                } else if (i > 0) {
                    out += "</li>\n";
                }
                out += "<li><a href=\"#" + escape_html(e.anchor) + "\">" + e.text + "</a>";
            } else {
                if (!open_sub) {
                    out += "\n<ol>\n";
                    open_sub = true;
                }
                out += "<li><a href=\"#" + escape_html(e.anchor) + "\">" + e.text + "</a></li>\n";
            }
        }
        if (open_sub) out += "</ol>";
        if (!toc_.empty()) out += "</li>\n";
        out += "</ol>\n</nav>\n";
    }

    std::vector<TocItem> toc_;
    std::map<std::string, int> table_labels_;
    int heading_counter_ = 0;
    int last_level_ = 1;
};

}  // namespace

std::string write_html(const Document& d, const HtmlOptions& o) {
    const Meta& m = d.meta;
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape_html(m.language) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                      escape_html(m.title) + "</title>\n";
    if (!m.subject.empty()) out += "<meta name=\"description\" content=\"" + escape_html(m.subject) + "\">\n";
    if (!m.keywords.empty()) out += "<meta name=\"keywords\" content=\"" + escape_html(m.keywords) + "\">\n";
    if (!m.publisher.empty()) out += "<meta name=\"author\" content=\"" + escape_html(m.publisher) + "\">\n";
    out += "<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the brief</a>\n";
    out += "<header class=\"cover\"><div class=\"wrap\">\n";
    if (!m.site_title.empty()) out += "<p class=\"site\">" + escape_html(m.site_title) + "</p>\n";
    out += "<h1>" + escape_html(m.title) + "</h1>\n";
    if (!m.subtitle.empty()) out += "<p class=\"subtitle\">" + escape_html(m.subtitle) + "</p>\n";
    out += "<dl class=\"facts\">\n";
    auto fact = [&out](const char* k, const std::string& v) {
        if (!v.empty()) out += "<dt>" + std::string(k) + "</dt><dd>" + escape_html(v) + "</dd>\n";
    };
    fact("Nation", m.nation);
    fact("Area", m.area);
    fact("Audience", m.audience);
    fact("Date", m.date);
    fact("Publisher", m.publisher);
    out += "</dl>\n";
    if (!o.pdf_href.empty()) out += "<p><a href=\"" + escape_html(o.pdf_href) + "\">Download this brief as a PDF</a></p>\n";
    out += "</div></header>\n<main id=\"main\"><div class=\"wrap\">\n";
    Writer w(d);
    w.blocks(d.body, out);
    out += "</div></main>\n<footer><div class=\"wrap\">\n<p>" + escape_html(m.publisher);
    if (!m.date.empty()) out += ", " + escape_html(m.date);
    out += "</p>\n";
    if (!m.licence.empty()) out += "<p>" + escape_html(m.licence) + "</p>\n";
    out += "</div></footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace sprout::doc
