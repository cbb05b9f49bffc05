#pragma once
// The pieces `compare` is made of; internal to the diff module (and its tests).
#include <vector>

#include "diff/diff.hpp"
#include "diff/fields.hpp"

namespace sprout::diff {

// Field-by-field changes between two renderings of the same record kind.
std::vector<Change> compare_fields(const Fields& a, const Fields& b);

// Changes to one list field: items that went and came (as multisets), or a new order.
// Returns nullopt when the lists are equal.
std::optional<Change> compare_list(const std::string& field, const std::vector<std::string>& a,
                                   const std::vector<std::string>& b);

// A Markdown field compared by the words readers see; nullopt when only wrapping or markup differ.
std::optional<Change> compare_markdown(const std::string& field, const std::string& a, const std::string& b);

// Ratings, age range and availability of an intervention, read against each edition's scales.
std::vector<Change> compare_intervention(const model::Intervention& a, const model::Intervention& b,
                                         const model::Model& old, const model::Model& neu);

// "6 to 48 months", "from 9 months before birth", ...; nullopt when neither bound is stated.
std::optional<std::string> show_ages(std::optional<int> min, std::optional<int> max);

}  // namespace sprout::diff
