#pragma once
// Writes a build into a staging folder beside the destination and swaps it into place only
// when everything succeeded, so a failed or killed build never leaves a half-written site.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>


namespace sprout::output {

// What a build wrote at one path: enough to tell, without reading it, whether the file in the
// previous site is the one a new build would write.
struct FileDigest {
    std::uint64_t hash = 0;  // of the bytes (see file_hash)
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;  // of the file as written, to notice later edits by hand
    bool operator==(const FileDigest&) const = default;
};
using Digests = std::unordered_map<std::string, FileDigest>;  // site-relative path → digest

// The hash a FileDigest records: the same whether the file was written whole (Staging::write)
// or in pieces (Staging::Stream), because both hash it in blocks of kFileHashBlock bytes;
// unless part of it was copied from another file (Stream::copy_from), when it names that file
// and range instead.
inline constexpr std::size_t kFileHashBlock = 64 * 1024;
std::uint64_t file_hash(std::string_view data);

// How a build's files take the destination's place.
enum class Commit {
    // The whole staged site replaces the destination in one rename: no reader ever sees a mix
    // of two builds. Kept files are hard-linked into the staging folder first, unless the
    // staging folder is the spare the last build left (see Staging's constructor), in which
    // most of them already are.
    Swap,
    // Only the files this build wrote are moved into the destination, one rename each, and the
    // files it no longer makes are removed; kept files are not touched. For `sprout serve`'s
    // rebuilds of its own preview: at N = 10,000 linking every kept file and removing the old
    // tree were a third of the work of a one-record edit. A build killed midway can leave a mix
    // of the two builds, so the cache is removed first and the next build writes every file.
    // Swap is used instead when there is no previous build to update.
    InPlace,
};

class Staging {
public:
    // Creates a fresh staging folder next to `destination` (same file system, so moving files
    // into place is a rename).
    //
    // `spare`, when given (a path beside the destination, with a record file at `spare` +
    // ".list"), is where a Swap leaves the site it replaced, instead of removing it: pruned, on
    // a thread, to the files the new site kept from it (hard links to the very same files), and
    // stamped with a fingerprint of the new site's record. The next Swap whose reuse_from gets
    // that same record takes the spare as its staging folder, so the files it keeps are in
    // place without a link each; only those the last build wrote are linked. At N = 10,000
    // linking 27,000 kept pages and unlinking the old site's were about 0.65 s of CPU in a
    // one-record edit. The spare costs no disk beyond its folders: its files are the site's.
    explicit Staging(std::filesystem::path destination, Commit how = Commit::Swap, std::filesystem::path spare = {});
    ~Staging();  // removes the staging folder unless committed
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    // Writes `data` to `relative` (a '/'-separated path inside the site). Throws std::runtime_error
    // naming the file on failure (e.g. a full disk). Rejects paths that would leave the folder.
    // Safe to call from several threads at once (for different paths).
    void write(std::string_view relative, std::string_view data) const;

    // A file written piece by piece, for outputs of tens of megabytes (data exports, the search
    // index) that should never be held whole in memory. Pieces are buffered and written a
    // block at a time; close() finishes the file and records it as write() does. Throws
    // std::runtime_error naming the file on failure. One thread per stream; several streams
    // may be open at once.
    class Stream {
    public:
        Stream(Stream&& other) noexcept;
        Stream(const Stream&) = delete;
        Stream& operator=(const Stream&) = delete;
        ~Stream();  // without close(): the file is left incomplete in the staging folder, unrecorded
        void append(std::string_view piece);
        // Appends bytes [from, to) of the open file `source`, a previous build's file whose
        // recorded hash is `source_hash`, copied by the kernel without passing through this
        // process (an edit's data exports and search index are 100 MB of such ranges at
        // N = 10,000). The digest then names the source and range rather than hashing the
        // bytes, so it differs from that of the same bytes appended: a later build may write
        // such a file again where it could have kept it, never keep one it should write.
        // Returns how many bytes were copied: fewer when `source` ends before `to`.
        std::uint64_t copy_from(int source, std::uint64_t from, std::uint64_t to, std::uint64_t source_hash);
        FileDigest close();  // as recorded
        std::uint64_t size() const { return size_ + block_.size(); }  // bytes appended so far

    private:
        friend class Staging;
        Stream(const Staging& owner, std::string relative);
        void flush_block();
        const Staging& owner_;
        std::string relative_;
        int fd_ = -1;
        std::string block_;
        std::uint64_t hash_;
        std::uint64_t size_ = 0;
    };
    Stream open(std::string_view relative) const;

