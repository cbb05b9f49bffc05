// The wording of each change, shared by the text, JSON and HTML reports.
#include "diff/format.hpp"
#include "util/text.hpp"

namespace sprout::diff {

namespace {

// Values are shown whole in JSON; in one-line summaries a long one is cut at a character
// boundary.
std::string shorten(const std::string& s, std::size_t max = 120) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "…";
}

std::string quoted_short(const std::string& s) { return "\"" + shorten(s) + "\""; }

std::string value_or_none(const std::optional<std::string>& v) { return v ? shorten(*v) : "(none)"; }

std::string quoted_items(const std::vector<std::string>& items) {
    std::vector<std::string> q;
    for (const auto& i : items) q.push_back(quoted_short(i));
    return text::join(q, ", ");
}

// Which rating or nation a sub-field change is about, e.g. " (example-scale, for "Sleep")".
std::string context(const Change& c) {
    std::vector<std::string> parts;
    if (!c.scale.empty()) parts.push_back("on " + c.scale);
    if (!c.outcome.empty()) parts.push_back("for " + quoted_short(c.outcome));
    if (!c.nation.empty()) parts.push_back("in " + c.nation);
    return parts.empty() ? "" : " (" + text::join(parts, ", ") + ")";
}

std::string rating_subject(const Change& c) { return c.outcome.empty() ? "rating" : "rating for " + quoted_short(c.outcome); }

std::string rank_note(const Change& c) {
    if (!c.rank_before || !c.rank_after) return "";
    return " (rank " + std::to_string(*c.rank_before) + " → " + std::to_string(*c.rank_after) + ")";
}

}  // namespace

std::string status_word(Status s) {
    switch (s) {
    case Status::Added: return "added";
    case Status::Withdrawn: return "withdrawn";
    case Status::Changed: return "changed";
    }
    return "changed";
}

std::string type_name(ChangeType t) {
    switch (t) {
    case ChangeType::RatingMoved: return "rating-moved";
    case ChangeType::RatingAdded: return "rating-added";
    case ChangeType::RatingRemoved: return "rating-removed";
    case ChangeType::Reworded: return "reworded";
    case ChangeType::ValueUpdated: return "value-updated";
    case ChangeType::AgeRange: return "age-range";
    case ChangeType::Availability: return "availability";
    case ChangeType::FieldChanged: return "field-changed";
    }
    return "field-changed";
}

std::string headline(const Change& c) {
    const std::string before = c.before.value_or(""), after = c.after.value_or("");
    switch (c.type) {
    case ChangeType::RatingMoved: {
        const int d = c.direction();
        const std::string verb = d > 0 ? "moved up" : d < 0 ? "moved down" : "changed";
        const std::string same = c.rank_before && c.rank_after && d == 0 ? " (same rank)" : rank_note(c);
        return rating_subject(c) + " " + verb + " from " + before + " to " + after + " on " + c.scale + same;
    }
    case ChangeType::RatingAdded:
        return rating_subject(c) + " added: " + after + " on " + c.scale;
    case ChangeType::RatingRemoved:
        return rating_subject(c) + " removed: " + before + " on " + c.scale;
    case ChangeType::Reworded:
        return c.field + context(c) + (!c.before ? " added" : !c.after ? " removed" : " reworded");
    case ChangeType::AgeRange:
        return "age range: " + c.before.value_or("not stated") + " → " + c.after.value_or("not stated");
    case ChangeType::Availability:
        if (!c.before) return "now listed as available in " + c.nation + ": " + quoted_short(after);
        if (!c.after) return "no longer listed as available in " + c.nation + " (was: " + quoted_short(before) + ")";
        return "availability in " + c.nation + " reworded: " + quoted_short(before) + " → " + quoted_short(after);
    case ChangeType::ValueUpdated:
    case ChangeType::FieldChanged:
        break;
    }
    const std::string field = c.field + context(c);
    if (c.reordered) return field + ": same items, new order";
    if (!c.added.empty() || !c.removed.empty()) {
        std::vector<std::string> parts;
        if (!c.added.empty()) parts.push_back("added " + quoted_items(c.added));
        if (!c.removed.empty()) parts.push_back("removed " + quoted_items(c.removed));
        return field + ": " + text::join(parts, "; ");
    }
    return field + ": " + value_or_none(c.before) + " → " + value_or_none(c.after);
}

}  // namespace sprout::diff
