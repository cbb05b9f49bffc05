#pragma once
// The incremental build cache. Each build records, in a file beside the site
// (`.<site>.sprout-cache`), what it read (every input file with size, mtime and content hash),
// what it printed about the content, and what it wrote (output::Digests). The next build:
//  - hashes again only the input files whose size or mtime changed, as git's index does;
//  - when no input changed and the site is still as written, does nothing (a no-op rebuild);
//  - otherwise builds, hard-linking every output whose bytes did not change from the previous
//    site into the staging folder (output::Staging::reuse_from), so the atomic swap stays.
// The cache is only ever an optimisation: a missing or unreadable one means a full build.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/checker.hpp"
#include "output/staging.hpp"
#include "load/loader.hpp"
#include "web/export_layout.hpp"
#include "web/own_page_fields.hpp"
#include "web/page_meta.hpp"

namespace sprout::build {

struct InputFile {
    std::string path;  // absolute
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t hash = 0;
    // A symbolic link: its target can change without a file watcher seeing it, so
    // rescan_inputs always looks at it again. Known from a scan only (not kept in the file).
    bool link = false;
    bool operator==(const InputFile&) const = default;
};

class CacheLines;  // the cache file, read a block at a time (cache.cpp)

struct Manifest {
    std::string key;                // what else decides the output: sprout binary, options
    std::int64_t scanned_at_ns = 0;  // when the inputs were scanned (see scan_inputs)
    std::vector<InputFile> inputs;  // sorted by path
    std::string log;                // diagnostics the build printed, replayed by a no-op
    output::Digests outputs;        // what the build wrote
    // For the next incremental build: every page with the metadata the search index, sitemap
    // and feed need (so a page kept unrendered still has its entry), and which records each
    // record refers to (so the pages that show a changed record, as it was, are found).
    std::vector<web::WrittenPage> pages;
    check::References references;
    // What each intervention and example shows beyond its own page, hashed, so that an edit
    // that changed only its own page's fields is known as one (web/own_page_fields.hpp).
    web::ShownElsewhere shown_elsewhere;
    // Where each record is in each data export the site holds, so the next edit copies the
    // unchanged records' bytes (web/export_layout.hpp).
    web::ExportLayouts exports;
    // A build's own references, already in the file's form (encode_references): the map is 14 MB
    // at N = 10,000, and it would otherwise be held through rendering only to be written at the
    // end. Written instead of `references` when set.
    std::string encoded_references;
    // Until read_pages: the cache file, open where its pages' section starts.
    std::shared_ptr<CacheLines> unread;
    std::filesystem::path file;  // the cache file it was read from, if any
    // The file beside the cache holding the pages' search text (`<cache>.text`) and its id,
    // once read_pages has opened it: save_manifest adds only the texts it does not hold.
    std::shared_ptr<web::TextSpill> text;
    std::uint64_t text_id = 0;
};

// Where save_manifest put each page's search text, in the order of the manifest's pages.
struct StoredText {
    std::shared_ptr<web::TextSpill> file;
    std::uint64_t id = 0;
    std::vector<web::TextSpill::Ref> refs;
};

// Enough of a file's status to tell that it is still the same file as written.
struct FileStamp {
    std::uint64_t size = 0, inode = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> stamp_of(const std::filesystem::path& file);

// Where the cache of the site at `out_dir` lives.
std::filesystem::path cache_path(const std::filesystem::path& out_dir);
// Where the check's memo (check::Memo::save) lives beside it, and the key it is saved under.
std::string check_memo_path(const std::filesystem::path& out_dir);
std::string check_memo_key(const load::Toolkit& tk);
// Where a build leaves the site it replaced for the next one to start from (output::Staging's
// spare), its record file beside it.
std::filesystem::path spare_path(const std::filesystem::path& out_dir);

// nullopt when there is no cache or it cannot be read (then the build is a full one).
// Reads what tells a no-op rebuild (key, inputs, outputs, log); the pages' metadata and the
// references are most of the file and only an edit needs them: read_pages parses them.
std::optional<Manifest> load_manifest(const std::filesystem::path& file);
// Fills `m.pages`, `m.shown_elsewhere`, `m.exports` and `m.references` from the rest of its file. False when that part cannot
// be read (then treat the cache as missing).
bool read_pages(Manifest& m);
// `refs` as save_manifest writes them.
std::string encode_references(const check::References& refs);
// Written to a temporary file and renamed, so a reader never sees half a manifest.
// `key_mark` is added to the key written (the manifest's own is unchanged). The pages' search
// text goes into the text file beside it (see Manifest::text); `stored`, when given, says where.
void save_manifest(const std::filesystem::path& file, const Manifest& m, std::string_view key_mark = {},
                   StoredText* stored = nullptr);
// For a manifest kept in memory for the next build once save_manifest has put it in a file:
// its pages' search text is then read from the cache's text file, where the next save finds it.
void adopt_stored_text(Manifest& m, StoredText&& stored);

// Whether the input hashes in `m` are of this binary's making, so that a scan may take them for
// files unchanged since. Another version may hash bytes another way (this one's XXH3 replaced
// std::hash): taken from its cache, unchanged files kept hashes that no file read now ever
// matched, and every later edit read every record again.
bool hashes_reusable(const Manifest& m);

// Every regular file under `roots` (missing roots are skipped), sorted by path. Files whose size
// and mtime match `previous` (when its hashes are reusable) keep its hash without being read,
// unless they were modified so close to the previous scan that a later change could share their
// mtime ("racily clean").
// With `unhashed` and no such `previous`, the files keep hash 0 and their indexes go there, for
// complete_hashes once the check has read the content (a build without a cache then reads each
// file once); with one, the few files that need a hash are hashed now, so that a file touched
// but unchanged still makes a no-op.
std::vector<InputFile> scan_inputs(const std::vector<std::filesystem::path>& roots, const Manifest* previous,
                                   std::int64_t& scanned_at_ns, std::vector<std::size_t>* unhashed = nullptr);
// scan_inputs for a caller that knows which files may have changed since `previous` was
// scanned (a file watcher): the others keep their entries, unlooked at; each of `changed`
// (paths as scan_inputs makes them) is looked at and hashed again, or dropped if it is no
// longer a regular file under the inputs' folders.
std::vector<InputFile> rescan_inputs(const Manifest& previous, const std::set<std::string>& changed,
                                     std::int64_t& scanned_at_ns);
// Hashes files[i] for each i in `unhashed`: from `known` (absolute path -> util::content_hash of
// the bytes already read) where it is there, else by reading the file.
void complete_hashes(std::vector<InputFile>& files, const std::vector<std::size_t>& unhashed,
                     const std::unordered_map<std::string, std::uint64_t>& known);

// The hash of the content file each record was read from, by its path (model::Record::pos),
// from `inputs` (which must outlive what is returned): what the data exports record.
web::RecordHash record_input_hashes(const load::Toolkit& tk, const std::vector<InputFile>& inputs);

// Whether the files at `dir` are still exactly the ones `outputs` lists (no file added by the
// build is missing or has another size or mtime).
bool site_intact(const std::filesystem::path& dir, const output::Digests& outputs);

// Identifies the running sprout binary (version, and size and mtime of the executable, so a
// rebuilt binary never trusts a cache made by another).
std::string binary_identity();

}  // namespace sprout::build
