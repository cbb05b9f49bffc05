#include "output/staging.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sprout::output {

namespace {
std::string errno_text() { return std::strerror(errno); }
}  // namespace

Staging::Staging(fs::path destination) : destination_(std::move(destination)) {
    if (destination_.filename().empty()) destination_ = destination_.parent_path();
    const fs::path parent = fs::absolute(destination_).parent_path();
    fs::create_directories(parent);
    std::string tmpl = (parent / ("." + destination_.filename().string() + ".staging-XXXXXX")).string();
    if (!mkdtemp(tmpl.data()))
        throw std::runtime_error("cannot create a staging folder in " + parent.string() + ": " + errno_text());
    staging_ = tmpl;
}

Staging::~Staging() {
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
}

void Staging::write(std::string_view relative, std::string_view data) const {
    const fs::path rel(relative);
    if (rel.empty() || rel.is_absolute())
        throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    for (const auto& part : rel)
        if (part == "..") throw std::runtime_error("refusing to write outside the site: " + std::string(relative));
    const fs::path full = staging_ / rel;
    fs::create_directories(full.parent_path());
    const int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + std::string(relative) + ": " + errno_text());
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = errno_text();
            ::close(fd);
            throw std::runtime_error("cannot write " + std::string(relative) + ": " + why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw std::runtime_error("cannot write " + std::string(relative) + ": " + errno_text());
}

void Staging::commit() {
    // No sync(): the rename is atomic for every reader and against a killed build, which is what
    // the site needs; flushing the whole file system would cost seconds on a busy machine.
    std::error_code ec;
    if (fs::exists(destination_, ec)) {
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) != 0)
            throw std::runtime_error("cannot replace " + destination_.string() + ": " + errno_text());
        committed_ = true;
        // staging_ now holds the previous site.
        fs::remove_all(staging_, ec);
    } else {
        if (::rename(staging_.c_str(), destination_.c_str()) != 0)
            throw std::runtime_error("cannot create " + destination_.string() + ": " + errno_text());
        committed_ = true;
    }
}

}  // namespace sprout::output
