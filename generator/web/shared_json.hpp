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

#include <string_view>

namespace sprout::web {

// An object holding a reference under this key inherits the referred object's members: a
// member it lacks is looked up there (web/mustache.cpp). Every evidence badge shares its scale
// and level's dozen members this way and holds only its outcome (20,000 badges in the list
// entries at N = 10,000). No template can name the key: it starts with a control character.
inline constexpr std::string_view kBaseKey = "\x1f" "base";

// A reference to `value`, which must outlive every context holding the reference, with
// `hash` standing for its contents in context hashes.
nlohmann::json share(const nlohmann::json& value, std::uint64_t hash);

// The value `v` refers to, or nullptr when `v` is not a reference.
const nlohmann::json* shared_target(const nlohmann::json& v);

// The hash given to share(); only for references.
std::uint64_t shared_hash(const nlohmann::json& v);

}  // namespace sprout::web
