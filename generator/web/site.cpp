// render_site: the website as an orchestration of small renderers, each owning one part.
#include <algorithm>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "web/data_export.hpp"
#include "web/feeds.hpp"
#include "web/own_page_fields.hpp"
#include "web/search_index.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"
#include "web/web.hpp"
#include "util/parallel.hpp"

namespace sprout::web {

namespace {

// Made from every page's metadata: the search index, sitemap and feed.
const std::initializer_list<std::string> kWholeSiteFiles = {"search-index.json", "assets/search-index.js", "sitemap.xml",
                                                            "robots.txt", "feed.xml"};

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
    // evidence/crosswalk.html is the page comparing the scales (pages_crosswalk.cpp).
    for (const auto& s : m.scales)
        if (s.id == "crosswalk")
            throw std::runtime_error("content/evidence-scales/crosswalk: the id \"crosswalk\" is reserved for the page comparing the scales; rename the file");
    check(m.pages, "pages");
}

void render_every_part(Builder& b) {
    render_home(b);
    // The compare table and the scales' crosswalk have the largest contexts (a badge or a full
    // rating for every rating); built before the interventions, they are freed before the
    // shared list entries and the pages' search text exist. Peak RSS at N = 10,000 fell by
    // 35-45 MB. The order here is the order of the sitemap and search index (search ranks
    // results itself, so it is not the order anyone sees).
    render_compare(b);
    render_evidence(b);
    render_crosswalk(b);
    render_interventions(b);
    render_recommendations(b);
    render_examples(b);
    render_places(b);
    render_statistics(b);
    render_sources(b);
    render_free_pages(b);
    if (b.changes) render_changes(b);
}

// An edit that changed only what records show on their own pages (Reuse::own_pages_only):
// renders those pages and keeps every other one. False when that cannot be done; then every
// renderer runs as usual and keeps what it can.
bool render_own_pages_only(Builder& b, const Reuse& reuse) {
    std::unordered_map<std::string, std::function<void()>> render;
    for (const auto& key : reuse.dirty) {
        const auto r = own_page_record(b.model, key);
        if (const auto* i = r.intervention)
            render[urls::record("interventions", i->id)] = [&b, i] { render_intervention_page(b, *i); };
        else if (const auto* e = r.example)
            render[urls::record("examples", e->id)] = [&b, e] { render_example_page(b, *e); };
        else
            return false;
    }
    return b.keep_all_pages_but(render);
}

}  // namespace

