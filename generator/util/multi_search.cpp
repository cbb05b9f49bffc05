#include "util/multi_search.hpp"

#include <algorithm>
#include <queue>

namespace sprout::util {

namespace {
unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }
}  // namespace

MultiSearch::MultiSearch(const std::vector<std::string>& patterns) {
    // The trie, with -1 for "no edge yet".
    next_.assign(kAlphabet, -1);
    out_.emplace_back();
    for (std::size_t p = 0; p < patterns.size(); ++p) {
        length_.push_back(patterns[p].size());
        if (patterns[p].empty()) continue;
        std::int32_t s = 0;
        for (unsigned char c : patterns[p]) {
            auto& edge = next_[static_cast<std::size_t>(s) * kAlphabet + fold(c)];
            if (edge < 0) {
                edge = static_cast<std::int32_t>(out_.size());
                out_.emplace_back();
                next_.resize(next_.size() + kAlphabet, -1);
            }
            s = next_[static_cast<std::size_t>(s) * kAlphabet + fold(c)];
        }
        out_[static_cast<std::size_t>(s)].push_back(p);
    }
    // Breadth first: failure links, then missing edges filled from them, so matching never
    // backtracks; each state also reports what its failure state reports.
    std::vector<std::int32_t> fail(out_.size(), 0);
    std::queue<std::int32_t> queue;
    for (int c = 0; c < kAlphabet; ++c) {
        auto& edge = next_[static_cast<std::size_t>(c)];
        if (edge < 0)
            edge = 0;
        else
            queue.push(edge);
    }
    while (!queue.empty()) {
        const std::int32_t s = queue.front();
        queue.pop();
        const auto& inherited = out_[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)])];
        auto& own = out_[static_cast<std::size_t>(s)];
        own.insert(own.end(), inherited.begin(), inherited.end());
        for (int c = 0; c < kAlphabet; ++c) {
            auto& edge = next_[static_cast<std::size_t>(s) * kAlphabet + static_cast<std::size_t>(c)];
            const std::int32_t via_fail = next_[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)]) * kAlphabet +
                                                static_cast<std::size_t>(c)];
            if (edge < 0) {
                edge = via_fail;
            } else {
                fail[static_cast<std::size_t>(edge)] = via_fail;
                queue.push(edge);
            }
        }
    }
}

std::vector<MultiSearch::Match> MultiSearch::find_all(std::string_view text) const {
    std::vector<Match> found;
    std::int32_t s = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        s = next_[static_cast<std::size_t>(s) * kAlphabet + fold(static_cast<unsigned char>(text[i]))];
        for (std::size_t p : out_[static_cast<std::size_t>(s)]) found.push_back({i + 1 - length_[p], p});
    }
    std::sort(found.begin(), found.end(),
              [](const Match& a, const Match& b) { return a.start != b.start ? a.start < b.start : a.pattern < b.pattern; });
    return found;
}

}  // namespace sprout::util
