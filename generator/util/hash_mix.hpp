#pragma once
// The hashes the build's caches compare: of bytes, and of several values in a row.
#include <cstdint>
#include <string_view>

// Header-only, inlined: the build hashes every page context's strings one by one, most of them
// a few bytes long, as well as megabytes of files.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace sprout::util {

// A fast 64-bit hash of bytes; stable for a given build of sprout, which is all a cache needs.
// XXH3: over twice as fast as std::hash (MurmurHash2) on large inputs, where an edit rebuild
// hashes the 56 MB check memo and a full build every file it writes (docs/PERFORMANCE.md).
inline std::uint64_t content_hash(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

// One step of a running 64-bit hash: `v` folded into `h` through splitmix64's finaliser. Each
// step is a bijection of h, so different inputs stay apart as well as one 64-bit hash of all
// their bytes would keep them.
inline std::uint64_t hash_mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

// A random, nonzero 64-bit id: what a cache file names the file beside it by, so that the two
// are known to belong together.
std::uint64_t random_id();

}  // namespace sprout::util
