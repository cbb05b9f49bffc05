#include "util/allocator.hpp"

#include <atomic>
#include <dlfcn.h>
#include <mutex>
#include <vector>
#include <string>
#include <sys/types.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace sprout::util {

namespace {

using Mallctl = int (*)(const char*, void*, std::size_t*, void*, std::size_t);

// jemalloc's mallctl when jemalloc is the process's allocator, else nullptr.
Mallctl mallctl() {
    static const auto fn = reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"));
    return fn;
}

std::optional<unsigned> arena_count(Mallctl ctl) {
    unsigned n = 0;
    std::size_t size = sizeof n;
    if (ctl("arenas.narenas", &n, &size, nullptr, 0) != 0) return std::nullopt;
    return n;
}

// Sets every arena's dirty-page decay (and the default for arenas made later); returns the
// default it replaced.
std::optional<long> set_dirty_decay(long ms) {
    const Mallctl ctl = mallctl();
    if (!ctl) return std::nullopt;
    ssize_t old = 0, value = ms;
    std::size_t size = sizeof old;
    if (ctl("arenas.dirty_decay_ms", &old, &size, &value, sizeof value) != 0) return std::nullopt;
    if (const auto n = arena_count(ctl))
        for (unsigned i = 0; i < *n; ++i)
            ctl(("arena." + std::to_string(i) + ".dirty_decay_ms").c_str(), nullptr, nullptr, &value, sizeof value);
    return old;
}

}  // namespace

KeepFreedMemory::KeepFreedMemory(std::chrono::milliseconds keep)
    : previous_ms_(set_dirty_decay(keep.count())), keep_ms_(keep.count()) {}

KeepFreedMemory::~KeepFreedMemory() {
    if (!previous_ms_ || exiting_when_done()) return;
    set_dirty_decay(*previous_ms_);
    // What was kept goes back now rather than over the next decay period, which would overlap
    // the start of the work that follows; not when an enclosing keep (as long or longer, or
    // for ever: -1) still wants it kept.
    const bool shorter = *previous_ms_ >= 0 && *previous_ms_ < keep_ms_;
    if (const Mallctl ctl = mallctl(); ctl && shorter) ctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096: every arena
}

void allow_huge_pages(bool allow) {
#if defined(__linux__)
    prctl(PR_SET_THP_DISABLE, allow ? 0 : 1, 0, 0, 0);
#else
    (void)allow;
#endif
}

namespace {
std::atomic<bool> exit_when_done_ = false;
}  // namespace

void exit_when_done() { exit_when_done_ = true; }
bool exiting_when_done() { return exit_when_done_.load(std::memory_order_relaxed); }

void leave_to_exit(std::shared_ptr<void> held) {
    // Never freed, and reachable from here to the end, so leak checkers count it as in use.
    static auto* const left = new std::vector<std::shared_ptr<void>>();
    static std::mutex mu;
    std::lock_guard lock(mu);
    left->push_back(std::move(held));
}

}  // namespace sprout::util
