#include "web/search_index.hpp"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

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

// The index as JSON after `prefix`, then a newline: one buffer serves both files.
std::string search_index_json(const std::vector<WrittenPage>& pages, std::string_view prefix) {
    // Entry by entry, so the index is never held as a JSON tree as well as text.
    std::string out(prefix);
    std::size_t body_bytes = 0;
    for (const auto& p : pages) body_bytes += p.meta.search_kind.empty() ? 0 : std::min(p.meta.search_body.size(), kMaxBody) + 256;
    out.reserve(out.size() + body_bytes + 4);
    out += '[';
    bool first = true;
    for (const auto& p : pages) {
        if (p.meta.search_kind.empty()) continue;
        const nlohmann::json entry = {{"title", p.meta.title},
                                      {"url", p.path},
                                      {"kind", p.meta.search_kind},
                                      {"summary", squeeze(p.meta.description)},
                                      {"body", clip(squeeze(p.meta.search_body))}};
        if (!first) out += ',';
        first = false;
        out += entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    out += "]\n";
    return out;
}

}  // namespace

void write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out) {
    constexpr std::string_view kScript = "window.sproutSearchIndex = ";
    std::string text = search_index_json(pages, kScript);
    out.write("search-index.json", std::string_view(text).substr(kScript.size()));
    text.back() = ';';
    text += '\n';
    out.write("assets/search-index.js", text);
}

}  // namespace sprout::web
