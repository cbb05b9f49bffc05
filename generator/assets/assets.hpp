#pragma once
// Templates and theme files: the toolkit's own templates/ and themes/ override the defaults
// built into Sprout, file by file, as in Hugo.
#include <optional>
#include <string>
#include <vector>

namespace sprout::assets {

struct Asset {
    std::string path;  // relative, '/'-separated, e.g. "layout.mustache" or "default/site.css"
    std::string data;
    std::string origin;  // file the text came from (for error messages), or "built-in:<path>"
};

class Assets {
public:
    // `toolkit_root` may be empty: then only the built-in defaults are used.
    explicit Assets(std::string toolkit_root);

    // A template by relative path (e.g. "partials/header.mustache").
    std::optional<Asset> template_file(const std::string& path) const;
    // Every template, overrides applied.
    std::vector<Asset> templates() const;
    // Every file of theme `name` (default "default"), overrides applied; paths relative to the theme.
    std::vector<Asset> theme(const std::string& name = "default") const;

private:
    std::vector<Asset> merged(const std::string& folder, const std::string& prefix) const;
    std::string root_;
};

}  // namespace sprout::assets