    // Incremental builds: `previous` is what the build that made the current destination wrote.
    // Call before anything is written (a spare is only taken up then). From then on, a write whose bytes match the digest recorded for its path, where the
    // destination's file is still the one recorded (same size and mtime), hard-links that file
    // into the staging folder instead of writing it again. Output is byte-identical either way.
    void reuse_from(Digests previous);
    // Whether the previous build's file at `relative` (a path reuse_from listed) is still there
    // as that build wrote it, so that link_kept can keep it without the caller producing its
    // bytes. False when it is gone or was changed by hand since; then the caller must write it.
    bool unchanged_since(const std::string& relative) const;
    // The same, giving the previous build's record of the file (null for false) for link_kept:
    // keeping 27,000 pages looked each up three times.
    const FileDigest* unchanged_record(const std::string& relative) const;
    // Puts the previous build's file at `relative` in the staging folder unchanged: a hard link,
    // or a copy where no link can be made. Call after unchanged_since said yes; safe from any
    // thread. Throws std::runtime_error naming the file when it can do neither.
    void link_kept(const std::string& relative) const;
    void link_kept(const std::string& relative, const FileDigest& recorded) const;  // as unchanged_record gave it
    // Many at once (an edit's kept pages): those already in place are recorded under one lock,
    // without the folder checks a link needs.
    void link_kept(const std::vector<std::pair<std::string, const FileDigest*>>& files) const;
    // Both at once: false (nothing done) when the file cannot be kept.
    bool keep(const std::string& relative) const;
    // The previous build's file at `relative` opened for reading, when it is still as that build
    // wrote it (its record in `recorded`): for an output made partly of the previous one's bytes.
    // -1 when it cannot be; the caller closes what it gets.
    int open_unchanged(const std::string& relative, FileDigest& recorded) const;
    // Whether the previous build wrote exactly `data` at `relative` (by its recorded digest).
    bool matches_previous(const std::string& relative, std::string_view data) const;
    // Every file written so far with its digest (to record for the next build), and how many
    // of them were linked from the previous site.
    Digests digests() const;
    std::size_t reused() const;
    // Whether this build started from the spare the last one left (see the constructor), and
    // how many of the reused files it found there, needing no link.
    bool recycled() const { return recycled_; }
    std::size_t already_in_place() const;
    // digests(), moved out rather than copied, once committed (27,000 entries at N = 10,000).
    Digests take_digests();

    const std::filesystem::path& dir() const { return staging_; }
    const std::filesystem::path& destination() const { return destination_; }
    // Where the file this build has at `relative` can be read before commit(): in the staging
    // folder, or (kept by an in-place build) in the destination.
    std::filesystem::path staged_path(const std::string& relative) const;

    // Swap: replaces the destination with the staged site in one rename (exchange when the
    // destination exists), then removes the previous site on a thread the destructor waits
    // for. InPlace: moves the written files into the destination and removes the ones the
    // previous build made and this one did not. Throws on failure.
    void commit();

private:
    std::filesystem::path destination_;
    std::filesystem::path staging_;
    bool in_place_ = false;  // Commit::InPlace and a previous build to update (reuse_from)
    int previous_dir_ = -1;  // the destination, open while a previous build's files are kept
    bool committed_ = false;
    std::thread old_site_removal_;  // started by commit()
    std::filesystem::path spare_;  // where a Swap leaves the site it replaced ("" nowhere)
    bool recycled_ = false;  // staging_ is the spare the last build left
    int staging_dir_ = -1;  // staging_, open while recycled_

    void take_up_spare();
    // Before a commit: a spare not taken up no longer matches the site, and goes.
    void discard_spare();
    // Removes `folder` and a discarded spare on a thread the destructor waits for.
    void remove_on_thread(std::optional<std::filesystem::path> folder);
    // Lists in gone_ the previous build's files this one did not make (once; later calls keep it).
    void note_gone();
    // Unlinks those under `root` and the folders that leaves empty: from the destination in
    // place, or from a recycled spare (which had them) before the swap.
    void remove_gone(const std::filesystem::path& root);
    std::unordered_set<std::string> gone_;
    std::filesystem::path stale_spare_;  // where discard_spare put it
    bool link_previous(const std::string& rel, const std::filesystem::path& full, const FileDigest& want) const;
    bool still_as_written(const std::string& rel, const FileDigest& recorded) const;
    // Puts the previous build's file in the staging folder (a link; nothing when a recycled
    // spare already has it) and records it. False when it cannot be linked.
    bool place_kept(const std::string& rel, const std::filesystem::path& full, const FileDigest& recorded) const;
    // Checks `relative` stays inside the site and makes its folder. Returns the full path.
    std::filesystem::path checked_path(std::string_view relative) const;
    // Removes what is at `full` before a write: what an earlier write put there, or the spare's
    // copy of the previous file. Either may be a hard link into the live site, never to be
    // written through.
    void clear_for_writing(const std::filesystem::path& full, const std::string& relative) const;
    bool written_already(const std::string& relative) const;
    // checked_path, then clear_for_writing where there may be something.
    std::filesystem::path prepare(std::string_view relative) const;
    // Notes what is now at `relative`: written, or `linked` from the previous site.
    void record(const std::string& relative, const FileDigest& digest, bool linked) const;
    void record_locked(const std::string& relative, const FileDigest& digest, bool linked) const;  // with mu_ held
    // With mu_ held: the recycled spare already has the previous build's file at `relative`
    // (unchanged_record found it there) and nothing was written there since.
    bool in_spare_locked(const std::string& relative, const FileDigest& recorded) const;
    void make_parent(const std::filesystem::path& full) const;
    void commit_in_place();

    Digests previous_;
    Commit how_;
    mutable std::mutex mu_;  // guards the seven below
    mutable Digests written_;
    mutable std::unordered_set<std::string> fresh_;  // InPlace or with a spare: written here, not kept
    mutable std::unordered_set<const FileDigest*> in_spare_;  // recycled: previous files found in place
    mutable std::unordered_set<std::string> made_dirs_;
    mutable std::size_t reused_ = 0;
    mutable std::size_t spared_ = 0;  // of reused_, found in the recycled spare
};

}  // namespace sprout::output
