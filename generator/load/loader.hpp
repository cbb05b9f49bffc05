#pragma once
// Reading a toolkit from disk: finding its folders, parsing every record file with source
// positions, and mapping checked records into the typed model.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <unordered_set>
#include <vector>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "schema/schema.hpp"

namespace sprout::load {

// Where a toolkit's parts are. Paths in diagnostics are shown as `display/...`.
struct Toolkit {
    std::string root;         // folder holding content/, templates/, themes/
    std::string content_dir;  // root/content, or the folder given if it is itself a content folder
    std::string display;      // content_dir as the user should see it in messages
};

// Accepts a toolkit folder (with content/ inside) or a content folder itself.
// On failure returns nullopt and sets `error` to a one-line reason.
std::optional<Toolkit> locate(const std::string& dir, std::string& error);

// One parsed record file, not yet validated against the schema.
struct RawRecord {
    const schema::KindSpec* kind = nullptr;
    std::string id;
    std::string path;     // display path
    toml::table table;    // front matter for pages
    std::string body;     // Markdown body of pages
    std::uint32_t body_line = 1;
    bool parsed = true;   // false: the file exists but could not be read or parsed (already reported)
    // The file as read (absolute and normal) and util::content_hash of its bytes (unset when it
    // could not be read): a full build's cache records it rather than reading every content file
    // a second time.
    std::string file;
    std::optional<std::uint64_t> bytes_hash;
};

// Reads every record under the content folder. Syntax errors, unreadable files, stray files,
// bad ids and files that escape the folder become diagnostics. Records that failed to parse
// are returned with parsed = false, so references to them do not cascade into more errors.
std::vector<RawRecord> read_tree(const Toolkit& tk, Diagnostics& diags);

// read_tree, calling `each` on every record as soon as it is parsed, on the thread that parsed
// it (several at once), with the record's own diagnostics: the check validates each record
// and turns it into the model there, and frees its TOML, so the parsed TOML of the whole
// toolkit is never held at once (docs/PERFORMANCE.md).
// `known`, when given, is asked first about each record file (with kind, id, path and file
// set): returning true means the caller already holds what reading it would find (`sprout
// serve`'s check memo, for a file whose bytes did not change) and has filled in `parsed`,
// `bytes_hash` and the file's diagnostics itself; the file is then neither read nor parsed, and
// `each` is not called for it.
using Known = std::function<bool(RawRecord&, Diagnostics&)>;
std::vector<RawRecord> read_records(const Toolkit& tk, Diagnostics& diags,
                                    const std::function<void(RawRecord&, Diagnostics&)>& each, const Known& known = {});

// A record file found by listing the content folder, to be read and parsed.
struct RecordFile {
    std::string file;  // absolute and normal, as build::scan_inputs names inputs
    std::string display;
    const schema::KindSpec* kind = nullptr;
    std::string id;
    bool symlink = false;  // from the listing, which knows it without asking the file system
};
// Every record file under the content folder, in listing order, and what listing them found
// wrong (stray files, sub-folders, bad names), as read_records reports it.
struct Listing {
    std::vector<RecordFile> files;
    Diagnostics diags;
    bool through_links = false;  // some record or kind folder is a symbolic link
};
Listing list_records(const Toolkit& tk);
// read_records over a listing made earlier: `sprout serve` keeps its last one while its watcher
// sees no file added or removed (listing 27,000 files was a tenth of a rebuild at N = 10,000).
std::vector<RawRecord> read_records(const Toolkit& tk, const Listing& listing, Diagnostics& diags,
                                    const std::function<void(RawRecord&, Diagnostics&)>& each, const Known& known = {});

// Parses one record's text (used by read_tree and by the fuzzers). Returns false on a
// diagnostic already reported.
bool parse_record(std::string_view text, const std::string& path, const schema::KindSpec& kind, RawRecord& out,
                  Diagnostics& diags);

// Adds one record to the model (in any order: finish_model sorts), then frees its parsed TOML
// and body, keeping kind, id and path. Call only on a record that checked without errors.
void add_to_model(model::Model& m, RawRecord& r);
// Frees a record's parsed TOML and body, keeping kind, id and path (when it goes into no model).
void free_parsed(RawRecord& r);
// The records whose files (display paths, as RawRecord::path) are in `files` taken out of
// `m`, every record of `records` moved in (its site too when `with_site`: site.toml was read
// into it), and the model put in order again: a model patched with what changed in some files.
void replace_records(model::Model& m, const std::unordered_set<std::string>& files, model::Model&& records, bool with_site);
// A model of copies of the records whose files are in `files` (without the site).
model::Model copy_records(const model::Model& m, const std::unordered_set<std::string>& files);
// Puts every kind of record in id order, once all are added.
void finish_model(model::Model& m);

// Maps checked records to the typed model. Call only when checking found no errors.
// Frees each record's parsed TOML and body once it is in the model (keeping kind, id and path):
// the parsed TOML is several times the size of the text, and holding all of it beside the
// finished model was the peak of checking a large toolkit.
model::Model to_model(std::vector<RawRecord>& records);

// Position of a TOML node as a SourcePos in `path` (1:1 when the node has none).
SourcePos pos_of(const toml::node& n, const std::string& path);
SourcePos pos_of(const toml::key& k, const std::string& path);

}  // namespace sprout::load
