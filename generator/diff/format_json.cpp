// The machine-readable report; its shape is documented in docs/DIFF.md and versioned by
// "format".
#include <nlohmann/json.hpp>

#include "diff/format.hpp"

namespace sprout::diff {

namespace {

// Keys keep the order they are written in, so the output reads in the order docs/DIFF.md lists them.
using json = nlohmann::ordered_json;

json optional_string(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

std::string op_name(Word::Op op) {
    switch (op) {
    case Word::Op::Same: return "same";
    case Word::Op::Removed: return "removed";
    case Word::Op::Added: return "added";
    case Word::Op::Gap: return "gap";
    }
    return "same";
}

json change_json(const Change& c) {
    json j = {{"type", type_name(c.type)}, {"field", c.field}, {"summary", headline(c)}};
    if (!c.scale.empty()) j["scale"] = c.scale;
    if (!c.outcome.empty()) j["outcome"] = c.outcome;
    if (!c.nation.empty()) j["nation"] = c.nation;
    const bool list = c.reordered || !c.added.empty() || !c.removed.empty();
    if (list) {
        j["added"] = c.added;
        j["removed"] = c.removed;
        j["reordered"] = c.reordered;
    } else {
        j["from"] = optional_string(c.before);
        j["to"] = optional_string(c.after);
    }
    if (c.type == ChangeType::RatingMoved || c.type == ChangeType::RatingAdded || c.type == ChangeType::RatingRemoved) {
        j["from_rank"] = c.rank_before ? json(*c.rank_before) : json(nullptr);
        j["to_rank"] = c.rank_after ? json(*c.rank_after) : json(nullptr);
    }
    if (c.type == ChangeType::RatingMoved) {
        const int d = c.direction();
        j["direction"] = !c.rank_before || !c.rank_after ? "unknown" : d > 0 ? "up" : d < 0 ? "down" : "same";
    }
    if (c.type == ChangeType::Reworded) {
        json words = json::array();
        for (const auto& w : c.words) words.push_back({{"op", op_name(w.op)}, {"text", w.text}});
        j["words"] = words;
    }
    return j;
}

}  // namespace

std::string to_json(const Changes& c, const Labels& l) {
    json records = json::array();
    for (const auto& r : c.records) {
        json rec = {{"kind", r.kind}, {"id", r.id}, {"label", r.label}, {"status", status_word(r.status)}};
        json changes = json::array();
        for (const auto& ch : r.changes) changes.push_back(change_json(ch));
        rec["changes"] = changes;
        records.push_back(rec);
    }
    json doc = {{"format", "sprout-diff/1"},
                {"old", {{"label", l.old_name}, {"edition", c.old_edition}}},
                {"new", {{"label", l.new_name}, {"edition", c.new_edition}}},
                {"summary",
                 {{"added", c.count(Status::Added)}, {"withdrawn", c.count(Status::Withdrawn)}, {"changed", c.count(Status::Changed)}}},
                {"records", records}};
    return doc.dump(2) + "\n";
}

}  // namespace sprout::diff
