// Nations, audiences, areas and service types: pages that gather what applies to each, and
// link the briefs written for them. Which briefs exist is the brief plan's decision
// (brief::all_targets), so the links and the files always agree.
#include <algorithm>
#include <set>

#include "brief/plan.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

// The briefs matching `keep`, each titled by `title(target)`.
template <class Keep, class Title>
Json briefs_where(const Builder& b, Keep keep, Title title) {
    Json out = Json::array();
    for (const auto& t : brief::all_targets(b.model))
        if (keep(t)) {
            const std::string base = "briefs/" + t.stem();
            out.push_back({{"title", title(t)}, {"pdf", base + ".pdf"}, {"html", base + ".html"}});
        }
    return out;
}

std::string audience_name(const Builder& b, const std::string& id) {
    const auto* a = b.model.audience(id);
    return a ? a->name : id;
}

Json statistics_for_nation(const Builder& b, const std::string& nation) {
    Json out = Json::array();
    for (const auto& s : b.model.statistics)
        if (s.nation == nation) out.push_back(b.statistic_entry(s));
    return out;
}

void render_nation(Builder& b, const model::Nation& n) {
    const auto& m = b.model;
    Json policies = Json::array();
    for (const auto& p : m.policies)
        if (p.nation == n.id)
            policies.push_back({{"id", urls::anchor("policy", p.id)},
                                {"name", p.name},
                                {"kind", humanise(p.kind)},
                                {"period", p.period},
                                {"summary_html", Builder::md(p.summary)},
                                {"conflicts", b.conflicts(p.conflicts)},
                                {"cites", b.cites(p.cite)}});
    Json recs = Json::array(), examples = Json::array(), areas = Json::array(), interventions = Json::array();
    for (const auto& r : m.recommendations)
        if (std::find(r.nations.begin(), r.nations.end(), n.id) != r.nations.end()) recs.push_back(b.recommendation_entry(r));
    for (const auto& e : m.examples)
        if (e.nation == n.id) examples.push_back(b.example_entry(e));
    for (const auto& a : m.areas)
        if (a.nation == n.id) areas.push_back(b.link("areas", a.id));
    for (const auto& i : m.interventions)
        for (const auto& a : i.availability)
            if (a.nation == n.id) {
                interventions.push_back({{"title", i.name}, {"url", urls::record("interventions", i.id)}, {"note", a.note}});
                break;
            }
    const Json briefs = briefs_where(
        b, [&](const brief::Target& t) { return t.nation == n.id && t.area.empty(); },
        [&](const brief::Target& t) { return audience_name(b, t.audience); });
    Json ctx = {{"nation",
                 {{"name", n.name},
                  {"summary_html", Builder::md(n.summary)},
                  {"coverage_note_html", Builder::md(n.coverage_note)},
                  {"cites", b.cites(n.cite)},
                  {"policies", std::move(policies)},
                  {"recommendations", std::move(recs)},
                  {"examples", std::move(examples)},
                  {"statistics", statistics_for_nation(b, n.id)},
                  {"areas", std::move(areas)},
                  {"interventions", std::move(interventions)},
                  {"briefs", std::move(briefs)}}}};
    PageMeta meta(n.name, Builder::plain(n.summary), "nations");
    meta.crumbs = {{"Nations", "nations/index.html"}};
    meta.search_kind = "Nation";
    std::string body;
    for (const auto& p : m.policies)
        if (p.nation == n.id) body += p.name + " " + Builder::plain(p.summary) + " ";
    meta.search_body = body;
    b.page("nation", urls::record("nations", n.id), std::move(ctx), std::move(meta));
}

void render_audience(Builder& b, const model::Audience& a) {
    const auto& m = b.model;
    Json messages = Json::array();
    for (const auto& k : a.key_messages) messages.push_back({{"text", k.text}, {"nations", b.links("nations", k.nations)}, {"cites", b.cites(k.cite)}});
    Json recs = Json::array();
    for (const auto* r : b.refs.recommendations_for_audience(a)) recs.push_back(b.recommendation_entry(*r));
    Json interventions = Json::array(), pages = Json::array();
    for (const auto& i : m.interventions)
        if (std::find(i.audiences.begin(), i.audiences.end(), a.id) != i.audiences.end()) interventions.push_back(b.intervention_entry(i));
    for (const auto& p : model::in_listed_order(m.pages))
        if (std::find(p.audiences.begin(), p.audiences.end(), a.id) != p.audiences.end())
            pages.push_back({{"title", p.title}, {"url", urls::record("pages", p.id)}, {"summary_html", Builder::md_inline(p.summary)}});
    const Json briefs = briefs_where(
        b, [&](const brief::Target& t) { return t.audience == a.id && t.area.empty(); },
        [&](const brief::Target& t) { return b.nation_name(t.nation); });
    Json ctx = {{"audience",
                 {{"name", a.name},
                  {"summary_html", Builder::md(a.summary)},
                  {"key_messages", std::move(messages)},
                  {"actors", b.links("actors", a.actors)},
                  {"recommendations", std::move(recs)},
                  {"interventions", std::move(interventions)},
                  {"pages", std::move(pages)},
                  {"briefs", std::move(briefs)}}}};
    PageMeta meta(a.name, Builder::plain(a.summary), "audiences");
    meta.crumbs = {{"Audiences", "audiences/index.html"}};
    meta.search_kind = "Audience";
    std::string body;
    for (const auto& k : a.key_messages) body += k.text + " ";
    meta.search_body = body;
    b.page("audience", urls::record("audiences", a.id), std::move(ctx), std::move(meta));
}

