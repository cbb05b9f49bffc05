#pragma once
// What the layout, search index, sitemap and feed know about each page. Kept apart from the
// Builder because the build cache stores it: a page an incremental build does not render
// again still needs its entry in the search index and sitemap.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "web/export_layout.hpp"
#include "web/text_spill.hpp"

namespace sprout::web {

struct Crumb {
    std::string title, url;  // url is site-root relative
    bool operator==(const Crumb&) const = default;
};

// What the layout, search index and sitemap need to know about a page.
struct PageMeta {
    PageMeta() = default;
    PageMeta(std::string t, std::string d, std::string s)
        : title(std::move(t)), description(std::move(d)), section(std::move(s)) {}
    std::string title;
    std::string description;  // plain text, for <meta name="description"> and search results
    std::string section;      // nav entry to mark current ("interventions", ...); "" for none
    std::vector<Crumb> crumbs;  // between Home and the page itself
    std::vector<std::string> scripts;  // theme scripts the page uses, e.g. "filter.js"
    std::string search_kind;  // label in search results ("Intervention"); "" keeps it out of search
    SpillableText search_body;  // plain text searched as the body; the Builder spills it once the page is queued
    bool in_sitemap = true;
    // Links from the site's base URL (when set) instead of relative ones: the 404 page is
    // served at whatever address was asked for, so relative links would break.
    bool absolute_links = false;
    bool operator==(const PageMeta&) const = default;
};

struct WrittenPage {
    std::string path;
    PageMeta meta;
    // Hash of the template name and the page's whole context: with the same templates (which
    // an incremental build guarantees), the same hash means the same bytes.
    std::uint64_t input_hash = 0;
    std::uint64_t template_hash = 0;  // Templates::hash of its template when it was rendered
    // What its search index entry is made from (search_entry_hash); 0 when it has none.
    std::uint64_t search_hash = 0;
    bool operator==(const WrittenPage&) const = default;
};

// What an incremental build may keep from the previous site (docs/ARCHITECTURE.md,
// "Incremental and parallel builds"), hard-linking the file instead of rendering it again:
//  - the page of every record not in `dirty`, without even building its context;
//  - any other page whose context comes out with the hash the previous build recorded.
//  - when `own_pages_only`, every page but those of the `dirty` records, and every brief: the
//    changed records changed only in fields shown on their own pages (web/own_page_fields.hpp)
//    and no template changed, so nothing else can show the change.
// Files made from a whole kind or the whole site that a build with Reuse::later left as the
// previous build wrote them, for write_deferred once the pages are up: the data exports of the
// kinds named, and with `search` the search index, sitemap and feed.
struct Deferred {
    std::set<std::string> exports;
    bool search = false;
    bool empty() const { return exports.empty() && !search; }
    // Whether `file` (a site path) is one of the files left.
    bool covers(const std::string& file) const;
};

struct Reuse {
    std::unordered_set<std::string> dirty;                 // "folder/id" of records whose pages render
    bool own_pages_only = false;
    bool template_changed = false;  // the pages using it render again, dirty or not
    // Keep what Deferred covers as the previous build wrote it even where it changed, naming it
    // in Rendered::later (`sprout serve`: the preview shows a save before the exports of tens
    // of megabytes are written again).
    bool later = false;
    Deferred stale;  // left for later by an earlier build and never written: never kept as it is
    ExportLayouts previous_exports;  // the previous build's data exports, to copy unchanged records from
    // What the last build recorded for each page, in its order.
    const std::vector<WrittenPage>& previous_pages() const { return previous_pages_; }
    // The previous page at `i` with its metadata moved out (its path stays: the index views it).
    WrittenPage take_previous_page(std::size_t i) {
        auto& p = previous_pages_[i];
        return {p.path, std::move(p.meta), p.input_hash, p.template_hash, p.search_hash};
    }
    // The last build's record of the page at site path `path`; null when it had none.
    const WrittenPage* previous(const std::string& path) const {
        const auto it = previous_at_.find(path);
        return it == previous_at_.end() ? nullptr : &previous_pages_[it->second];
    }
    void set_previous(std::vector<WrittenPage> pages);

    Reuse() = default;
    // Moved, never copied: the index views the pages' own paths.
    Reuse(Reuse&&) = default;
    Reuse& operator=(Reuse&&) = default;
    Reuse(const Reuse&) = delete;
    Reuse& operator=(const Reuse&) = delete;

private:
    std::vector<WrittenPage> previous_pages_;
    std::unordered_map<std::string_view, std::size_t> previous_at_;  // by path, viewing previous_pages_
};

}  // namespace sprout::web
