#pragma once
// `sprout build`: check, render the website and the briefs into a staging folder, then swap
// it into place. A failure at any step leaves the previous output untouched.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "load/loader.hpp"

namespace sprout::build {

struct Options {
    std::string out_dir;  // destination folder (replaced as a whole)
    bool strict = false;
    bool quiet = false;
    // Use and keep the incremental cache beside the output (build/cache.hpp). Off: a clean
    // build that ignores the cache and still writes a fresh one.
    bool incremental = true;
    // A git revision to publish the changes since, instead of site.toml's previous_edition.
    std::string since;
};

// Everything a build reads besides the sprout binary itself (which is in the cache key): the
// content, and the toolkit's own templates and themes.
std::vector<std::filesystem::path> input_roots(const load::Toolkit& tk);

// Returns the process exit code (0 ok, 1 content or build error).
int run(const load::Toolkit& tk, const Options& o, std::ostream& log);

}  // namespace sprout::build
