#pragma once
// Rendering briefs: a plan → PDF and HTML bytes, and every brief of a build into the staging
// folder as site/briefs/<stem>.pdf with its HTML twin <stem>.html.
#include <iosfwd>
#include <string>

#include "assets/assets.hpp"
#include "brief/plan.hpp"
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
    double ms = 0;
};
// Plans and renders every brief (all_targets) on all cores and writes them under briefs/.
// Throws std::runtime_error naming the brief that failed.
Summary write_all_briefs(const model::Model& m, const assets::Assets& assets, output::Staging& out, std::ostream* log = nullptr);

}  // namespace sprout::brief
