// Free Markdown pages (guides, frameworks, checklists), the glossary, the about page, the
// search page, the open-data page and the 404 page.
#include <algorithm>
#include <map>

#include "web/data_export.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

const std::map<std::string, std::string> kPageKinds = {
    {"chapter", "Chapters"}, {"framework", "Frameworks"}, {"checklist", "Checklists"}, {"guide", "Guides"}, {"about", "About"}};

void render_pages(Builder& b) {
    const auto& m = b.model;
    const auto pages = model::in_listed_order(m.pages);
    Json groups = Json::array();
    for (const std::string kind : {"chapter", "framework", "checklist", "guide", "about"}) {
        Json items = Json::array();
        for (const auto& p : pages)
            if (p.kind == kind)
                items.push_back({{"title", p.title}, {"url", urls::record("pages", p.id)}, {"summary_html", Builder::md_inline(p.summary)}});
        if (!items.empty()) groups.push_back({{"heading", kPageKinds.at(kind)}, {"id", urls::anchor("kind", kind)}, {"items", std::move(items)}});
    }
    b.page("pages-index", "pages/index.html", {{"groups", std::move(groups)}},
           PageMeta("Guides", "Chapters, frameworks and checklists to read and use.", "guides"));
    for (const auto& p : m.pages) {
        Json ctx = {{"page",
                     {{"title", p.title},
                      {"kind", humanise(p.kind)},
                      {"summary_html", Builder::md(p.summary)},
                      {"body_html", Builder::md(p.body)},
                      {"audiences", b.links("audiences", p.audiences)},
                      {"nations", b.links("nations", p.nations)},
                      {"cites", b.cites(p.cite)}}}};
        PageMeta meta(p.title, Builder::plain(p.summary), "guides");
        meta.crumbs = {{"Guides", "pages/index.html"}};
        meta.search_kind = humanise(p.kind);
        meta.search_body = Builder::plain(p.body);
        b.page("page", urls::record("pages", p.id), std::move(ctx), std::move(meta));
    }
}

void render_glossary(Builder& b) {
    std::vector<const model::Term*> terms;
    for (const auto& t : b.model.terms) terms.push_back(&t);
    std::stable_sort(terms.begin(), terms.end(), [](const auto* x, const auto* y) { return text::to_lower(x->term) < text::to_lower(y->term); });
    Json items = Json::array();
    std::string body;
    for (const auto* t : terms) {
        items.push_back({{"id", urls::anchor("term", t->id)},
                         {"term", t->term},
                         {"abbreviation", t->abbreviation},
                         {"aliases", text::join(t->aliases, ", ")},
                         {"definition_html", Builder::md(t->definition)},
                         {"cites", b.cites(t->cite)}});
        body += t->term + " " + t->abbreviation + " " + Builder::plain(t->definition) + " ";
    }
    PageMeta meta("Glossary", "What the terms used in the toolkit mean.", "glossary");
    meta.search_kind = "Glossary";
    meta.search_body = body;
    b.page("glossary", "glossary/index.html", {{"terms", std::move(items)}}, std::move(meta));
}

void render_about(Builder& b) {
    const auto& s = b.model.site;
    PageMeta meta("About this toolkit", Builder::plain(s.description), "");
    meta.search_kind = "About";
    meta.search_body = Builder::plain(s.about);
    b.page("about", "about.html", {{"description_html", Builder::md(s.description)}, {"about_html", Builder::md(s.about)}}, meta);
}

void render_search(Builder& b) {
    PageMeta meta("Search", "Search the toolkit.", "");
    meta.scripts = {"search-index.js", "search.js"};
    meta.in_sitemap = false;
    b.page("search", "search.html", Json::object(), meta);
}

void render_data(Builder& b) {
    Json kinds = Json::array();
    for (const auto& k : export_kinds(b.model))
        kinds.push_back({{"title", k.title},
                         {"count", std::to_string(k.count)},
                         {"json", "data/" + k.name + ".json"},
                         {"csv", "data/" + k.name + ".csv"}});
    PageMeta meta("Open data", "Every record in the toolkit as JSON and CSV.", "");
    b.page("data", "data/index.html", {{"kinds", std::move(kinds)}}, std::move(meta));
}

void render_404(Builder& b) {
    PageMeta meta("Page not found", "The page you asked for is not here.", "");
    meta.in_sitemap = false;
    meta.absolute_links = true;
    b.page("404", "404.html", Json::object(), meta);
}

}  // namespace

void render_free_pages(Builder& b) {
    render_pages(b);
    render_glossary(b);
    render_about(b);
    render_search(b);
    render_data(b);
    render_404(b);
}

}  // namespace sprout::web
