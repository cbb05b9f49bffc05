// How reports order and name record kinds: what readers act on first (evidence,
// recommendations, figures), the toolkit's settings last.
#include <utility>

#include "diff/diff.hpp"
#include "schema/schema.hpp"

namespace sprout::diff {

namespace {

const std::vector<std::pair<std::string, std::string>>& kinds() {
    static const std::vector<std::pair<std::string, std::string>> k = {
        {"intervention", "Interventions"},
        {"recommendation", "Recommendations"},
        {"statistic", "Statistics"},
        {"example", "Practice examples"},
        {"evidence-scale", "Evidence scales"},
        {"policy", "Policies"},
        {"nation", "Nations"},
        {"area", "Areas"},
        {"service-type", "Service types"},
        {"audience", "Audiences"},
        {"actor", "Actors"},
        {"term", "Glossary terms"},
        {"page", "Pages"},
        {"source", "Sources"},
        {"site", "Site settings"},
    };
    return k;
}

}  // namespace

const std::vector<std::string>& kind_order() {
    static const std::vector<std::string> order = [] {
        std::vector<std::string> v;
        for (const auto& [kind, heading] : kinds()) v.push_back(kind);
        return v;
    }();
    return order;
}

std::string kind_heading(const std::string& kind) {
    for (const auto& [k, heading] : kinds())
        if (k == kind) return heading;
    // A kind added to the schema but not here: its title will do.
    const auto* spec = schema::builtin().kind(kind);
    return spec ? spec->title : kind;
}

}  // namespace sprout::diff
