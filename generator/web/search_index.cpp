#include "web/search_index.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "util/hash_mix.hpp"
#include "util/text.hpp"
#include "web/previous_file.hpp"

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

std::uint64_t search_entry_hash(const std::string& path, const PageMeta& meta) {
    TextSpill::Window window;
    std::uint64_t h = 0x5ea7c4;
    for (std::string_view f : {std::string_view(path), std::string_view(meta.title), std::string_view(meta.search_kind),
                               std::string_view(meta.description), meta.search_body.view(window)})
        h = util::hash_mix(util::hash_mix(h, f.size()), util::content_hash(f));
    return h == 0 ? 1 : h;
}

namespace {

constexpr const char* kJsonFile = "search-index.json";

// The index, made entry by entry, or copied where `was` finds an entry's search_hash among the
// entries of `old` (the file `previous` describes). Throws std::runtime_error when that file
// changes while it is read.
ExportLayout write_entries(const std::vector<WrittenPage>& pages, output::Staging& out, const ExportLayout* previous,
                           PreviousFile* old, const std::unordered_map<std::uint64_t, std::size_t>& was) {
    // Entry by entry into both files, so the index (30 MB at N = 10,000) is never held whole.
    auto json = out.open(kJsonFile);
    auto script = out.open("assets/search-index.js");
    const auto both = [&](std::string_view piece) {
        if (old) old->flush();
        json.append(piece);
        script.append(piece);
    };
    script.append("window.sproutSearchIndex = ");
    both("[");
    ExportLayout layout;
    layout.json_start = json.size();
    std::string entry, summary, body;
    TextSpill::Window window;
    for (const auto& p : pages) {
        if (p.meta.search_kind.empty()) continue;
        const bool first = layout.records.empty();
        const auto found = p.search_hash && old ? was.find(p.search_hash) : was.end();
        if (found != was.end()) {
            const std::size_t i = found->second;
            const std::uint64_t start = i ? previous->records[i - 1].json_end + 1 : previous->json_start;
            // With the comma before it when both files have one, so that a run of unchanged
            // entries is copied as one range.
            if (!first && i > 0) {
                old->copy(start - 1, previous->records[i].json_end, json, &script);
            } else {
                if (!first) both(",");
                old->copy(start, previous->records[i].json_end, json, &script);
            }
        } else {
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
            both(entry);
        }
        layout.records.push_back({"", p.search_hash, json.size() + (old ? old->pending() : 0), 0});
    }
    both("]");
    json.append("\n");
    script.append(";\n");
    layout.json_hash = json.close().hash;
    script.close();
    return layout;
}

}  // namespace

ExportLayout write_search_index(const std::vector<WrittenPage>& pages, output::Staging& out, const ExportLayout* previous) {
    if (previous && !previous->records.empty()) {
        PreviousFile old(out, kJsonFile);
        if (old.is(previous->json_hash)) {
            std::unordered_map<std::uint64_t, std::size_t> was;
            was.reserve(previous->records.size());
            for (std::size_t i = 0; i < previous->records.size(); ++i)
                if (previous->records[i].made_from) was.emplace(previous->records[i].made_from, i);
            try {
                return write_entries(pages, out, previous, &old, was);
            } catch (const std::runtime_error&) {
                // The previous file changed while it was read: made whole instead.
            }
        }
    }
    return write_entries(pages, out, nullptr, nullptr, {});
}

}  // namespace sprout::web
