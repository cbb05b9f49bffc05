#include "web/search_index.hpp"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace sprout::web {

namespace {

constexpr std::size_t kMaxBody = 3000;  // bytes of body text per page: enough to find it by

std::string clip(std::string s) {
    if (s.size() <= kMaxBody) return s;
    s.resize(kMaxBody);
    // Do not end in the middle of a UTF-8 sequence.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
    return s;
}

std::string squeeze(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (out.ends_with(' ')) out.pop_back();
    return out;
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
    std::string entry;
    for (const auto& p : pages) {
        if (p.meta.search_kind.empty()) continue;
        const std::string summary = squeeze(p.meta.description), body = clip(squeeze(p.meta.search_body.str()));
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
