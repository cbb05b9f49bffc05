// The home page: what the toolkit is, ways in by audience and by nation, key figures and what
// this edition contains.
#include <algorithm>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

Json section(const std::string& title, const std::string& url, std::size_t count, const std::string& what) {
    return {{"title", title}, {"url", url}, {"count", std::to_string(count)}, {"what", what}};
}

}  // namespace

void render_home(Builder& b) {
    const auto& m = b.model;
    Json audiences = Json::array(), nations = Json::array(), key = Json::array(), guides = Json::array();
    const auto sorted_audiences = model::in_listed_order(m.audiences);
    for (const auto& a : sorted_audiences)
        audiences.push_back({{"title", a.name}, {"url", urls::record("audiences", a.id)}});
    const auto sorted_nations = model::in_listed_order(m.nations);
    for (const auto& n : sorted_nations) nations.push_back({{"title", n.name}, {"url", urls::record("nations", n.id)}});
    for (const auto& s : m.statistics)
        if (s.key) key.push_back(b.statistic_entry(s));
    const auto pages = model::in_listed_order(m.pages);
    for (const auto& p : pages)
        guides.push_back({{"title", p.title}, {"url", urls::record("pages", p.id)}, {"summary_html", Builder::md_inline(p.summary)}});
    Json sections = Json::array({
        section("Interventions", "interventions/index.html", m.interventions.size(), "programmes and services, with their evidence ratings"),
        section("Recommendations", "recommendations/index.html", m.recommendations.size(), "what the documents ask, and of whom"),
        section("Practice examples", "examples/index.html", m.examples.size(), "services that show good practice"),
        section("Statistics", "statistics/index.html", m.statistics.size(), "figures on need and provision"),
        section("Sources", "sources/index.html", m.sources.size(), "documents and studies cited"),
        section("Evidence scales", "evidence/index.html", m.scales.size(), "how reviews rate evidence"),
    });
    Json ctx = {{"description_html", Builder::md(m.site.description)},
                {"audiences", std::move(audiences)},
                {"nations", std::move(nations)},
                {"key_figures", std::move(key)},
                {"sections", std::move(sections)},
                {"guides", std::move(guides)},
                {"edition", m.site.edition}};
    PageMeta meta(m.site.title, Builder::plain(m.site.description), "");
    meta.search_kind = "Home";
    b.page("home", "index.html", std::move(ctx), std::move(meta));
}

}  // namespace sprout::web