Rendered render_site(const model::Model& model, const assets::Assets& assets, output::Staging& out,
                     const diff::Changes* changes, Reuse* reuse, const RecordHash& made_from) {
    refuse_reserved_ids(model);
    // Filled by the export tasks, which the Builder's destructor waits for: declared before it.
    ExportLayouts layouts;
    std::mutex layouts_mu;
    const Templates templates(assets);
    Builder b(model, templates, out);
    b.changes = changes;
    b.set_reuse(reuse);
    // The data exports read only the model: each kind is a task for the worker threads. In an
    // incremental build the workers would idle while this thread builds the list pages'
    // contexts, so the exports go first; in a full build the pages keep both cores busy, and
    // exports queued alongside them raised peak memory by 60 % at N = 10,000, so they are
    // queued after the last page, where they overlap the search index and feed.
    const bool later = reuse && reuse->later;
    Deferred left;
    const auto queue_exports = [&] {
        for (const auto& k : export_kinds(model)) {
            const std::string base = "data/" + k.name;
            const bool unchanged = reuse && b.folder_unchanged(k.name) && !reuse->stale.exports.count(k.name);
            const auto was = reuse ? reuse->previous_exports.find(k.name) : ExportLayouts::const_iterator();
            const ExportLayout* previous = reuse && was != reuse->previous_exports.end() ? &was->second : nullptr;
            if ((unchanged || later) && b.keep_files({base + ".json", base + ".csv"})) {
                if (!unchanged) left.exports.insert(k.name);
                if (previous) {  // the files are still the ones it describes
                    std::lock_guard lock(layouts_mu);  // export tasks queued above may be adding theirs
                    layouts[k.name] = *previous;
                }
                continue;
            }
            b.in_background([&model, &out, &made_from, &layouts, &layouts_mu, k, previous] {
                auto layout = write_data(model, k, out, made_from, previous);
                std::lock_guard lock(layouts_mu);
                layouts[k.name] = std::move(layout);
            });
        }
        b.in_background([&model, &out] { write_site_data(model, out); });
    };
    if (reuse) queue_exports();
    if (!(reuse && reuse->own_pages_only && render_own_pages_only(b, *reuse))) render_every_part(b);
    if (!reuse) queue_exports();

    // An incremental build keeps what it can show did not change (build/incremental.hpp:
    // only records of the kinds with pages of their own changed, and every dirty one is
    // named): the search index, sitemap and feed are made only from the pages' metadata and
    // the site's settings (and each kind's data export, above, only from that kind's records).
    // Metadata is complete once every page is queued, before the pages are written.
    const bool same_pages = reuse && b.same_pages_as_before() && !reuse->stale.search;
    const auto index_was = reuse ? reuse->previous_exports.find(kSearchIndexLayout) : ExportLayouts::const_iterator();
    const ExportLayout* index_layout = reuse && index_was != reuse->previous_exports.end() ? &index_was->second : nullptr;
    if ((same_pages || later) && b.keep_files(kWholeSiteFiles)) {
        left.search = !same_pages;
        if (index_layout) {  // the file is still the one it describes
            std::lock_guard lock(layouts_mu);
            layouts[kSearchIndexLayout] = *index_layout;
        }
    } else {
        // On the workers too: in an edit rebuild they are otherwise idle by now.
        b.in_background([&b, &out, &layouts, &layouts_mu, index_layout] {
            auto layout = write_search_index(b.pages(), out, index_layout);
            std::lock_guard lock(layouts_mu);
            layouts[kSearchIndexLayout] = std::move(layout);
        });
        b.in_background([&b, &model, &out] { write_feeds(model, b.pages(), out); });
    }
    for (const auto& f : assets.theme("default")) out.write("assets/" + f.path, f.data);
    b.finish();  // every page and export written (they run on worker threads)
    auto rendered = b.take_pages();
    rendered.later = std::move(left);
    rendered.exports = std::move(layouts);
    return rendered;
}

bool Deferred::covers(const std::string& file) const {
    if (search && std::find(kWholeSiteFiles.begin(), kWholeSiteFiles.end(), file) != kWholeSiteFiles.end()) return true;
    if (!file.starts_with("data/")) return false;
    const auto dot = file.rfind('.');
    return dot != std::string::npos && exports.count(file.substr(5, dot - 5)) > 0;
}

void write_deferred(const model::Model& model, const std::vector<WrittenPage>& pages, const Deferred& later, output::Staging& out,
                    const RecordHash& made_from, ExportLayouts& exports) {
    std::vector<std::function<void()>> tasks;
    std::vector<std::pair<std::string, ExportLayout>> written;  // one slot per export task, merged after
    written.reserve(later.exports.size() + 1);  // slots are referred to by the tasks: never moved
    for (const auto& k : export_kinds(model)) {
        if (!later.exports.count(k.name)) continue;
        const auto was = exports.find(k.name);
        const ExportLayout* previous = was != exports.end() ? &was->second : nullptr;
        auto& slot = written.emplace_back(k.name, ExportLayout{});
        tasks.push_back([&model, &out, &made_from, &slot, k, previous] { slot.second = write_data(model, k, out, made_from, previous); });
    }
    if (later.search) {
        const auto was = exports.find(kSearchIndexLayout);
        const ExportLayout* previous = was != exports.end() ? &was->second : nullptr;
        auto& slot = written.emplace_back(kSearchIndexLayout, ExportLayout{});
        tasks.push_back([&pages, &out, &slot, previous] { slot.second = write_search_index(pages, out, previous); });
        tasks.push_back([&model, &pages, &out] { write_feeds(model, pages, out); });
    }
    util::parallel_for(tasks.size(), [&](std::size_t i) { tasks[i](); });
    for (auto& [kind, layout] : written) exports[kind] = std::move(layout);
}

}  // namespace sprout::web
