#include "markdown/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "util/text.hpp"

namespace sprout::markdown {

namespace {

// Task-list items ("- [ ] ...") render as disabled checkboxes with no accessible name, which
// screen readers announce as an unlabelled control: name each by its state.
void name_task_boxes(std::string& html) {
    const std::pair<std::string_view, std::string_view> boxes[] = {
        {"<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />"},
        {"<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
         "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />"}};
    for (const auto& [from, to] : boxes)
        for (auto p = html.find(from); p != std::string::npos; p = html.find(from, p + to.size()))
            html.replace(p, from.size(), to);
}

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

void ensure_registered() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

cmark_llist* extension_list(cmark_parser* parser) {
    for (const char* name : kExtensions)
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
    return cmark_parser_get_syntax_extensions(parser);
}

// Removes links and images whose target is outside the allow-list (cmark's own safe mode
// already blanks javascript:, vbscript:, file: and most data: URLs; this also catches anything
// unusual), keeping their text.
// Also repairs text that cmark-gfm cut inside a UTF-8 sequence (it truncates over-long link
// and footnote labels byte-wise), so every writer gets valid UTF-8.
void sanitise(cmark_node* root) {
    std::vector<cmark_node*> unsafe;
    cmark_iter* it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(it);
        const auto t = cmark_node_get_type(n);
        if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            const char* url = cmark_node_get_url(n);
            if (url && !is_safe_url(url)) unsafe.push_back(n);
            if (const char* title = cmark_node_get_title(n); title && !text::is_valid_utf8(title))
                cmark_node_set_title(n, text::repair_utf8(title).c_str());
        }
        if (const char* lit = cmark_node_get_literal(n); lit && !text::is_valid_utf8(lit))
            cmark_node_set_literal(n, text::repair_utf8(lit).c_str());
    }
    cmark_iter_free(it);
    // A link or image with an unsafe target becomes its text (an image's text is its alt
    // text), rather than a link to nowhere. Innermost first: an image may sit inside a link.
    for (auto n = unsafe.rbegin(); n != unsafe.rend(); ++n) {
        while (cmark_node* child = cmark_node_first_child(*n)) cmark_node_insert_before(*n, child);
        cmark_node_free(*n);
    }
}

// Lists and block quotes nested deeper than this are flattened to a paragraph of their text.
// cmark-gfm itself walks trees without recursion, but the brief's document tree, its writers
// and the layout engine recurse once per level, and 50,000 levels ("- - - - … x", 100 KB)
// overflowed the stack there. No real text comes near this depth.
constexpr int kMaxNesting = 32;

void append_text(cmark_node* n, std::string& out) {
    cmark_iter* it = cmark_iter_new(n);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* c = cmark_iter_get_node(it);
        const auto t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
            if (const char* lit = cmark_node_get_literal(c)) {
                if (!out.empty() && out.back() != ' ') out += ' ';
                out += lit;
            }
        }
    }
    cmark_iter_free(it);
}

void limit_nesting(cmark_node* root) {
    std::vector<cmark_node*> too_deep;
    int depth = 0;
    cmark_node* skip = nullptr;  // inside a subtree already marked: its descendants are not marked again
    cmark_iter* it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        const auto t = cmark_node_get_type(n);
        if (t != CMARK_NODE_LIST && t != CMARK_NODE_BLOCK_QUOTE) continue;
        if (ev == CMARK_EVENT_ENTER) {
            if (++depth > kMaxNesting && !skip) {
                too_deep.push_back(n);
                skip = n;
            }
        } else {
            --depth;
            if (n == skip) skip = nullptr;
        }
    }
    cmark_iter_free(it);
    for (cmark_node* n : too_deep) {
        std::string flat;
        append_text(n, flat);
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, flat.c_str());
        cmark_node_append_child(para, text);
        cmark_node_replace(n, para);
        cmark_node_free(n);
    }
}

std::string take(char* s) {
    std::string out = s ? s : "";
    std::free(s);
    return out;
}

}  // namespace

Document::Document(std::string_view text) {
    ensure_registered();
    cmark_parser* parser = cmark_parser_new(kOptions);
    extension_list(parser);
    cmark_parser_feed(parser, text.data(), text.size());
    root_ = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    limit_nesting(root_);
    sanitise(root_);
}

Document::~Document() {
    if (root_) cmark_node_free(root_);
}

Document::Document(Document&& o) noexcept : root_(o.root_) { o.root_ = nullptr; }

Document& Document::operator=(Document&& o) noexcept {
    if (this != &o) {
        if (root_) cmark_node_free(root_);
        root_ = o.root_;
        o.root_ = nullptr;
    }
    return *this;
}

std::string Document::html() const {
    // The extension list must come from a parser that has them attached.
    ensure_registered();
    cmark_parser* parser = cmark_parser_new(kOptions);
    cmark_llist* exts = extension_list(parser);
    std::string out = take(cmark_render_html(root_, kOptions, exts));
    cmark_parser_free(parser);
    name_task_boxes(out);
    return text::is_valid_utf8(out) ? out : text::repair_utf8(out);
}

std::string Document::plain_text() const {
    std::string out;
    cmark_iter* it = cmark_iter_new(root_);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        const auto t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
        } else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)) {
            out += ' ';
        } else if (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM)) {
            out += "\n\n";
        } else if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_CODE_BLOCK) {
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
            out += "\n";
        }
    }
    cmark_iter_free(it);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

std::string to_html(std::string_view text) { return Document(text).html(); }

std::string to_inline_html(std::string_view text) {
    std::string html = to_html(text);
    // A single paragraph renders as "<p>…</p>\n": unwrap it.
    if (html.starts_with("<p>") && html.ends_with("</p>\n") && html.find("<p>", 3) == std::string::npos)
        return html.substr(3, html.size() - 3 - 5);
    return html;
}

std::string to_plain_text(std::string_view text) { return Document(text).plain_text(); }

bool is_safe_url(std::string_view url) {
    const std::string_view u = text::trim(url);
    if (u.empty()) return true;
    // A scheme is letters/digits/+.- before the first ':' that comes before any '/', '?' or '#'.
    const auto colon = u.find(':');
    const auto delim = u.find_first_of("/?#");
    if (colon == std::string_view::npos || (delim != std::string_view::npos && delim < colon)) return true;  // relative
    const std::string scheme = text::to_lower(u.substr(0, colon));
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

void append_escaped_html(std::string& out, std::string_view s) {
    std::size_t plain = 0;  // start of the run of characters that need no escaping
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* entity = nullptr;
        switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        out.append(s, plain, i - plain);
        out += entity;
        plain = i + 1;
    }
    out.append(s, plain);
}

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    append_escaped_html(out, s);
    return out;
}

}  // namespace sprout::markdown
