#include "util/listing.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>

#include "util/parallel.hpp"

namespace sprout::util {

namespace {

struct CloseDir {
    void operator()(DIR* d) const { ::closedir(d); }
};
using Dir = std::unique_ptr<DIR, CloseDir>;

bool is_dot(const char* n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

}  // namespace

std::int64_t mtime_ns(const struct ::stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::vector<Entry> list_folder(const std::string& dir, std::error_code& ec) {
    ec.clear();
    std::vector<Entry> out;
    Dir d(::opendir(dir.c_str()));
    if (!d) {
        ec.assign(errno, std::generic_category());
        return out;
    }
    const int fd = ::dirfd(d.get());
    // readdir says it failed only through errno, which the stat calls below may also set (a
    // link to nothing): cleared before each call.
    for (errno = 0; const dirent* e = ::readdir(d.get()); errno = 0) {
        if (is_dot(e->d_name)) continue;
        Entry entry{e->d_name, e->d_type == DT_DIR, e->d_type == DT_LNK};
        // The entry's type is not in the listing on some file systems, and a link's target is
        // never: ask for those alone.
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            struct ::stat st {};
            if (e->d_type == DT_UNKNOWN && ::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                entry.is_link = S_ISLNK(st.st_mode);
            entry.is_dir = ::fstatat(fd, e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        }
        out.push_back(std::move(entry));
    }
    if (errno != 0) {
        ec.assign(errno, std::generic_category());
        out.clear();
        return out;
    }
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return out;
}

namespace {

void walk(const std::string& dir, std::vector<FoundFile>& out) {
    Dir d(::opendir(dir.c_str()));
    if (!d) return;
    const int fd = ::dirfd(d.get());
    const std::string prefix = dir.ends_with('/') ? dir : dir + "/";
    std::vector<std::string> folders, names;
    std::vector<char> links;
    while (const dirent* e = ::readdir(d.get())) {
        if (is_dot(e->d_name)) continue;
        struct ::stat st {};
        const bool unknown = e->d_type == DT_UNKNOWN && ::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0;
        if (e->d_type == DT_DIR || (unknown && S_ISDIR(st.st_mode))) {
            folders.push_back(e->d_name);
            continue;
        }
        names.push_back(e->d_name);
        links.push_back(e->d_type == DT_LNK || (unknown && S_ISLNK(st.st_mode)));
    }
    // A folder of 10,000 records: the stat calls, most of the walk, shared by the cores.
    std::vector<FoundFile> found(names.size());
    const auto stat_one = [&](std::size_t i) {
        struct ::stat st {};
        // Links are followed to files (a linked record is read as one), not to folders.
        if (::fstatat(fd, names[i].c_str(), &st, 0) == 0 && S_ISREG(st.st_mode))
            found[i] = {prefix + names[i], static_cast<std::uint64_t>(st.st_size), mtime_ns(st), links[i] != 0};
    };
    constexpr std::size_t kShareAbove = 512;
    if (names.size() > kShareAbove) parallel_for(names.size(), stat_one);
    else for (std::size_t i = 0; i < names.size(); ++i) stat_one(i);
    for (auto& f : found)
        if (!f.path.empty()) out.push_back(std::move(f));
    d.reset();  // one open folder at a time, however deep the tree
    for (const auto& f : folders) walk(prefix + f, out);
}

}  // namespace

std::optional<FoundFile> file_at(const std::string& path) {
    struct ::stat st {};
    if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
    const bool link = S_ISLNK(st.st_mode);
    if ((link && ::stat(path.c_str(), &st) != 0) || !S_ISREG(st.st_mode)) return std::nullopt;
    return FoundFile{path, static_cast<std::uint64_t>(st.st_size), mtime_ns(st), link};
}

std::vector<FoundFile> walk_files(const std::string& root) {
    std::vector<FoundFile> out;
    walk(root, out);
    return out;
}

}  // namespace sprout::util
