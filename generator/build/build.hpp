#pragma once
// `sprout build`: check, render the website and the briefs into a staging folder, then swap
// it into place. A failure at any step leaves the previous output untouched.
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "brief/briefs.hpp"
#include "build/cache.hpp"
#include "check/checker.hpp"
#include "load/loader.hpp"
#include "web/page_meta.hpp"

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
    // With a Session: the pages first. Briefs, data exports, the search index, sitemap and
    // feed that would be written again are left as the previous build wrote them, for
    // write_pending once the pages are up (`sprout serve`, so that a save shows in the preview
    // without waiting for every brief's PDF and tens of megabytes of exports). Not with a
    // previous edition, nor when there is no previous site.
    bool site_first = false;
    // Move only the files a build wrote into the output folder, rather than swapping in a whole
    // new folder (output::Commit::InPlace): for `sprout serve`, whose preview folder is its
    // own. A build killed midway can leave a mix of two builds there; the next build, finding
    // no cache, writes every file again.
    bool update_in_place = false;
};

// Where `sprout build` writes when no output folder is given: `site/` in the toolkit.
std::string default_out_dir(const load::Toolkit& tk);

// The check `sprout build` runs, for a command that needs the checked model but builds
// nothing (`sprout brief`): through the check memo the last build of `out_dir` left beside its
// cache, when both are there and readable, so that content files unchanged since that build are
// looked at (size and mtime) but not read and parsed again; otherwise the whole check. Reads
// the cache and the memo, never writes them.
check::Result check_as_built(const load::Toolkit& tk, const check::Options& o, const std::string& out_dir);

// Everything a build reads besides the sprout binary itself (which is in the cache key): the
// content, and the toolkit's own templates and themes.
std::vector<std::filesystem::path> input_roots(const load::Toolkit& tk);

// What one process keeps from a build for the next (`sprout serve` rebuilds on every save):
// each record file's check, so that only the files that changed are read and checked again,
// and the cache the build wrote, so that it is not read back from its file (at N = 10,000 the
// two were most of a one-record edit: docs/PERFORMANCE.md).
struct Session {
    Session() = default;
    ~Session();  // waits for the cache file
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    check::Memo checked;
    std::optional<Manifest> manifest;  // as written to the cache file
    bool checked_manifest_inputs = false;  // `checked` last ran on the inputs `manifest` records
    std::optional<FileStamp> written;  // that file just after: another writer would change it
    // Set by a caller whose file watcher tells the session of every change to the inputs
    // (`sprout serve`, through inputs_changed and inputs_unknown).
    bool watched = false;
    // With `watched`: the inputs that may have changed since the build that made `manifest`.
    // A build looks at only those, not at all of the 27,000 inputs at N = 10,000 (0.12 s).
    // nullopt: not known, and every input is looked at, as it is whenever the cache was read
    // back from its file.
    std::optional<std::set<std::string>> changed_inputs;
    void inputs_changed(const std::vector<std::string>& files);  // adds to changed_inputs
    void inputs_unknown() { changed_inputs.reset(); }

    // Writes `manifest` to the cache file once the site is in place, so that the preview
    // reloads without waiting for it (0.12 s of a rebuild at N = 10,000). Every build through
    // the session waits for it first; so should anything else that reads the file meanwhile.
    std::thread saving;
    std::optional<StoredText> stored;  // where that save put the pages' search text
    void wait_for_cache();
    // Left by a build with Options::site_first: the model to write the rest from, how much of
    // the previous briefs that build would have kept, and the other files it left.
    struct Pending {
        std::shared_ptr<const model::Model> model;
        brief::Keep keep = brief::Keep::Nothing;
        web::Deferred later;
    };
    std::optional<Pending> pending;
};

// Returns the process exit code (0 ok, 1 content or build error). `session`, when given, is
// used and updated; every build through it must have the same Options.
int run(const load::Toolkit& tk, const Options& o, std::ostream& log, Session* session = nullptr);

// Writes what a build with Options::site_first left for later, and puts the site with it in
// place as a build does (a no-op when nothing is pending). Returns 0, or 1 with the reason in
// `log` (the site then keeps the previous files, and the next build writes them).
int write_pending(const load::Toolkit& tk, const Options& o, std::ostream& log, Session& session);

}  // namespace sprout::build
