#include "output/staging.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <stdexcept>
#include <utility>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>

#include "util/hash_mix.hpp"
#include "util/listing.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::output {

namespace {
std::string errno_text() { return std::strerror(errno); }

// Staging folders are named ".<site>.staging-<pid>-XXXXXX". A build that was killed leaves its
// folder behind; the next build removes those whose process is gone. (A live build's folder,
// e.g. `sprout serve` rebuilding while `sprout build` runs, is left alone.)
void remove_abandoned(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());
        const auto dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos) continue;
        pid_t pid = 0;
        try {
            pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
        } catch (const std::exception&) {
            continue;
        }
        if (pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        std::error_code rm;
        fs::remove_all(it->path(), rm);
    }
}

}  // namespace

Staging::Staging(fs::path destination, Commit how, fs::path spare)
    : destination_(std::move(destination)), spare_(std::move(spare)), how_(how) {
    if (destination_.filename().empty()) destination_ = destination_.parent_path();
    const fs::path parent = fs::absolute(destination_).parent_path();
    fs::create_directories(parent);
    const std::string prefix = "." + destination_.filename().string() + ".staging-";
    remove_abandoned(parent, prefix);
    std::string tmpl = (parent / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
    if (!mkdtemp(tmpl.data()))
        throw std::runtime_error("cannot create a staging folder in " + parent.string() + ": " + errno_text());
    staging_ = tmpl;
}

Staging::~Staging() {
    if (previous_dir_ >= 0) ::close(previous_dir_);
    if (staging_dir_ >= 0) ::close(staging_dir_);
    if (old_site_removal_.joinable()) old_site_removal_.join();
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
}

namespace {

constexpr std::uint64_t kFileHashSeed = 0x53'70'72'6f'75'74ULL;

// Writes all of `data` to `fd`. Throws naming `relative`.
void write_all(int fd, std::string_view data, std::string_view relative) {
    if (!text::write_all(fd, data)) throw std::runtime_error("cannot write " + std::string(relative) + ": " + errno_text());
}

// Whether the file at `rel` below the open folder `dir` has the size and mtime `recorded` says.
// With AT_SYMLINK_NOFOLLOW in `flags`, a symbolic link there is not.
bool stat_matches(int dir, const std::string& rel, const FileDigest& recorded, int flags = 0) {
    struct stat st {};
    return ::fstatat(dir, rel.c_str(), &st, flags) == 0 && S_ISREG(st.st_mode) &&
           static_cast<std::uint64_t>(st.st_size) == recorded.size && util::mtime_ns(st) == recorded.mtime_ns;
}

// What a spare's record file holds: the fingerprint of the record of the site it was pruned
// for. The sum of each entry's hash, so the order of the map does not matter.
std::string spare_stamp(const Digests& site) {
    std::uint64_t sum = 0;
    for (const auto& [path, d] : site)
        sum += util::hash_mix(util::hash_mix(util::hash_mix(util::content_hash(path), d.hash), d.size),
                              static_cast<std::uint64_t>(d.mtime_ns));
    return "sprout-spare 1 " + std::to_string(site.size()) + " " + std::to_string(sum) + "\n";
}

fs::path spare_list(const fs::path& spare) { return spare.string() + ".list"; }

bool write_small_file(const fs::path& file, std::string_view data) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    const bool ok = text::write_all(fd, data);
    return ::close(fd) == 0 && ok;
}

// Removes from the open folder `dir` every file whose path below the root (`prefix` and its
// name) `keep` refuses, and every folder that leaves empty. Returns whether `dir` is empty.
template <class Keep>
bool prune(int dir, std::string& prefix, const Keep& keep) {
    DIR* d = ::fdopendir(::dup(dir));
    if (!d) throw std::runtime_error("cannot list " + prefix + ": " + errno_text());
    bool empty = true;
    const std::size_t at = prefix.size();
    for (const dirent* e; (e = ::readdir(d));) {
        const std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        prefix.append(name);
        bool folder = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st {};
            folder = ::fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (folder) {
            const int sub = ::openat(dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            prefix += '/';
            const bool sub_empty = sub >= 0 && prune(sub, prefix, keep);
            if (sub >= 0) ::close(sub);
            if (!sub_empty || ::unlinkat(dir, e->d_name, AT_REMOVEDIR) != 0) empty = false;
        } else if (keep(prefix)) {
            empty = false;
        } else if (::unlinkat(dir, e->d_name, 0) != 0 && errno != ENOENT) {
            ::closedir(d);
            throw std::runtime_error("cannot remove " + prefix + ": " + errno_text());
        }
        prefix.resize(at);
    }
    ::closedir(d);
    return empty;
}

}  // namespace

std::uint64_t file_hash(std::string_view data) {
    std::uint64_t h = kFileHashSeed;
    for (std::size_t at = 0; at < data.size(); at += kFileHashBlock) h = util::hash_mix(h, util::content_hash(data.substr(at, kFileHashBlock)));
    return util::hash_mix(h, data.size());
}

void Staging::reuse_from(Digests previous) {
    previous_ = std::move(previous);
    {
        std::lock_guard lock(mu_);
        written_.reserve(previous_.size());  // mostly the same files: grown once, not rehashed as it fills
    }
    in_place_ = how_ == Commit::InPlace && !previous_.empty();
    if (previous_dir_ < 0 && !previous_.empty()) previous_dir_ = ::open(destination_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (how_ == Commit::Swap && !spare_.empty() && !previous_.empty()) take_up_spare();
}

void Staging::take_up_spare() {
    {
        std::lock_guard lock(mu_);
        if (recycled_ || !written_.empty() || !made_dirs_.empty()) return;  // too late: the folder is in use
    }
    // Its files are the last site's as its record lists them only if that record is the one
    // this build starts from: another build, or `sprout serve` updating the site in place, may
    // have come between.
    const fs::path list = spare_list(spare_);
    const auto stamp = text::read_file(list.string());
    if (!stamp || *stamp != spare_stamp(previous_)) return;
    // The record goes first, so the spare is never taken up twice; renamed over the empty
    // staging folder, it is removed with it should this build fail or be killed.
    if (::unlink(list.c_str()) != 0 || ::rename(spare_.c_str(), staging_.c_str()) != 0) return;
    staging_dir_ = ::open(staging_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (staging_dir_ < 0) throw std::runtime_error("cannot open the staging folder " + staging_.string() + ": " + errno_text());
    recycled_ = true;
}

fs::path Staging::staged_path(const std::string& relative) const {
    if (in_place_) {
        std::lock_guard lock(mu_);
        if (!fresh_.count(relative)) return destination_ / relative;
    }
    return staging_ / relative;
}

Digests Staging::digests() const {
    std::lock_guard lock(mu_);
    return written_;
}

Digests Staging::take_digests() {
    if (!committed_) throw std::logic_error("Staging::take_digests before commit");
    std::lock_guard lock(mu_);
    return std::move(written_);
}

std::size_t Staging::reused() const {
    std::lock_guard lock(mu_);
    return reused_;
}

std::size_t Staging::already_in_place() const {
    std::lock_guard lock(mu_);
    return spared_;
}

// create_directories stats every level; remembering the folders made saves that per file.
void Staging::make_parent(const fs::path& full) const {
    const std::string parent = full.parent_path().string();
    {
        std::lock_guard lock(mu_);
        if (made_dirs_.count(parent)) return;
    }
    if (recycled_) {
        // A file the spare had where this build needs a folder: this build does not have it.
        struct stat st {};
        fs::path at = staging_;
        for (const auto& part : full.parent_path().lexically_relative(staging_)) {
            at /= part;
            if (::lstat(at.c_str(), &st) != 0) break;
            if (!S_ISDIR(st.st_mode)) ::unlink(at.c_str());
        }
    }
    fs::create_directories(parent);
    std::lock_guard lock(mu_);
    made_dirs_.insert(parent);
}

bool Staging::still_as_written(const std::string& rel, const FileDigest& recorded) const {
    // Relative to the open folder: a path object and a walk from the root for each of 27,000
    // kept files was a third of the time an edit under `sprout serve` spent keeping them.
    if (previous_dir_ >= 0) return stat_matches(previous_dir_, rel, recorded);
    return stat_matches(AT_FDCWD, (destination_ / rel).string(), recorded);
}

bool Staging::link_previous(const std::string& rel, const fs::path& full, const FileDigest& want) const {
    const auto it = previous_.find(rel);
    if (it == previous_.end() || it->second.hash != want.hash || it->second.size != want.size) return false;
    const auto* recorded = unchanged_record(rel);  // null when changed by hand since: write it afresh
    return recorded && place_kept(rel, full, *recorded);
}

bool Staging::place_kept(const std::string& rel, const fs::path& full, const FileDigest& recorded) const {
    if (!in_place_) {  // in place it stays where it is
        bool in_spare = false;
        if (recycled_) {
            std::lock_guard lock(mu_);
            in_spare = in_spare_locked(rel, recorded);
            if (in_spare) ++spared_;
        }
        if (!in_spare) {
            if (recycled_) clear_for_writing(full, rel);  // the spare's copy of another version
            if (::link((destination_ / rel).c_str(), full.c_str()) != 0) return false;  // e.g. another file system
        }
    }
    record(rel, recorded, true);
    return true;
}

bool Staging::matches_previous(const std::string& relative, std::string_view data) const {
    const auto it = previous_.find(relative);
    return it != previous_.end() && it->second.size == data.size() && it->second.hash == file_hash(data);
}

bool Staging::unchanged_since(const std::string& relative) const { return unchanged_record(relative) != nullptr; }

const FileDigest* Staging::unchanged_record(const std::string& relative) const {
    const auto it = previous_.find(relative);
    if (it == previous_.end()) return nullptr;
    // A recycled spare's copy is the very file the last site has, unless the last build wrote
    // it (then the spare has none) or it was changed by hand (then neither matches).
    // Only a file the spare holds itself: a link there would put in the site what it points to.
    if (recycled_ && stat_matches(staging_dir_, relative, it->second, AT_SYMLINK_NOFOLLOW)) {
        std::lock_guard lock(mu_);
        in_spare_.insert(&it->second);
        return &it->second;
    }
    return still_as_written(relative, it->second) ? &it->second : nullptr;
}

void Staging::link_kept(const std::string& relative) const {
    const auto it = previous_.find(relative);
    if (it == previous_.end()) throw std::logic_error("link_kept: " + relative + " was not in the previous build");
    link_kept(relative, it->second);
}

void Staging::link_kept(const std::string& relative, const FileDigest& recorded) const {
    const fs::path full = staging_ / relative;
    if (!in_place_) make_parent(full);
    if (place_kept(relative, full, recorded)) return;
    // No link here (another file system, a link limit): the same bytes, copied.
    const auto data = text::read_file((destination_ / relative).string());
    if (!data) throw std::runtime_error("cannot keep " + relative + " from the previous site: " + errno_text());
    write(relative, *data);
}

void Staging::link_kept(const std::vector<std::pair<std::string, const FileDigest*>>& files) const {
    std::vector<std::size_t> to_link;
    {
        std::lock_guard lock(mu_);
        for (std::size_t i = 0; i < files.size(); ++i) {
            const auto& [relative, recorded] = files[i];
            // The files that need no link, as in place_kept.
            const bool in_spare = !in_place_ && in_spare_locked(relative, *recorded);
            if (!in_place_ && !in_spare) {
                to_link.push_back(i);
                continue;
            }
            if (in_spare) ++spared_;
            record_locked(relative, *recorded, true);
        }
    }
    for (const auto i : to_link) link_kept(files[i].first, *files[i].second);
}

bool Staging::keep(const std::string& relative) const {
    const auto* recorded = unchanged_record(relative);
    if (!recorded) return false;
    link_kept(relative, *recorded);
    return true;
}

int Staging::open_unchanged(const std::string& relative, FileDigest& recorded) const {
    const auto* r = unchanged_record(relative);
    if (!r) return -1;
    const int fd = previous_dir_ >= 0 ? ::openat(previous_dir_, relative.c_str(), O_RDONLY | O_CLOEXEC)
                                      : ::open((destination_ / relative).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    // Looked at again through the open file: it may have been replaced since the stat above.
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) != r->size ||
        util::mtime_ns(st) != r->mtime_ns) {
        ::close(fd);
        return -1;
    }
    recorded = *r;
    return fd;
}

fs::path Staging::checked_path(std::string_view relative) const {
    const fs::path rel(relative);
    if (rel.empty() || rel.is_absolute())
        throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    for (const auto& part : rel)
        if (part == "..") throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    fs::path full = staging_ / rel;
    make_parent(full);
    return full;
}

void Staging::clear_for_writing(const fs::path& full, const std::string& relative) const {
    if (::unlink(full.c_str()) != 0 && errno == EISDIR) {
        // A folder the spare had where this build writes a file: nothing in it is this build's.
        std::error_code ec;
        fs::remove_all(full, ec);
    }
    if (!recycled_) return;
    const auto it = previous_.find(relative);
    std::lock_guard lock(mu_);
    if (it != previous_.end()) in_spare_.erase(&it->second);
}

bool Staging::written_already(const std::string& relative) const {
    std::lock_guard lock(mu_);
    return written_.count(relative) > 0;
}

fs::path Staging::prepare(std::string_view relative) const {
    fs::path full = checked_path(relative);
    const std::string key(relative);
    if (recycled_ || written_already(key)) clear_for_writing(full, key);
    return full;
}

void Staging::record(const std::string& relative, const FileDigest& digest, bool linked) const {
    std::lock_guard lock(mu_);
    record_locked(relative, digest, linked);
}

bool Staging::in_spare_locked(const std::string& relative, const FileDigest& recorded) const {
    return recycled_ && in_spare_.count(&recorded) > 0 && !written_.count(relative);
}

void Staging::record_locked(const std::string& relative, const FileDigest& digest, bool linked) const {
    written_[relative] = digest;
    if (linked) ++reused_;
    if (!in_place_ && spare_.empty()) return;
    if (linked)
        fresh_.erase(relative);
    else
        fresh_.insert(relative);
}

namespace {

// Opens `full` for writing; the file's digest gets the modification time it has once closed.
// Always a new file (the caller cleared the way): what was there may be a hard link into the
// live site, and writing through it would change the site before the swap.
int open_for_writing(const fs::path& full, std::string_view relative) {
    const int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + std::string(relative) + ": " + errno_text());
    return fd;
}

std::int64_t close_written(int fd, std::string_view relative) {
    struct stat st {};
    const std::int64_t mtime = ::fstat(fd, &st) == 0 ? util::mtime_ns(st) : 0;
    if (::close(fd) != 0) throw std::runtime_error("cannot write " + std::string(relative) + ": " + errno_text());
    return mtime;
}

}  // namespace

void Staging::write(std::string_view relative, std::string_view data) const {
    const fs::path full = checked_path(relative);
    const std::string key(relative);
    const bool rewrite = written_already(key);
    if (rewrite) clear_for_writing(full, key);
    FileDigest digest{file_hash(data), data.size(), 0};
    if (!previous_.empty() && link_previous(key, full, digest)) return;
    if (recycled_ && !rewrite) clear_for_writing(full, key);
    const int fd = open_for_writing(full, relative);
    try {
        write_all(fd, data, relative);
    } catch (...) {
        ::close(fd);
        throw;
    }
    digest.mtime_ns = close_written(fd, relative);
    record(key, digest, false);
}

Staging::Stream Staging::open(std::string_view relative) const { return Stream(*this, std::string(relative)); }

Staging::Stream::Stream(const Staging& owner, std::string relative)
    : owner_(owner), relative_(std::move(relative)), hash_(kFileHashSeed) {
    fd_ = open_for_writing(owner_.prepare(relative_), relative_);
    block_.reserve(kFileHashBlock);
}

Staging::Stream::Stream(Stream&& other) noexcept
    : owner_(other.owner_),
      relative_(std::move(other.relative_)),
      fd_(std::exchange(other.fd_, -1)),
      block_(std::move(other.block_)),
      hash_(other.hash_),
      size_(other.size_) {}

Staging::Stream::~Stream() {
    if (fd_ >= 0) ::close(fd_);
}

void Staging::Stream::append(std::string_view piece) {
    while (!piece.empty()) {
        const std::size_t take = std::min(piece.size(), kFileHashBlock - block_.size());
        block_.append(piece.substr(0, take));
        piece.remove_prefix(take);
        if (block_.size() == kFileHashBlock) flush_block();
    }
}

void Staging::Stream::flush_block() {
    hash_ = util::hash_mix(hash_, util::content_hash(block_));
    write_all(fd_, block_, relative_);
    size_ += block_.size();
    block_.clear();
}

std::uint64_t Staging::Stream::copy_from(int source, std::uint64_t from, std::uint64_t to, std::uint64_t source_hash) {
    if (!block_.empty()) flush_block();  // what was appended before goes first
    constexpr std::uint64_t kCopiedRange = 0x636f'7069'6564ULL;
    hash_ = util::hash_mix(util::hash_mix(util::hash_mix(util::hash_mix(hash_, kCopiedRange), source_hash), from), to);
    auto at = static_cast<loff_t>(from);
    const auto end = static_cast<loff_t>(to);
    bool in_kernel = true;
    std::vector<char> buffer;
    while (at < end) {
        const auto want = static_cast<std::size_t>(end - at);
        if (in_kernel) {
            const ssize_t n = ::copy_file_range(source, &at, fd_, nullptr, want, 0);
            if (n > 0) continue;
            if (n == 0) break;  // the source ends here
            if (errno == EINTR) continue;
            // Another file system, or one that cannot: copied through this process instead.
            if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP && errno != EBADF)
                throw std::runtime_error("cannot write " + relative_ + ": " + errno_text());
            in_kernel = false;
            buffer.resize(kFileHashBlock * 16);
        }
        const std::size_t got = text::read_at(source, static_cast<std::uint64_t>(at), buffer.data(), std::min(want, buffer.size()));
        if (got == 0) break;
        write_all(fd_, std::string_view(buffer.data(), got), relative_);
        at += static_cast<loff_t>(got);
    }
    const auto copied = static_cast<std::uint64_t>(at) - from;
    size_ += copied;
    return copied;
}

