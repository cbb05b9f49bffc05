#pragma once
// What every section renderer shares: the model and its back-links, the templates, the output,
// helpers that turn model values into template context (citations, badges, links, Markdown),
// and the list of pages written, from which the search index, sitemap and feed are made.
#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diff/diff.hpp"
#include "model/model.hpp"
#include "output/staging.hpp"
#include "util/task_queue.hpp"
#include "util/text.hpp"
#include "web/crossrefs.hpp"
#include "web/glossary_links.hpp"
#include "web/page_meta.hpp"
#include "web/templates.hpp"
#include "web/web.hpp"

namespace sprout::web {

using Json = nlohmann::json;

// "call-to-action" → "Call to action": enumeration values as headings and captions.
std::string humanise(const std::string& kebab);

// Records sorted by their display name, ignoring case, for lists people scan.
template <class T, class Name>
std::vector<const T*> sorted_by_name(const std::vector<T>& records, Name name) {
    // Each name folded once, not twice per comparison: lists run to tens of thousands.
    std::vector<std::pair<std::string, const T*>> keyed;
    keyed.reserve(records.size());
    for (const auto& r : records) keyed.emplace_back(text::to_lower(name(r)), &r);
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const T*> out;
    out.reserve(keyed.size());
    for (const auto& k : keyed) out.push_back(k.second);
    return out;
}

// Words of a list joined with spaces, for search bodies.
std::string text_join(const std::vector<std::string>& words);

class Builder {
public:
    Builder(const model::Model& m, const Templates& t, output::Staging& out);

    const model::Model& model;
    const CrossRefs refs;
    // Changes since the previous edition when site.toml names one: the site then has a
    // "What changed" page (pages_changes.cpp) and every footer links to it.
    const diff::Changes* changes = nullptr;

    // Renders `tmpl` with `ctx` inside the layout and writes it at site-root path `path`.
    // The rendering and writing happen on worker threads (see finish()); the page's metadata
    // is recorded at once, in call order, so pages() is the same however threads run.
    void page(const std::string& tmpl, const std::string& path, Json ctx, PageMeta meta);
    // Runs `job` on the worker threads along with the pages; finish() waits for it too.
    void in_background(std::function<void()> job) { render_queue_.submit(std::move(job)); }
    // Waits until every page is written; rethrows the error of the first page (in call order)
    // that failed. Call before anything reads the written pages back.
    void finish();
    // Writes a non-HTML file.
    void file(const std::string& path, const std::string& data) { out_.write(path, data); }
    const std::vector<WrittenPage>& pages() const { return pages_; }
    // After finish(): the pages and the set of kept ones, moved out (a copy would double the
    // pages' metadata, 28 MB at N = 10,000, at the end of rendering).
    Rendered take_pages() { return {std::move(pages_), std::move(kept_), {}, {}}; }
    // Incremental builds: keeps the page of record `folder`/`id` from the previous site when
    // `reuse` allows it (the record is not dirty and the file is still there) and records its
    // metadata in order, as page() would. False when the caller must render the page.
    // `tmpl` is the page's template: a page is never kept if its template changed.
    bool keep_record_page(const std::string& folder, const std::string& id, const std::string& tmpl);
    void set_reuse(Reuse* reuse) { reuse_ = reuse; }
    // Incremental builds with Reuse::own_pages_only: goes through the previous build's pages in
    // order, calling `render` for the pages in it (those of the dirty records) and keeping every
    // other one, with its metadata, as keep_record_page does. False, having done nothing, when
    // some page cannot be kept (its file was changed by hand): then render as usual. The kept
    // pages' metadata is moved out of the Reuse, not copied (27,000 pages at N = 10,000).
    bool keep_all_pages_but(const std::unordered_map<std::string, std::function<void()>>& render);
    // Site paths of the pages kept from the previous site (this way or by their context hash),
    // which need no link check: nothing they link to
    // can have gone, since an incremental build adds and removes no record.
    const std::unordered_set<std::string>& kept_pages() const { return kept_; }
    // Incremental builds: whether the pages, their order and their metadata are the previous
    // build's, so that files made only from those (search index, sitemap, feed) are too.
    bool same_pages_as_before() const;
    // Incremental builds: whether no record of `folder` may have changed (none is dirty).
    bool folder_unchanged(const std::string& folder) const;
    // Links `paths` from the previous site; false (having linked perhaps some) when any of
    // them cannot be, and the caller must write them all.
    bool keep_files(std::initializer_list<std::string> paths);
    const Templates& templates() const { return templates_; }

