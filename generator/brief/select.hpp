#pragma once
// What goes into a brief: the selection rules, apart from how the result is set out. Each
// function reads the model and a section's settings (filter, order, limit) and returns the
// records in the order they appear. The rules, in full, are in docs/BRIEFS.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace sprout::brief {

// Keeps the first `limit` items (all of them when there is no limit or it is negative).
template <class T>
void apply_limit(std::vector<T>& v, const std::optional<int>& limit) {
    if (limit && *limit >= 0 && v.size() > static_cast<std::size_t>(*limit)) v.resize(static_cast<std::size_t>(*limit));
}

// Whether a list of nation ids covers `nation`: it names it, or names "uk".
bool covers_nation(const std::vector<std::string>& nations, const std::string& nation);

std::vector<const model::KeyMessage*> key_messages(const model::Audience& a, const std::string& nation);

struct PolicyContext {
    std::vector<const model::Policy*> own;  // the nation's
    std::vector<const model::Policy*> uk;   // UK-wide
};
PolicyContext policies(const model::Model& m, const std::string& nation);

// Key statistics: key = true and about the nation or the UK (filter "nation" or "key";
// "all" adds key statistics with no nation). The nation's own first, then the UK's.
std::vector<const model::Statistic*> key_figures(const model::Model& m, const std::string& nation,
                                                 const model::BriefSection& s);

// Whether a recommendation is addressed to the audience: an actor in common, or the
// audience named in its `audiences`.
bool addresses(const model::Recommendation& r, const model::Audience& a);
// Recommendations by filter: "audience" = addressed to the audience (any nation, including
// none stated); "nation" = nations covers it; "audience-and-nation" = addressed to the
// audience and covering the nation, followed by those addressed to it that name no nation
// (not specific to one nation); "all" = every one. The limit applies to the total.
std::vector<const model::Recommendation*> recommendations(const model::Model& m, const model::Audience& a,
                                                          const std::string& nation, const model::BriefSection& s);

// Strength of an intervention's evidence for "strongest-first": the highest rank/max_rank
// among its ratings on scales of kind "rating" (groupings and labels are not ratings), from
// 0 to 1; -1 when it has none.
double strength(const model::Model& m, const model::Intervention& i);

// Every intervention in each order a section can ask for. Sorting was most of the cost of
// planning a brief (tens of thousands of string comparisons over records spread through
// memory, growing faster than the toolkit), and every brief of a build selects from the same
// model: write_all_briefs sorts once and each brief filters the sorted lists.
struct InterventionOrders {
    // Strongest rating first; ties by how many ratings reach it, then by name, then as in the model.
    std::vector<const model::Intervention*> strongest_first;
    std::vector<const model::Intervention*> by_name;  // ties as in the model
    // Where each intervention is available and whom it is for, as bits over `nation_ids` and
    // `audience_ids`, in the model's order. Every brief filters every intervention: read from
    // their records, spread over a gigabyte at N = 100,000, that was a third of the briefs'
    // time there (docs/PERFORMANCE.md). Empty when there are more than 64 ids of either kind.
    struct Reach {
        std::uint64_t nations = 0, audiences = 0;
    };
    std::vector<Reach> reach;
    std::vector<std::string> nation_ids, audience_ids;
};
InterventionOrders order_interventions(const model::Model& m);
// Interventions for a section: filter "audience", "nation" (available there or UK-wide),
// "audience-and-nation" or "all"; order "strongest-first", "name" or "document".
std::vector<const model::Intervention*> interventions(const model::Model& m, const InterventionOrders& orders,
                                                      const model::Audience& a, const std::string& nation,
                                                      const model::BriefSection& s);

struct ExampleSelection {
    std::vector<const model::Example*> own;        // the nation's (and UK-wide) examples
    std::vector<const model::Example*> elsewhere;  // from other nations or none stated
};
// "nation": the nation's own (and UK-wide) examples; only when there are none, examples
// from elsewhere. "all": the nation's first, then the rest. The limit applies to the total.
ExampleSelection examples(const model::Model& m, const std::string& nation, const model::BriefSection& s);

// Pages for a checklists section: those listed in `pages`, else pages of kind "checklist"
// for the audience.
std::vector<const model::Page*> checklist_pages(const model::Model& m, const model::Audience& a, const model::BriefSection& s);
// Recommendations of kind "suggested-action" with questions, addressed to the audience.
std::vector<const model::Recommendation*> suggested_actions(const model::Model& m, const model::Audience& a,
                                                            const std::string& nation);

// Terms whose term, abbreviation or an alias appears in `text` as a whole word (terms and
// aliases ignoring case; abbreviations as written). Sorted by term.
std::vector<const model::Term*> terms_used(const model::Model& m, const std::string& text);
bool contains_word(const std::string& haystack, const std::string& needle, bool ignore_case);

// Area briefs.
std::vector<const model::Example*> examples_near(const model::Model& m, const model::Area& a);
// Recommended service types the area's record does not list.
std::vector<const model::ServiceType*> service_gaps(const model::Model& m, const model::Area& a);

struct NeedEstimate {
    const model::Statistic* statistic = nullptr;
    double rate = 0;       // per cent
    double estimate = 0;   // births × rate / 100, not rounded
};
// Estimates for each statistic with a need_label, unit percent and a value; empty when the
// area gives no births.
std::vector<NeedEstimate> need_estimates(const model::Model& m, const model::Area& a);

// The audiences whose brief has area sections (they get area briefs).
bool has_area_sections(const model::Audience& a);

}  // namespace sprout::brief