FileDigest Staging::Stream::close() {
    if (fd_ < 0) throw std::logic_error("Staging::Stream: " + relative_ + " closed twice");
    if (!block_.empty()) flush_block();
    const int fd = fd_;
    fd_ = -1;
    const FileDigest digest{util::hash_mix(hash_, size_), size_, close_written(fd, relative_)};
    owner_.record(relative_, digest, false);
    return digest;
}

void Staging::commit() {
    if (in_place_) return commit_in_place();
    if (recycled_) remove_gone(staging_);
    discard_spare();
    // No sync(): the rename is atomic for every reader and against a killed build, which is what
    // the site needs; flushing the whole file system would cost seconds on a busy machine.
    std::error_code ec;
    if (!fs::exists(destination_, ec)) {
        if (::rename(staging_.c_str(), destination_.c_str()) != 0)
            throw std::runtime_error("cannot create " + destination_.string() + ": " + errno_text());
        committed_ = true;
        return remove_on_thread(std::nullopt);
    }
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) != 0)
        throw std::runtime_error("cannot replace " + destination_.string() + ": " + errno_text());
    committed_ = true;
    // staging_ now holds the previous site. Unlinking its tens of thousands of files takes a
    // quarter of a second at N = 10,000, which the build's last steps (writing the cache)
    // overlap; the destructor waits for it. Left behind by a killed build, the folder is
    // removed by the next one (remove_abandoned).
    if (spare_.empty() || reused_ == 0) return remove_on_thread(staging_);
    note_gone();  // already done when recycled
    // Kept as the next build's spare: only the files the new site shares with it stay, every
    // one a hard link to the new site's own.
    old_site_removal_ = std::thread([this, stamp = spare_stamp(written_)] {
        std::error_code ignored;
        if (!stale_spare_.empty()) fs::remove_all(stale_spare_, ignored);
        try {
            std::string prefix;
            const int dir = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dir < 0) throw std::runtime_error("cannot open " + staging_.string());
            try {
                prune(dir, prefix, [this](const std::string& rel) { return previous_.count(rel) && !fresh_.count(rel) && !gone_.count(rel); });
            } catch (...) {
                ::close(dir);
                throw;
            }
            ::close(dir);
            const fs::path list = spare_list(spare_), tmp = list.string() + ".tmp";
            if (::rename(staging_.c_str(), spare_.c_str()) != 0 || !write_small_file(tmp, stamp) ||
                ::rename(tmp.c_str(), list.c_str()) != 0)
                throw std::runtime_error("cannot keep the spare");
        } catch (const std::exception&) {
            // Only ever a saving for the next build: without it, that build links every kept file.
            fs::remove_all(staging_, ignored);
            fs::remove_all(spare_, ignored);
            fs::remove(spare_list(spare_), ignored);
        }
    });
}

