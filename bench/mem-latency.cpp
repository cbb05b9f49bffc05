// How long one dependent random read from memory takes as the memory read from grows: the
// machine's side of why a build of 100,000 records costs more than ten builds of 10,000
// (docs/PERFORMANCE.md, "Growth"). Not part of Sprout; build and run it by hand:
//
//   g++ -O2 -std=c++20 bench/mem-latency.cpp -o /tmp/mem-latency && /tmp/mem-latency
//
// Each size is one random cycle through an array of 8-byte slots, each holding the index of the
// next, so every read waits for the one before (as following pointers through a model does).
// The array is asked for transparent huge pages, as Sprout's allocator asks for its heap.
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <vector>

volatile std::uint64_t sink;

int main() {
    constexpr std::size_t kSteps = 4'000'000;
    std::printf("%10s  %s\n", "working set", "ns per dependent random read");
    for (const std::size_t mib : {8, 32, 128, 512, 2048}) {
        const std::size_t n = mib * 1024 * 1024 / sizeof(std::uint64_t);
        void* block = std::aligned_alloc(2 << 20, n * sizeof(std::uint64_t));
        if (!block) return 1;
        madvise(block, n * sizeof(std::uint64_t), MADV_HUGEPAGE);
        auto* next = static_cast<std::uint64_t*>(block);
        std::vector<std::uint64_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937_64(1));
        for (std::size_t i = 0; i < n; ++i) next[order[i]] = order[(i + 1) % n];
        std::uint64_t at = order[0];
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < kSteps; ++i) at = next[at];
        const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / kSteps;
        sink = at;  // so the reads are not optimised away
        std::printf("%7zu MiB  %.0f\n", mib, ns);
        std::free(block);
    }
}
