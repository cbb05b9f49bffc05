#pragma once
// Text a build holds for later but does not read until then: each page's search text, which
// the search index and the build cache need only once every page is rendered. Kept in a
// temporary file rather than in memory, it stays out of the peak of rendering (22 MB at
// N = 10,000; docs/PERFORMANCE.md).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sprout::web {

// An unnamed temporary file that texts are appended to and read back from. Appends are
// buffered a megabyte at a time; reads may come from any thread.
class TextSpill {
public:
    struct Ref {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
    };
    // nullptr when no temporary file can be made (then texts stay in memory).
    static std::shared_ptr<TextSpill> create();
    // A spill in a named file that outlives the build (the build cache's search text,
    // build/cache.hpp), starting with `header`. make_file creates or empties `path`;
    // open_file opens one that starts with `header` and holds at least `size` bytes, or gives
    // nullptr. Texts added go at the file's end.
    static std::shared_ptr<TextSpill> make_file(const std::string& path, std::string_view header);
    static std::shared_ptr<TextSpill> open_file(const std::string& path, std::string_view header, std::uint64_t size);
    ~TextSpill();
    TextSpill(const TextSpill&) = delete;
    TextSpill& operator=(const TextSpill&) = delete;

    // False when the file cannot be written; then the text was not taken.
    bool add(std::string_view text, Ref& ref);
    // The text at `ref`; throws std::runtime_error if the file cannot be read back.
    std::string read(Ref ref) const;
    // Stretches of spill files kept by a reader of many texts: texts added one after another are
    // then read a megabyte at a time, not with a call each (27,000 calls at N = 10,000). One
    // stretch per spill, for a few spills: after edits under `sprout serve` the pages' texts
    // are in the spills of several builds, interleaved. One per thread.
    struct Window {
        struct Stretch {
            const TextSpill* spill = nullptr;
            std::uint64_t start = 0;
            std::string data;
        };
        std::vector<Stretch> stretches;  // the most recently used last
        std::string single;              // a text still in a spill's buffer
    };
    // The text at `ref`, valid until `window` is used again.
    std::string_view read(Ref ref, Window& window) const;

    // For a named file that other processes may also add to: locks the file and moves to its
    // current end; end_adding writes what was added and unlocks. False on failure.
    bool begin_adding();
    bool end_adding();
    std::uint64_t size() const;  // bytes written and buffered
    bool same_file_as(const std::string& path) const;  // still the file at `path`, not one renamed over it

private:
    explicit TextSpill(int fd) : fd_(fd) {}
    bool flush_locked();

    int fd_;
    mutable std::mutex mu_;
    std::string buffer_;       // appended, not yet written; starts at `written_`
    std::uint64_t written_ = 0;
};

// A text kept in memory until spill_to moves it into a TextSpill.
class SpillableText {
public:
    SpillableText() = default;
    SpillableText(std::string text) : text_(std::move(text)) {}  // NOLINT: assigned like a string
    SpillableText& operator=(std::string text);

    std::string str() const;
    // The text without a copy when it is in memory; read through `window` when spilled (valid
    // until the window is used again).
    std::string_view view(TextSpill::Window& window) const;
    std::size_t size() const { return spill_ ? ref_.size : text_.size(); }
    // Moves the text into `spill` (nothing happens when `spill` is null or cannot take it).
    void spill_to(const std::shared_ptr<TextSpill>& spill);
    // A text already in `spill` at `ref`, whose content_hash is `hash`.
    SpillableText(std::shared_ptr<const TextSpill> spill, TextSpill::Ref ref, std::uint64_t hash)
        : spill_(std::move(spill)), ref_(ref), hash_(hash) {}
    // Where the text is when spilled (null when in memory), and its util::content_hash.
    const TextSpill* spill() const { return spill_.get(); }
    TextSpill::Ref ref() const { return ref_; }
    std::uint64_t hash() const;
    // Now to be read from `ref` in `spill`, which holds the same text.
    void moved_to(std::shared_ptr<const TextSpill> spill, TextSpill::Ref ref);
    // Same text, wherever each is kept (compared by size and hash once either is spilled).
    bool operator==(const SpillableText& other) const;

private:
    std::string text_;
    std::shared_ptr<const TextSpill> spill_;
    TextSpill::Ref ref_;
    std::uint64_t hash_ = 0;  // of the spilled text
};

}  // namespace sprout::web
