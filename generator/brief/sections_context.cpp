// Key messages, policy context and key figures.
#include "brief/sections.hpp"
#include "brief/select.hpp"

namespace sprout::brief {

doc::Blocks key_messages_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out;
    const auto msgs = key_messages(c.audience, c.nation.id);
    if (msgs.empty()) {
        out.push_back(absence("There are no key messages for " + c.nation.name + " in this audience's record."));
        return out;
    }
    doc::List list;
    for (const auto* k : msgs) {
        doc::Inlines in;
        c.append_cited(in, k->text, k->cite);
        doc::Blocks item;
        item.push_back(doc::para(std::move(in)));
        list.items.push_back(std::move(item));
    }
    doc::Callout box;
    box.kind = doc::Callout::Kind::Key;
    box.body.push_back(doc::Block{std::move(list), {}});
    out.push_back(doc::Block{std::move(box), {}});
    return out;
}

namespace {

void policy_list(Ctx& c, doc::Blocks& out, const std::vector<const model::Policy*>& ps) {
    for (const auto* p : ps) {
        doc::Inlines in{doc::bold(p->name)};
        std::string meta = p->kind;
        if (!p->period.empty()) meta += ", " + p->period;
        if (!meta.empty()) in.push_back(doc::text(" (" + meta + ")"));
        in.push_back(doc::text(". "));
        c.append_cited(in, p->summary, p->cite);
        out.push_back(doc::para(std::move(in)));
        add_conflicts(c, out, p->conflicts);
    }
}

}  // namespace

doc::Blocks policy_context_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out = c.blocks(c.nation.summary);
    append_to_last(out, c.cites.mark(c.nation.cite));
    if (!c.nation.coverage_note.empty()) {
        doc::Callout note;
        note.kind = doc::Callout::Kind::Caution;
        note.title = {doc::text("Where the documents say little")};
        note.body = c.blocks(c.nation.coverage_note);
        out.push_back(doc::Block{std::move(note), {}});
    }
    const auto ctx = policies(c.m, c.nation.id);
    out.push_back(doc::heading(2, {doc::text("Strategies, bodies and programmes in " + c.nation.name)},
                               c.unique_anchor("policies-" + c.nation.id)));
    if (ctx.own.empty()) out.push_back(absence("The documents name no policies specific to " + c.nation.name + "."));
    policy_list(c, out, ctx.own);
    if (!ctx.uk.empty() || c.m.nation("uk")) {
        out.push_back(doc::heading(2, {doc::text("Across the UK")}, c.unique_anchor("policies-uk")));
        if (const model::Nation* uk = c.m.nation("uk"); uk && uk->id != c.nation.id) {
            auto summary = c.blocks(uk->summary);
            append_to_last(summary, c.cites.mark(uk->cite));
            out.insert(out.end(), summary.begin(), summary.end());
        }
        policy_list(c, out, ctx.uk);
    }
    return out;
}

doc::Blocks key_figures_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    const auto stats = key_figures(c.m, c.nation.id, s);
    bool own = false;
    for (const auto* st : stats)
        if (st->nation == c.nation.id) own = true;
    if (!own)
        out.push_back(absence("The documents give no key figures specific to " + c.nation.name + "." +
                              (stats.empty() ? std::string() : " The figures below are for the UK as a whole.")));
    for (const auto* st : stats) {
        out.push_back(statistic_block(c, *st));
        add_conflicts(c, out, st->conflicts);
    }
    return out;
}

}  // namespace sprout::brief
