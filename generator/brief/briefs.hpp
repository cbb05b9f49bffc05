#pragma once
// Rendering briefs: a plan → PDF and HTML bytes, and every brief of a build into the staging
// folder as site/briefs/<stem>.pdf with its HTML twin <stem>.html.
#include <iosfwd>
#include <string>

#include "assets/assets.hpp"
#include "brief/plan.hpp"
#include "diff/diff.hpp"
#include "model/model.hpp"
#include "output/staging.hpp"
#include "pdf/style.hpp"

namespace sprout::brief {

// The theme's pdf-style.toml applied to the defaults; `warning` names any bad keys.
pdf::Style load_style(const assets::Assets& assets, std::string& warning);

struct Rendered {
    std::string pdf;
    std::string html;
};
// Throws std::runtime_error (fonts missing, libharu failure).
Rendered render(const Plan& plan, const pdf::Style& style);

struct Summary {
    std::size_t count = 0;  // briefs written (each one PDF + one HTML)
    std::size_t kept = 0;   // of which kept from the previous site (keep_unchanged)
    double ms = 0;
};
// Plans and renders every brief (all_targets) on all cores and writes them under briefs/.
// Throws std::runtime_error naming the brief that failed.
// `changes` (since the previous edition) feed the briefs' `changes` sections.
// What an incremental build (whose style, fonts and binary are the previous build's) keeps:
enum class Keep {
    Nothing,
    // a brief whose HTML twin comes out byte-identical to the previous build's keeps its PDF
    // from the previous site instead of laying it out again (both are written from the same
    // document tree);
    Unchanged,
    // every brief, unplanned: the records changed only in what their own web pages alone show
    // (web/own_page_fields.hpp), which no brief shows. A brief whose files were changed by hand
    // is made again.
    All,
};
Summary write_all_briefs(const model::Model& m, const assets::Assets& assets, output::Staging& out, std::ostream* log = nullptr,
                         const diff::Changes* changes = nullptr, Keep keep = Keep::Nothing);

}  // namespace sprout::brief
