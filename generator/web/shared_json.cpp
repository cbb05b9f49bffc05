#include "web/shared_json.hpp"

#include <cstring>
#include <vector>

namespace sprout::web {

namespace {

constexpr std::uint64_t kSubtype = 0x53;  // "S": a binary value with this subtype is a reference
constexpr std::size_t kSize = sizeof(const nlohmann::json*) + sizeof(std::uint64_t);

bool is_reference(const nlohmann::json& v) {
    if (!v.is_binary()) return false;
    const auto& b = v.get_binary();
    return b.has_subtype() && b.subtype() == kSubtype && b.size() == kSize;
}

}  // namespace

nlohmann::json share(const nlohmann::json& value, std::uint64_t hash) {
    std::vector<std::uint8_t> bytes(kSize);
    const nlohmann::json* target = &value;
    std::memcpy(bytes.data(), &target, sizeof target);
    std::memcpy(bytes.data() + sizeof target, &hash, sizeof hash);
    return nlohmann::json::binary(std::move(bytes), kSubtype);
}

const nlohmann::json* shared_target(const nlohmann::json& v) {
    if (!is_reference(v)) return nullptr;
    const nlohmann::json* target = nullptr;
    std::memcpy(&target, v.get_binary().data(), sizeof target);
    return target;
}

std::uint64_t shared_hash(const nlohmann::json& v) {
    std::uint64_t hash = 0;
    if (is_reference(v)) std::memcpy(&hash, v.get_binary().data() + sizeof(const nlohmann::json*), sizeof hash);
    return hash;
}

}  // namespace sprout::web
