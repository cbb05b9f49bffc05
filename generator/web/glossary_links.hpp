#pragma once
// In-text definitions: the first use of each glossary term in a page's main text becomes a
// link to its definition, with the definition as a tooltip and abbreviations marked <abbr>.
#include <string>
#include <vector>

#include "model/model.hpp"
#include "util/multi_search.hpp"

namespace sprout::web {

class GlossaryLinker {
public:
    explicit GlossaryLinker(const model::Model& m);

    // Rewrites text inside <main> of a rendered page. `root` is the page's prefix to the
    // site root. Text inside links, headings, code, abbreviations, buttons, tables' headers
    // and SVG is left alone, as is any element marked data-nogloss (source lines) and the
    // glossary page itself.
    std::string apply(const std::string& html, const std::string& root, const std::string& page_path) const;

private:
    struct Form {
        std::string text;      // what to look for
        bool case_sensitive;   // abbreviations match exactly; words ignore case
        bool abbreviation;
        std::size_t term;      // index into terms_
    };
    struct TermInfo {
        std::string id, name, definition;  // definition as plain text
    };
    std::vector<TermInfo> terms_;
    std::size_t link_room_ = 0;  // bytes apply() may add to a page, beside the root per link
    std::vector<Form> forms_;  // longest first, so "secure attachment" wins over "attachment"
    util::MultiSearch search_;  // finds forms_ (pattern i is forms_[i]) ignoring case
};

}  // namespace sprout::web
