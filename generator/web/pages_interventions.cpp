// Interventions: a grouped index that is complete without JavaScript (the filter form is
// revealed and driven by filter.js), and one page per intervention.
#include <map>
#include <set>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

// Intervention kinds in the schema's order, so groups read from programmes to policies.
const std::vector<std::string> kKinds = {"programme", "therapy",  "service-model", "approach", "assessment",
                                         "campaign",  "training", "resource",      "policy"};

// Age bands for the filter, in months: [from, to]. An intervention matches a band its stated
// range overlaps.
struct AgeBand {
    const char* label;
    int from, to;
};
constexpr AgeBand kAgeBands[] = {
    {"Pregnancy", -9, -1}, {"Under 1 year", 0, 11}, {"1 to 2 years", 12, 35}, {"3 to 5 years", 36, 71}, {"5 years and over", 60, 240}};

Json filter_options(const Builder& b) {
    const auto& m = b.model;
    Json ages = Json::array();
    for (const auto& a : kAgeBands)
        ages.push_back({{"label", a.label}, {"value", std::to_string(a.from) + ":" + std::to_string(a.to)}});
    Json scales = Json::array();
    for (const auto& s : m.scales) {
        Json levels = Json::array();
        auto sorted = s.levels;
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.rank > y.rank; });
        for (const auto& l : sorted)
            if (b.refs.rated_at.count({s.id, l.id}))
                levels.push_back({{"value", s.id + ":" + l.id}, {"label", l.label}});
        if (!levels.empty())
            scales.push_back({{"name", s.short_name.empty() ? s.name : s.short_name}, {"levels", std::move(levels)}});
    }
    std::map<std::string, std::string> settings;  // slug → first wording seen
    std::set<std::string> nations, audiences;
    for (const auto& i : m.interventions) {
        for (const auto& s : i.delivery_settings) settings.emplace(urls::slug(s), s);
        for (const auto& a : i.availability) nations.insert(a.nation);
        for (const auto& a : i.audiences) audiences.insert(a);
    }
    Json js = Json::array(), jn = Json::array(), ja = Json::array();
    for (const auto& [slug, label] : settings) js.push_back({{"value", slug}, {"label", label}});
    for (const auto& n : m.nations)
        if (nations.count(n.id)) jn.push_back({{"value", n.id}, {"label", n.name}});
    for (const auto& a : m.audiences)
        if (audiences.count(a.id)) ja.push_back({{"value", a.id}, {"label", a.name}});
    return {{"ages", std::move(ages)}, {"scales", std::move(scales)}, {"settings", std::move(js)}, {"nations", std::move(jn)}, {"audiences", std::move(ja)}};
}

void render_index(Builder& b) {
    const auto& m = b.model;
    Json groups = Json::array();
    const auto by_name = sorted_by_name(m.interventions, [](const auto& x) { return x.name; });
    for (const auto& kind : kKinds) {
        Json items = Json::array();
        for (const auto* i : by_name)
            if (i->kind == kind) items.push_back(b.intervention_entry(*i));
        if (!items.empty())
            groups.push_back({{"heading", intervention_kind_plural(kind)}, {"id", urls::anchor("kind", kind)}, {"items", std::move(items)}});
    }
    Json ctx = {{"groups", std::move(groups)}, {"filters", filter_options(b)}, {"total", std::to_string(m.interventions.size())}};
    PageMeta meta("Interventions", "Programmes, therapies and service models, with how each was rated and by whom.",
                  "interventions");
    meta.scripts = {"filter.js"};
    b.page("interventions-index", "interventions/index.html", std::move(ctx), std::move(meta));
}

}  // namespace

void render_intervention_page(Builder& b, const model::Intervention& i) {
    const auto& m = b.model;
    Json it = b.intervention_item(i);
    b.add_ratings(it, i, true);
    it["short_name"] = i.short_name;
    it["aliases"] = i.aliases;
    it["description_html"] = Builder::md(i.description);
    it["outcomes"] = i.outcomes;
    it["delivery"] = {{"who", i.delivery_who},
                      {"format", i.delivery_format},
                      {"dose", i.delivery_dose},
                      {"settings", i.delivery_settings},
                      {"any", !i.delivery_who.empty() || !i.delivery_format.empty() || !i.delivery_dose.empty() ||
                                  !i.delivery_settings.empty()}};
    Json avail = Json::array();
    for (const auto& a : i.availability)
        avail.push_back({{"nation", b.nation_name(a.nation)},
                         {"nation_url", urls::record("nations", a.nation)},
                         {"note", a.note},
                         {"cites", b.cites(a.cite)}});
    it["availability"] = avail;
    it["audiences"] = b.links("audiences", i.audiences);
    it["conflicts"] = b.conflicts(i.conflicts);
    it["cites"] = b.cites(i.cite);

    Json related = Json::array();
    for (const auto id : b.refs.related_interventions(i)) related.push_back(b.link("interventions", std::string(id)));
    it["related"] = related;

    // Examples that use it, and the recommendations those examples illustrate: the model links
    // recommendations to interventions only through examples.
    Json examples = Json::array();
    std::set<std::string> rec_ids;
    for (const auto* ex : b.refs.examples_using(i)) {
        examples.push_back(b.example_entry(*ex));
        rec_ids.insert(ex->recommendations.begin(), ex->recommendations.end());
    }
    Json recs = Json::array();
    for (const auto& id : rec_ids)
        if (const auto* r = m.recommendation(id)) recs.push_back(b.recommendation_entry(*r));
    it["examples"] = examples;
    it["recommendations"] = recs;

    PageMeta meta(i.name, Builder::plain(i.summary), "interventions");
    meta.crumbs = {{"Interventions", "interventions/index.html"}};
    meta.search_kind = "Intervention";
    meta.search_body = Builder::plain(i.description) + " " + i.target_group + " " + text_join(i.outcomes) + " " +
                       text_join(i.aliases);
    b.page("intervention", urls::record("interventions", i.id), {{"intervention", std::move(it)}}, std::move(meta));
}

void render_interventions(Builder& b) {
    render_index(b);
    for (const auto& i : b.model.interventions)
        if (!b.keep_record_page("interventions", i.id, "intervention")) render_intervention_page(b, i);
}

std::string intervention_kind_plural(const std::string& kind) {
    static const std::map<std::string, std::string> plural = {
        {"programme", "Programmes"},   {"therapy", "Therapies"},       {"service-model", "Service models"},
        {"approach", "Approaches"},    {"assessment", "Assessment tools"}, {"campaign", "Campaigns"},
        {"training", "Training"},      {"resource", "Resources"},      {"policy", "Policies"}};
    auto it = plural.find(kind);
    return it == plural.end() ? humanise(kind) : it->second;
}

}  // namespace sprout::web
