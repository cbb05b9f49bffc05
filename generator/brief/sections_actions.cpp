// Recommendations, interventions with their ratings, practice examples, checklists.
#include <algorithm>
#include <map>

#include "brief/format.hpp"
#include "brief/sections.hpp"
#include "brief/select.hpp"

namespace sprout::brief {

namespace {

std::string kind_label(const std::string& kind) {
    if (kind == "recommendation") return "Recommendation";
    if (kind == "action") return "Action";
    if (kind == "call-to-action") return "Call to action";
    if (kind == "principle") return "Principle";
    if (kind == "suggested-action") return "Suggested action";
    if (kind == "training") return "Training";
    return kind;
}

doc::Block questions_list(const std::vector<std::string>& qs) {
    doc::List l;
    l.tasks = true;
    for (const auto& q : qs) {
        doc::Blocks item;
        item.push_back(doc::para({doc::text(q)}));
        l.items.push_back(std::move(item));
    }
    return doc::Block{std::move(l), {}};
}

void recommendation(Ctx& c, doc::Blocks& out, const model::Recommendation& r) {
    out.push_back(doc::heading(3, {doc::text(r.title)}, c.unique_anchor("rec-" + r.id)));
    std::string meta = kind_label(r.kind);
    if (!r.number.empty()) meta += " " + r.number;
    if (!r.group.empty()) meta += " \u00B7 " + r.group;
    if (!r.actors.empty()) {
        std::string who;
        for (const auto& a : r.actors) who += (who.empty() ? "" : ", ") + c.actor_name(a);
        meta += " \u00B7 Addressed to: " + who;
    }
    out.push_back(doc::para({doc::text(meta)}, doc::Paragraph::Role::Meta));
    auto body = c.blocks(r.text, 4);
    append_to_last(body, c.cites.mark(r.cite));
    out.insert(out.end(), body.begin(), body.end());
    if (!r.questions.empty()) out.push_back(questions_list(r.questions));
    add_conflicts(c, out, r.conflicts);
}

// "This brief shows 10 of the 24 …" when the section's limit left some out, so a reader
// knows the list is a selection and where the rest are.
void note_limit(doc::Blocks& out, std::size_t shown, std::size_t matching, const std::string& what) {
    if (shown >= matching) return;
    out.push_back(doc::para({doc::text("This brief shows " + std::to_string(shown) + " of the " + std::to_string(matching) + " " +
                                       what + "; the toolkit's website lists them all.")},
                            doc::Paragraph::Role::Note));
}

// Selects without the section's limit, so the brief can say how many matched, then applies it
// (selecting twice, once only to count, was a fifth of planning a brief at N = 10,000).
template <class Select>
auto select_limited(Select&& select, const model::BriefSection& s, std::size_t& matched) {
    model::BriefSection all = s;
    all.limit.reset();
    auto list = select(all);
    matched = list.size();
    apply_limit(list, s.limit);
    return list;
}

}  // namespace

doc::Blocks recommendations_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    std::size_t matched = 0;
    const auto recs = select_limited([&](const model::BriefSection& x) { return recommendations(c.m, c.audience, c.nation.id, x); }, s, matched);
    if (recs.empty()) {
        out.push_back(absence("The documents make no recommendations addressed to " + in_sentence(c.audience.name) + " that name " +
                              c.nation.name + " or the UK" +
                              (s.filter == "audience-and-nation" ? ", and none that name no nation." : ".")));
        return out;
    }
    note_limit(out, recs.size(), matched, "recommendations that match");
    if (s.filter != "audience-and-nation") {
        for (const auto* r : recs) recommendation(c, out, *r);
        return out;
    }
    // The selection puts the nation's own first, then those that name no nation; each group
    // is headed, and a reader is told what "no nation" means and does not mean.
    const auto split = std::find_if(recs.begin(), recs.end(), [](auto* r) { return r->nations.empty(); });
    if (split == recs.begin()) {
        out.push_back(absence("The documents make no recommendations addressed to " + in_sentence(c.audience.name) + " that name " +
                              c.nation.name + " or the UK."));
    } else if (split != recs.end()) {
        out.push_back(doc::heading(2, {doc::text("For " + c.nation.name + " or the whole UK")}, c.unique_anchor("recs-nation")));
    }
    for (auto it = recs.begin(); it != split; ++it) recommendation(c, out, **it);
    if (split == recs.end()) return out;
    out.push_back(doc::heading(2, {doc::text("Not specific to one nation")}, c.unique_anchor("recs-no-nation")));
    out.push_back(doc::para({doc::text("These recommendations are addressed to " + in_sentence(c.audience.name) +
                                       " and name no nation. They are included because they are not specific to any one "
                                       "nation, not because the documents say they apply in " + c.nation.name + ".")},
                            doc::Paragraph::Role::Note));
    for (auto it = split; it != recs.end(); ++it) recommendation(c, out, **it);
    return out;
}

