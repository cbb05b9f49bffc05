#pragma once
// `sprout build`: check, render the website and the briefs into a staging folder, then swap
// it into place. A failure at any step leaves the previous output untouched.
#include <iosfwd>
#include <string>

#include "load/loader.hpp"

namespace sprout::build {

struct Options {
    std::string out_dir;  // destination folder (replaced as a whole)
    bool strict = false;
    bool quiet = false;
};

// Returns the process exit code (0 ok, 1 content or build error).
int run(const load::Toolkit& tk, const Options& o, std::ostream& log);

}  // namespace sprout::build
