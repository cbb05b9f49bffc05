// Practice examples: listed by nation and by area, one page each with outcomes and the
// interventions and recommendations they show in practice.
#include <algorithm>
#include <map>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

void write_examples_view(Builder& b, bool by_area, Json groups) {
    static const std::vector<ListView> views = {{"By nation", "examples/index.html"}, {"By area", "examples/by-area.html"}};
    const std::size_t current = by_area ? 1 : 0;
    PageMeta meta("Practice examples: " + text::to_lower(views[current].title),
                  "Services and projects that show what good practice looks like, with their outcomes.", "examples");
    write_list_view(b, "examples-index", "Practice examples", views, current, std::move(meta), {{"groups", std::move(groups)}});
}

void render_examples_views(Builder& b) {
    const auto& m = b.model;
    const auto examples = sorted_by_name(m.examples, [](const auto& e) { return e.name; });
    const auto nations = model::in_listed_order(m.nations);
    Json groups = Json::array();
    for (const auto& n : nations) {
        Json items = Json::array();
        for (const auto* e : examples)
            if (e->nation == n.id) items.push_back(b.example_entry(*e));
        if (!items.empty()) groups.push_back({{"heading", n.name}, {"id", urls::anchor("nation", n.id)}, {"items", std::move(items)}});
    }
    Json other = Json::array();
    for (const auto* e : examples)
        if (e->nation.empty()) other.push_back(b.example_entry(*e));
    if (!other.empty()) groups.push_back({{"heading", "Nation not stated"}, {"id", "nation-none"}, {"items", std::move(other)}});
    write_examples_view(b, false, groups);

    groups = Json::array();
    for (const auto& a : m.areas) {
        Json items = Json::array();
        for (const auto* e : examples)
            if (e->area == a.id) items.push_back(b.example_entry(*e));
        if (!items.empty())
            groups.push_back({{"heading", a.name},
                              {"heading_url", urls::record("areas", a.id)},
                              {"id", urls::anchor("area", a.id)},
                              {"items", std::move(items)}});
    }
    other = Json::array();
    for (const auto* e : examples)
        if (e->area.empty()) other.push_back(b.example_entry(*e));
    if (!other.empty()) groups.push_back({{"heading", "No area record"}, {"id", "area-none"}, {"items", std::move(other)}});
    write_examples_view(b, true, groups);
}

}  // namespace

void render_example_page(Builder& b, const model::Example& e) {
    Json it = b.example_item(e);
    it["organisation"] = e.organisation;
    it["nation_link"] = e.nation.empty() ? Json("") : b.link("nations", e.nation);
    it["area_link"] = e.area.empty() ? Json("") : b.link("areas", e.area);
    it["service_type"] = e.service_type.empty() ? Json("") : b.link("service-types", e.service_type);
    it["description_html"] = Builder::md(e.description);
    it["interventions"] = b.links("interventions", e.interventions);
    Json recs = Json::array();
    for (const auto& id : e.recommendations)
        if (const auto* r = b.model.recommendation(id)) recs.push_back(b.recommendation_entry(*r));
    it["recommendations"] = recs;
    it["contacts"] = e.contacts;
    Json outcomes = Json::array();
    for (const auto& o : e.outcomes)
        outcomes.push_back({{"text", o.text}, {"figure", o.value ? Builder::format_value(*o.value, o.unit) : ""}, {"cites", b.cites(o.cite)}});
    it["outcomes"] = outcomes;
    it["conflicts"] = b.conflicts(e.conflicts);
    it["cites"] = b.cites(e.cite);
    PageMeta meta(e.name, Builder::plain(e.summary), "examples");
    meta.crumbs = {{"Practice examples", "examples/index.html"}};
    meta.search_kind = "Practice example";
    meta.search_body = e.place + " " + e.organisation + " " + Builder::plain(e.description);
    b.page("example", urls::record("examples", e.id), {{"example", std::move(it)}}, std::move(meta));
}

void render_examples(Builder& b) {
    render_examples_views(b);
    for (const auto& e : b.model.examples)
        if (!b.keep_record_page("examples", e.id, "example")) render_example_page(b, e);
}

}  // namespace sprout::web
