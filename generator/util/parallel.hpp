#pragma once
// Running independent pieces of work on every core: a small work-sharing loop, no queue of
// std::function objects, so the per-item cost is one atomic increment.
#include <cstddef>
#include <functional>

namespace sprout::util {

// Number of worker threads to use: $SPROUT_JOBS when set to a positive number, else the
// number of cores.
unsigned default_jobs();

// Calls fn(i) for every i in [0, n), spread over up to `jobs` threads (0: default_jobs()),
// including the calling thread. Returns when all calls have finished. If any call throws,
// the remaining items are skipped and the exception of the lowest failing index is rethrown,
// so the error reported does not depend on thread timing.
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn, unsigned jobs = 0);

}  // namespace sprout::util
