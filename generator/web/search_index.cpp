#include "web/search_index.hpp"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace sprout::web {

namespace {

constexpr std::size_t kMaxBody = 3000;  // bytes of body text per page: enough to find it by

// `s` with each run of spaces, tabs and line breaks made one space and none at either end,
// cut to at most kMaxBody bytes without ending inside a UTF-8 sequence when `clipped`. Stops
// reading once past the cut: a page's text is often several times what is kept.
void squeeze_into(std::string& out, std::string_view s, bool clipped) {
    out.clear();
    const std::size_t limit = clipped ? kMaxBody : std::string::npos;
    const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    // Word by word, each appended whole (character by character this was a twentieth of an
    // edit's CPU under `sprout serve`).
    for (std::size_t i = 0; i < s.size();) {
        while (i < s.size() && blank(s[i])) ++i;
        if (i == s.size()) break;
        std::size_t end = i;
        while (end < s.size() && !blank(s[end])) ++end;
        if (!out.empty()) out += ' ';
        out.append(s.substr(i, end - i));
        i = end;
        // Past the cut, ending in a word: what follows cannot change what is kept.
        if (out.size() > limit) break;
    }
    if (out.size() <= limit) return;
    out.resize(limit);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
}

}  // namespace

void write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out) {
    // Entry by entry into both files, so the index (30 MB at N = 10,000) is never held whole.
    auto json = out.open("search-index.json");
    auto script = out.open("assets/search-index.js");
    const auto both = [&](std::string_view piece) {
        json.append(piece);
        script.append(piece);
    };
    script.append("window.sproutSearchIndex = ");
    both("[");
    bool first = true;
    std::string entry, summary, body;
    TextSpill::Window window;
    for (const auto& p : pages) {
        if (p.meta.search_kind.empty()) continue;
        squeeze_into(summary, p.meta.description, false);
        squeeze_into(body, p.meta.search_body.view(window), true);
        // Keys in the order nlohmann::json writes an object (sorted); strings escaped as it
        // does. Written directly: building and dumping a JSON value per page was most of the
        // index's 0.3 s at N = 10,000, which an edit rebuild waits for.
        const std::pair<const char*, std::string_view> fields[] = {
            {"body", body}, {"kind", p.meta.search_kind}, {"summary", summary}, {"title", p.meta.title}, {"url", p.path}};
        entry.clear();
        if (std::all_of(std::begin(fields), std::end(fields), [](const auto& f) { return text::is_valid_utf8(f.second); })) {
            for (const auto& [key, value] : fields) {
                entry += entry.empty() ? "{\"" : ",\"";
                entry.append(key).append("\":");
                text::append_json_string(entry, value);
            }
            entry += '}';
        } else {  // nlohmann replaces what is not UTF-8
            nlohmann::json j = nlohmann::json::object();
            for (const auto& [key, value] : fields) j[key] = std::string(value);
            entry = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
        if (!first) both(",");
        first = false;
        both(entry);
    }
    both("]");
    json.append("\n");
    script.append(";\n");
    json.close();
    script.close();
}

}  // namespace sprout::web
