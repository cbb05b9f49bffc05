#include "output/staging.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <stdexcept>
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

Staging::Staging(fs::path destination, Commit how) : destination_(std::move(destination)), how_(how) {
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

// create_directories stats every level; remembering the folders made saves that per file.
void Staging::make_parent(const fs::path& full) const {
    const std::string parent = full.parent_path().string();
    {
        std::lock_guard lock(mu_);
        if (made_dirs_.count(parent)) return;
    }
    fs::create_directories(parent);
    std::lock_guard lock(mu_);
    made_dirs_.insert(parent);
}

bool Staging::still_as_written(const std::string& rel, const FileDigest& recorded) const {
    // Relative to the open folder: a path object and a walk from the root for each of 27,000
    // kept files was a third of the time an edit under `sprout serve` spent keeping them.
    struct stat st {};
    const int found = previous_dir_ >= 0 ? ::fstatat(previous_dir_, rel.c_str(), &st, 0) : ::stat((destination_ / rel).c_str(), &st);
    return found == 0 && S_ISREG(st.st_mode) &&
           static_cast<std::uint64_t>(st.st_size) == recorded.size && util::mtime_ns(st) == recorded.mtime_ns;
}

bool Staging::link_previous(const std::string& rel, const fs::path& full, const FileDigest& want) const {
    const auto it = previous_.find(rel);
    if (it == previous_.end() || it->second.hash != want.hash || it->second.size != want.size) return false;
    if (!still_as_written(rel, it->second)) return false;  // changed by hand since: write it afresh
    if (!in_place_ && ::link((destination_ / rel).c_str(), full.c_str()) != 0) return false;  // e.g. another file system: just write
    record(rel, it->second, true);
    return true;
}

bool Staging::matches_previous(const std::string& relative, std::string_view data) const {
    const auto it = previous_.find(relative);
    return it != previous_.end() && it->second.size == data.size() && it->second.hash == file_hash(data);
}

bool Staging::unchanged_since(const std::string& relative) const { return unchanged_record(relative) != nullptr; }

const FileDigest* Staging::unchanged_record(const std::string& relative) const {
    const auto it = previous_.find(relative);
    return it != previous_.end() && still_as_written(relative, it->second) ? &it->second : nullptr;
}

void Staging::link_kept(const std::string& relative) const {
    const auto it = previous_.find(relative);
    if (it == previous_.end()) throw std::logic_error("link_kept: " + relative + " was not in the previous build");
    link_kept(relative, it->second);
}

void Staging::link_kept(const std::string& relative, const FileDigest& recorded) const {
    if (in_place_) {  // it stays where it is
        record(relative, recorded, true);
        return;
    }
    const fs::path full = staging_ / relative;
    make_parent(full);
    if (::link((destination_ / relative).c_str(), full.c_str()) != 0) {
        // No link here (another file system, a link limit): the same bytes, copied.
        const auto data = text::read_file((destination_ / relative).string());
        if (!data) throw std::runtime_error("cannot keep " + relative + " from the previous site: " + errno_text());
        write(relative, *data);
        return;
    }
    record(relative, recorded, true);
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

fs::path Staging::prepare(std::string_view relative) const {
    const fs::path rel(relative);
    if (rel.empty() || rel.is_absolute())
        throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    for (const auto& part : rel)
        if (part == "..") throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    const fs::path full = staging_ / rel;
    make_parent(full);
    bool rewrite = false;
    {
        std::lock_guard lock(mu_);
        rewrite = written_.count(std::string(relative)) > 0;
    }
    // A path written twice may be a hard link into the previous site: never write through it.
    if (rewrite) ::unlink(full.c_str());
    return full;
}

void Staging::record(const std::string& relative, const FileDigest& digest, bool linked) const {
    std::lock_guard lock(mu_);
    written_[relative] = digest;
    if (linked) ++reused_;
    if (in_place_ && linked) fresh_.erase(relative);
    else if (in_place_) fresh_.insert(relative);
}

namespace {

// Opens `full` for writing; the file's digest gets the modification time it has once closed.
int open_for_writing(const fs::path& full, std::string_view relative) {
    const int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
    const fs::path full = prepare(relative);
    const std::string key(relative);
    FileDigest digest{file_hash(data), data.size(), 0};
    if (!previous_.empty() && link_previous(key, full, digest)) return;
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
    // No sync(): the rename is atomic for every reader and against a killed build, which is what
    // the site needs; flushing the whole file system would cost seconds on a busy machine.
    std::error_code ec;
    if (fs::exists(destination_, ec)) {
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) != 0)
            throw std::runtime_error("cannot replace " + destination_.string() + ": " + errno_text());
        committed_ = true;
        // staging_ now holds the previous site. Unlinking its tens of thousands of files takes a
        // quarter of a second at N = 10,000, which the build's last steps (writing the cache)
        // overlap; the destructor waits for it. Left behind by a killed build, the folder is
        // removed by the next one (remove_abandoned).
        old_site_removal_ = std::thread([old = staging_] {
            std::error_code ignored;
            fs::remove_all(old, ignored);
        });
    } else {
        if (::rename(staging_.c_str(), destination_.c_str()) != 0)
            throw std::runtime_error("cannot create " + destination_.string() + ": " + errno_text());
        committed_ = true;
    }
}

void Staging::commit_in_place() {
    // First what the previous build made and this one did not, and the folders that leaves
    // empty: a file of this build may take the place of one of those folders, or the reverse.
    for (const auto& [rel, digest] : previous_) {
        if (written_.count(rel)) continue;
        fs::path gone = destination_ / rel;
        if (::unlink(gone.c_str()) != 0 && errno != ENOENT)
            throw std::runtime_error("cannot remove " + gone.string() + ": " + errno_text());
        for (gone = gone.parent_path(); gone != destination_ && ::rmdir(gone.c_str()) == 0;) gone = gone.parent_path();
    }
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
    // Folders, and the files this build replaced.
    old_site_removal_ = std::thread([old = staging_] {
        std::error_code ignored;
        fs::remove_all(old, ignored);
    });
}

}  // namespace sprout::output
