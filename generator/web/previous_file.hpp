#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "output/staging.hpp"

namespace sprout::web {

// One of the previous build's files, read front to back: the ranges asked for, in increasing
// order, are copied into a stream (or two), adjacent ones as one, by the kernel
// (output::Staging::Stream::copy_from). For the data exports and the search index, whose
// unchanged records' bytes an edit rebuild copies rather than makes again.
class PreviousFile {
public:
    // The previous build's file at site path `name`, opened when it is still as that build
    // wrote it (output::Staging::open_unchanged).
    PreviousFile(const output::Staging& out, std::string name) : name_(std::move(name)) {
        fd_ = out.open_unchanged(name_, recorded_);
    }
    ~PreviousFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    PreviousFile(const PreviousFile&) = delete;
    PreviousFile& operator=(const PreviousFile&) = delete;
    // Whether it is open and is the file recorded with digest hash `hash` (the one a layout
    // describes). That hash also names what copy_from takes from it.
    bool is(std::uint64_t hash) const { return fd_ >= 0 && recorded_.hash == hash; }

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
        if (pending_from_ < pending_to_) {
            const auto want = pending_to_ - pending_from_;
            if (into_->copy_from(fd_, pending_from_, pending_to_, recorded_.hash) < want ||
                (also_ && also_->copy_from(fd_, pending_from_, pending_to_, recorded_.hash) < want))
                throw std::runtime_error("the previous " + name_ + " changed while it was read");
        }
        pending_from_ = pending_to_ = 0;
    }

private:
    std::string name_;
    output::FileDigest recorded_;
    int fd_ = -1;
    std::uint64_t pending_from_ = 0, pending_to_ = 0;
    output::Staging::Stream* into_ = nullptr;
    output::Staging::Stream* also_ = nullptr;
};

}  // namespace sprout::web
