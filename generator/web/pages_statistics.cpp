// Statistics: figures grouped by topic and by nation, and one page per figure with its chart,
// data table and claim-level source.
#include <algorithm>
#include <map>

#include "web/charts.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

void write_statistics_view(Builder& b, bool by_nation, Json groups) {
    static const std::vector<ListView> views = {{"By topic", "statistics/index.html"}, {"By nation", "statistics/by-nation.html"}};
    const std::size_t current = by_nation ? 1 : 0;
    PageMeta meta("Statistics: " + text::to_lower(views[current].title), "Figures on need and provision, each with its source.",
                  "statistics");
    Json toc = Json::array();
    for (const auto& g : groups) toc.push_back({{"heading", g["heading"]}, {"id", g["id"]}});
    write_list_view(b, "statistics-index", "Statistics", views, current, std::move(meta),
                    {{"groups", std::move(groups)}, {"toc", std::move(toc)}});
}

void render_statistics_views(Builder& b) {
    const auto& m = b.model;
    const auto stats = sorted_by_name(m.statistics, [](const auto& s) { return s.title; });
    std::map<std::string, Json> by_topic;
    Json untopical = Json::array();
    for (const auto* s : stats) {
        for (const auto& t : s->topics) {
            auto& items = by_topic[t];
            if (items.is_null()) items = Json::array();
            items.push_back(b.statistic_entry(*s));
        }
        if (s->topics.empty()) untopical.push_back(b.statistic_entry(*s));
    }
    Json groups = Json::array();
    for (auto& [topic, items] : by_topic)
        groups.push_back({{"heading", humanise(topic)}, {"id", urls::anchor("topic", urls::slug(topic))}, {"items", std::move(items)}});
    if (!untopical.empty()) groups.push_back({{"heading", "Other figures"}, {"id", "topic-none"}, {"items", std::move(untopical)}});
    write_statistics_view(b, false, groups);

    const auto nations = model::in_listed_order(m.nations);
    groups = Json::array();
    for (const auto& n : nations) {
        Json items = Json::array();
        for (const auto* s : stats)
            if (s->nation == n.id) items.push_back(b.statistic_entry(*s));
        if (!items.empty()) groups.push_back({{"heading", n.name}, {"id", urls::anchor("nation", n.id)}, {"items", std::move(items)}});
    }
    Json other = Json::array();
    for (const auto* s : stats)
        if (s->nation.empty()) other.push_back(b.statistic_entry(*s));
    if (!other.empty()) groups.push_back({{"heading", "International and other geographies"}, {"id", "nation-none"}, {"items", std::move(other)}});
    write_statistics_view(b, true, groups);
}

void render_statistic_page(Builder& b, const model::Statistic& s) {
    Json it = b.statistic_item(s);
    it["population"] = s.population;
    it["sample_size"] = s.sample_size ? Builder::format_value(static_cast<double>(*s.sample_size), "count") : "";
    it["nation_link"] = s.nation.empty() ? Json("") : b.link("nations", s.nation);
    it["geography"] = s.geography;
    it["notes_html"] = Builder::md(s.notes);
    it["need_label"] = s.need_label;
    it["topics"] = Json::array();
    for (const auto& t : s.topics)
        it["topics"].push_back({{"title", humanise(t)}, {"url", "statistics/index.html#" + urls::anchor("topic", urls::slug(t))}});
    it["chart"] = s.series.empty() ? Json("") : bar_chart(s, "chart-" + s.id);
    it["conflicts"] = b.conflicts(s.conflicts);
    PageMeta meta(s.title, s.measure, "statistics");
    meta.crumbs = {{"Statistics", "statistics/index.html"}};
    meta.search_kind = "Statistic";
    meta.search_body = s.population + " " + Builder::plain(s.notes);
    b.page("statistic", urls::record("statistics", s.id), {{"statistic", std::move(it)}}, std::move(meta));
}

}  // namespace

void render_statistics(Builder& b) {
    render_statistics_views(b);
    for (const auto& s : b.model.statistics)
        if (!b.keep_record_page("statistics", s.id, "statistic")) render_statistic_page(b, s);
}

}  // namespace sprout::web