void render_area(Builder& b, const model::Area& a) {
    Json figures = Json::array();
    for (const auto& f : a.figures)
        figures.push_back({{"label", f.label}, {"figure", Builder::format_value(f.value, f.unit)}, {"period", f.period}, {"cites", b.cites(f.cite)}});
    Json examples = Json::array();
    for (const auto& e : b.model.examples)
        if (e.area == a.id) examples.push_back(b.example_entry(e));
    Json ctx = {{"area",
                 {{"name", a.name},
                  {"nation", b.link("nations", a.nation)},
                  {"kind", a.kind},
                  {"summary_html", Builder::md(a.summary)},
                  {"births", a.births ? Builder::format_value(static_cast<double>(*a.births), "count") : ""},
                  {"births_period", a.births_period},
                  {"births_cites", b.cites(a.births_cite)},
                  {"figures", std::move(figures)},
                  {"services", b.links("service-types", a.services)},
                  {"near", b.links("areas", a.near)},
                  {"examples", std::move(examples)},
                  {"briefs", briefs_where(
                                 b, [&](const brief::Target& t) { return t.area == a.id; },
                                 [&](const brief::Target& t) { return audience_name(b, t.audience); })},
                  {"cites", b.cites(a.cite)}}}};
    PageMeta meta(a.name, a.summary.empty() ? "Local area: " + a.name : Builder::plain(a.summary), "examples");
    meta.crumbs = {{"Nations", "nations/index.html"}, {b.nation_name(a.nation), urls::record("nations", a.nation)}};
    meta.search_kind = "Area";
    b.page("area", urls::record("areas", a.id), std::move(ctx), std::move(meta));
}

void render_services(Builder& b) {
    const auto& m = b.model;
    Json items = Json::array();
    for (const auto& s : m.service_types) {
        Json examples = Json::array(), recs = Json::array(), areas = Json::array();
        for (const auto& e : m.examples)
            if (e.service_type == s.id) examples.push_back(b.link("examples", e.id));
        for (const auto& r : m.recommendations)
            if (std::find(r.service_types.begin(), r.service_types.end(), s.id) != r.service_types.end())
                recs.push_back(b.link("recommendations", r.id));
        for (const auto& a : m.areas)
            if (std::find(a.services.begin(), a.services.end(), s.id) != a.services.end()) areas.push_back(b.link("areas", a.id));
        items.push_back({{"id", urls::anchor("service", s.id)},
                         {"name", s.name},
                         {"summary_html", Builder::md(s.summary)},
                         {"recommended", s.recommended},
                         {"cites", b.cites(s.cite)},
                         {"examples", std::move(examples)},
                         {"recommendations", std::move(recs)},
                         {"areas", std::move(areas)}});
    }
    PageMeta meta("Types of service", "Kinds of service for babies, young children and their families.", "");
    meta.search_kind = "Service types";
    b.page("services", "services/index.html", {{"services", std::move(items)}}, std::move(meta));
}

}  // namespace

void render_places(Builder& b) {
    const auto& m = b.model;
    Json nations = Json::array();
    for (const auto& n : model::in_listed_order(m.nations))
        nations.push_back({{"title", n.name}, {"url", urls::record("nations", n.id)}, {"summary_html", Builder::md(n.summary)}});
    b.page("nations-index", "nations/index.html", {{"items", std::move(nations)}},
           PageMeta("Nations", "Policy context, recommendations, examples and figures for each UK nation.", "nations"));
    Json audiences = Json::array();
    for (const auto& a : model::in_listed_order(m.audiences))
        audiences.push_back({{"title", a.name}, {"url", urls::record("audiences", a.id)}, {"summary_html", Builder::md(a.summary)}});
    b.page("audiences-index", "audiences/index.html", {{"items", std::move(audiences)}},
           PageMeta("Audiences", "What the toolkit offers each group of readers, with their briefs.", "audiences"));
    for (const auto& n : m.nations) render_nation(b, n);
    for (const auto& a : m.audiences) render_audience(b, a);
    for (const auto& a : m.areas) render_area(b, a);
    render_services(b);
}

}  // namespace sprout::web
