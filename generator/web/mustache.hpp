#pragma once
// A Mustache template, parsed once, rendered straight from nlohmann::json contexts.
//
// Page contexts are built as JSON (web/builder.hpp); rendering them through a general-purpose
// Mustache library meant converting every context into that library's data tree first, and
// the conversion with its allocations was the largest cost of a big build
// (docs/PERFORMANCE.md). This renderer reads the JSON where it lies.
//
// Semantics are Mustache's, with the conventions Sprout's templates rely on:
// - falsy: false, null, "" and []; numbers (0 too), objects and other strings are truthy;
// - `{{x}}` escapes with markdown::escape_html; `{{{x}}}` and `{{& x}}` do not; numbers print
//   as JSON writes them; booleans, null, objects and lists print nothing;
// - every list `x` in an object also reads as a boolean `has_x` (true when non-empty) unless
//   the object has its own `has_x`, so a template can wrap a list without iterating it;
// - a dotted name `a.b` is looked up whole in each scope from the innermost out;
// - a reference made by web::share reads as the value it refers to;
// - a line whose output is only blanks and which held a rendered section tag is dropped,
//   newline and all (standalone section lines leave no trace);
// - `{{! comments}}`, `{{=<% %>=}}` delimiter changes; partial tags render nothing here
//   (Templates expands them in the text before parsing).
#include <cstddef>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sprout::web::mustache {

// A template that does not parse; `offset` is the byte offset of the offending tag.
struct SyntaxError : std::runtime_error {
    SyntaxError(const std::string& message, std::size_t at) : std::runtime_error(message), offset(at) {}
    std::size_t offset;
};

class Template {
public:
    // Throws SyntaxError.
    explicit Template(std::string_view text);

    // Where a rendering goes. With `flush`, whenever a line ends with `text` holding
    // `flush_above` bytes or more, `text` is handed to `flush` and emptied: a page of a hundred
    // megabytes is written as it renders instead of being held whole (web/builder.cpp).
    struct Output {
        std::string& text;
        std::function<void(std::string_view)> flush;
        std::size_t flush_above = 0;
        std::size_t flushed = 0;  // bytes handed to `flush` so far
    };
    // Appends the rendering to `out`. `scopes` is the context stack, outermost first.
    // `content`, when given, renders `{{{content}}}` itself, straight into `out` (the layout
    // around a page), instead of it being looked up.
    using Content = std::function<void(Output& out)>;
    void render(std::span<const nlohmann::json* const> scopes, Output& out, const Content* content = nullptr) const;
    void render(std::span<const nlohmann::json* const> scopes, std::string& out) const;

private:
    enum class Kind { text, newline, variable, raw_variable, section, inverted };
    struct Node {
        Kind kind;
        std::string text;                // text and newline nodes
        std::vector<std::string> path;   // names; empty for `{{.}}`
        std::size_t end = 0;             // sections: index one past their last child
    };
    struct Renderer;
    std::vector<Node> nodes_;
};

}  // namespace sprout::web::mustache
