#pragma once
// The fuzz targets' bodies, shared by the libFuzzer executables (tests/fuzz/fuzz_*.cpp, built
// with clang and SPROUT_FUZZ=ON) and the Catch2 test that replays the seed corpus and every
// regression input through them in ordinary builds (tests/unit/fuzz_replay_test.cpp).
//
// Each target returns normally on any input. A broken safety property (script in the HTML, a
// javascript: link...) throws Violation; a crash, leak or hang is caught by the sanitizers.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sprout::fuzz {

struct Violation : std::logic_error {
    using std::logic_error::logic_error;
};

// (1) First byte picks a record kind; the rest is the file's text: parse_record, then
// check_records on that one record, then (when it checks clean) to_model.
void load_check(const std::uint8_t* data, std::size_t size);
// (2) Markdown → safe HTML (block and inline) and plain text; the HTML must carry no script.
void markdown_html(const std::uint8_t* data, std::size_t size);
// (3) Markdown → brief document tree → HTML twin and PDF layout (pure computation).
void markdown_pdf(const std::uint8_t* data, std::size_t size);
// (4) First byte picks a page template; the rest is a hostile value put in every field of the
// context. The page may carry no more script, event handlers or script URLs than with a benign value.
void templates(const std::uint8_t* data, std::size_t size);
// (5) The bytes are a template's text (a toolkit's own templates are input too): parsing
// either succeeds or throws mustache::SyntaxError, and a parsed template renders against a
// context of every value type, the same way twice; text without tags renders as itself.
void mustache(const std::uint8_t* data, std::size_t size);
// (6) The bytes are what a check memo's file holds before its hash (check::Memo::save), the
// hash made right: load either refuses it or reads it, and what it read saves and reads back
// the same every time.
void memo_file(const std::uint8_t* data, std::size_t size);

struct Target {
    const char* name;  // also the folder under tests/fuzz/corpus and tests/fuzz/regressions
    void (*run)(const std::uint8_t*, std::size_t);
};
const std::vector<Target>& all_targets();

// What an HTML scan finds that content must never be able to add.
struct HtmlFindings {
    int script_elements = 0;    // <script>, <iframe>, <object>, <embed>, <base>, <frame>, <applet>
    int event_handlers = 0;     // attributes named on*
    int script_urls = 0;        // href/src/action/formaction/... values that are javascript:, vbscript: or data:
    std::vector<std::string> examples;  // the first few offending snippets, for messages
};
HtmlFindings scan_html(std::string_view html);

}  // namespace sprout::fuzz
