#pragma once
// One renderer per part of the site; each writes its pages through the Builder.
#include "web/builder.hpp"

namespace sprout::web {

void render_home(Builder& b);
void render_interventions(Builder& b);    // index with filters, one page each
void render_compare(Builder& b);          // side-by-side comparison
void render_evidence(Builder& b);         // evidence scales
void render_recommendations(Builder& b);  // by document, actor, nation; one page each
void render_examples(Builder& b);         // by nation and area; one page each
void render_places(Builder& b);           // nations, audiences, areas, service types
void render_statistics(Builder& b);       // by topic and nation; one page each with charts
void render_sources(Builder& b);          // bibliography with "cited by"
void render_free_pages(Builder& b);       // Markdown pages, glossary, about, search, data, 404
void render_changes(Builder& b);          // "What changed" since the previous edition, when there is one
void render_crosswalk(Builder& b);        // evidence scales side by side
// One record's own page (also rendered alone when an edit changed only what it shows).
void render_intervention_page(Builder& b, const model::Intervention& i);
void render_example_page(Builder& b, const model::Example& e);

// A section's list views ("By topic", "By nation"): pages showing the same records grouped
// another way, with a switcher between them.
struct ListView {
    std::string title;
    std::string path;
};
// Writes views[current]'s page from `page_template`: `ctx` with the view's title and the
// switcher; every view but the first has a breadcrumb back to it, named `section`.
void write_list_view(Builder& b, const std::string& page_template, const std::string& section,
                     const std::vector<ListView>& views, std::size_t current, PageMeta meta, Json ctx);

// Headings for enumerations shown to readers.
std::string intervention_kind_plural(const std::string& kind);
std::string scale_kind_heading(const std::string& kind);  // an evidence scale's kind, as a group heading

}  // namespace sprout::web
