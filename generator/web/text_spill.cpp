#include "web/text_spill.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/hash_mix.hpp"
#include "util/text.hpp"

namespace sprout::web {

namespace {
constexpr std::size_t kBuffer = 1 << 20;

[[noreturn]] void throw_unreadable() {
    throw std::runtime_error(std::string("cannot read back a temporary file: ") + std::strerror(errno));
}
}  // namespace

std::shared_ptr<TextSpill> TextSpill::create() {
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return nullptr;
    // Unnamed: nothing to clean up, whatever way the build ends. Where the file system cannot
    // make unnamed files, a named one is unlinked at once.
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::string name = (dir / "sprout-text-XXXXXX").string();
        fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd < 0) return nullptr;
        ::unlink(name.c_str());
    }
    return std::shared_ptr<TextSpill>(new TextSpill(fd));
}

std::shared_ptr<TextSpill> TextSpill::make_file(const std::string& path, std::string_view header) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return nullptr;
    std::shared_ptr<TextSpill> spill(new TextSpill(fd));
    TextSpill::Ref ref;
    if (!spill->add(header, ref) || !spill->flush_locked()) return nullptr;
    return spill;
}

std::shared_ptr<TextSpill> TextSpill::open_file(const std::string& path, std::string_view header, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return nullptr;
    std::shared_ptr<TextSpill> spill(new TextSpill(fd));
    struct stat st {};
    std::string start(header.size(), '\0');
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) < std::max<std::uint64_t>(size, header.size()) ||
        text::read_at(fd, 0, start.data(), start.size()) < start.size() || start != header)
        return nullptr;
    spill->written_ = static_cast<std::uint64_t>(st.st_size);
    return spill;
}

bool TextSpill::begin_adding() {
    if (::flock(fd_, LOCK_EX) != 0) return false;
    std::lock_guard lock(mu_);
    struct stat st {};
    if (!buffer_.empty() || ::fstat(fd_, &st) != 0) return false;
    written_ = static_cast<std::uint64_t>(st.st_size);
    return true;
}

bool TextSpill::end_adding() {
    bool ok = false;
    {
        std::lock_guard lock(mu_);
        ok = flush_locked();
    }
    return ::flock(fd_, LOCK_UN) == 0 && ok;
}

std::uint64_t TextSpill::size() const {
    std::lock_guard lock(mu_);
    return written_ + buffer_.size();
}

bool TextSpill::same_file_as(const std::string& path) const {
    struct stat mine {}, there {};
    return ::fstat(fd_, &mine) == 0 && ::stat(path.c_str(), &there) == 0 && mine.st_dev == there.st_dev && mine.st_ino == there.st_ino;
}

TextSpill::~TextSpill() { ::close(fd_); }

bool TextSpill::flush_locked() {
    if (buffer_.empty()) return true;
    std::uint64_t at = written_;
    std::string_view rest = buffer_;
    while (!rest.empty()) {
        const ssize_t n = ::pwrite(fd_, rest.data(), rest.size(), static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        rest.remove_prefix(static_cast<std::size_t>(n));
        at += static_cast<std::uint64_t>(n);
    }
    written_ = at;
    buffer_.clear();
    return true;
}

bool TextSpill::add(std::string_view text, Ref& ref) {
    std::lock_guard lock(mu_);
    if (buffer_.size() + text.size() > kBuffer && !flush_locked()) return false;
    ref = {written_ + buffer_.size(), text.size()};
    buffer_.append(text);
    return true;
}

std::string TextSpill::read(Ref ref) const {
    std::string out(ref.size, '\0');
    {
        std::lock_guard lock(mu_);
        // A text is written whole by one flush: it is either all in the buffer or all in the file.
        if (ref.offset >= written_) {
            buffer_.copy(out.data(), ref.size, ref.offset - written_);
            return out;
        }
    }
    if (text::read_at(fd_, ref.offset, out.data(), ref.size) < ref.size) throw_unreadable();
    return out;
}

std::string_view TextSpill::read(Ref ref, Window& w) const {
    constexpr std::size_t kStretches = 4;
    // This spill's stretch, if any, made the most recently used (last): a build's own large
    // spill stays while the small ones of edited pages come and go.
    Window::Stretch* mine = nullptr;
    for (auto it = w.stretches.begin(); it != w.stretches.end(); ++it)
        if (it->spill == this) {
            std::rotate(it, it + 1, w.stretches.end());
            mine = &w.stretches.back();
            break;
        }
    if (mine && ref.offset >= mine->start && ref.offset + ref.size <= mine->start + mine->data.size())
        return std::string_view(mine->data).substr(ref.offset - mine->start, ref.size);
    std::uint64_t in_file = 0;
    {
        std::lock_guard lock(mu_);
        if (ref.offset >= written_) {  // still in the buffer (a text is written whole by one flush)
            w.single.assign(buffer_, ref.offset - written_, ref.size);
            return w.single;
        }
        in_file = written_;
    }
    if (!mine) {
        if (w.stretches.size() == kStretches) w.stretches.erase(w.stretches.begin());  // the least recently used
        mine = &w.stretches.emplace_back();
    }
    const std::size_t want = static_cast<std::size_t>(std::max<std::uint64_t>(ref.size, std::min<std::uint64_t>(kBuffer, in_file - ref.offset)));
    mine->spill = nullptr;
    mine->data.resize(want);
    const std::size_t done = text::read_at(fd_, ref.offset, mine->data.data(), want);
    if (done < ref.size) throw_unreadable();
    mine->data.resize(done);
    mine->spill = this;
    mine->start = ref.offset;
    return std::string_view(mine->data).substr(0, ref.size);
}

SpillableText& SpillableText::operator=(std::string text) {
    text_ = std::move(text);
    spill_.reset();
    return *this;
}

std::string SpillableText::str() const { return spill_ ? spill_->read(ref_) : text_; }

std::string_view SpillableText::view(TextSpill::Window& window) const { return spill_ ? spill_->read(ref_, window) : std::string_view(text_); }

void SpillableText::spill_to(const std::shared_ptr<TextSpill>& spill) {
    if (!spill || spill_) return;
    TextSpill::Ref ref;
    if (!spill->add(text_, ref)) return;
    hash_ = util::content_hash(text_);
    ref_ = ref;
    spill_ = spill;
    std::string().swap(text_);
}

std::uint64_t SpillableText::hash() const { return spill_ ? hash_ : util::content_hash(text_); }

void SpillableText::moved_to(std::shared_ptr<const TextSpill> spill, TextSpill::Ref ref) {
    hash_ = hash();
    spill_ = std::move(spill);
    ref_ = ref;
    std::string().swap(text_);
}

bool SpillableText::operator==(const SpillableText& other) const {
    if (!spill_ && !other.spill_) return text_ == other.text_;
    return size() == other.size() && hash() == other.hash();
}

}  // namespace sprout::web
