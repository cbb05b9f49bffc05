// Replays the fuzz corpus (tests/fuzz/corpus/<target>/) and every input that once crashed, leaked,
// hung or broke a safety property (tests/fuzz/regressions/<target>/) through the same entry
// functions the libFuzzer targets call, so they run in every build, with g++ and under ASan.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "../fuzz/targets.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;

namespace {

std::vector<fs::path> inputs_in(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && it->path().filename() != "README.md") out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

void replay(const char* folder, std::size_t minimum) {
    const fs::path root = fs::path(SPROUT_SOURCE_DIR) / "tests/fuzz" / folder;
    std::size_t total = 0;
    for (const auto& t : fuzz::all_targets()) {
        for (const auto& input : inputs_in(root / t.name)) {
            const std::string data = test::read(input);
            INFO(t.name << ": " << input.string());
            const auto t0 = std::chrono::steady_clock::now();
            CHECK_NOTHROW(t.run(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
            // The fuzzers call anything over 5 s a hang; allow for sanitizers and a busy machine.
            CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
            ++total;
        }
    }
    CHECK(total >= minimum);
}

}  // namespace

TEST_CASE("the fuzz corpus replays cleanly", "[fuzz]") { replay("corpus", 200); }

TEST_CASE("every fuzz regression input replays cleanly", "[fuzz]") { replay("regressions", 0); }

TEST_CASE("the HTML scanner used by the fuzzers finds script", "[fuzz][security]") {
    using fuzz::scan_html;
    CHECK(scan_html("<p>plain &lt;script&gt;</p><a href=\"https://x\">x</a>").script_elements == 0);
    CHECK(scan_html("<p>x</p><SCRIPT>alert(1)</SCRIPT>").script_elements == 1);
    CHECK(scan_html("<img src=x onerror=alert(1)>").event_handlers == 1);
    CHECK(scan_html("<a href=\"java&#115;cript:alert(1)\">x</a>").script_urls == 1);
    CHECK(scan_html("<a href=' JAVASCRIPT:alert(1)'>x</a>").script_urls == 1);
    CHECK(scan_html("<img src=\"data:image/svg+xml,x\">").script_urls == 1);
    CHECK(scan_html("<a title=\"onclick=x\" href=\"/ok\">x</a>").event_handlers == 0);
    CHECK(scan_html("<!-- <script> --><p>ok</p>").script_elements == 0);
    CHECK(scan_html("<title><script></title>").script_elements == 0);  // raw text, not a tag
    CHECK(scan_html("<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">").script_urls == 1);
}
