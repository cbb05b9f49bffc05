#include "web/mustache.hpp"

#include <cctype>

#include "markdown/markdown.hpp"
#include "web/shared_json.hpp"

namespace sprout::web::mustache {

using json = nlohmann::json;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// "=<% %>=" → the new delimiters; false when malformed (they may not hold blanks or '=').
bool parse_delimiters(std::string_view tag, std::string& open, std::string& close) {
    if (tag.size() < 5 || tag.back() != '=') return false;
    const std::string_view inner = trim(tag.substr(1, tag.size() - 2));
    const auto space = inner.find_first_of(" \t");
    if (space == std::string_view::npos) return false;
    const std::string_view a = inner.substr(0, space), b = trim(inner.substr(space));
    const auto valid = [](std::string_view d) {
        if (d.empty()) return false;
        for (char c : d)
            if (c == '=' || std::isspace(static_cast<unsigned char>(c))) return false;
        return true;
    };
    if (!valid(a) || !valid(b)) return false;
    open = a;
    close = b;
    return true;
}

std::vector<std::string> split_name(std::string_view name) {
    std::vector<std::string> parts;
    if (name == ".") return parts;
    std::size_t start = 0;
    for (;;) {
        const auto dot = name.find('.', start);
        parts.emplace_back(name.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

bool truthy(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return false;
        case json::value_t::boolean: return v.get<bool>();
        case json::value_t::string: return !v.get_ref<const std::string&>().empty();
        case json::value_t::array: return !v.empty();
        default: return true;
    }
}

const json kTrue = true;
const json kFalse = false;

// The value itself, or the one it refers to (web/shared_json.hpp).
const json* resolve(const json* v) {
    if (const json* target = v ? shared_target(*v) : nullptr) return target;
    return v;
}

// Member `name` of `v`, or the derived `has_x` of a list member `x` (see the header).
const json* member(const json& v, const std::string& name) {
    if (!v.is_object()) return nullptr;
    const auto& obj = v.get_ref<const json::object_t&>();
    if (auto it = obj.find(name); it != obj.end()) return resolve(&it->second);
    if (name.starts_with("has_")) {
        auto list = obj.find(std::string_view(name).substr(4));
        if (list != obj.end() && list->second.is_array()) return list->second.empty() ? &kFalse : &kTrue;
    }
    if (auto base = obj.find(kBaseKey); base != obj.end())
        if (const json* target = shared_target(base->second)) return member(*target, name);
    return nullptr;
}

}  // namespace

Template::Template(std::string_view in) {
    std::string open = "{{", close = "}}";
    struct Open {
        std::size_t node;
        std::string name;
        std::size_t at;
    };
    std::vector<Open> sections;
    const auto add_text = [this](std::string_view text) {
        // Newlines are nodes of their own: standalone-line removal happens at line ends.
        while (!text.empty()) {
            const auto nl = text.find_first_of("\r\n");
            if (nl > 0) nodes_.push_back({Kind::text, std::string(text.substr(0, nl)), {}, 0});
            if (nl == std::string_view::npos) break;
            const std::size_t len = text.compare(nl, 2, "\r\n") == 0 ? 2 : 1;
            nodes_.push_back({Kind::newline, std::string(text.substr(nl, len)), {}, 0});
            text.remove_prefix(nl + len);
        }
    };

    std::size_t pos = 0;
    while (pos < in.size()) {
        const auto start = in.find(open, pos);
        add_text(in.substr(pos, start == std::string_view::npos ? std::string_view::npos : start - pos));
        if (start == std::string_view::npos) break;

        std::size_t body = start + open.size();
        const bool triple = open == "{{" && close == "}}" && body < in.size() && in[body] == '{';
        const std::string_view closer = triple ? std::string_view("}}}") : std::string_view(close);
        if (triple) ++body;
        const auto finish = in.find(closer, body);
        if (finish == std::string_view::npos) throw SyntaxError("Unclosed tag", start);
        const std::string_view tag = trim(in.substr(body, finish - body));
        pos = finish + closer.size();

        if (triple) {
            nodes_.push_back({Kind::raw_variable, {}, split_name(tag), 0});
            continue;
        }
        const char sigil = tag.empty() ? '\0' : tag.front();
        const bool has_sigil = sigil != '\0' && std::string_view("#^/&!>=").find(sigil) != std::string_view::npos;
        const std::string_view name = has_sigil ? trim(tag.substr(1)) : tag;
        switch (sigil) {
            case '=':
                if (!parse_delimiters(tag, open, close)) throw SyntaxError("Invalid set delimiter tag", start);
                break;
            case '!':
            case '>':
                break;
            case '#':
            case '^':
                sections.push_back({nodes_.size(), std::string(name), start});
                nodes_.push_back({sigil == '#' ? Kind::section : Kind::inverted, {}, split_name(name), 0});
                break;
            case '/':
                if (sections.empty()) throw SyntaxError("Unopened section \"" + std::string(name) + "\"", start);
                if (sections.back().name != name)
                    throw SyntaxError("Section \"" + sections.back().name + "\" closed by {{/" + std::string(name) + "}}",
                                      start);
                nodes_[sections.back().node].end = nodes_.size();
                sections.pop_back();
                break;
            case '&':
                nodes_.push_back({Kind::raw_variable, {}, split_name(name), 0});
                break;
            default:
                nodes_.push_back({Kind::variable, {}, split_name(name), 0});
        }
    }
    if (!sections.empty())
        throw SyntaxError("Unclosed section \"" + sections.back().name + "\"", sections.back().at);
}

struct Template::Renderer {
    const std::vector<Node>& nodes;
    std::vector<const json*> scopes;
    Output& output;
    std::string& out;
    std::size_t line_start;  // counted from the rendering's first byte, flushed ones included
    const Content* content = nullptr;
    bool line_had_section = false;

    const json* lookup(const std::vector<std::string>& path) const {
        if (path.empty()) return scopes.back();
        for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
            const json* v = *scope;
            for (const auto& name : path)
                if (!(v = member(*v, name))) break;
            if (v) return v;
        }
        return nullptr;
    }

    // A line that held a rendered section tag and produced only blanks is dropped. A line
    // whose start was flushed (by the page inside a layout, on the layout's line) held a
    // newline, so it is not blank.
    void end_line(const std::string* newline) {
        const bool in_hand = line_start >= output.flushed;
        const std::size_t at = in_hand ? line_start - output.flushed : 0;
        const bool blank = in_hand && out.find_first_not_of(" \t", at) == std::string::npos;
        if (line_had_section && blank)
            out.resize(at);
        else if (newline)
            out += *newline;
        if (output.flush && out.size() >= output.flush_above) {
            output.flush(out);
            output.flushed += out.size();
            out.clear();
        }
        line_start = output.flushed + out.size();
        line_had_section = false;
    }

    void section(std::size_t i, const json* scope) {
        line_had_section = true;
        if (scope) scopes.push_back(scope);
        run(i + 1, nodes[i].end);
        if (scope) scopes.pop_back();
        line_had_section = true;
    }

    void run(std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            const Node& n = nodes[i];
            switch (n.kind) {
                case Kind::text:
                    out += n.text;
                    break;
                case Kind::newline:
                    end_line(&n.text);
                    break;
                case Kind::variable:
                case Kind::raw_variable:
                    if (content && n.kind == Kind::raw_variable && n.path.size() == 1 && n.path[0] == "content") {
                        (*content)(output);
                    } else if (const json* v = lookup(n.path)) {
                        if (v->is_string()) {
                            const auto& s = v->get_ref<const std::string&>();
                            if (n.kind == Kind::variable)
                                markdown::append_escaped_html(out, s);
                            else
                                out += s;
                        } else if (v->is_number()) {
                            out += v->dump();
                        }
                    }
                    break;
                case Kind::section:
                    if (const json* v = lookup(n.path); v && truthy(*v)) {
                        if (v->is_array())
                            for (const auto& item : *v) section(i, resolve(&item));
                        else
                            section(i, v);
                    }
                    i = n.end - 1;
                    break;
                case Kind::inverted:
                    if (const json* v = lookup(n.path); !v || !truthy(*v)) section(i, v);
                    i = n.end - 1;
                    break;
            }
        }
    }
};

void Template::render(std::span<const json* const> scopes, Output& out, const Content* content) const {
    Renderer r{nodes_, {}, out, out.text, out.flushed + out.text.size(), content};
    for (const json* s : scopes) r.scopes.push_back(resolve(s));
    r.run(0, nodes_.size());
    r.end_line(nullptr);
}

void Template::render(std::span<const json* const> scopes, std::string& out) const {
    Output whole{out, {}, 0, 0};
    render(scopes, whole);
}

}  // namespace sprout::web::mustache
