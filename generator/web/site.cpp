// render_site: the website as an orchestration of small renderers, each owning one part.
#include <stdexcept>

#include "web/data_export.hpp"
#include "web/feeds.hpp"
#include "web/search_index.hpp"
#include "web/sections.hpp"
#include "web/web.hpp"

namespace sprout::web {

namespace {

// A record with id "index" would overwrite its section's list page.
void refuse_reserved_ids(const model::Model& m) {
    auto check = [](const auto& records, const char* folder) {
        for (const auto& r : records)
            if (r.id == "index")
                throw std::runtime_error(std::string("content/") + folder + "/index: the id \"index\" is reserved for the list page; rename the file");
    };
    check(m.interventions, "interventions");
    check(m.recommendations, "recommendations");
    check(m.examples, "examples");
    check(m.statistics, "statistics");
    check(m.sources, "sources");
    check(m.nations, "nations");
    check(m.audiences, "audiences");
    check(m.areas, "areas");
    check(m.scales, "evidence-scales");
    check(m.pages, "pages");
}

}  // namespace

void render_site(const model::Model& model, const assets::Assets& assets, output::Staging& out) {
    refuse_reserved_ids(model);
    const Templates templates(assets);
    Builder b(model, templates, out);
    render_home(b);
    render_interventions(b);
    render_compare(b);
    render_evidence(b);
    render_recommendations(b);
    render_examples(b);
    render_places(b);
    render_statistics(b);
    render_sources(b);
    render_free_pages(b);
    b.finish();  // every page written (pages render on worker threads)

    for (const auto& f : assets.theme("default")) out.write("assets/" + f.path, f.data);
    write_search_index(b.pages(), out);
    write_feeds(model, b.pages(), out);
    write_data(model, out);
}

}  // namespace sprout::web
