#pragma once
// Files compiled into the binary (see cmake/EmbedScript.cmake).
#include <string_view>
#include <vector>

namespace sprout::embedded {

struct File {
    std::string_view path;  // relative to the embedded folder, '/'-separated
    std::string_view data;
};

const std::vector<File>& schema_files();    // generator/schema/schema.toml
const std::vector<File>& template_files();  // templates/
const std::vector<File>& theme_files();     // themes/
const std::vector<File>& starter_files();   // generator/starter/ (for `sprout init`)

// The embedded file at `path`, or nullptr.
const File* find(const std::vector<File>& files, std::string_view path);

}  // namespace sprout::embedded
