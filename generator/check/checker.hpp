#pragma once
// Checking: every rule the content must satisfy, reported all at once with positions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"
#include "load/loader.hpp"

namespace sprout::check {

struct Options {
    bool strict = false;      // warnings count as errors
    bool want_model = true;   // false: only report (`sprout check`), skipping the typed model
};

// Validates each record against its kind's schema and the records against each other:
// types, required fields, enumerations, unknown keys, ids, references, levels on scales,
// ranges, dates, URLs, empty text, duplicates.
// `references`, when given, receives which records each record refers to ("folder/id" keys,
// sorted): an incremental build uses it to find the pages that show a changed record.
using References = std::map<std::string, std::vector<std::string>>;
void check_records(const std::vector<load::RawRecord>& records, Diagnostics& diags, References* references = nullptr);

// Everything `sprout check` and `sprout build` do before rendering.
struct Result {
    Diagnostics diags;
    std::vector<load::RawRecord> records;
    References references;
    std::optional<model::Model> model;  // set when there are no errors (nor warnings under strict) and wanted
    bool ok(const Options& o) const {
        return diags.error_count() == 0 && (!o.strict || diags.warning_count() == 0);
    }
};
Result run(const load::Toolkit& tk, const Options& opts);

}  // namespace sprout::check
