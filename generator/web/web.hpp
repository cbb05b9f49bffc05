#pragma once
// The website: every page of the toolkit rendered from the typed model through the Mustache
// templates, plus the search index, sitemap, feed, robots.txt and open-data exports.
#include "assets/assets.hpp"
#include "model/model.hpp"
#include "output/staging.hpp"

namespace sprout::web {

// Renders the whole site into `out`. Throws std::runtime_error naming the template file and
// line on a template error.
void render_site(const model::Model& model, const assets::Assets& assets, output::Staging& out);

// Checks every internal link and anchor in every HTML file staged so far (call it after the
// briefs are written, so links to briefs/ count only when the brief exists). Throws
// std::runtime_error listing the broken links, each with the page it is on.
void check_links(const output::Staging& out);

}  // namespace sprout::web
