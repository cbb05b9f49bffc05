#pragma once
// Word-level text comparison: what a reader would notice, ignoring how the text was wrapped
// or marked up.
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.hpp"

namespace sprout::diff {

// The words of `s`, split on any whitespace.
std::vector<std::string> split_words(std::string_view s);

// `s` with every run of whitespace made one space, trimmed.
std::string squash_space(std::string_view s);

// The words a reader sees in a Markdown text: markup removed, whitespace squashed. Two texts
// that differ only in wrapping, emphasis or list markers give the same result.
std::string reader_text(std::string_view markdown);

// Word diff from `a` to `b`. Unchanged stretches longer than 2 × `context` words keep
// `context` words on each side of a change and become a Gap in between; the text before the
// first change and after the last keeps only `context` words.
std::vector<Word> word_diff(std::string_view a, std::string_view b, std::size_t context = 4);

}  // namespace sprout::diff
