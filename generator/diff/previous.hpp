#pragma once
// The previous edition a toolkit names in site.toml (`previous_edition`, a git revision or a
// folder), loaded the way `sprout diff` loads its editions and compared with the current one,
// for the site's "What changed" page and the briefs' `changes` sections.
#include <optional>
#include <string>

#include "diff/diff.hpp"
#include "load/loader.hpp"
#include "model/model.hpp"

namespace sprout::diff {

struct Previous {
    std::string setting;  // how the edition was named, for messages: `previous_edition.git = "v1"`
    std::string label;    // the revision or folder as given
    Changes changes;
};

// Compares `current` (the checked model of `tk`) with the previous edition. `since`, when not
// empty, is a git revision that overrides the setting (`sprout build --since`). Returns nullopt
// when no previous edition is named. Throws std::runtime_error naming the setting when both
// `git` and `folder` are given, when the edition cannot be loaded, or when it has content errors
// (their first few diagnostics are included).
std::optional<Previous> changes_since_previous(const load::Toolkit& tk, const model::Model& current,
                                               const std::string& since = {});

}  // namespace sprout::diff
