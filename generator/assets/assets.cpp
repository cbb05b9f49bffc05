#include "assets/assets.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "util/embedded.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::assets {

Assets::Assets(std::string toolkit_root) : root_(std::move(toolkit_root)) {}

std::vector<Asset> Assets::merged(const std::string& folder, const std::string& prefix) const {
    std::map<std::string, Asset> by_path;
    const auto& builtin = folder == "templates" ? embedded::template_files() : embedded::theme_files();
    for (const auto& f : builtin) {
        std::string p(f.path);
        if (!p.starts_with(prefix)) continue;
        p = p.substr(prefix.size());
        by_path[p] = {p, std::string(f.data), "built-in:" + folder + "/" + prefix + p};
    }
    if (!root_.empty()) {
        const fs::path dir = fs::path(root_) / folder / prefix;
        std::error_code ec;
        if (fs::is_directory(dir, ec)) {
            for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                const std::string rel = fs::relative(it->path(), dir, ec).generic_string();
                if (rel.empty() || rel.starts_with('.')) continue;
                if (auto data = text::read_file(it->path().string()))
                    by_path[rel] = {rel, std::move(*data), it->path().string()};
            }
        }
    }
    std::vector<Asset> out;
    for (auto& [_, a] : by_path) out.push_back(std::move(a));
    return out;
}

std::optional<Asset> Assets::template_file(const std::string& path) const {
    for (auto& a : templates())
        if (a.path == path) return a;
    return std::nullopt;
}

std::vector<Asset> Assets::templates() const { return merged("templates", ""); }

std::vector<Asset> Assets::theme(const std::string& name) const { return merged("themes", name + "/"); }

}  // namespace sprout::assets
