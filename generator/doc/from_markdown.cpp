#include "doc/from_markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "util/text.hpp"

namespace sprout::doc {

std::string resolve_link(std::string_view url, std::string_view base_url) {
    const std::string_view u = text::trim(url);
    if (u.empty() || !markdown::is_safe_url(u)) return {};
    const auto colon = u.find(':');
    const auto delim = u.find_first_of("/?#");
    const bool absolute = colon != std::string_view::npos && (delim == std::string_view::npos || colon < delim);
    if (absolute) return std::string(u);
    if (base_url.empty() || u.starts_with("#")) return {};
    std::string base(base_url);
    if (!base.ends_with('/')) base += '/';
    std::string_view rel = u;
    while (rel.starts_with("./")) rel.remove_prefix(2);
    while (rel.starts_with("../")) rel.remove_prefix(3);  // record pages sit one level down; site-absolute is close enough
    while (rel.starts_with('/')) rel.remove_prefix(1);
    return base + std::string(rel);
}

namespace {

// One container being filled while the iterator walks the tree.
struct Frame {
    enum class Kind { Blocks, List, Item, Inlines, Table, Row, Quote, Footnote, Skip };
    explicit Frame(Kind k) : kind(k) {}
    Kind kind;
    Blocks blocks;     // Blocks, Item, Quote, Footnote
    List list;         // List
    Inlines inlines;   // Inlines (paragraph, heading, cell)
    Table table;       // Table
    std::vector<Cell> row;
    bool header_row = false;
    int heading_level = 0;  // for an Inlines frame that is a heading
    bool task = false, checked = false;
};

class Builder {
public:
    explicit Builder(const MarkdownOptions& o) : o_(o) { stack_.push_back(Frame{Frame::Kind::Blocks}); }

