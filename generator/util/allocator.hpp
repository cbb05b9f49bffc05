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

// Whether the kernel may back this process's memory faulted in from now on with transparent
// huge pages, which the executable asks jemalloc for (cli/main.cpp) because a full build
// touches gigabytes. A build that mostly reads what the last one left touches a few hundred
// megabytes once: on a virtual machine whose host takes back free 2 MiB blocks (free page
// reporting), each fresh huge page is faulted in through the host, and a one-record edit at
// N = 10,000 started a second or more after the last process took 0.74-0.82 s instead of
// 0.46-0.51 s with 4 KiB pages (docs/PERFORMANCE.md). Linux only (prctl's THP_DISABLE); elsewhere
// nothing. Memory already faulted in keeps its pages.
void allow_huge_pages(bool allow);

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
