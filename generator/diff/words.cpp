#include "diff/words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "markdown/markdown.hpp"

namespace sprout::diff {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

using Op = Word::Op;

// Longest-common-subsequence edit script over words. Texts are at most a few thousand words, and
// common prefix and suffix are trimmed first, so the quadratic table stays small; beyond
// `max_cells` the middle is reported as one removal and one addition rather than using
// unbounded memory.
std::vector<std::pair<Op, std::string>> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::size_t pre = 0;
    while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
    std::size_t suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;

    std::vector<std::pair<Op, std::string>> out;
    for (std::size_t i = 0; i < pre; ++i) out.emplace_back(Op::Same, a[i]);

    const std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
    constexpr std::size_t max_cells = 4'000'000;
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= max_cells) {
        // lcs[i][j]: length of the LCS of a[pre+i..] and b[pre+j..] (suffix form, so the walk
        // below goes forwards).
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[pre + i] == b[pre + j]) {
                out.emplace_back(Op::Same, a[pre + i]);
                ++i, ++j;
            } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
                out.emplace_back(Op::Removed, a[pre + i]);
                ++i;
            } else {
                out.emplace_back(Op::Added, b[pre + j]);
                ++j;
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) out.emplace_back(Op::Removed, a[pre + i]);
        for (std::size_t j = 0; j < m; ++j) out.emplace_back(Op::Added, b[pre + j]);
    }

    for (std::size_t i = a.size() - suf; i < a.size(); ++i) out.emplace_back(Op::Same, a[i]);
    return out;
}

// Within each stretch between unchanged words, removals first then additions, so a
// replacement reads "[-old words-] {+new words+}" rather than interleaved.
void group_replacements(std::vector<std::pair<Op, std::string>>& script) {
    auto begin = script.begin();
    while (begin != script.end()) {
        auto end = std::find_if(begin, script.end(), [](const auto& w) { return w.first == Op::Same; });
        std::stable_partition(begin, end, [](const auto& w) { return w.first == Op::Removed; });
        begin = end == script.end() ? end : std::next(end);
    }
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string squash_space(std::string_view s) {
    std::string out;
    for (const auto& w : split_words(s)) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

std::string reader_text(std::string_view markdown) { return squash_space(markdown::to_plain_text(markdown)); }

std::vector<Word> word_diff(std::string_view a, std::string_view b, std::size_t context) {
    auto script = edit_script(split_words(a), split_words(b));
    group_replacements(script);

    // Which unchanged words to keep: those within `context` of a change.
    const std::size_t n = script.size();
    std::vector<bool> keep(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (script[i].first == Op::Same) continue;
        keep[i] = true;
        for (std::size_t k = 1; k <= context && i >= k; ++k) keep[i - k] = true;
        for (std::size_t k = 1; k <= context && i + k < n; ++k) keep[i + k] = true;
    }

    std::vector<Word> out;
    auto push = [&](Op op, const std::string& text) {
        if (!out.empty() && out.back().op == op && op != Op::Gap) {
            out.back().text += ' ' + text;
            return;
        }
        if (op == Op::Gap && !out.empty() && out.back().op == Op::Gap) return;
        out.push_back({op, text});
    };
    for (std::size_t i = 0; i < n; ++i) push(keep[i] ? script[i].first : Op::Gap, keep[i] ? script[i].second : "…");
    return out;
}

}  // namespace sprout::diff
