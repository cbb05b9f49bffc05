// toml++'s implementation compiled into the fuzz targets, so the parser is instrumented (and
// fuzzed) along with Sprout's code; its definitions take precedence over the shared library's.
//
// Its internal assertions are off, as in Debian's build of the library that Sprout links
// (built with NDEBUG by GCC, where they compile to nothing). Some are stricter than the code
// they guard: toml++ 3.3.0 asserts in parse_key() on a table header such as "[{x]]", which the
// release library reports as a syntax error (tests/fuzz/regressions/load_check/toml-assert-*).
#define TOML_ASSERT(expr) static_assert(true)
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
