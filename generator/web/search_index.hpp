#pragma once
// The offline search index: every searchable page's title, summary and body text, as JSON
// (search-index.json, for tools) and as a script (assets/search-index.js) that search.js reads,
// because browsers will not fetch a JSON file from a page opened from disk.
#include <vector>

#include "web/builder.hpp"

namespace sprout::web {

// Writes both files: a JSON array of entries {title, url, kind, summary, body}, in page order.
void write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out);

}  // namespace sprout::web
