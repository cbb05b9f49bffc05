#pragma once
// Files for crawlers and feed readers: sitemap.xml, robots.txt and an Atom feed (feed.xml).
// Absolute URLs come from site.base_url; without one, the sitemap and feed use paths relative
// to the site folder (feed readers resolve them against the feed's own address).
#include <vector>

#include "model/model.hpp"
#include "output/staging.hpp"
#include "web/builder.hpp"

namespace sprout::web {

// The sitemap and the feed are appended to `file` an entry at a time (the feed is 5.5 MB at
// N = 10,000); the caller closes it.
void sitemap_xml(const model::Site& site, const std::vector<WrittenPage>& pages, output::Staging::Stream& file);
std::string robots_txt(const model::Site& site);
void atom_feed(const model::Model& m, const std::vector<WrittenPage>& pages, output::Staging::Stream& file);

void write_feeds(const model::Model& m, const std::vector<WrittenPage>& pages, output::Staging& out);

}  // namespace sprout::web
