#pragma once
// A small JSON Schema validator for tests: exactly the keywords Sprout's generated schemas use
// (type, enum, pattern, required, additionalProperties, properties, items, minimum, maximum,
// format "date"), so the schemas editors read can be checked against real content without a new
// dependency. Any other assertion keyword is reported as unsupported rather than ignored.
#include <nlohmann/json.hpp>
#include <string>
#include <toml++/toml.h>
#include <vector>

namespace sprout::test {

// Problems found, each as "path: message" (path like "ratings[0].level"); empty when valid.
std::vector<std::string> validate(const nlohmann::json& instance, const nlohmann::json& schema);

// A TOML table as JSON the way editors see it: dates become "YYYY-MM-DD" strings.
nlohmann::json toml_to_json(const toml::node& n);

}  // namespace sprout::test
