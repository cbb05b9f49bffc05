#pragma once
// In-text definitions: the first use of each glossary term in a page's main text becomes a
// link to its definition, with the definition as a tooltip and abbreviations marked <abbr>.
#include <functional>
#include <string>
#include <string_view>
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
    // The same, handing the page to `emit` a megabyte or so at a time instead of returning it:
    // a page of tens of megabytes is never held twice.
    void apply_to(const std::string& html, const std::string& root, const std::string& page_path,
                  const std::function<void(std::string_view)>& emit) const;

private:
    // Whether apply changes `html` at all; where its <main> element starts and ends when so.
    bool applies(const std::string& html, const std::string& page_path, std::size_t& main_open, std::size_t& main_close) const;
    // Appends `html` with its terms linked to `out`, calling `flush(out)` between pieces.
    template <class Flush>
    void link_terms(const std::string& html, const std::string& root, std::size_t main_open, std::size_t main_close,
                    std::string& out, Flush&& flush) const;

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
