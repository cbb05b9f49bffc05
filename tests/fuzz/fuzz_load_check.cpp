// libFuzzer entry for the 'load_check' target (see targets.hpp). Built only with clang and SPROUT_FUZZ=ON.
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sprout::fuzz::load_check(data, size);
    } catch (const sprout::fuzz::Violation& v) {
        std::fprintf(stderr, "VIOLATION in load_check: %s\n", v.what());
        std::abort();
    }
    return 0;
}
