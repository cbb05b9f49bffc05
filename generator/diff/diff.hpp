#pragma once
// Comparing two editions of a toolkit by meaning: which records were added or withdrawn, and
// for each record that stayed, what changed in what a reader sees (a rating moved on its
// scale, a recommendation reworded, a figure updated), not how the TOML was typed.
// `compare` is the entry point for the `diff` command and for any page or brief that wants a
// "changes since the last edition" section; format.hpp turns the result into text, JSON or HTML.
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace sprout::diff {

// One piece of a word-level diff. Gap stands for unchanged words left out for brevity.
struct Word {
    enum class Op { Same, Removed, Added, Gap };
    Op op = Op::Same;
    std::string text;  // one or more words joined by single spaces; "…" for a Gap
};

enum class ChangeType {
    RatingMoved,    // same scale (and outcome), another level
    RatingAdded,
    RatingRemoved,
    Reworded,       // a Markdown field's words changed; `words` holds a short word diff
    ValueUpdated,   // a figure: a statistic's value, unit, period, sample size; an area's births
    AgeRange,       // an intervention's age_min_months / age_max_months
    Availability,   // an intervention's availability in one nation added, removed or reworded
    FieldChanged,   // any other field, named by `field`
};

struct Change {
    ChangeType type = ChangeType::FieldChanged;
    std::string field;  // schema field name, dotted for sub-fields ("text", "ratings.note", "delivery.who")
    std::optional<std::string> before, after;  // scalar values as shown to readers; nullopt = absent
    std::vector<std::string> removed, added;   // list fields: items that went, items that came
    bool reordered = false;                    // list field with the same items in a new order
    std::vector<Word> words;                   // Reworded: the word diff, unchanged stretches shortened
    // Ratings: the scale and outcome that identify the rating; ranks of the levels on that scale.
    std::string scale, outcome;
    std::optional<int> rank_before, rank_after;
    std::string nation;  // Availability (and its sub-fields): the nation concerned

    // +1 the rating moved up its scale, -1 down, 0 same rank or not a rating move.
    int direction() const;
};

enum class Status { Added, Withdrawn, Changed };

struct RecordChange {
    std::string kind;   // schema kind name: "intervention", "statistic", "site"...
    std::string id;     // record id ("site" for site.toml)
    std::string label;  // what readers call it: name, title or term (from the newer edition when there is one)
    Status status = Status::Changed;
    std::vector<Change> changes;  // only for Status::Changed; never empty then
};

struct Changes {
    // Ordered by kind (see kind_order), then added, withdrawn, changed, then id.
    std::vector<RecordChange> records;
    std::string old_edition, new_edition;  // site.toml `edition` of each side (ISO dates)
    std::string title, language;           // the newer edition's site title and language

    bool empty() const { return records.empty(); }
    std::size_t count(Status s) const;
};

// Compares two checked models. Pure: no I/O, deterministic order.
Changes compare(const model::Model& old, const model::Model& neu);

// Kinds in the order reports list them: evidence and recommendations first, settings last.
const std::vector<std::string>& kind_order();
// Plural heading for a kind ("Interventions", "Glossary terms").
std::string kind_heading(const std::string& kind);

}  // namespace sprout::diff