doc::Blocks interventions_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    std::size_t matched = 0;
    const auto list = select_limited([&](const model::BriefSection& x) { return interventions(c.m, c.orders, c.audience, c.nation.id, x); }, s, matched);
    if (list.empty()) {
        out.push_back(absence("No interventions match this section's filter."));
        return out;
    }
    note_limit(out, list.size(), matched, "interventions that match, in the order below");
    doc::Table t;
    t.columns = {doc::Column{{doc::text("Intervention")}, doc::Align::Left, 0.27},
                 doc::Column{{doc::text("Evidence rating (review: level)")}, doc::Align::Left, 0.45},
                 doc::Column{{doc::text("Grouping or label in the documents")}, doc::Align::Left, 0.28}};
    std::map<std::string, const model::EvidenceScale*> scales_used;
    for (const auto* i : list) {
        doc::Cell name{doc::bold(i->name)};
        if (!i->kind.empty()) {
            name.push_back(doc::line_break());
            std::string kind = i->kind;
            for (auto& ch : kind)
                if (ch == '-') ch = ' ';
            name.push_back(doc::text(kind));
        }
        doc::Cell ratings, groupings;
        for (const auto& r : i->ratings) {
            const model::EvidenceScale* sc = c.m.scale(r.scale);
            if (!sc) continue;
            scales_used[sc->id] = sc;
            const model::Level* lv = sc->level(r.level);
            doc::Cell& cell = sc->kind == "rating" ? ratings : groupings;
            if (!cell.empty()) cell.push_back(doc::line_break());
            cell.push_back(doc::text((sc->short_name.empty() ? sc->name : sc->short_name) + ": "));
            cell.push_back(doc::bold(lv ? lv->label : r.level));
            if (!r.outcome.empty()) cell.push_back(doc::text(" (" + r.outcome + ")"));
            auto marks = c.cites.mark(r.cite);
            cell.insert(cell.end(), marks.begin(), marks.end());
        }
        if (ratings.empty()) ratings.push_back(doc::italic("Not rated in the documents"));
        if (groupings.empty()) groupings.push_back(doc::text("\u2014"));
        t.rows.push_back({std::move(name), std::move(ratings), std::move(groupings)});
    }
    t.source = {doc::text("Each rating is on the scale of the review named before it, with its reference number. "
                          "Rows are ordered by each intervention's highest rating relative to the top of its own scale.")};
    if (s.order != "strongest-first") t.source = {doc::text("Each rating is on the scale of the review named before it, with its reference number.")};
    out.push_back(doc::Block{std::move(t), {}});
    if (!scales_used.empty()) {
        out.push_back(doc::heading(3, {doc::text("The scales in this table")}, c.unique_anchor("scales")));
        for (const auto& [id, sc] : scales_used) {
            doc::Inlines in{doc::bold(sc->short_name.empty() ? sc->name : sc->short_name), doc::text(": " + sc->name + ".")};
            if (!sc->levels.empty()) {
                std::vector<const model::Level*> lv;
                for (const auto& l : sc->levels) lv.push_back(&l);
                std::stable_sort(lv.begin(), lv.end(), [](auto* a, auto* b) { return a->rank > b->rank; });
                std::string levels;
                for (auto* l : lv) levels += (levels.empty() ? "" : ", ") + l->label;
                in.push_back(doc::text(" Levels, strongest first: " + levels + "."));
            }
            if (sc->kind != "rating") in.push_back(doc::text(" This is a document's own grouping or label, not a rating."));
            auto marks = c.cites.mark(sc->cite);
            in.insert(in.end(), marks.begin(), marks.end());
            out.push_back(doc::para(std::move(in), doc::Paragraph::Role::Note));
        }
    }
    return out;
}

