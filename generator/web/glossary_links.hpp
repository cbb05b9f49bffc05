#pragma once
// In-text definitions: the first use of each glossary term in a page's main text becomes a
// link to its definition, with the definition as a tooltip and abbreviations marked <abbr>.
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "util/multi_search.hpp"

namespace sprout::web {

class GlossaryLinker {
public:
    explicit GlossaryLinker(const model::Model& m);

    // Rewrites text inside <main> of a rendered page, up to its </main>. `root` is the page's
    // prefix to the site root. Text inside links, headings, code, abbreviations, buttons,
    // tables' headers and SVG is left alone, as is any element marked data-nogloss (source
    // lines) and the glossary page itself.
    std::string apply(const std::string& html, const std::string& root, const std::string& page_path) const;

    // The same for a page handed over a piece at a time as it renders, so that a page of a
    // hundred megabytes is never held whole: feed() appends to `out` what it can link so far
    // (a tag or text cut off at a piece's end waits for the next), finish() the rest.
    class Pass {
    public:
        Pass(const GlossaryLinker& linker, const std::string& root, const std::string& page_path);
        void feed(std::string_view html, std::string& out);
        void finish(std::string& out);

    private:
        // Links `html`, whole tags and texts up to a tag's start, or to the page's end when
        // `last`; returns how much of it was used (the rest waits for more).
        std::size_t link(std::string_view html, std::string& out, bool last);
        void link_text(std::string_view text, std::string& out);

        const GlossaryLinker& g_;
        std::string root_;
        enum class Where { before_main, in_main, after_main } where_;
        std::string pending_;  // fed but not yet linked
        std::vector<bool> used_;  // terms linked already, each once a page
        int skip_depth_ = 0;
        std::string nogloss_tag_;
        int nogloss_depth_ = 0;
    };

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
