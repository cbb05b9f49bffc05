#pragma once
// Small text helpers shared by the loader, checker and renderers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sprout::text {

// Edit distance between two strings (Levenshtein, byte-wise).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

bool is_blank(std::string_view s);
std::string_view trim(std::string_view s);
bool is_valid_utf8(std::string_view s);
// `s` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);
std::string to_lower(std::string_view s);
// Appends `s` as a quoted JSON string, escaped exactly as nlohmann::json's dump() escapes it
// (UTF-8 kept as it is). `s` must be valid UTF-8.
void append_json_string(std::string& out, std::string_view s);

// `s` cut to at most `max` bytes at a character boundary, with "…" when cut: for quoting
// content in diagnostics, which must stay one readable line however long the value is.
std::string excerpt(std::string_view s, std::size_t max = 80);

// Reads a whole file; nullopt if it cannot be read.
std::optional<std::string> read_file(const std::string& path);
// Reads a file that must be a regular file of at most `max_bytes`, with one open and one fstat
// (a FIFO is opened without blocking and refused). `data` is set only on success.
struct RegularFile {
    enum class Status { Ok, NotRegular, TooLarge, Unreadable } status = Status::Unreadable;
    std::uint64_t size = 0;
    std::optional<std::string> data;
};
RegularFile read_regular_file(const std::string& path, std::uint64_t max_bytes);
// Writes all of `data` to the open file `fd`, through short writes and interruptions; false
// (with errno set) when it cannot.
bool write_all(int fd, std::string_view data);
// Reads up to `n` bytes of the open file `fd` from `offset` into `into`, through short reads
// and interruptions; returns how many it read, fewer at the end of the file or on an error
// (errno set).
std::size_t read_at(int fd, std::uint64_t offset, char* into, std::size_t n);

// Joins items with a separator.
std::string join(const std::vector<std::string>& items, std::string_view sep);
// Lower-case ASCII letters and digits of `text` joined by single '-', for ids and file names;
// `fallback` when nothing is left.
std::string slug(std::string_view text, std::string_view fallback);

}  // namespace sprout::text
