#pragma once
// Checking: every rule the content must satisfy, reported all at once with positions.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
// sorted): an incremental build uses it to find the pages that show a changed record. The lists
// are shared: `sprout serve` keeps each record's from one check to the next.
using References = std::map<std::string, std::shared_ptr<const std::vector<std::string>>>;
void check_records(const std::vector<load::RawRecord>& records, Diagnostics& diags, References* references = nullptr);

// Everything `sprout check` and `sprout build` do before rendering.
struct Result {
    Diagnostics diags;
    std::vector<load::RawRecord> records;
    References references;
    // Set when there are no errors (nor warnings under strict) and wanted. Shared: with a Memo
    // the memo keeps it for the next check.
    std::shared_ptr<const model::Model> model;
    bool ok(const Options& o) const {
        return diags.error_count() == 0 && (!o.strict || diags.warning_count() == 0);
    }
};
// What checking each record file found, kept by `sprout serve` from one build to the next, so
// that a save reads and checks again only the files whose bytes changed: at N = 10,000 reading
// and parsing the 27,000 unchanged files was most of a one-record edit (docs/PERFORMANCE.md).
// It holds each file's diagnostics and what the checks across records need from it, and the
// model, into which only changed records are put again; the checks across records always run
// on everything.
// One memo serves runs with the same Options.
class Memo {
public:
    Memo();
    ~Memo();
    Memo(const Memo&) = delete;
    Memo& operator=(const Memo&) = delete;

    // Before each run: the hash (util::content_hash) of each input's bytes by absolute path, as
    // this build's scan found them. A file is taken from the memo only when its hash here is
    // the one it was checked with; any other file is read and checked.
    void expect(std::unordered_map<std::string, std::uint64_t> hashes);
    // Instead of expect: no file was added or removed since the last run, and only the files in
    // `changed` (their hashes as there) may have changed, as the caller's file watcher says. The
    // last run's listing still holds and every other file is taken as that run read it: at
    // N = 10,000, hashing and looking up 27,000 paths was a twentieth of a rebuild.
    void expect_only(std::unordered_map<std::string, std::uint64_t> changed);
    // How many record files the last run took from the memo instead of reading them.
    std::size_t reused() const;

    // The memo kept in a file from one process to the next (`sprout build` keeps it beside its
    // cache): reading and parsing every record file again was most of a one-record edit's
    // `sprout build` at N = 10,000. `key` names everything besides a file's bytes that what
    // checking it found depends on: the binary, and the toolkit's folder as messages show it.
    // load replaces what the memo holds; it returns false, leaving the memo empty, when the file
    // is missing, was saved under another key or is not whole. save returns false when the file
    // cannot be written (a memo is only ever a shortcut: the next check reads every file).
    // `stop`, when set, makes load give up (returning false) within a few milliseconds.
    bool load(const std::string& file, std::string_view key, const std::atomic<bool>* stop = nullptr);
    bool save(const std::string& file, std::string_view key);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend Result run(const load::Toolkit&, const Options&, Memo*);
};

Result run(const load::Toolkit& tk, const Options& opts, Memo* memo = nullptr);

}  // namespace sprout::check