namespace {

void example(Ctx& c, doc::Blocks& out, const model::Example& e) {
    out.push_back(doc::heading(3, {doc::text(e.name)}, c.unique_anchor("example-" + e.id)));
    std::vector<std::string> parts;
    if (!e.place.empty()) parts.push_back(e.place);
    if (!e.organisation.empty()) parts.push_back(e.organisation);
    if (!e.nation.empty()) parts.push_back(c.nation_name(e.nation));
    if (!e.label.empty()) parts.push_back(e.label);
    std::string meta;
    for (const auto& p : parts) meta += (meta.empty() ? "" : " \u00B7 ") + p;
    if (!meta.empty()) out.push_back(doc::para({doc::text(meta)}, doc::Paragraph::Role::Meta));
    auto body = c.blocks(e.summary, 4);
    append_to_last(body, c.cites.mark(e.cite));
    out.insert(out.end(), body.begin(), body.end());
    if (!e.outcomes.empty()) {
        doc::List l;
        for (const auto& o : e.outcomes) {
            doc::Inlines in{doc::text(o.text)};
            auto marks = c.cites.mark(o.cite);
            in.insert(in.end(), marks.begin(), marks.end());
            doc::Blocks item;
            item.push_back(doc::para(std::move(in)));
            l.items.push_back(std::move(item));
        }
        out.push_back(doc::para({doc::bold("Reported outcomes")}));
        out.push_back(doc::Block{std::move(l), {}});
    }
    add_conflicts(c, out, e.conflicts);
}

}  // namespace

doc::Blocks examples_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    const auto sel = examples(c.m, c.nation.id, s);
    if (sel.own.empty())
        out.push_back(absence("The documents give no practice examples from " + c.nation.name + "." +
                              (sel.elsewhere.empty() ? std::string() : " These come from elsewhere in the UK.")));
    for (const auto* e : sel.own) example(c, out, *e);
    if (!sel.own.empty() && !sel.elsewhere.empty())
        out.push_back(doc::heading(2, {doc::text("From elsewhere")}, c.unique_anchor("examples-elsewhere")));
    for (const auto* e : sel.elsewhere) example(c, out, *e);
    return out;
}

doc::Blocks checklists_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    const auto pages = checklist_pages(c.m, c.audience, s);
    const auto actions = suggested_actions(c.m, c.audience, c.nation.id);
    if (pages.empty() && actions.empty()) {
        out.push_back(absence("The documents give no checklists or question sets for " + in_sentence(c.audience.name) + "."));
        return out;
    }
    for (const auto* p : pages) {
        out.push_back(doc::heading(2, {doc::text(p->title)}, c.unique_anchor("page-" + p->id)));
        if (!p->summary.empty()) out.push_back(doc::para(c.inlines(p->summary), doc::Paragraph::Role::Lead));
        auto body = c.blocks(p->body, 3);
        out.insert(out.end(), body.begin(), body.end());
        if (!p->cite.empty()) {
            doc::Inlines in{doc::text("Sources:")};
            auto marks = c.cites.mark(p->cite);
            in.insert(in.end(), marks.begin(), marks.end());
            out.push_back(doc::para(std::move(in), doc::Paragraph::Role::Note));
        }
    }
    for (const auto* r : actions) {
        out.push_back(doc::heading(2, {doc::text(r->title)}, c.unique_anchor("questions-" + r->id)));
        auto body = c.blocks(r->text, 3);
        append_to_last(body, c.cites.mark(r->cite));
        out.insert(out.end(), body.begin(), body.end());
        out.push_back(doc::para({doc::bold("Questions to discuss")}));
        out.push_back(questions_list(r->questions));
    }
    return out;
}

}  // namespace sprout::brief
