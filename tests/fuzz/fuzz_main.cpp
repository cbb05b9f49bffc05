// libFuzzer entry for one target of targets.hpp, chosen when it is compiled: CMake builds this
// file once per target with SPROUT_FUZZ_TARGET set to the target's name. Built only with clang
// and SPROUT_FUZZ=ON.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "targets.hpp"

#define SPROUT_STR2(x) #x
#define SPROUT_STR(x) SPROUT_STR2(x)

namespace {

const sprout::fuzz::Target& target() {
    static const sprout::fuzz::Target* found = [] {
        for (const auto& t : sprout::fuzz::all_targets())
            if (std::string_view(t.name) == SPROUT_STR(SPROUT_FUZZ_TARGET)) return &t;
        std::fprintf(stderr, "no fuzz target named %s\n", SPROUT_STR(SPROUT_FUZZ_TARGET));
        std::abort();
    }();
    return *found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        target().run(data, size);
    } catch (const sprout::fuzz::Violation& v) {
        std::fprintf(stderr, "VIOLATION in %s: %s\n", target().name, v.what());
        std::abort();
    }
    return 0;
}
