#pragma once
// Getting the two editions to compare: a toolkit (or content) folder as it is on disk, or the
// content folder as it was at a git revision.
#include <memory>
#include <optional>
#include <string>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"

namespace sprout::diff {

struct Edition {
    std::string label;                  // how reports name it: the folder as given, or the revision
    Diagnostics diags;                  // what checking found; paths use `label`'s view of the files
    std::shared_ptr<const model::Model> model;  // set when there are no errors
};

// Loads and checks a toolkit folder or a content folder. Returns nullopt and sets `error` when
// `dir` is not a toolkit (a usage error, not a content error).
std::optional<Edition> load_folder(const std::string& dir, std::string& error);

// Loads and checks the content folder of the toolkit at `dir` as it was at git revision `rev`,
// extracted with `git archive` into a temporary folder that is removed afterwards. Diagnostics
// name files as `rev:path/in/repo`. Returns nullopt and sets `error` when `dir` is not in a git
// work tree, `rev` is not a commit, or the content folder did not exist at `rev`.
std::optional<Edition> load_git(const std::string& dir, const std::string& rev, std::string& error);

}  // namespace sprout::diff
