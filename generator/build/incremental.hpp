#pragma once
// Which record pages an edit rebuild must render again (docs/ARCHITECTURE.md, "Incremental
// and parallel builds"). Only the common edit takes this path: existing records of the
// high-volume kinds (interventions, recommendations, examples, statistics, sources) or the
// toolkit's own templates changed, nothing added, removed or renamed, and no theme,
// configuration or other kind touched. Anything else is a full render, which stays correct
// by construction. After a template edit only the pages of changed templates render again
// (each page records its template's hash, partials and layout included).
#include <optional>
#include <string>

#include "build/cache.hpp"
#include "check/checker.hpp"
#include "web/page_meta.hpp"

namespace sprout::build {

// The record kinds whose pages may be kept: each has one page per record, and every other
// page that shows them (indexes, lists, places, home) is rendered on every build.
inline constexpr const char* kKeepableFolders[] = {"interventions", "recommendations", "examples", "statistics", "sources"};

// nullopt when the change is not a plain edit of keepable records (then render everything).
// Otherwise the pages to render again are those of the changed records and of every record
// within two references of one, in either direction, before or after the edit: a page shows
// the records it refers to and those that refer to it, and lists the records those link on
// to (an intervention page lists the recommendations of the examples that use it).
// When every changed record changed only in fields its own page alone shows
// (web/own_page_fields.hpp) and no template changed, only the changed records' pages render
// again and everything else is kept (Reuse::own_pages_only).
// Takes the previous build's pages out of `previous` when it returns a plan, and fills
// `next.shown_elsewhere` (from the previous build's, updated for the changed records).
std::optional<web::Reuse> plan_reuse(Manifest& previous, Manifest& next, const check::References& now,
                                     const model::Model& model, const load::Toolkit& tk);

}  // namespace sprout::build
