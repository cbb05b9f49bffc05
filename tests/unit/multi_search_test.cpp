// util::MultiSearch against the obvious search, one pattern at a time.
#include <catch2/catch.hpp>

#include "util/multi_search.hpp"
#include "util/text.hpp"

using sprout::util::MultiSearch;

namespace {

// Every occurrence of every pattern by std::string::find on lower-cased copies, in the
// order MultiSearch promises: by start, then by pattern index.
std::vector<std::pair<std::size_t, std::size_t>> naive(const std::vector<std::string>& patterns, const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    const std::string hay = sprout::text::to_lower(text);
    for (std::size_t p = 0; p < patterns.size(); ++p) {
        const std::string needle = sprout::text::to_lower(patterns[p]);
        if (needle.empty()) continue;
        for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) out.emplace_back(at, p);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> fast(const std::vector<std::string>& patterns, const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& m : MultiSearch(patterns).find_all(text)) out.emplace_back(m.start, m.pattern);
    return out;
}

}  // namespace

TEST_CASE("MultiSearch finds overlapping, nested and repeated patterns, ignoring ASCII case") {
    const std::vector<std::string> patterns = {"infant mental health", "mental health", "health", "he", "CAMHS", "aaa", ""};
    const std::string text =
        "Infant Mental Health services; camhs and CAMHS. The health visitor: he said aaaa. Mental healthhealth";
    const auto got = fast(patterns, text);
    CHECK(got == naive(patterns, text));
    // Spot checks, so the comparison cannot pass by both being empty.
    CHECK(got.front() == std::pair<std::size_t, std::size_t>{0, 0});
    CHECK(std::count_if(got.begin(), got.end(), [](const auto& m) { return m.second == 5; }) == 2);  // "aaa" twice in "aaaa"
    CHECK(std::count_if(got.begin(), got.end(), [](const auto& m) { return m.second == 4; }) == 2);  // camhs, CAMHS
}

TEST_CASE("MultiSearch keeps UTF-8 bytes exact and handles no patterns") {
    const std::vector<std::string> patterns = {"gofal plant", "ŵyr", "Ŵyr"};
    const std::string text = "Gofal Plant a'u ŵyr; Ŵyr";
    CHECK(fast(patterns, text) == naive(patterns, text));
    CHECK(fast(patterns, text).size() == 3);
    CHECK(MultiSearch({}).find_all(text).empty());
}
