#include "web/templates.hpp"

#include <functional>
#include <regex>
#include <stdexcept>

#include "web/mustache.hpp"

namespace sprout::web {

namespace {

constexpr std::string_view kExt = ".mustache";
constexpr std::string_view kPartials = "partials/";
constexpr int kMaxPartialDepth = 8;

std::size_t line_at(const std::string& text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

std::string located(const std::string& origin, const std::string& text, const mustache::SyntaxError& e) {
    return origin + ":" + std::to_string(line_at(text, e.offset)) + ": " + e.what();
}

// Displayed origin: the toolkit's own file, or the built-in default under templates/.
std::string display_origin(const assets::Asset& a) {
    if (a.origin.starts_with("built-in:")) return a.origin.substr(9) + " (built-in)";
    return a.origin;
}

struct Source {
    std::string text, origin;
};

// Replaces each `{{> name}}` with partials/name.mustache, recursively, so a page is parsed
// once as a whole. Partials are expanded only with the default delimiters.
std::string expand(const Source& src, const std::map<std::string, Source>& partials, int depth) {
    static const std::regex partial_tag(R"(\{\{>\s*([A-Za-z0-9_./-]+)\s*\}\})");
    if (depth > kMaxPartialDepth)
        throw std::runtime_error(src.origin + ": partials nested more than " + std::to_string(kMaxPartialDepth) +
                                 " deep (does a partial include itself?)");
    std::string out;
    std::size_t last = 0;
    for (std::sregex_iterator it(src.text.begin(), src.text.end(), partial_tag), end; it != end; ++it) {
        const auto& m = *it;
        const auto pos = static_cast<std::size_t>(m.position(0));
        out.append(src.text, last, pos - last);
        auto p = partials.find(m[1].str());
        if (p == partials.end())
            throw std::runtime_error(src.origin + ":" + std::to_string(line_at(src.text, pos)) + ": unknown partial '" +
                                     m[1].str() + "' (expected templates/partials/" + m[1].str() + ".mustache)");
        out += expand(p->second, partials, depth + 1);
        last = pos + static_cast<std::size_t>(m.length(0));
    }
    out.append(src.text, last, std::string::npos);
    return out;
}

}  // namespace

Templates::Templates(const assets::Assets& assets) {
    std::map<std::string, Source> partials, pages;
    for (const auto& a : assets.templates()) {
        if (!a.path.ends_with(kExt)) continue;
        const std::string origin = display_origin(a);
        // Each file must parse on its own, so that errors point at the right file and line.
        try {
            mustache::Template alone(a.data);
        } catch (const mustache::SyntaxError& e) {
            throw std::runtime_error("template error: " + located(origin, a.data, e));
        }
        std::string name = a.path.substr(0, a.path.size() - kExt.size());
        if (name.starts_with(kPartials))
            partials[name.substr(kPartials.size())] = {a.data, origin};
        else
            pages[name] = {a.data, origin};
    }
    if (!pages.count("layout")) throw std::runtime_error("template error: templates/layout.mustache is missing");
    for (const auto& [name, src] : pages) {
        const std::string full = expand(src, partials, 0);
        try {
            parsed_[name] = std::make_unique<mustache::Template>(full);
        } catch (const mustache::SyntaxError& e) {
            throw std::runtime_error("template error: " + src.origin + " with its partials expanded: " + e.what());
        }
        hash_[name] = std::hash<std::string>{}(full);
    }
}

std::uint64_t Templates::hash(const std::string& name) const {
    const auto it = hash_.find(name);
    if (it == hash_.end()) return 0;
    // The layout wraps every page, so its text is part of every page template's hash.
    return it->second * 31 + hash_.at("layout");
}

Templates::~Templates() = default;

const mustache::Template& Templates::get(const std::string& name) const {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) throw std::runtime_error("template error: templates/" + name + ".mustache is missing");
    return *it->second;
}

std::string Templates::fragment(const std::string& name, const nlohmann::json& context) const {
    std::string out;
    const nlohmann::json* scopes[] = {&context};
    get(name).render(scopes, out);
    return out;
}

std::string Templates::page(const std::string& name, const nlohmann::json& context) const {
    std::string out;
    mustache::Template::Output whole{out, {}, 0, 0};
    page(name, context, whole);
    return out;
}

void Templates::page(const std::string& name, const nlohmann::json& context, mustache::Template::Output& out) const {
    // The page's template renders straight into the layout's output where the layout shows
    // `{{{content}}}`: rendered apart and then copied in, the largest pages (the crosswalk,
    // 17 MB at N = 10,000) were held twice at once.
    const nlohmann::json* scopes[] = {&context};
    const mustache::Template::Content content = [&](mustache::Template::Output& into) { get(name).render(scopes, into); };
    get("layout").render(scopes, out, &content);
}

}  // namespace sprout::web
