#include "util/embedded.hpp"

namespace sprout::embedded {

const File* find(const std::vector<File>& files, std::string_view path) {
    for (const auto& f : files)
        if (f.path == path) return &f;
    return nullptr;
}

}  // namespace sprout::embedded
