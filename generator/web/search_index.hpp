#pragma once
// The offline search index: every searchable page's title, summary and body text, as JSON
// (search-index.json, for tools) and as a script (assets/search-index.js) that search.js reads,
// because browsers will not fetch a JSON file from a page opened from disk.
#include <vector>

#include "web/builder.hpp"

namespace sprout::web {

// Writes both files: a JSON array of entries {title, url, kind, summary, body}, in page order.
// With `previous` (what the call that wrote the previous site's index returned), the entries
// of pages whose search_hash it lists are copied from that file rather than made again, when
// it is still the file described: an edit at N = 10,000 made 30 MB of entries for one page.
// Returns where each entry ends, by its page's search_hash, for the next call.
ExportLayout write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out, const ExportLayout* previous = nullptr);

// The name the search index's layout is kept under among the data exports' (ExportLayouts):
// not a kind's name, as kinds' names are ids. Its records have no id and no CSV.
inline constexpr const char* kSearchIndexLayout = "(search index)";

// What a page's search index entry is made from, hashed: its path, title, kind, description
// and body text. Never 0.
std::uint64_t search_entry_hash(const std::string& path, const PageMeta& meta);

}  // namespace sprout::web
