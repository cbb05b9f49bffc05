#pragma once
// Mapping request paths to files inside the site folder, refusing anything that could escape it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sprout::serve {

// The file a request path names inside `root`, or nullopt when the path is unsafe (".." segments,
// backslashes, NUL, control characters) or resolves outside `root` (including via symlinks).
// Folders map to their index.html. `path` is the already percent-decoded request path.
std::optional<std::filesystem::path> resolve_request(const std::filesystem::path& root, std::string_view path);

// Content type for a file name, by extension.
std::string content_type(const std::filesystem::path& file);

}  // namespace sprout::serve
