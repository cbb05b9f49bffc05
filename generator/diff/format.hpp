#pragma once
// Writing a comparison for people and programs: plain text for the terminal, JSON for tools
// (documented in docs/DIFF.md), and accessible HTML for a "What changed" page.
#include <string>

#include "diff/diff.hpp"

namespace sprout::diff {

// What each side is called in reports: a folder, or a git revision.
struct Labels {
    std::string old_name = "old";
    std::string new_name = "new";
};

// One plain-text sentence describing a change ("rating moved up from some to strong on
// example-scale (rank 2 → 3)"). Long values are shortened; the word diff of a rewording is not
// included (each format renders it its own way).
std::string headline(const Change& c);

// "status" words used by every format.
std::string status_word(Status s);
// "rating-moved", "reworded", ... as in the JSON output.
std::string type_name(ChangeType t);

// Grouped by kind; "No changes in meaning" when there are none. Word diffs use [-removed-]
// and {+added+}, as wdiff does.
std::string to_text(const Changes& c, const Labels& l);

// One JSON object (see docs/DIFF.md), with a trailing newline.
std::string to_json(const Changes& c, const Labels& l);

// The changes as an HTML fragment for a site page or brief: a summary paragraph, then one
// section per kind with headings at `heading_level` (2 to 5). Everything is escaped.
std::string to_html_section(const Changes& c, int heading_level = 2);

// A standalone, accessible "What changed" HTML page (inline styles, no scripts).
std::string to_html_page(const Changes& c, const Labels& l);

}  // namespace sprout::diff
