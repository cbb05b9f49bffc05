#include "util/hash_mix.hpp"

#include <chrono>
#include <random>

namespace sprout::util {

std::uint64_t random_id() {
    std::random_device random;
    const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    const std::uint64_t id = hash_mix((static_cast<std::uint64_t>(random()) << 32) ^ random(), now);
    return id ? id : 1;
}

}  // namespace sprout::util
