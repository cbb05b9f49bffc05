#pragma once
// Hints to the memory allocator about the work ahead, for jemalloc, which the executable links
// where it is installed (generator/CMakeLists.txt). The library does not depend on jemalloc:
// it finds jemalloc's control function at run time, and with any other allocator these do
// nothing.
#include <chrono>
#include <optional>

namespace sprout::util {

// While alive, freed memory is kept for reuse for `keep` before it goes back to the system,
// instead of the executable's shorter default. For work that frees and allocates the same
// amount over and over, where returning pages only to fault them in again (and zero them) a
// moment later costs time and saves no memory: reading and checking thousands of records.
class KeepFreedMemory {
public:
    explicit KeepFreedMemory(std::chrono::milliseconds keep);
    ~KeepFreedMemory();
    KeepFreedMemory(const KeepFreedMemory&) = delete;
    KeepFreedMemory& operator=(const KeepFreedMemory&) = delete;

private:
    std::optional<long> previous_ms_;  // nullopt: not jemalloc, nothing to restore
    long keep_ms_ = 0;
};

}  // namespace sprout::util
