#include "brief/plan.hpp"

#include <algorithm>

#include "brief/changes_section.hpp"
#include "brief/format.hpp"
#include "brief/sections.hpp"
#include "brief/select.hpp"
#include "util/text.hpp"

namespace sprout::brief {

UnknownId::UnknownId(std::string what_kind, std::string id_, std::string hint, std::vector<std::string> known_)
    : std::invalid_argument(hint.empty() ? "unknown " + what_kind + " '" + id_ + "'" : hint),
      kind(std::move(what_kind)),
      id(std::move(id_)),
      known(std::move(known_)) {
    if (auto c = text::closest(id, known)) suggestion = *c;
}

std::vector<const model::Nation*> brief_nations(const model::Model& m) {
    std::vector<const model::Nation*> out;
    for (const auto& n : m.nations)
        if (n.id != "uk") out.push_back(&n);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->order < b->order; });
    return out;
}

namespace {

std::vector<const model::Audience*> sorted_audiences(const model::Model& m) {
    std::vector<const model::Audience*> out;
    for (const auto& a : m.audiences) out.push_back(&a);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->order < b->order; });
    return out;
}

doc::Blocks build_section(Ctx& c, const model::BriefSection& s) {
    if (s.type == "key-messages") return key_messages_section(c, s);
    if (s.type == "policy-context") return policy_context_section(c, s);
    if (s.type == "key-figures") return key_figures_section(c, s);
    if (s.type == "recommendations") return recommendations_section(c, s);
    if (s.type == "interventions") return interventions_section(c, s);
    if (s.type == "examples") return examples_section(c, s);
    if (s.type == "checklists") return checklists_section(c, s);
    if (s.type == "area-profile") return area_profile_section(c, s);
    if (s.type == "area-need") return area_need_section(c, s);
    if (s.type == "area-gaps") return area_gaps_section(c, s);
    if (s.type == "changes") return changes_section(c, s);
    return {};  // "text": the intro is the whole section
}

}  // namespace

std::vector<Target> all_targets(const model::Model& m) {
    std::vector<Target> out;
    const auto auds = sorted_audiences(m);
    for (const auto* n : brief_nations(m))
        for (const auto* a : auds) out.push_back({n->id, a->id, {}});
    for (const auto& area : m.areas) {
        if (area.nation == "uk" || !m.nation(area.nation)) continue;
        for (const auto* a : auds)
            if (has_area_sections(*a)) out.push_back({area.nation, a->id, area.id});
    }
    return out;
}

