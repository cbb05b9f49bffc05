#pragma once
// The Mustache templates: loaded from the toolkit's templates/ over the built-in defaults,
// each checked on its own so an error names its file and line, partials expanded in place,
// and every page template parsed once for the whole build (web/mustache.hpp renders them).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "assets/assets.hpp"
#include "web/mustache.hpp"

namespace sprout::web {

class Templates {
public:
    // Throws std::runtime_error ("templates/x.mustache:12: Unclosed section ...") on a bad template.
    explicit Templates(const assets::Assets& assets);
    ~Templates();
    Templates(const Templates&) = delete;
    Templates& operator=(const Templates&) = delete;

    // Renders page template `name` ("intervention" → intervention.mustache) with `context`,
    // then wraps it in layout.mustache, which gets the same context plus `content`.
    std::string page(const std::string& name, const nlohmann::json& context) const;
    // The same, into `out`, which may hand it on a piece at a time (mustache::Template::Output).
    void page(const std::string& name, const nlohmann::json& context, mustache::Template::Output& out) const;
    // Renders one template alone (no layout).
    std::string fragment(const std::string& name, const nlohmann::json& context) const;

    bool has(const std::string& name) const { return parsed_.count(name) > 0; }
    // A hash of everything that renders page template `name`: its text with partials expanded,
    // and the layout's. Pages of a template whose hash did not change need not render again
    // for a template edit (build/incremental.hpp). 0 for an unknown template.
    std::uint64_t hash(const std::string& name) const;

private:
    const mustache::Template& get(const std::string& name) const;
    std::map<std::string, std::unique_ptr<mustache::Template>> parsed_;
    std::map<std::string, std::uint64_t> hash_;  // template name → hash of its expanded text
};

}  // namespace sprout::web
