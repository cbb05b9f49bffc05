// Sources: a bibliography and one page per source listing every claim that cites it, so each
// figure can be traced both ways.
#include <algorithm>
#include <map>

#include "markdown/markdown.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

const std::map<std::string, std::string> kFolderHeadings = {
    {"areas", "Areas"},           {"audiences", "Audience key messages"}, {"evidence-scales", "Evidence scales"},
    {"examples", "Practice examples"}, {"glossary", "Glossary"},          {"interventions", "Interventions"},
    {"nations", "Nations"},       {"pages", "Guides"},                    {"policies", "Policy context"},
    {"recommendations", "Recommendations"}, {"service-types", "Service types"}, {"statistics", "Statistics"}};

// Uses grouped by kind of record, each record once with its locators.
Json grouped_uses(const std::vector<CiteUse>& uses) {
    std::map<std::string, Json> groups;
    for (std::size_t i = 0; i < uses.size();) {
        const auto& rec = *uses[i].record;
        std::vector<std::string> locators;
        for (; i < uses.size() && *uses[i].record == rec; ++i) locators.push_back(*uses[i].locator);
        auto& g = groups[rec.folder];
        if (g.is_null()) g = Json::array();
        g.push_back({{"title", rec.title}, {"url", rec.url}, {"locators", text::join(locators, "; ")}});
    }
    Json out = Json::array();
    for (auto& [folder, items] : groups) {
        auto h = kFolderHeadings.find(folder);
        out.push_back({{"heading", h == kFolderHeadings.end() ? humanise(folder) : h->second},
                       {"count", std::to_string(items.size())},
                       {"items", std::move(items)}});
    }
    return out;
}

Json source_entry(const model::Source& s) {
    const bool safe_url = !s.url.empty() && markdown::is_safe_url(s.url) &&
                          (s.url.starts_with("http://") || s.url.starts_with("https://"));
    return {{"id", urls::anchor("source", s.id)},
            {"citation", s.citation},
            {"title", s.title},
            {"authors", text::join(s.authors, ", ")},
            {"publisher", s.publisher},
            {"year", s.year ? std::to_string(*s.year) : ""},
            {"kind", humanise(s.kind)},
            {"external_url", safe_url ? s.url : ""},
            {"url", urls::record("sources", s.id)}};
}

}  // namespace

void render_sources(Builder& b) {
    const auto& m = b.model;
    const auto& cites = b.refs.citations();
    std::vector<const model::Source*> sorted;
    for (const auto& s : m.sources) sorted.push_back(&s);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* x, const auto* y) {
        return text::to_lower(x->citation) < text::to_lower(y->citation);
    });
    Json items = Json::array();
    for (const auto* s : sorted) {
        Json e = source_entry(*s);
        auto it = cites.cited_as_source.find(s->id);
        auto via = cites.read_via.find(s->id);
        e["cited_count"] = std::to_string((it == cites.cited_as_source.end() ? 0 : it->second.size()) +
                                          (via == cites.read_via.end() ? 0 : via->second.size()));
        items.push_back(e);
    }
    b.page("sources-index", "sources/index.html", {{"items", std::move(items)}},
           PageMeta("Sources", "Every document and study the toolkit cites, with what cites it.", "sources"));

    for (const auto& s : m.sources) {
        if (b.keep_record_page("sources", s.id, "source")) continue;
        Json e = source_entry(s);
        e["summary_html"] = Builder::md(s.summary);
        e["seed_file"] = s.seed_file;
        e["cited_in"] = b.cites(s.cited_in);
        auto it = cites.cited_as_source.find(s.id);
        e["cited_by"] = it == cites.cited_as_source.end() ? Json::array() : grouped_uses(it->second);
        auto via = cites.read_via.find(s.id);
        e["read_via"] = via == cites.read_via.end() ? Json::array() : grouped_uses(via->second);
        PageMeta meta(s.display(), s.summary.empty() ? s.citation : Builder::plain(s.summary), "sources");
        meta.crumbs = {{"Sources", "sources/index.html"}};
        meta.search_kind = "Source";
        meta.search_body = s.citation + " " + text::join(s.authors, " ") + " " + s.publisher;
        b.page("source", urls::record("sources", s.id), {{"source", std::move(e)}}, std::move(meta));
    }
}

}  // namespace sprout::web
