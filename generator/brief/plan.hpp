#pragma once
// The brief plan: for a nation × audience (× area), select and order content from the model
// as the audience's `brief` table says, and build the document tree both writers render.
// No layout or rendering happens here.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "brief/select.hpp"
#include "doc/document.hpp"
#include "diff/diff.hpp"
#include "model/model.hpp"

namespace sprout::brief {

struct Target {
    std::string nation, audience, area;  // ids; area "" for a nation brief
    // File name without extension: <nation>-<audience>[-<area>]
    std::string stem() const { return nation + "-" + audience + (area.empty() ? "" : "-" + area); }
};

struct Plan {
    Target target;
    doc::Document doc;
};

// Thrown for an unknown nation, audience or area, or an area in another nation. `suggestion`
// is the closest id, when one is close.
struct UnknownId : std::invalid_argument {
    UnknownId(std::string what_kind, std::string id_, std::string hint, std::vector<std::string> known_);
    std::string kind, id, suggestion;
    std::vector<std::string> known;
};

// Builds the document for one brief. Throws UnknownId.
// `changes` (since the previous edition) feed `changes` sections; without them those are empty.
// `orders`, when given, are order_interventions(m), shared by the briefs of a build; without
// them the brief sorts the interventions itself.
Plan plan_brief(const model::Model& m, const std::string& nation, const std::string& audience,
                const std::optional<std::string>& area = std::nullopt, const diff::Changes* changes = nullptr,
                const InterventionOrders* orders = nullptr);

// Nations that get briefs: every nation record except "uk", in the nations' order.
std::vector<const model::Nation*> brief_nations(const model::Model& m);
// Every brief of a build: each nation × each audience, then each area × each audience whose
// brief has area sections (with the area's nation).
std::vector<Target> all_targets(const model::Model& m);

}  // namespace sprout::brief
