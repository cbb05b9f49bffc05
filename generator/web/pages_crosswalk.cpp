// The evidence-scale crosswalk (evidence/crosswalk.html): every scale side by side — who
// defined it, as which document reports it, its levels strongest first with what each means —
// then every intervention rated on more than one scale, each rating on its own scale. It states
// only what the scale records say: no level is matched to a level of another scale, and ranks
// are never compared or combined across scales.
#include <set>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {


// The sources a scale's record cites, as "who defined it": the work (with its publisher when the
// source record names one) and the document that reports it.
Json defined_by(const Builder& b, const model::EvidenceScale& s) {
    Json out = Json::array();
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& c : s.cite) {
        if (!seen.insert({c.source, c.via}).second) continue;
        const auto* src = b.model.source(c.source);
        Json j = {{"citation", src ? src->citation : c.source},
                  {"url", urls::record("sources", c.source)},
                  {"publisher", src ? src->publisher : ""},
                  {"via", ""},
                  {"via_url", ""},
                  {"via_publisher", ""}};
        if (!c.via.empty() && c.via != c.source) {
            const auto* via = b.model.source(c.via);
            j["via"] = via ? via->citation : c.via;
            j["via_url"] = urls::record("sources", c.via);
            j["via_publisher"] = via ? via->publisher : "";
        }
        out.push_back(j);
    }
    return out;
}

Json scale_json(const Builder& b, const model::EvidenceScale& s) {
    auto levels = s.levels;
    std::stable_sort(levels.begin(), levels.end(), [](const auto& x, const auto& y) { return x.rank > y.rank; });
    Json jl = Json::array();
    for (const auto& l : levels)
        jl.push_back({{"label", l.label},
                      {"url", urls::record("evidence-scales", s.id) + "#" + urls::anchor("level", l.id)},
                      {"meaning_html", Builder::md(l.meaning)}});
    return {{"name", s.name},
            {"url", urls::record("evidence-scales", s.id)},
            {"anchor", urls::anchor("scale", s.id)},
            {"summary_html", Builder::md(s.summary)},
            {"defined_by", defined_by(b, s)},
            {"levels", std::move(jl)},
            {"level_count", std::to_string(jl.size())}};
}

}  // namespace

void render_crosswalk(Builder& b) {
    const auto& m = b.model;
    Json groups = Json::array();
    for (const std::string kind : {"rating", "grouping", "label"}) {
        Json scales = Json::array();
        for (const auto& s : m.scales)
            if (s.kind == kind) scales.push_back(scale_json(b, s));
        if (!scales.empty())
            groups.push_back({{"heading", scale_kind_heading(kind)},
                              {"id", urls::anchor("crosswalk", kind)},
                              {"is_grouping", kind == "grouping"},
                              {"is_label", kind == "label"},
                              {"scales", std::move(scales)}});
    }

    Json multi = Json::array();
    for (const auto* i : sorted_by_name(m.interventions, [](const auto& x) { return x.name; })) {
        std::set<std::string> scales;
        for (const auto& r : i->ratings) scales.insert(r.scale);
        if (scales.size() < 2) continue;
        Json ratings = Json::array();
        for (const auto& r : i->ratings) ratings.push_back(b.rating(r));
        multi.push_back({{"title", i->name},
                         {"url", urls::record("interventions", i->id)},
                         {"anchor", urls::anchor("rated", i->id)},
                         {"scale_count", std::to_string(scales.size())},
                         {"ratings", std::move(ratings)}});
    }

    PageMeta meta("How the evidence scales differ",
                  "Every evidence scale side by side: who defined it, its levels in order and what each means, and the "
                  "interventions rated on more than one scale, each rating on its own scale.",
                  "evidence");
    meta.crumbs = {{"Evidence scales", "evidence/index.html"}};
    meta.search_kind = "Evidence scales";
    std::string body;
    for (const auto& s : m.scales) body += s.name + " ";
    meta.search_body = body;
    b.page("crosswalk", "evidence/crosswalk.html", {{"groups", std::move(groups)}, {"multi", std::move(multi)}, {"scale_total", std::to_string(m.scales.size())}},
           std::move(meta));
}

}  // namespace sprout::web
