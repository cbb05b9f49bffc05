#include "diff/previous.hpp"

#include <filesystem>
#include <stdexcept>

#include "diff/editions.hpp"

namespace fs = std::filesystem;

namespace sprout::diff {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::optional<Previous> changes_since_previous(const load::Toolkit& tk, const model::Model& current, const std::string& since) {
    const auto& site = current.site;
    const std::string where = (fs::path(tk.display) / "site.toml").string() + ": ";
    Previous p;
    std::string err;
    std::optional<Edition> old;
    if (!since.empty()) {
        p.setting = "--since " + since;
        p.label = since;
        old = load_git(tk.root, since, err);
    } else if (!site.previous.git.empty() && !site.previous.folder.empty()) {
        throw std::runtime_error(where + "previous_edition: give `git` or `folder`, not both");
    } else if (!site.previous.git.empty()) {
        p.setting = where + "previous_edition.git = " + quoted(site.previous.git);
        p.label = site.previous.git;
        old = load_git(tk.root, site.previous.git, err);
    } else if (!site.previous.folder.empty()) {
        p.setting = where + "previous_edition.folder = " + quoted(site.previous.folder);
        p.label = site.previous.folder;
        // Relative to the toolkit, not to wherever sprout was started.
        const fs::path dir = fs::path(site.previous.folder).is_absolute() ? fs::path(site.previous.folder)
                                                                          : fs::path(tk.root) / site.previous.folder;
        old = load_folder(dir.lexically_normal().string(), err);
    } else {
        return std::nullopt;
    }
    if (!old) throw std::runtime_error(p.setting + ": cannot load the previous edition: " + err);
    if (!old->model) {
        std::string msg = p.setting + ": the previous edition has " + std::to_string(old->diags.error_count()) +
                          " content error(s), so it cannot be compared:";
        int shown = 0;
        for (const auto& d : old->diags.all()) {
            if (d.severity != Severity::Error) continue;
            if (++shown > 5) {
                msg += "\n  …";
                break;
            }
            msg += "\n  " + format_text(d);
        }
        throw std::runtime_error(msg);
    }
    p.changes = compare(*old->model, current);
    return p;
}

}  // namespace sprout::diff
