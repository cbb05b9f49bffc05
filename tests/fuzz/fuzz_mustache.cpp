// libFuzzer entry for the 'mustache' target (see targets.hpp). Built only with clang and SPROUT_FUZZ=ON.
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sprout::fuzz::mustache(data, size);
    } catch (const sprout::fuzz::Violation& v) {
        std::fprintf(stderr, "VIOLATION in mustache: %s\n", v.what());
        std::abort();
    }
    return 0;
}
