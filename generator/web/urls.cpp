#include "web/urls.hpp"

#include <cctype>
#include "util/text.hpp"

namespace sprout::web::urls {

std::string record(std::string_view folder, std::string_view id, std::string_view nation) {
    const std::string i(id);
    if (folder == "policies") return "nations/" + std::string(nation) + ".html#" + anchor("policy", id);
    if (folder == "actors") return "recommendations/by-actor.html#" + anchor("actor", id);
    if (folder == "service-types") return "services/index.html#" + anchor("service", id);
    if (folder == "glossary") return "glossary/index.html#" + anchor("term", id);
    if (folder == "evidence-scales") return "evidence/" + i + ".html";
    return std::string(folder) + "/" + i + ".html";
}

std::string root_of(std::string_view page_path) {
    std::string root;
    for (char c : page_path)
        if (c == '/') root += "../";
    return root;
}

std::string canonical(std::string_view base_url, std::string_view page_path) {
    // The checker only lets http(s) through; refuse anything else here too, as this becomes an href.
    if (!base_url.starts_with("https://") && !base_url.starts_with("http://")) return {};
    std::string b(base_url);
    if (!b.ends_with('/')) b += '/';
    // The home page's canonical URL is the folder, as hosts serve it.
    if (page_path == "index.html") return b;
    return b + std::string(page_path);
}

std::string anchor(std::string_view prefix, std::string_view id) { return std::string(prefix) + "-" + std::string(id); }

std::string slug(std::string_view text) { return text::slug(text, "x"); }

}  // namespace sprout::web::urls
