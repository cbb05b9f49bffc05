#include "util/binary_io.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/hash_mix.hpp"
#include "util/text.hpp"

namespace sprout::util {

namespace {
// Both sides hash the payload in the same whole blocks, the last one short.
std::uint64_t mix_block(std::uint64_t h, std::string_view block) { return hash_mix(h, content_hash(block)); }
}  // namespace

void BinaryWriter::bytes(const void* data, std::size_t n) {
    buf_.append(static_cast<const char*>(data), n);
    if (fd_ >= 0 && buf_.size() >= kBlock) write_blocks(false);
}

void BinaryWriter::varint(std::uint64_t v) {
    char out[10];
    std::size_t n = 0;
    while (v >= 0x80) {
        out[n++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out[n++] = static_cast<char>(v);
    bytes(out, n);
}

void BinaryWriter::write_blocks(bool last) {
    std::size_t at = 0;
    while (buf_.size() - at >= kBlock || (last && at < buf_.size())) {
        const std::string_view block(buf_.data() + at, std::min(kBlock, buf_.size() - at));
        hash_ = mix_block(hash_, block);
        ok_ = ok_ && text::write_all(fd_, block);
        at += block.size();
    }
    buf_.erase(0, at);
}

bool BinaryWriter::finish() {
    write_blocks(true);
    char trailer[sizeof hash_];
    std::memcpy(trailer, &hash_, sizeof hash_);
    return text::write_all(fd_, std::string_view(trailer, sizeof trailer)) && ok_;
}

BinaryReader::BinaryReader(int fd, std::uint64_t file_size, const std::atomic<bool>* stop) : fd_(fd), stop_(stop) {
    if (file_size < sizeof hash_) ok_ = false;
    else payload_ = file_size - sizeof hash_;
}

BinaryReader BinaryReader::of_bytes(std::string bytes) {
    BinaryReader r(-1, 0);
    r.ok_ = true;
    r.payload_ = r.consumed_ = bytes.size();  // all of it in the buffer, nothing to refill
    r.buf_ = std::move(bytes);
    return r;
}

bool BinaryReader::refill() {
    if (!ok_ || consumed_ == payload_) return false;
    if (stop_ && stop_->load(std::memory_order_relaxed)) return ok_ = false;
    buf_.erase(0, at_);
    at_ = 0;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(BinaryWriter::kBlock, payload_ - consumed_));
    const auto old = buf_.size();
    buf_.resize(old + n);
    if (text::read_at(fd_, consumed_, buf_.data() + old, n) != n) return ok_ = false;
    hash_ = mix_block(hash_, std::string_view(buf_.data() + old, n));
    consumed_ += n;
    return true;
}

void BinaryReader::bytes(void* into, std::size_t n) {
    while (ok_ && buf_.size() - at_ < n)
        if (!refill()) ok_ = false;
    if (!ok_) {
        std::memset(into, 0, n);
        return;
    }
    std::memcpy(into, buf_.data() + at_, n);
    at_ += n;
}

std::uint64_t BinaryReader::varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        unsigned char c = 0;
        bytes(&c, 1);
        v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
        if (!(c & 0x80)) return ok_ ? v : 0;
    }
    ok_ = false;  // more than ten bytes: not a varint this writer made
    return 0;
}

std::size_t BinaryReader::count() {
    const auto n = varint();
    if (n > payload_ - consumed_ + (buf_.size() - at_)) ok_ = false;
    return ok_ ? static_cast<std::size_t>(n) : 0;
}

void BinaryReader::string(std::string& s) {
    const auto n = count();
    s.resize(n);
    if (n) bytes(s.data(), n);
    if (!ok_) s.clear();
}

bool BinaryReader::finish() {
    if (!ok_ || consumed_ != payload_ || at_ != buf_.size()) return false;
    std::uint64_t stored = 0;
    char trailer[sizeof stored];
    if (text::read_at(fd_, payload_, trailer, sizeof trailer) != sizeof trailer) return false;
    std::memcpy(&stored, trailer, sizeof stored);
    return stored == hash_;
}

bool write_binary_file(const std::string& path, const std::function<void(BinaryWriter&)>& fill) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    BinaryWriter w(fd);
    fill(w);
    const bool written = w.finish();
    const bool closed = ::close(fd) == 0;
    if (written && closed && ::rename(tmp.c_str(), path.c_str()) == 0) return true;
    ::unlink(tmp.c_str());
    return false;
}

bool read_binary_file(const std::string& path, const std::function<bool(BinaryReader&)>& read, const std::atomic<bool>* stop) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (ok) {
        BinaryReader r(fd, static_cast<std::uint64_t>(st.st_size), stop);
        ok = read(r) && r.finish();
    }
    ::close(fd);
    return ok;
}

}  // namespace sprout::util
