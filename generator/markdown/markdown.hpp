#pragma once
// Markdown through cmark-gfm: parsed once into a tree that the website renders to HTML and the
// PDF renderer walks. Raw HTML is never passed through and link targets are limited to an
// allow-list of schemes, so content cannot inject script.
#include <memory>
#include <string>
#include <string_view>

struct cmark_node;

namespace sprout::markdown {

// A parsed Markdown document (GFM: tables, strikethrough, autolinks, task lists).
class Document {
public:
    explicit Document(std::string_view text);
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // The root of the tree, for walkers (cmark_iter_new etc.). Owned by the Document.
    cmark_node* root() const { return root_; }

    // Safe HTML: raw HTML omitted, unsafe link and image targets removed.
    std::string html() const;
    // The text with all markup removed, paragraphs separated by blank lines.
    std::string plain_text() const;

private:
    cmark_node* root_ = nullptr;
};

// Convenience: parse and render.
std::string to_html(std::string_view text);
// Renders a one-paragraph field without the surrounding <p> (for table cells and badges).
std::string to_inline_html(std::string_view text);
std::string to_plain_text(std::string_view text);

// Whether a link target may be used: http, https, mailto, or a relative path/fragment.
bool is_safe_url(std::string_view url);

// Escapes &, <, >, " and ' for HTML text and attribute values; the append form saves a copy.
std::string escape_html(std::string_view s);
void append_escaped_html(std::string& out, std::string_view s);

}  // namespace sprout::markdown
