#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "output/staging.hpp"
#include "util/text.hpp"

namespace sprout::web {

// One of the previous build's files, read front to back: the ranges asked for, in increasing
// order, are copied into a stream (or two), adjacent ones as one. For the data exports and the
// search index, whose unchanged records' bytes an edit rebuild copies rather than makes again.
class PreviousFile {
public:
    PreviousFile(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    ~PreviousFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    PreviousFile(const PreviousFile&) = delete;
    PreviousFile& operator=(const PreviousFile&) = delete;
    bool is_open() const { return fd_ >= 0; }

    // Bytes [from, to) of the file to go into `into` (and `also`, when given) before anything
    // else is appended to it.
    void copy(std::uint64_t from, std::uint64_t to, output::Staging::Stream& into, output::Staging::Stream* also = nullptr) {
        if (from != pending_to_ || &into != into_ || also != also_) flush();
        if (pending_from_ == pending_to_) pending_from_ = from;
        pending_to_ = to;
        into_ = &into;
        also_ = also;
    }
    std::uint64_t pending() const { return pending_to_ - pending_from_; }  // bytes copy() still has to make
    // Copies what is pending. Throws when the file ends early (changed while being read).
    void flush() {
        constexpr std::size_t kChunk = 1 << 20;
        buffer_.resize(kChunk);
        while (pending_from_ < pending_to_) {
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, pending_to_ - pending_from_));
            if (text::read_at(fd_, pending_from_, buffer_.data(), want) < want)
                throw std::runtime_error("the previous " + name_ + " changed while it was read");
            into_->append(std::string_view(buffer_.data(), want));
            if (also_) also_->append(std::string_view(buffer_.data(), want));
            pending_from_ += want;
        }
        pending_from_ = pending_to_ = 0;
    }

private:
    int fd_;
    std::string name_;
    std::uint64_t pending_from_ = 0, pending_to_ = 0;
    output::Staging::Stream* into_ = nullptr;
    output::Staging::Stream* also_ = nullptr;
    std::vector<char> buffer_;
};

}  // namespace sprout::web