Plan plan_brief(const model::Model& m, const std::string& nation, const std::string& audience, const std::optional<std::string>& area,
                const diff::Changes* changes, const InterventionOrders* orders) {
    std::vector<std::string> nation_ids, audience_ids, area_ids;
    for (const auto* n : brief_nations(m)) nation_ids.push_back(n->id);
    for (const auto& a : m.audiences) audience_ids.push_back(a.id);
    for (const auto& a : m.areas) area_ids.push_back(a.id);
    const model::Nation* n = nation == "uk" ? nullptr : m.nation(nation);
    if (!n && nation == "uk" && m.nation("uk"))
        throw UnknownId("nation", nation, "briefs are written for each nation, not for the UK as a whole; nations: " + text::join(nation_ids, ", "), {});
    if (!n) throw UnknownId("nation", nation, "", nation_ids);
    const model::Audience* aud = m.audience(audience);
    if (!aud) throw UnknownId("audience", audience, "", audience_ids);
    const model::Area* ar = nullptr;
    if (area && !area->empty()) {
        ar = m.area(*area);
        if (!ar) throw UnknownId("area", *area, "", area_ids);
        if (ar->nation != n->id)
            throw UnknownId("area", *area, "area '" + *area + "' is in " + ar->nation + ", not " + n->id + "; use --nation " + ar->nation, {});
    }

    Plan plan;
    plan.target = {n->id, aud->id, ar ? ar->id : std::string()};
    std::optional<InterventionOrders> own_orders;
    if (!orders) orders = &own_orders.emplace(order_interventions(m));
    Ctx c{m, *n, *aud, ar, Citations(m), {}, {}, changes, *orders};
    c.md.base_url = m.site.base_url;
    c.anchors.insert("contents");

    doc::Meta& meta = plan.doc.meta;
    std::string title = aud->brief_title.empty() ? m.site.title + ": {nation}" : aud->brief_title;
    title = replace_all(title, "{nation}", n->name);
    title = replace_all(title, "{area}", ar ? ar->name : n->name);
    meta.title = title;
    meta.subtitle = "A brief for " + in_sentence(aud->name) + (ar ? " in " + ar->name : std::string());
    meta.nation = n->name;
    meta.audience = aud->name;
    meta.area = ar ? ar->name : std::string();
    meta.date_iso = m.site.edition;
    meta.date = human_date(m.site.edition);
    meta.publisher = m.site.publisher;
    meta.site_title = m.site.title;
    meta.language = m.site.language.empty() ? "en-GB" : m.site.language;
    meta.licence = m.site.licence;
    meta.subject = "Evidence brief for " + in_sentence(aud->name) + " in " + (ar ? ar->name + ", " : std::string()) + n->name;
    meta.keywords = n->name + ", " + aud->name + (ar ? ", " + ar->name : std::string()) + ", evidence brief";

    doc::Blocks& body = plan.doc.body;
    {
        doc::Block h = doc::heading(1, {doc::text("Contents")}, "contents");
        std::get<doc::Heading>(h.v).in_contents = false;
        body.push_back(std::move(h));
        body.push_back(doc::Block{doc::Contents{}, {}});
        doc::Callout about;
        about.kind = doc::Callout::Kind::Info;
        about.title = {doc::text("Who this brief is for")};
        about.body = c.blocks(aud->summary);
        about.body.push_back(doc::para({doc::text(
            "Numbers in square brackets, such as [1], point to the numbered references at the end, which say which "
            "document each statement comes from and where in it to look. Evidence ratings are shown on the scale of the "
            "review that made them and are never combined across scales.")}));
        body.push_back(doc::Block{std::move(about), {}});
        body.push_back(doc::Block{doc::PageBreak{}, {}});
    }

    // Build every section but the glossary and references, then those two, which depend on
    // the text and citations of the rest.
    struct Built {
        const model::BriefSection* s;
        doc::Blocks blocks;
    };
    std::vector<Built> built;
    for (const auto& s : aud->brief_sections) {
        if (s.type.starts_with("area-") && !ar) continue;
        Built b{&s, {}};
        b.blocks.push_back(doc::heading(1, {doc::text(s.title)}, c.unique_anchor("sec-" + doc::slug(s.title))));
        if (!s.intro.empty()) {
            auto intro = c.blocks(s.intro);
            b.blocks.insert(b.blocks.end(), intro.begin(), intro.end());
        }
        if (s.type != "glossary" && s.type != "references") {
            auto content = build_section(c, s);
            b.blocks.insert(b.blocks.end(), content.begin(), content.end());
        }
        built.push_back(std::move(b));
    }
    // Every reference mark needs its target: a brief without a references section gets one.
    static const model::BriefSection kReferences{"references", "References", {}, "document", "all", std::nullopt, {}};
    if (std::none_of(aud->brief_sections.begin(), aud->brief_sections.end(), [](const auto& s) { return s.type == "references"; })) {
        Built b{&kReferences, {}};
        b.blocks.push_back(doc::heading(1, {doc::text(kReferences.title)}, c.unique_anchor("sec-references")));
        built.push_back(std::move(b));
    }
    std::string text;
    for (const auto& b : built)
        if (b.s->type != "glossary" && b.s->type != "references") text += doc::plain(b.blocks);
    for (auto& b : built) {
        if (b.s->type == "glossary") {
            auto g = glossary_section(c, *b.s, text);
            b.blocks.insert(b.blocks.end(), g.begin(), g.end());
        }
    }
    // Number the references by work now that every mark exists, and rewrite the marks to match.
    const auto renumber = c.cites.group_by_work();
    for (auto& b : built) renumber_marks(b.blocks, renumber);
    for (auto& b : built) {
        if (b.s->type == "references") {
            auto r = references_section(c, *b.s);
            b.blocks.insert(b.blocks.end(), r.begin(), r.end());
        }
    }
    for (auto& b : built) body.insert(body.end(), std::make_move_iterator(b.blocks.begin()), std::make_move_iterator(b.blocks.end()));
    return plan;
}

}  // namespace sprout::brief