    // --- context helpers (all values are raw text; templates escape them) ---
    static std::string md(const std::string& markdown);         // safe HTML block
    static std::string md_inline(const std::string& markdown);  // safe HTML, no <p>
    static std::string plain(const std::string& markdown);      // text for search and meta
    Json cites(const model::Cites& cites) const;                // provenance lines
    Json conflicts(const std::vector<model::Conflict>& cs) const;
    Json badge(const model::Rating& r) const;                   // evidence badge: scale and level
    Json rating(const model::Rating& r) const;                  // badge + meaning, note and cites
    // Sets ctx["ratings"] and ctx["groupings"] (ratings on grouping scales) as badges, or in
    // full for the intervention's own page. List entries carry badges only: they are in every
    // list that shows the intervention.
    void add_ratings(Json& ctx, const model::Intervention& i, bool full) const;
    Json link(const std::string& folder, const std::string& id) const;  // {title, url}
    Json links(const std::string& folder, const std::vector<std::string>& ids) const;
    // A record's list entry: `*_item` a copy to add to (the record's own page starts from it),
    // `*_entry` the same entry as a reference (web/shared_json.hpp) for lists, made once per
    // build and kept until finish(), when the pages that show it have been written. A record
    // is on many lists (the interventions index and every audience page, each view of the
    // recommendations, nation pages), which no longer build, hash and free a copy each.
    Json intervention_item(const model::Intervention& i) const;  // with badges
    Json intervention_entry(const model::Intervention& i) const;
    Json recommendation_item(const model::Recommendation& r) const;
    Json recommendation_entry(const model::Recommendation& r) const;
    Json example_item(const model::Example& e) const;
    Json example_entry(const model::Example& e) const;
    Json statistic_item(const model::Statistic& s) const;
    Json statistic_entry(const model::Statistic& s) const;
    std::string nation_name(const std::string& id) const;
    // "5.5%", "£1,200", "3 years"; value_text wins when the document words the figure.
    static std::string format_value(double v, const std::string& unit);
    static std::string figure_text(const model::Statistic& s);
    static std::string age_range(const std::optional<int>& min_months, const std::optional<int>& max_months);

private:
    static std::uint64_t context_hash(const std::string& tmpl, std::uint64_t template_hash, const Json& ctx);
    Json make_intervention_item(const model::Intervention& i) const;
    Json make_recommendation_item(const model::Recommendation& r) const;
    Json make_example_item(const model::Example& e) const;
    Json make_statistic_item(const model::Statistic& s) const;
    Json badge_base(const std::string& scale_id, const std::string& level_id, const std::string& outcome) const;
    struct SharedItem {
        Json json;
        std::uint64_t hash;
    };
    // Entries made once per build, each kept in a slot: a model record's by its place in its
    // kind's vector (one step, where a hash map of 200,000 addresses missed the processor's
    // caches at N = 100,000), any other's by its address.
    using ItemSlots = std::vector<std::unique_ptr<SharedItem>>;
    // The entry of `record`, one of `records`, made by `make` the first time it is asked for.
    template <class T, class Make>
    const SharedItem& shared_item(const std::vector<T>& records, const T& record, ItemSlots& slots, Make make) const;
    static std::uint64_t json_hash(const Json& j);

    const Templates& templates_;
    output::Staging& out_;
    GlossaryLinker glossary_;
    std::vector<WrittenPage> pages_;
    Reuse* reuse_ = nullptr;
    std::unordered_set<std::string> kept_;
    // By keep_all_pages_but: which of pages_ are the previous build's page at the same place,
    // its metadata moved here.
    std::vector<bool> moved_from_previous_;
    std::shared_ptr<TextSpill> spill_ = TextSpill::create();  // the pages' search text
    // Kept pages not yet linked into the staging folder, with the previous build's record of each.
    std::vector<std::pair<std::string, const output::FileDigest*>> to_link_;
    // Records `previous` as the page at its path, linked from the previous site (as Staging::unchanged_record gave it).
    void keep(const WrittenPage& previous, const output::FileDigest& recorded);
    void keep(WrittenPage&& previous, const output::FileDigest& recorded);  // its metadata moved
    void link_later(std::string path, const output::FileDigest& recorded);
    void link_pending();
    // input_hash of each page in pages_, filled by the worker that renders it; a deque, so
    // adding pages never moves a slot a worker is writing. Copied into pages_ by finish().
    std::deque<std::uint64_t> hashes_;
    // What a badge, and a full rating, show of its scale and level, made once per level: a
    // badge or rating holds its own parts (outcome, note, cites) and a reference to these
    // (shared_json.hpp). The full rating's adds the level's meaning as HTML.
    struct LevelBases {
        SharedItem badge, rating;
    };
    std::map<std::pair<std::string, std::string>, LevelBases> level_bases_;
    // The rating's outcome over a reference to `part` of its level's bases; nullopt for a
    // level its scale does not define.
    std::optional<Json> over_level(const model::Rating& r, SharedItem LevelBases::*part) const;
    mutable std::mutex items_mu_;
    mutable ItemSlots intervention_items_, recommendation_items_, example_items_, statistic_items_;
    mutable std::unordered_map<const void*, std::unique_ptr<SharedItem>> other_items_;
    // Last, so it is destroyed first: its destructor waits for tasks that use the members above.
    util::TaskQueue render_queue_;
};

}  // namespace sprout::web
