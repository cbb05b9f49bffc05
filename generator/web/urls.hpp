#pragma once
// Where each page lives in the site. Every page is a file `<section>/<id>.html` (or a top-level
// file), so the site works opened from disk: links are written relative to the page, as
// `{{root}}` + a site-root path, where `root` is "" at the top and "../" one folder down.
#include <string>
#include <string_view>

namespace sprout::web::urls {

// Site-root path of a record's page (or anchor), from its content folder and id, e.g.
// ("interventions", "vipp") → "interventions/vipp.html". Policies, actors, service types and
// terms have anchors on a shared page rather than pages of their own. `nation` is used for
// policies, whose anchor is on their nation's page.
std::string record(std::string_view folder, std::string_view id, std::string_view nation = {});

// Prefix that turns a site-root path into one relative to the page at `page_path`.
std::string root_of(std::string_view page_path);

// Absolute URL for a site-root path, or "" when no base URL is configured.
std::string canonical(std::string_view base_url, std::string_view page_path);

// HTML id for an anchor made of a prefix and a content id, e.g. ("policy", "x") → "policy-x".
std::string anchor(std::string_view prefix, std::string_view id);

// A slug usable in ids and file names for free text (topics, group names): lower case,
// letters and digits, runs of anything else as one '-'.
std::string slug(std::string_view text);

}  // namespace sprout::web::urls
