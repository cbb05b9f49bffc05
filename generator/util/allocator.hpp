#pragma once
// Hints to the memory allocator about the work ahead, for jemalloc, which the executable links
// where it is installed (generator/CMakeLists.txt). The library does not depend on jemalloc:
// it finds jemalloc's control function at run time, and with any other allocator these do
// nothing.
#include <chrono>
#include <memory>
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

// For a process that ends as soon as its one piece of work is done (`sprout build`): what that
// work would free on its way out is left for the exit, which gives all memory back at once,
// and memory kept for reuse is not handed back first. Freeing the last build's record, the
// check's memo and the pages' metadata node by node took some 60-100 ms of a one-record edit
// at N = 10,000. Call once, before the work; never in a process that goes on (`sprout serve`).
void exit_when_done();
bool exiting_when_done();

// Keeps what `object` holds until the process ends, never destroyed, when exiting_when_done();
// otherwise frees it now. Either way `object` is left empty.
void leave_to_exit(std::shared_ptr<void> held);
template <class T>
void free_or_leave_to_exit(T& object) {
    if (exiting_when_done()) leave_to_exit(std::make_shared<T>(std::move(object)));
    else {
        T gone(std::move(object));
    }
    object = T();
}

}  // namespace sprout::util
