#include "web/search_index.hpp"

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

nlohmann::json search_index(const std::vector<WrittenPage>& pages) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& p : pages) {
        if (p.meta.search_kind.empty()) continue;
        entries.push_back({{"title", p.meta.title},
                           {"url", p.path},
                           {"kind", p.meta.search_kind},
                           {"summary", squeeze(p.meta.description)},
                           {"body", clip(squeeze(p.meta.search_body))}});
    }
    return entries;
}

void write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out) {
    const auto index = search_index(pages);
    const std::string json = index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.write("search-index.json", json + "\n");
    out.write("assets/search-index.js", "window.sproutSearchIndex = " + json + ";\n");
}

}  // namespace sprout::web
