#include "build/incremental.hpp"

#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace sprout::build {

namespace {

bool keepable_folder(std::string_view folder) {
    for (const char* f : kKeepableFolders)
        if (folder == f) return true;
    return false;
}

// Whether "folder/id" names a record of a keepable kind.
bool keepable_key(std::string_view key) { return keepable_folder(key.substr(0, key.find('/'))); }

// "folder/id" of a record file of a keepable kind directly under the content folder, or "".
std::string keepable_record(const std::string& path, const std::string& content_root) {
    const std::string normal = fs::path(path).lexically_normal().string();  // inputs may read "..././content/..."
    if (!normal.starts_with(content_root)) return "";
    const fs::path rel(normal.substr(content_root.size()));
    auto part = rel.begin();
    if (part == rel.end()) return "";
    const std::string folder = part->string();
    if (++part == rel.end() || std::next(part) != rel.end() || part->extension() != ".toml") return "";
    return keepable_folder(folder) ? folder + "/" + part->stem().string() : "";
}

// Marks every record within two references of a changed one, in either direction, before or
// after the edit. References between keepable records only: the others (scales, nations,
// audiences, areas...) are hubs that every record refers to, and their pages are rendered
// every time anyway.
void mark_neighbours_dirty(std::unordered_set<std::string>& dirty, const std::vector<std::string>& changed,
                           const check::References& before, const check::References& now) {
    std::unordered_map<std::string, std::vector<const std::string*>> next_to;
    for (const check::References* refs : {&before, &now})
        for (const auto& [from, tos] : *refs) {
            if (!keepable_key(from)) continue;
            for (const auto& to : *tos) {
                if (!keepable_key(to)) continue;
                next_to[from].push_back(&to);
                next_to[to].push_back(&from);
            }
        }
    std::vector<std::string> frontier = changed;
    for (int hop = 0; hop < 2; ++hop) {
        std::vector<std::string> reached;
        for (const auto& key : frontier)
            if (auto it = next_to.find(key); it != next_to.end())
                for (const auto* n : it->second)
                    if (dirty.insert(*n).second) reached.push_back(*n);
        frontier = std::move(reached);
    }
}

}  // namespace

std::optional<web::Reuse> plan_reuse(Manifest& previous, Manifest& next, const check::References& now,
                                     const model::Model& model, const load::Toolkit& tk) {
    if (previous.pages.empty() || previous.key != next.key || previous.inputs.size() != next.inputs.size())
        return std::nullopt;
    const std::string content_root = fs::absolute(tk.content_dir).lexically_normal().string() + "/";
    // Edited templates are allowed: a page is rendered again when its template's hash changed.
    const std::string templates_root = (fs::absolute(tk.root) / "templates").lexically_normal().string() + "/";
    std::vector<std::string> changed;
    bool template_changed = false;
    for (std::size_t i = 0; i < next.inputs.size(); ++i) {
        const auto& was = previous.inputs[i];
        const auto& is = next.inputs[i];
        if (was.path != is.path) return std::nullopt;  // a file added, removed or renamed
        if (was.hash == is.hash) continue;
        if (fs::path(is.path).lexically_normal().string().starts_with(templates_root)) {
            template_changed = true;
            continue;
        }
        std::string key = keepable_record(is.path, content_root);
        if (key.empty()) return std::nullopt;
        changed.push_back(std::move(key));
    }

    web::Reuse reuse;
    reuse.template_changed = template_changed;
    // The same records as before: only the changed ones can show something else now.
    next.shown_elsewhere = std::move(previous.shown_elsewhere);
    if (next.shown_elsewhere.size() == model.interventions.size() + model.examples.size()) {
        reuse.own_pages_only = !template_changed && !changed.empty();
        for (const auto& key : changed) {
            const auto now_hash = web::shown_elsewhere_hash(model, key);
            const auto was = next.shown_elsewhere.find(key);
            if (!now_hash || was == next.shown_elsewhere.end()) {
                reuse.own_pages_only = false;
                continue;
            }
            if (was->second != *now_hash) reuse.own_pages_only = false;
            was->second = *now_hash;
        }
    } else {  // a cache that lacks some: made again
        next.shown_elsewhere = web::shown_elsewhere_hashes(model);
    }

    reuse.dirty.insert(changed.begin(), changed.end());
    // A change only its own page shows reaches no other record's page.
    if (!reuse.own_pages_only) mark_neighbours_dirty(reuse.dirty, changed, previous.references, now);
    reuse.set_previous(std::move(previous.pages));
    previous.pages.clear();
    return reuse;
}

}  // namespace sprout::build
