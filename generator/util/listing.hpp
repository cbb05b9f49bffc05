#pragma once
// One folder's entries, read with readdir: a toolkit of 10,000 records lists tens of thousands
// of files on every build, and std::filesystem's iterators built and split a path per entry
// (a tenth of a `sprout serve` rebuild at N = 10,000: docs/PERFORMANCE.md).
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

struct stat;

namespace sprout::util {

// A file's modification time in nanoseconds, from stat().
std::int64_t mtime_ns(const struct ::stat& st);

struct Entry {
    std::string name;
    bool is_dir = false;   // a folder, or a link to one
    bool is_link = false;  // a symbolic link
};

// The entries of `dir` except "." and "..", sorted by name. On failure, `ec` is set and the
// result is empty. An entry that vanishes while being listed is left out.
std::vector<Entry> list_folder(const std::string& dir, std::error_code& ec);

// A regular file (or a link to one) found by walk_files.
struct FoundFile {
    std::string path;  // `root` joined with the path below it
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    bool link = false;  // reached through a symbolic link
};

// The regular file at `path` (or a link to one) as walk_files would find it; nullopt when
// there is none (gone, a folder, a link to nothing).
std::optional<FoundFile> file_at(const std::string& path);

// Every regular file under `root` (folders are entered, links to folders are not), in no
// particular order. Unreadable folders are skipped.
std::vector<FoundFile> walk_files(const std::string& root);

}  // namespace sprout::util
