#pragma once
// Finds every occurrence of many patterns in one pass over a text (Aho–Corasick), ignoring
// ASCII case. The glossary linker looks for every term's forms in every page: searching for
// each form separately read each page once per form (docs/PERFORMANCE.md).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sprout::util {

class MultiSearch {
public:
    struct Match {
        std::size_t start;    // byte offset in the text
        std::size_t pattern;  // index into the patterns given to the constructor
    };

    explicit MultiSearch(const std::vector<std::string>& patterns);

    // Every occurrence, overlapping ones too, ordered by start and then by pattern index.
    // ASCII letters match either case; other bytes match exactly.
    std::vector<Match> find_all(std::string_view text) const;

private:
    using Row = std::array<std::int32_t, 256>;  // byte → next state
    std::vector<Row> next_;                      // state → row: a complete automaton
    std::vector<std::vector<std::size_t>> out_;  // state → patterns ending there
    std::vector<std::size_t> length_;            // pattern → length
};

}  // namespace sprout::util
