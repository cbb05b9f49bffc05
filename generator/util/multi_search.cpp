#include "util/multi_search.hpp"

#include <algorithm>
#include <queue>

namespace sprout::util {

namespace {

unsigned char fold(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 'A' && u <= 'Z' ? static_cast<unsigned char>(u - 'A' + 'a') : u;
}

constexpr std::int32_t kNone = -1;  // no trie edge yet

}  // namespace

MultiSearch::MultiSearch(const std::vector<std::string>& patterns) {
    // The trie of the folded patterns; state 0 is the root.
    Row empty;
    empty.fill(kNone);
    next_.push_back(empty);
    out_.emplace_back();
    for (std::size_t p = 0; p < patterns.size(); ++p) {
        length_.push_back(patterns[p].size());
        if (patterns[p].empty()) continue;
        std::size_t s = 0;
        for (char c : patterns[p]) {
            if (next_[s][fold(c)] == kNone) {
                next_[s][fold(c)] = static_cast<std::int32_t>(next_.size());
                next_.push_back(empty);
                out_.emplace_back();
            }
            s = static_cast<std::size_t>(next_[s][fold(c)]);
        }
        out_[s].push_back(p);
    }
    // Breadth first: failure links, then missing edges filled from them, so matching never
    // backtracks; each state also reports what its failure state reports.
    std::vector<std::size_t> fail(next_.size(), 0);
    std::queue<std::size_t> queue;
    for (auto& edge : next_[0]) {
        if (edge == kNone)
            edge = 0;
        else
            queue.push(static_cast<std::size_t>(edge));
    }
    while (!queue.empty()) {
        const std::size_t s = queue.front();
        queue.pop();
        const auto& inherited = out_[fail[s]];
        out_[s].insert(out_[s].end(), inherited.begin(), inherited.end());
        for (std::size_t c = 0; c < next_[s].size(); ++c) {
            const std::int32_t via_fail = next_[fail[s]][c];
            if (next_[s][c] == kNone) {
                next_[s][c] = via_fail;
            } else {
                fail[static_cast<std::size_t>(next_[s][c])] = static_cast<std::size_t>(via_fail);
                queue.push(static_cast<std::size_t>(next_[s][c]));
            }
        }
    }
}

std::vector<MultiSearch::Match> MultiSearch::find_all(std::string_view text) const {
    std::vector<Match> found;
    std::size_t s = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        s = static_cast<std::size_t>(next_[s][fold(text[i])]);
        for (std::size_t p : out_[s]) found.push_back({i + 1 - length_[p], p});
    }
    std::sort(found.begin(), found.end(),
              [](const Match& a, const Match& b) { return a.start != b.start ? a.start < b.start : a.pattern < b.pattern; });
    return found;
}

}  // namespace sprout::util
