#pragma once
// `sprout new`: a record with every field present and explained.
#include <functional>
#include <optional>
#include <string>

#include "schema/schema.hpp"

namespace sprout::schema {

// Returns an existing id of the given kind, so scaffolded references point at real records.
using IdLookup = std::function<std::optional<std::string>(const std::string& kind)>;

// Required fields carry example values to replace; optional fields are commented out but
// present, each with its explanation. The result checks clean when `lookup` finds the
// records it refers to.
std::string scaffold(const KindSpec& kind, const IdLookup& lookup);

}  // namespace sprout::schema
