#pragma once
// Markdown → document tree, by walking the cmark-gfm tree of markdown::Document with cmark_iter
// (the same parse the website renders), so a record's text reads the same in both outputs.
#include <string>
#include <string_view>

#include "doc/document.hpp"
#include "markdown/markdown.hpp"

namespace sprout::doc {

struct MarkdownOptions {
    int heading_base = 3;  // level given to a Markdown "#" heading ("##" is one below), at most 4
    // Relative link targets are resolved against this (the site's base URL); without it they
    // are dropped and only the link text kept, since a relative path means nothing in a PDF.
    std::string base_url;
};

Blocks from_markdown(const markdown::Document& md, const MarkdownOptions& o = {});
Blocks from_markdown(std::string_view text, const MarkdownOptions& o = {});

// The inline content of a short Markdown field (paragraphs joined by spaces), for table cells,
// list items and labels.
Inlines inlines_from_markdown(std::string_view text, const MarkdownOptions& o = {});

// A link target as it may appear in a brief: absolute http(s)/mailto kept, relative ones
// resolved against `base_url` or dropped (returns "").
std::string resolve_link(std::string_view url, std::string_view base_url);

}  // namespace sprout::doc