void Staging::remove_on_thread(std::optional<fs::path> folder) {
    old_site_removal_ = std::thread([folder = std::move(folder), stale = std::move(stale_spare_)] {
        std::error_code ignored;
        if (folder) fs::remove_all(*folder, ignored);
        if (!stale.empty()) fs::remove_all(stale, ignored);
    });
}

void Staging::discard_spare() {
    if (spare_.empty() || recycled_) return;
    std::error_code ec;
    fs::remove(spare_list(spare_), ec);
    // Renamed to a name the next build removes should this one not get to it.
    const fs::path stale = staging_.string() + "-spare";
    if (::rename(spare_.c_str(), stale.c_str()) == 0) stale_spare_ = stale;
}

void Staging::note_gone() {
    if (!gone_.empty()) return;
    for (const auto& [rel, digest] : previous_)
        if (!written_.count(rel)) gone_.insert(rel);
}

void Staging::remove_gone(const fs::path& root) {
    note_gone();
    for (const auto& rel : gone_) {
        fs::path gone = root / rel;
        // In a recycled spare, a folder there or a file where its folder was is this build's.
        if (::unlink(gone.c_str()) != 0 && errno != ENOENT && errno != EISDIR && errno != ENOTDIR)
            throw std::runtime_error("cannot remove " + gone.string() + ": " + errno_text());
        for (gone = gone.parent_path(); gone != root && ::rmdir(gone.c_str()) == 0;) gone = gone.parent_path();
    }
}

void Staging::commit_in_place() {
    // First what the previous build made and this one did not, and the folders that leaves
    // empty: a file of this build may take the place of one of those folders, or the reverse.
    remove_gone(destination_);
    std::unordered_set<std::string> made;
    for (const auto& rel : fresh_) {
        const fs::path to = destination_ / rel;
        if (made.insert(to.parent_path().string()).second) fs::create_directories(to.parent_path());
        // Exchanged rather than renamed over: the old file (tens of megabytes for a data export)
        // is then freed with the staging folder on a thread, not here. Where there is no old
        // file, a rename.
        const fs::path from = staging_ / rel;
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) continue;
        if (errno == ENOENT && ::rename(from.c_str(), to.c_str()) == 0) continue;
        throw std::runtime_error("cannot update " + to.string() + ": " + errno_text());
    }
    committed_ = true;
    // Folders, and the files this build replaced. A spare the last swap left no longer matches
    // the site.
    discard_spare();
    remove_on_thread(staging_);
}

}  // namespace sprout::output
