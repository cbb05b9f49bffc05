// Recommendations: three views of the same list (by document, by actor addressed, by nation)
// and one page each.
#include <algorithm>
#include <cctype>
#include <map>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

// "2" before "10": documents number their recommendations, and readers expect that order.
bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t i2 = i, j2 = j;
            while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
            while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
            const std::string na = a.substr(i, i2 - i), nb = b.substr(j, j2 - j);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = i2;
            j = j2;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::vector<const model::Recommendation*> in_document_order(std::vector<const model::Recommendation*> v) {
    std::stable_sort(v.begin(), v.end(), [](const auto* x, const auto* y) {
        if (x->group != y->group) return x->group < y->group;
        if (x->number != y->number) return natural_less(x->number, y->number);
        return x->title < y->title;
    });
    return v;
}

Json items_of(const Builder& b, const std::vector<const model::Recommendation*>& recs) {
    Json items = Json::array();
    for (const auto* r : in_document_order(recs)) items.push_back(b.recommendation_entry(*r));
    return items;
}

// By document, by who is addressed, by nation.
void write_recommendations_view(Builder& b, std::size_t current, Json groups) {
    static const std::vector<ListView> views = {{"By document", "recommendations/index.html"},
                                                {"By who is addressed", "recommendations/by-actor.html"},
                                                {"By nation", "recommendations/by-nation.html"}};
    const std::string& title = views[current].title;
    PageMeta meta("Recommendations: " + title, "What the documents recommend, and to whom: " + text::to_lower(title) + ".",
                  "recommendations");
    write_list_view(b, "recommendations-index", "Recommendations", views, current, std::move(meta),
                    {{"groups", std::move(groups)}});
}

void render_recommendations_views(Builder& b) {
    const auto& m = b.model;
    // By document.
    std::map<std::string, std::vector<const model::Recommendation*>> by_doc;
    for (const auto& r : m.recommendations) by_doc[CrossRefs::document_of(r)].push_back(&r);
    std::vector<std::pair<std::string, std::string>> docs;  // (title, id) sorted by title
    for (const auto& [id, _] : by_doc) docs.push_back({describe(m, "sources", id).title, id});
    std::sort(docs.begin(), docs.end());
    Json groups = Json::array();
    for (const auto& [title, id] : docs)
        groups.push_back({{"heading", title},
                          {"id", urls::anchor("document", id)},
                          {"heading_url", urls::record("sources", id)},
                          {"items", items_of(b, by_doc[id])}});
    write_recommendations_view(b, 0, groups);

    // By actor; recommendations that name no actor are listed last.
    groups = Json::array();
    std::vector<const model::Recommendation*> no_actor;
    for (const auto& r : m.recommendations)
        if (r.actors.empty()) no_actor.push_back(&r);
    for (const auto& a : m.actors) {
        std::vector<const model::Recommendation*> recs;
        for (const auto& r : m.recommendations)
            if (std::find(r.actors.begin(), r.actors.end(), a.id) != r.actors.end()) recs.push_back(&r);
        groups.push_back({{"heading", a.name},
                          {"id", urls::anchor("actor", a.id)},
                          {"intro_html", Builder::md(a.summary)},
                          {"items", items_of(b, recs)}});
    }
    if (!no_actor.empty())
        groups.push_back({{"heading", "No particular actor named"}, {"id", "actor-none"}, {"items", items_of(b, no_actor)}});
    write_recommendations_view(b, 1, groups);

    // By nation.
    groups = Json::array();
    std::vector<const model::Recommendation*> no_nation;
    for (const auto& r : m.recommendations)
        if (r.nations.empty()) no_nation.push_back(&r);
    const auto nations = model::in_listed_order(m.nations);
    for (const auto& n : nations) {
        std::vector<const model::Recommendation*> recs;
        for (const auto& r : m.recommendations)
            if (std::find(r.nations.begin(), r.nations.end(), n.id) != r.nations.end()) recs.push_back(&r);
        if (!recs.empty())
            groups.push_back({{"heading", n.name}, {"id", urls::anchor("nation", n.id)}, {"items", items_of(b, recs)}});
    }
    if (!no_nation.empty())
        groups.push_back({{"heading", "Nation not stated"}, {"id", "nation-none"}, {"items", items_of(b, no_nation)}});
    write_recommendations_view(b, 2, groups);
}

void render_recommendation_page(Builder& b, const model::Recommendation& r) {
    Json it = b.recommendation_item(r);
    const std::string doc = CrossRefs::document_of(r);
    it["text_html"] = Builder::md(r.text);
    it["kind_label"] = humanise(r.kind);
    it["group"] = r.group;
    it["questions"] = r.questions;
    it["nations"] = b.links("nations", r.nations);
    it["audiences"] = b.links("audiences", r.audiences);
    it["service_types"] = b.links("service-types", r.service_types);
    it["document"] = b.link("sources", doc);
    it["conflicts"] = b.conflicts(r.conflicts);
    it["cites"] = b.cites(r.cite);
    Json examples = Json::array();
    for (const auto* ex : b.refs.examples_illustrating(r)) examples.push_back(b.example_entry(*ex));
    it["examples"] = examples;
    PageMeta meta(r.title, Builder::plain(r.text), "recommendations");
    meta.crumbs = {{"Recommendations", "recommendations/index.html"}};
    meta.search_kind = "Recommendation";
    meta.search_body = r.group + " " + text_join(r.questions);
    b.page("recommendation", urls::record("recommendations", r.id), {{"recommendation", std::move(it)}}, std::move(meta));
}

}  // namespace

void render_recommendations(Builder& b) {
    render_recommendations_views(b);
    for (const auto& r : b.model.recommendations)
        if (!b.keep_record_page("recommendations", r.id, "recommendation")) render_recommendation_page(b, r);
}

}  // namespace sprout::web
