// Evidence scales: what each scale is, its levels from strongest to weakest with what they
// mean, and the interventions at each level. Ranks are never compared across scales.
#include <algorithm>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {


void render_scale(Builder& b, const model::EvidenceScale& s) {
    auto levels = s.levels;
    std::stable_sort(levels.begin(), levels.end(), [](const auto& x, const auto& y) { return x.rank > y.rank; });
    Json jl = Json::array();
    for (const auto& l : levels) {
        Json items = Json::array();
        if (auto it = b.refs.rated_at.find({s.id, l.id}); it != b.refs.rated_at.end())
            for (const auto& use : it->second)
                items.push_back({{"title", use.intervention->name},
                                 {"url", urls::record("interventions", use.intervention->id)},
                                 {"outcome", use.rating->outcome}});
        // Label scales describe examples, which carry the label's words rather than an id.
        Json examples = Json::array();
        if (s.kind == "label")
            for (const auto& e : b.model.examples)
                if (!e.label.empty() && text::to_lower(e.label) == text::to_lower(l.label))
                    examples.push_back(b.link("examples", e.id));
        const bool empty = items.empty() && examples.empty();
        jl.push_back({{"id", urls::anchor("level", l.id)},
                      {"label", l.label},
                      {"meaning_html", Builder::md(l.meaning)},
                      {"interventions", std::move(items)},
                      {"examples", std::move(examples)},
                      {"empty", empty}});
    }
    Json ctx = {{"scale",
                 {{"name", s.name},
                  {"short_name", s.short_name},
                  {"anchor", urls::anchor("scale", s.id)},
                  {"kind", s.kind},
                  {"kind_heading", scale_kind_heading(s.kind)},
                  {"is_grouping", s.kind == "grouping"},
                  {"is_label", s.kind == "label"},
                  {"summary_html", Builder::md(s.summary)},
                  {"levels", std::move(jl)},
                  {"cites", b.cites(s.cite)}}}};
    PageMeta meta(s.name, Builder::plain(s.summary), "evidence");
    meta.crumbs = {{"Evidence scales", "evidence/index.html"}};
    meta.search_kind = "Evidence scale";
    std::string body;
    for (const auto& l : s.levels) body += l.label + " " + Builder::plain(l.meaning) + " ";
    meta.search_body = body;
    b.page("evidence-scale", urls::record("evidence-scales", s.id), std::move(ctx), std::move(meta));
}

}  // namespace

std::string scale_kind_heading(const std::string& kind) {
    if (kind == "rating") return "Ratings by reviews";
    if (kind == "grouping") return "Documents' own groupings";
    return "Labels on examples";
}

void render_evidence(Builder& b) {
    Json groups = Json::array();
    for (const std::string kind : {"rating", "grouping", "label"}) {
        Json items = Json::array();
        for (const auto& s : b.model.scales)
            if (s.kind == kind)
                items.push_back({{"title", s.name}, {"url", urls::record("evidence-scales", s.id)}, {"summary_html", Builder::md(s.summary)}});
        if (!items.empty()) groups.push_back({{"heading", scale_kind_heading(kind)}, {"id", urls::anchor("kind", kind)}, {"items", std::move(items)}});
    }
    PageMeta meta("Evidence scales", "The scales reviews and documents use to rate or group interventions, and what each level means.",
                  "evidence");
    b.page("evidence-index", "evidence/index.html", {{"groups", std::move(groups)}}, std::move(meta));
    for (const auto& s : b.model.scales) render_scale(b, s);
}

}  // namespace sprout::web
