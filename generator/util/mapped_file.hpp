#pragma once
// A file's bytes mapped read-only into memory, for large files read whole and only read: the
// page cache's pages are used where they are, instead of copied into memory the process must
// first fault in and zero (the brief fonts, 2.7 MB, were a tenth of a `sprout brief`).
// The file must not be truncated while mapped (reading past its new end would fault): map only
// files that are replaced by rename, as packages and Sprout's own outputs are, never edited.
#include <optional>
#include <string>
#include <string_view>

namespace sprout::util {

class MappedFile {
public:
    // nullopt when the file cannot be opened, is not a regular file or cannot be mapped.
    static std::optional<MappedFile> open(const std::string& path);
    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    void* data_ = nullptr;  // null for an empty file or none
    std::size_t size_ = 0;
};

}  // namespace sprout::util
