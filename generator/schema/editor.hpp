#pragma once
// Editor support: the JSON Schema files `sprout schema --out` writes, and a Taplo configuration
// (.taplo.toml) that maps each content folder to its schema, so Taplo-based editors (VS Code's
// "Even Better TOML", Helix, Neovim, Zed...) give completion, hover docs and validation.
#include <string>
#include <utility>
#include <vector>

#include "schema/schema.hpp"

namespace sprout::schema {

// File name → contents: one `<kind>.schema.json` per kind, plus `content.schema.json` with
// every kind under $defs. In schema order.
std::vector<std::pair<std::string, std::string>> schema_files(const Schema& s);

// A .taplo.toml for a toolkit (or a repository holding toolkits) with the schema files in
// `schemas_dir`, relative to the .taplo.toml. Kinds stored as Markdown pages are left out:
// their TOML front matter is inside a .md file, which Taplo does not read.
std::string taplo_config(const Schema& s, const std::string& schemas_dir = "schemas");

}  // namespace sprout::schema
