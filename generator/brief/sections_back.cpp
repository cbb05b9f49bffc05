// The glossary of terms the brief uses, and the numbered references.
#include "brief/sections.hpp"
#include "brief/select.hpp"

namespace sprout::brief {

doc::Blocks glossary_section(Ctx& c, const model::BriefSection&, const std::string& text) {
    doc::Blocks out;
    const auto terms = terms_used(c.m, text);
    if (terms.empty()) {
        out.push_back(absence("This brief uses none of the toolkit's glossary terms."));
        return out;
    }
    for (const auto* t : terms) {
        doc::Inlines in{doc::bold(t->term)};
        if (!t->abbreviation.empty() && t->abbreviation != t->term) in.push_back(doc::bold(" (" + t->abbreviation + ")"));
        in.push_back(doc::text(": "));
        c.append_cited(in, t->definition, t->cite);
        doc::Block b = doc::para(std::move(in));
        b.anchor = c.unique_anchor("term-" + t->id);
        out.push_back(std::move(b));
    }
    return out;
}

doc::Blocks references_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out;
    if (c.cites.size() == 0) {
        out.push_back(absence("Nothing in this brief cites a source."));
        return out;
    }
    out.push_back(doc::para({doc::text("Each number in square brackets in the text refers to one numbered place below, "
                                       "listed under the work it is in. Works we read in another document are listed "
                                       "together under that document's name.")},
                            doc::Paragraph::Role::Note));
    auto refs = c.cites.references();
    out.insert(out.end(), refs.begin(), refs.end());
    return out;
}

}  // namespace sprout::brief
