#pragma once
// The website: every page of the toolkit rendered from the typed model through the Mustache
// templates, plus the search index, sitemap, feed, robots.txt and open-data exports.
#include "assets/assets.hpp"
#include "diff/diff.hpp"
#include "model/model.hpp"
#include "output/staging.hpp"
#include "web/page_meta.hpp"

namespace sprout::web {

// What render_site wrote: every page with its metadata, in order (the build cache keeps it for
// the next incremental build), and which of them were kept from the previous site unrendered.
struct Rendered {
    std::vector<WrittenPage> pages;
    std::unordered_set<std::string> kept;
    Deferred later;  // with Reuse::later: what was kept only for now
    // Where each kind's data export has each record (of a kept export, as the build before said).
    ExportLayouts exports;
};

// Renders the whole site into `out`. Throws std::runtime_error naming the template file and
// line on a template error.
// `changes`, when given, are the changes since the previous edition, published as changes/.
// `reuse`, when given, lets record pages that nothing changed be kept from the previous site
// (the metadata of pages kept that way may be moved out of it).
// `made_from` tells what each record was read from, so that the next build can copy unchanged
// records' bytes into its data exports (write_data).
Rendered render_site(const model::Model& model, const assets::Assets& assets, output::Staging& out,
                     const diff::Changes* changes = nullptr, Reuse* reuse = nullptr, const RecordHash& made_from = {});

// Writes what a build left for later (Rendered::later) from the model and pages it rendered.
// `exports` holds the layouts of the export files now in the site, and gets those written.
void write_deferred(const model::Model& model, const std::vector<WrittenPage>& pages, const Deferred& later, output::Staging& out,
                    const RecordHash& made_from, ExportLayouts& exports);

// Checks every internal link and anchor in every HTML file staged so far (call it after the
// briefs are written, so links to briefs/ count only when the brief exists), except the pages
// in `skip`. Throws std::runtime_error listing the broken links, each with the page it is on.
void check_links(const output::Staging& out, const std::unordered_set<std::string>& skip = {});

}  // namespace sprout::web