    void enter(cmark_node* n) {
        const auto t = cmark_node_get_type(n);
        const char* ts = cmark_node_get_type_string(n);
        switch (t) {
        case CMARK_NODE_DOCUMENT: return;
        case CMARK_NODE_BLOCK_QUOTE: push(Frame::Kind::Quote); return;
        case CMARK_NODE_LIST: {
            Frame f{Frame::Kind::List};
            f.list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
            f.list.start = std::max(0, cmark_node_get_list_start(n));
            stack_.push_back(std::move(f));
            return;
        }
        case CMARK_NODE_ITEM:
            push(Frame::Kind::Item);
            // Task-list items are items whose type string the tasklist extension sets.
            if (ts && std::strcmp(ts, "tasklist") == 0) {
                stack_.back().task = true;
                stack_.back().checked = cmark_gfm_extensions_get_tasklist_item_checked(n);
            }
            return;
        case CMARK_NODE_PARAGRAPH: push(Frame::Kind::Inlines); return;
        case CMARK_NODE_HEADING: {
            push(Frame::Kind::Inlines);
            stack_.back().heading_level = std::clamp(o_.heading_base + cmark_node_get_heading_level(n) - 1, 1, 4);
            return;
        }
        case CMARK_NODE_CODE_BLOCK: {
            std::string lit = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
            while (!lit.empty() && lit.back() == '\n') lit.pop_back();
            Inlines in;
            std::size_t start = 0;
            while (start <= lit.size()) {
                const auto nl = lit.find('\n', start);
                in.push_back(text(lit.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
                if (nl == std::string::npos) break;
                in.push_back(line_break());
                start = nl + 1;
            }
            add_block(Block{Paragraph{std::move(in), Paragraph::Role::Body}, {}});
            return;
        }
        case CMARK_NODE_THEMATIC_BREAK: add_block(Block{Rule{}, {}}); return;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE: return;  // raw HTML is never passed through
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: add_text(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : ""); return;
        case CMARK_NODE_SOFTBREAK: add_text(" "); return;
        case CMARK_NODE_LINEBREAK:
            if (in_inlines()) stack_.back().inlines.push_back(line_break());
            return;
        case CMARK_NODE_EMPH: ++italic_; return;
        case CMARK_NODE_STRONG: ++bold_; return;
        case CMARK_NODE_LINK: links_.push_back(resolve_link(cmark_node_get_url(n) ? cmark_node_get_url(n) : "", o_.base_url)); return;
        case CMARK_NODE_IMAGE: ++italic_; links_.push_back({}); return;  // the alt text stands in for the image
        case CMARK_NODE_FOOTNOTE_REFERENCE: {
            const char* lit = cmark_node_get_literal(n);
            add_text(std::string("[") + (lit ? lit : "") + "]");
            return;
        }
        case CMARK_NODE_FOOTNOTE_DEFINITION: push(Frame::Kind::Footnote); return;
        default: break;
        }
        if (!ts) return;
        if (std::strcmp(ts, "table") == 0) {
            Frame f{Frame::Kind::Table};
            const uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
            const uint8_t* al = cmark_gfm_extensions_get_table_alignments(n);
            for (uint16_t i = 0; i < ncols; ++i) {
                Column c;
                if (al && al[i] == 'r') c.align = Align::Right;
                if (al && al[i] == 'c') c.align = Align::Center;
                f.table.columns.push_back(std::move(c));
            }
            stack_.push_back(std::move(f));
        } else if (std::strcmp(ts, "table_header") == 0 || std::strcmp(ts, "table_row") == 0) {
            push(Frame::Kind::Row);
            stack_.back().header_row = std::strcmp(ts, "table_header") == 0;
        } else if (std::strcmp(ts, "table_cell") == 0) {
            push(Frame::Kind::Inlines);
        } else if (std::strcmp(ts, "tasklist") == 0) {
            push(Frame::Kind::Item);
            stack_.back().task = true;
            stack_.back().checked = cmark_gfm_extensions_get_tasklist_item_checked(n);
        } else if (std::strcmp(ts, "strikethrough") == 0) {
            // shown as plain text
        } else if (cmark_node_first_child(n)) {
            push(Frame::Kind::Skip);  // an unknown container: keep its text
        }
    }

    void exit(cmark_node* n) {
        const auto t = cmark_node_get_type(n);
        const char* ts = cmark_node_get_type_string(n);
        switch (t) {
        case CMARK_NODE_DOCUMENT: return;
        case CMARK_NODE_EMPH: --italic_; return;
        case CMARK_NODE_STRONG: --bold_; return;
        case CMARK_NODE_LINK: links_.pop_back(); return;
        case CMARK_NODE_IMAGE: --italic_; links_.pop_back(); return;
        case CMARK_NODE_FOOTNOTE_REFERENCE: return;
        default: break;
        }
        if (ts && std::strcmp(ts, "strikethrough") == 0) return;
        if (stack_.size() <= 1) return;
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        switch (f.kind) {
        case Frame::Kind::Quote: {
            Callout c;
            c.body = std::move(f.blocks);
            add_block(Block{std::move(c), {}});
            break;
        }
        case Frame::Kind::Footnote:
            for (auto& b : f.blocks)
                if (auto* p = std::get_if<Paragraph>(&b.v)) p->role = Paragraph::Role::Note;
            for (auto& b : f.blocks) add_block(std::move(b));
            break;
        case Frame::Kind::List: {
            add_block(Block{std::move(f.list), {}});
            break;
        }
        case Frame::Kind::Item: {
            if (!stack_.empty() && stack_.back().kind == Frame::Kind::List) {
                auto& list = stack_.back().list;
                if (f.task) {
                    list.tasks = true;
                    if (f.checked && !f.blocks.empty())
                        if (auto* p = std::get_if<Paragraph>(&f.blocks.front().v)) p->text.insert(p->text.begin(), text("(done) "));
                }
                list.items.push_back(std::move(f.blocks));
            } else {
                for (auto& b : f.blocks) add_block(std::move(b));
            }
            break;
        }
        case Frame::Kind::Inlines: {
            trim_inlines(f.inlines);
            if (!stack_.empty() && stack_.back().kind == Frame::Kind::Row) {
                stack_.back().row.push_back(std::move(f.inlines));
            } else if (f.heading_level > 0) {
                Heading h;
                h.level = f.heading_level;
                h.text = std::move(f.inlines);
                h.in_contents = false;
                add_block(Block{std::move(h), {}});
            } else if (!f.inlines.empty()) {
                add_block(Block{Paragraph{std::move(f.inlines), Paragraph::Role::Body}, {}});
            }
            break;
        }
        case Frame::Kind::Row: {
            if (stack_.empty() || stack_.back().kind != Frame::Kind::Table) break;
            auto& table = stack_.back().table;
            f.row.resize(table.columns.size());
            if (f.header_row) {
                for (std::size_t i = 0; i < table.columns.size(); ++i) table.columns[i].header = std::move(f.row[i]);
            } else {
                table.rows.push_back(std::move(f.row));
            }
            break;
        }
        case Frame::Kind::Table: add_block(Block{std::move(f.table), {}}); break;
        case Frame::Kind::Skip:
            if (!f.inlines.empty()) {
                for (auto& i : f.inlines) add_inline(std::move(i));
            }
            for (auto& b : f.blocks) add_block(std::move(b));
            break;
        case Frame::Kind::Blocks: break;
        }
    }

    Blocks finish() {
        while (stack_.size() > 1) stack_.pop_back();
        return std::move(stack_.front().blocks);
    }

private:
    void push(Frame::Kind k) { stack_.push_back(Frame{k}); }

    bool in_inlines() const { return stack_.back().kind == Frame::Kind::Inlines || stack_.back().kind == Frame::Kind::Skip; }

    void add_inline(Inline i) {
        if (in_inlines()) {
            stack_.back().inlines.push_back(std::move(i));
            return;
        }
        // Text directly in a block container (e.g. a tight list item): wrap it in a paragraph.
        add_block(Block{Paragraph{{std::move(i)}, Paragraph::Role::Body}, {}});
    }

    void add_text(std::string s) {
        if (s.empty()) return;
        Inline i = text(std::move(s));
        i.bold = bold_ > 0;
        i.italic = italic_ > 0;
        if (!links_.empty()) i.href = links_.back();
        // Merge with the previous run when the style is the same (fewer, longer runs).
        if (in_inlines() && !stack_.back().inlines.empty()) {
            Inline& last = stack_.back().inlines.back();
            if (last.kind == Inline::Kind::Text && last.bold == i.bold && last.italic == i.italic && last.href == i.href &&
                !last.cite && last.target.empty()) {
                last.text += i.text;
                return;
            }
        }
        add_inline(std::move(i));
    }

    void add_block(Block b) {
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            switch (it->kind) {
            case Frame::Kind::Blocks:
            case Frame::Kind::Item:
            case Frame::Kind::Quote:
            case Frame::Kind::Footnote:
            case Frame::Kind::Skip: it->blocks.push_back(std::move(b)); return;
            default: break;
            }
        }
    }

    static void trim_inlines(Inlines& in) {
        while (!in.empty() && in.front().kind == Inline::Kind::Text) {
            auto& s = in.front().text;
            const auto p = s.find_first_not_of(' ');
            if (p == std::string::npos) {
                in.erase(in.begin());
                continue;
            }
            s.erase(0, p);
            break;
        }
        while (!in.empty() && in.back().kind == Inline::Kind::Text) {
            auto& s = in.back().text;
            const auto p = s.find_last_not_of(' ');
            if (p == std::string::npos) {
                in.pop_back();
                continue;
            }
            s.erase(p + 1);
            break;
        }
    }

    const MarkdownOptions& o_;
    std::vector<Frame> stack_;
    int bold_ = 0, italic_ = 0;
    std::vector<std::string> links_;
};

}  // namespace

Blocks from_markdown(const markdown::Document& md, const MarkdownOptions& o) {
    Builder b(o);
    cmark_iter* it = cmark_iter_new(md.root());
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER) {
            b.enter(n);
            // Leaf nodes get no EXIT event from cmark_iter; containers do.
        } else if (ev == CMARK_EVENT_EXIT) {
            b.exit(n);
        }
    }
    cmark_iter_free(it);
    return b.finish();
}

Blocks from_markdown(std::string_view text, const MarkdownOptions& o) { return from_markdown(markdown::Document(text), o); }

Inlines inlines_from_markdown(std::string_view md_text, const MarkdownOptions& o) {
    Inlines out;
    const Blocks blocks = from_markdown(md_text, o);
    // Flatten: paragraphs (and list items' paragraphs) joined by spaces.
    auto append = [&out](const Inlines& in) {
        if (!out.empty() && !in.empty()) out.push_back(text(" "));
        out.insert(out.end(), in.begin(), in.end());
    };
    std::function<void(const Blocks&)> walk = [&](const Blocks& bs) {
        for (const auto& b : bs) {
            if (const auto* p = std::get_if<Paragraph>(&b.v)) append(p->text);
            else if (const auto* h = std::get_if<Heading>(&b.v)) append(h->text);
            else if (const auto* l = std::get_if<List>(&b.v))
                for (const auto& item : l->items) walk(item);
            else if (const auto* c = std::get_if<Callout>(&b.v)) walk(c->body);
        }
    };
    walk(blocks);
    for (auto& i : out)
        if (i.kind == Inline::Kind::LineBreak) i = text(" ");
    return out;
}

}  // namespace sprout::doc
