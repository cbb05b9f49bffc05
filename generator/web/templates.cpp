#include "web/templates.hpp"

#include <functional>
#include <kainjow/mustache.hpp>
#include <regex>
#include <stdexcept>

#include "markdown/markdown.hpp"

namespace sprout::web {

namespace mus = kainjow::mustache;

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

// kainjow reports positions as byte offsets at the end of its message ("... at 123");
// turn that into "file:line: message".
std::string located(const std::string& origin, const std::string& text, const std::string& message) {
    static const std::regex at_offset(R"(^(.*) at (\d+)$)");
    std::smatch m;
    if (std::regex_match(message, m, at_offset))
        return origin + ":" + std::to_string(line_at(text, std::stoul(m[2].str()))) + ": " + m[1].str();
    return origin + ": " + message;
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

// A JSON value as Mustache data; objects and lists come back empty, for fill() to fill.
mus::data scalar_or_shell(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object:
            return mus::data(mus::data::type::object);
        case nlohmann::json::value_t::array:
            return mus::data(mus::data::type::list);
        // An empty string is falsy, so `{{#x}}…{{/x}}` hides a missing value. (Leaving the
        // key out instead would let Mustache find a same-named value further up the context.)
        case nlohmann::json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            return s.empty() ? mus::data(false) : mus::data(s);
        }
        case nlohmann::json::value_t::boolean:
            return mus::data(j.get<bool>());
        case nlohmann::json::value_t::null:
            return mus::data(false);
        default:
            return mus::data(j.dump());
    }
}

// Fills the object or list `d` from `j`. kainjow's set() and push_back() copy their argument,
// so converting children first and then adding them copies every subtree once per level above
// it (a fifth of a 10,000-record build, see docs/PERFORMANCE.md). Instead each child is added
// as an empty shell and filled where it lies. The const_casts are well defined: kainjow's
// accessors are const, but the map and vector they point into own non-const objects.
void fill(const nlohmann::json& j, mus::data& d) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            d.set(k, scalar_or_shell(v));
            if (v.is_structured()) fill(v, *const_cast<mus::data*>(d.get(k)));
            // `has_x` for every list `x`, so a template can wrap a non-empty list
            // (Mustache itself cannot test a list without iterating it).
            if (v.is_array() && !j.contains("has_" + k)) d.set("has_" + k, mus::data(!v.empty()));
        }
    } else if (j.is_array()) {
        for (const auto& v : j) {
            d.push_back(scalar_or_shell(v));
            if (v.is_structured()) fill(v, const_cast<mus::list&>(d.list_value()).back());
        }
    }
}

mus::data to_data(const nlohmann::json& j) {
    mus::data d = scalar_or_shell(j);
    fill(j, d);
    return d;
}

}  // namespace

Templates::Templates(const assets::Assets& assets) {
    std::map<std::string, Source> partials, pages;
    for (const auto& a : assets.templates()) {
        if (!a.path.ends_with(kExt)) continue;
        const std::string origin = display_origin(a);
        // Each file must parse on its own, so that errors point at the right file and line.
        Mustache alone(a.data);
        if (!alone.is_valid()) throw std::runtime_error("template error: " + located(origin, a.data, alone.error_message()));
        std::string name = a.path.substr(0, a.path.size() - kExt.size());
        if (name.starts_with(kPartials))
            partials[name.substr(kPartials.size())] = {a.data, origin};
        else
            pages[name] = {a.data, origin};
    }
    if (!pages.count("layout")) throw std::runtime_error("template error: templates/layout.mustache is missing");
    for (const auto& [name, src] : pages) {
        const std::string full = expand(src, partials, 0);
        auto m = std::make_unique<Mustache>(full);
        if (!m->is_valid())
            throw std::runtime_error("template error: " + src.origin + " with its partials expanded: " + m->error_message());
        m->set_custom_escape([](const std::string& s) { return markdown::escape_html(s); });
        parsed_[name] = std::move(m);
        origin_[name] = src.origin;
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

Templates::Mustache& Templates::get(const std::string& name) const {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) throw std::runtime_error("template error: templates/" + name + ".mustache is missing");
    return *it->second;
}

std::string Templates::fragment(const std::string& name, const nlohmann::json& context) const {
    auto& m = get(name);
    std::string out = m.render(to_data(context));
    if (!m.is_valid()) throw std::runtime_error("template error: " + origin_.at(name) + ": " + m.error_message());
    return out;
}

std::string Templates::page(const std::string& name, const nlohmann::json& context) const {
    auto data = to_data(context);
    auto& body_tmpl = get(name);
    std::string body = body_tmpl.render(data);
    if (!body_tmpl.is_valid())
        throw std::runtime_error("template error: " + origin_.at(name) + ": " + body_tmpl.error_message());
    data.set("content", mus::data(body));
    auto& layout = get("layout");
    std::string out = layout.render(data);
    if (!layout.is_valid()) throw std::runtime_error("template error: " + origin_.at("layout") + ": " + layout.error_message());
    return out;
}

}  // namespace sprout::web
