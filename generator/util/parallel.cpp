#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sprout::util {

unsigned default_jobs() {
    if (const char* env = std::getenv("SPROUT_JOBS")) {
        const int n = std::atoi(env);
        if (n > 0) return static_cast<unsigned>(n);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn, unsigned jobs) {
    if (n == 0) return;
    const std::size_t threads = std::min<std::size_t>(jobs ? jobs : default_jobs(), n);
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mu;
    std::size_t error_index = n;
    std::exception_ptr error;
    auto work = [&] {
        for (std::size_t i = next.fetch_add(1); i < n && !failed.load(std::memory_order_relaxed); i = next.fetch_add(1)) {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard lock(mu);
                if (i < error_index) {
                    error_index = i;
                    error = std::current_exception();
                }
                failed = true;
            }
        }
    };
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    pool.clear();  // joins
    if (error) std::rethrow_exception(error);
}

}  // namespace sprout::util
