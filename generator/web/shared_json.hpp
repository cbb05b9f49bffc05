#pragma once
// A page context may hold a reference to a JSON value kept elsewhere instead of a copy of it.
//
// One intervention's list entry appears on many list pages (the interventions index, each
// audience page listing thousands); copying it into every context, hashing every copy for the
// incremental build and freeing it again cost memory and time in proportion to the lists'
// lengths. A reference is a binary JSON value (which contexts otherwise never hold) carrying
// the value's address and its hash, computed once. The Mustache renderer reads through it
// (web/mustache.cpp) and the context hash uses the stored hash (web/builder.cpp).
#include <cstdint>

#include <nlohmann/json.hpp>

namespace sprout::web {

// A reference to `value`, which must outlive every context holding the reference, with
// `hash` standing for its contents in context hashes.
nlohmann::json share(const nlohmann::json& value, std::uint64_t hash);

// The value `v` refers to, or nullptr when `v` is not a reference.
const nlohmann::json* shared_target(const nlohmann::json& v);

// The hash given to share(); only for references.
std::uint64_t shared_hash(const nlohmann::json& v);

}  // namespace sprout::web
