#include "targets.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unistd.h>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "assets/assets.hpp"
#include "check/checker.hpp"
#include "diag/diagnostics.hpp"
#include "doc/from_markdown.hpp"
#include "doc/html_writer.hpp"
#include "load/loader.hpp"
#include "markdown/markdown.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"
#include "schema/schema.hpp"
#include "util/binary_io.hpp"
#include "util/text.hpp"
#include "web/mustache.hpp"
#include "web/templates.hpp"

namespace sprout::fuzz {

namespace {

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

std::string lower(std::string_view s) { return text::to_lower(s); }

// Decodes the character references a browser would in an attribute value, enough to see a
// scheme hidden as "&#106;avascript:" or "java&Tab;script:".
std::string decode_attribute(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '&') {
            out += v[i];
            continue;
        }
        const auto semi = v.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) {
            out += v[i];
            continue;
        }
        const std::string ent = lower(v.substr(i + 1, semi - i - 1));
        long cp = -1;
        if (ent.size() > 1 && ent[0] == '#') {
            const bool hex = ent[1] == 'x';
            try {
                cp = std::stol(ent.substr(hex ? 2 : 1), nullptr, hex ? 16 : 10);
            } catch (...) {
                cp = -1;
            }
        } else if (ent == "colon") cp = ':';
        else if (ent == "tab") cp = '\t';
        else if (ent == "newline") cp = '\n';
        else if (ent == "amp") cp = '&';
        else if (ent == "quot") cp = '"';
        else if (ent == "apos") cp = '\'';
        else if (ent == "lt") cp = '<';
        else if (ent == "gt") cp = '>';
        if (cp < 0 || cp > 0x7f) {
            out += v[i];
            continue;
        }
        out += static_cast<char>(cp);
        i = semi;
    }
    return out;
}

bool is_script_url(std::string_view value) {
    // Browsers ignore ASCII whitespace and control characters inside a scheme.
    std::string s;
    for (char c : decode_attribute(value))
        if (static_cast<unsigned char>(c) > 0x20) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s.starts_with("javascript:") || s.starts_with("vbscript:") || s.starts_with("data:");
}

const std::set<std::string> kScriptElements = {"script", "iframe", "object", "embed", "base", "frame", "applet"};
const std::set<std::string> kUrlAttributes = {"href", "src", "action", "formaction", "xlink:href", "poster",
                                              "background", "srcset", "data", "codebase", "cite", "ping"};

void note(HtmlFindings& f, std::string_view html, std::size_t at) {
    if (f.examples.size() < 3) f.examples.emplace_back(html.substr(at, 80));
}

}  // namespace

HtmlFindings scan_html(std::string_view h) {
    HtmlFindings f;
    std::size_t i = 0;
    const std::size_t n = h.size();
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    while ((i = h.find('<', i)) != std::string_view::npos) {
        const std::size_t start = i;
        ++i;
        if (i < n && h[i] == '!') {  // comment or doctype
            const auto end = h.substr(i).starts_with("!--") ? h.find("-->", i) : h.find('>', i);
            if (end == std::string_view::npos) break;
            i = end + 1;
            continue;
        }
        const bool closing = i < n && h[i] == '/';
        if (closing) ++i;
        if (i >= n || !std::isalpha(static_cast<unsigned char>(h[i]))) continue;  // not a tag: "<" in text
        std::size_t j = i;
        while (j < n && !is_space(h[j]) && h[j] != '>' && h[j] != '/') ++j;
        const std::string name = lower(h.substr(i, j - i));
        i = j;
        if (!closing && kScriptElements.count(name)) {
            ++f.script_elements;
            note(f, h, start);
        }
        // Attributes, as the HTML tokenizer reads them.
        while (i < n && h[i] != '>') {
            if (is_space(h[i]) || h[i] == '/') {
                ++i;
                continue;
            }
            std::size_t k = i;
            ++k;  // the first character may be '=' and still be part of the name
            while (k < n && !is_space(h[k]) && h[k] != '=' && h[k] != '>' && h[k] != '/') ++k;
            const std::string attr = lower(h.substr(i, k - i));
            i = k;
            while (i < n && is_space(h[i])) ++i;
            std::string_view value;
            if (i < n && h[i] == '=') {
                ++i;
                while (i < n && is_space(h[i])) ++i;
                if (i < n && (h[i] == '"' || h[i] == '\'')) {
                    const char q = h[i];
                    const auto end = h.find(q, i + 1);
                    const std::size_t stop = end == std::string_view::npos ? n : end;
                    value = h.substr(i + 1, stop - i - 1);
                    i = stop == n ? n : stop + 1;
                } else {
                    const std::size_t b = i;
                    while (i < n && !is_space(h[i]) && h[i] != '>') ++i;
                    value = h.substr(b, i - b);
                }
            }
            if (closing) continue;
            if (attr.size() > 2 && attr.starts_with("on")) {
                ++f.event_handlers;
                note(f, h, start);
            }
            if (kUrlAttributes.count(attr) && is_script_url(value)) {
                ++f.script_urls;
                note(f, h, start);
            }
            if (name == "meta" && attr == "http-equiv" && lower(value) == "refresh") {
                ++f.script_urls;
                note(f, h, start);
            }
        }
        if (i < n) ++i;
        // Raw text elements: skip to their end tag, as the browser does.
        if (!closing && (name == "script" || name == "style" || name == "textarea" || name == "title")) {
            std::size_t e = i;
            while ((e = h.find("</", e)) != std::string_view::npos && lower(h.substr(e + 2, name.size())) != name) e += 2;
            i = e == std::string_view::npos ? n : e;
        }
    }
    return f;
}

namespace {

void require_safe(const std::string& html, std::string_view what) {
    const auto f = scan_html(html);
    if (f.script_elements || f.event_handlers || f.script_urls)
        throw Violation(std::string(what) + " carries script: " + (f.examples.empty() ? html.substr(0, 200) : f.examples[0]));
}

}  // namespace

// ------------------------------------------------------------------ (1) loader + checker

void load_check(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const auto& kinds = schema::builtin().kinds;
    const auto& kind = kinds[data[0] % kinds.size()];
    const std::string_view text = as_text(data + 1, size - 1);
    const std::string path = "content/" + (kind.folder.empty() ? kind.file : kind.folder + "/fuzz." + kind.extension);

    std::vector<load::RawRecord> records(1);
    Diagnostics diags;
    records[0].id = kind.folder.empty() ? kind.name : "fuzz";
    records[0].kind = &kind;
    records[0].path = path;
    records[0].parsed = load::parse_record(text, path, kind, records[0], diags);
    if (records[0].parsed != (diags.error_count() == 0)) throw Violation("parse_record's result disagrees with its diagnostics");
    check::check_records(records, diags);
    diags.sort();
    for (const auto& d : diags.all()) {
        if (d.message.empty()) throw Violation("a diagnostic without a message");
        (void)format_text(d);
    }
    (void)format_json(diags.all());
    if (diags.error_count() == 0) (void)load::to_model(records);
}

// ------------------------------------------------------------------ (2) Markdown → HTML

void markdown_html(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = as_text(data, size);
    const markdown::Document doc(text);
    const std::string html = doc.html();
    require_safe(html, "markdown::to_html");
    require_safe(markdown::to_inline_html(text), "markdown::to_inline_html");
    (void)doc.plain_text();
    if (text::is_valid_utf8(text) && !text::is_valid_utf8(html)) throw Violation("valid UTF-8 in, invalid UTF-8 out");
    const std::string escaped = markdown::escape_html(text);
    if (escaped.find_first_of("<>\"'") != std::string::npos) throw Violation("escape_html left a special character");
}

// ------------------------------------------------------------------ (3) Markdown → document tree → layout

void markdown_pdf(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = as_text(data, size);
    // Records are checked to be valid UTF-8 before they reach a renderer.
    if (!text::is_valid_utf8(text)) return;
    doc::Document d;
    d.meta.title = "Fuzz";
    d.meta.publisher = "Sprout";
    d.meta.date = "1 January 2026";
    d.meta.date_iso = "2026-01-01";
    doc::MarkdownOptions o;
    o.base_url = (size % 2) ? "https://example.org/" : "";
    d.body = doc::from_markdown(text, o);
    d.body.push_back(doc::para(doc::inlines_from_markdown(text, o)));
    require_safe(doc::write_html(d), "doc::write_html");
    (void)doc::plain(d.body);
    const pdf::Layout l = pdf::layout_document(d, pdf::Style{}, pdf::system_fonts());
    if (l.pages.empty()) throw Violation("layout made no pages");
}

// ------------------------------------------------------------------ (4) templates with hostile values

namespace {

struct TemplateSet {
    assets::Assets assets{""};
    web::Templates templates{assets};
    std::vector<std::string> pages;                    // page template names
    std::set<std::string> variables;                   // names used as {{x}}, {{{x}}}, {{&x}}
    std::set<std::string> sections;                    // names used as {{#x}}, {{^x}}
    std::set<std::string> url_starts;                  // names that begin an href, src or action value
    std::map<std::string, HtmlFindings> baseline;      // findings with benign values
};

bool is_url_key(const std::string& k) {
    return k == "url" || k == "href" || k == "src" || k == "root" || k.ends_with("_url") || k.ends_with("_href") ||
           k.starts_with("url_") || k == "base_url";
}

// A context in which every variable any template uses holds `value` (HTML fields get it
// rendered as Markdown, URL fields a URL that passes the checker). Names used only as sections
// are lists holding the value once, so each section renders once, and names inside it resolve
// up to the same top-level values.
nlohmann::json context_for(const TemplateSet& set, const std::string& value) {
    nlohmann::json ctx = nlohmann::json::object();
    std::string url = "https://example.org/";
    for (char c : value)
        if (static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != '"') url += c;
    const std::string html = markdown::to_html(value);
    // What reaches each kind of field in a real build: Markdown rendered by markdown::to_html,
    // URLs that passed the checker (or that Sprout made from ids), and `root`, which Sprout computes.
    auto value_for = [&](const std::string& key) {
        if (key == "root") return std::string("../");
        if (key.ends_with("_html") || key == "content") return html;
        if (is_url_key(key) || set.url_starts.count(key)) return url;
        return value;
    };
    for (const auto& name : set.sections)
        if (!set.variables.count(name)) ctx[name] = nlohmann::json::array({value});
    for (const auto& name : set.variables) {
        const auto dot = name.find('.');
        if (dot == std::string::npos) {
            ctx[name] = value_for(name);
            continue;
        }
        const std::string head = name.substr(0, dot), tail = name.substr(dot + 1);
        if (!ctx[head].is_object()) ctx[head] = nlohmann::json::object();
        ctx[head][tail] = value_for(tail);
    }
    return ctx;
}

TemplateSet& template_set() {
    static TemplateSet* set = [] {
        auto* s = new TemplateSet;
        for (const auto& a : s->assets.templates()) {
            if (!a.path.ends_with(".mustache")) continue;
            if (!a.path.starts_with("partials/")) s->pages.push_back(a.path.substr(0, a.path.size() - 9));
            // Names of variables and sections: {{name}}, {{{name}}}, {{&name}}, {{#name}}, {{^name}}.
            const std::string& t = a.data;
            for (std::size_t p = 0; (p = t.find("{{", p)) != std::string::npos; p += 2) {
                std::size_t q = p + 2;
                char sigil = 0;
                if (q < t.size() && std::string_view("#^&{").find(t[q]) != std::string_view::npos) sigil = t[q++];
                while (q < t.size() && t[q] == ' ') ++q;
                std::size_t e = q;
                while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_' || t[e] == '.' || t[e] == '-')) ++e;
                if (e == q || t.substr(q, e - q) == ".") continue;
                const std::string name = t.substr(q, e - q);
                if (sigil == '#' || sigil == '^') s->sections.insert(name);
                else s->variables.insert(name);
                for (std::string_view attr : {"href=\"", "src=\"", "action=\""})
                    if (p >= attr.size() && std::string_view(t).substr(p - attr.size(), attr.size()) == attr)
                        s->url_starts.insert(name.substr(0, name.find('.')) == name ? name : name.substr(name.find('.') + 1));
            }
        }
        std::sort(s->pages.begin(), s->pages.end());
        for (const auto& p : s->pages) {
            const auto ctx = context_for(*s, "benign text");
            s->baseline[p] = scan_html(s->templates.page(p, ctx));
        }
        return s;
    }();
    return *set;
}

}  // namespace

void templates(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return;
    auto& set = template_set();
    const std::string& page = set.pages[data[0] % set.pages.size()];
    const std::string value(as_text(data + 1, size - 1));
    // Content is checked to be valid UTF-8 and non-blank before it reaches a template.
    if (!text::is_valid_utf8(value) || text::is_blank(value) || value.find('\0') != std::string::npos) return;
    const std::string html = set.templates.page(page, context_for(set, value));
    const auto f = scan_html(html);
    const auto& b = set.baseline.at(page);
    if (f.script_elements > b.script_elements || f.event_handlers > b.event_handlers || f.script_urls > b.script_urls)
        throw Violation("template '" + page + "' with a hostile value carries script: " +
                        (f.examples.empty() ? std::string() : f.examples.back()));
}

void mustache(const std::uint8_t* data, std::size_t size) {
    const std::string text(as_text(data, size));
    std::optional<web::mustache::Template> t;
    try {
        t.emplace(text);
    } catch (const web::mustache::SyntaxError& e) {
        if (e.offset > text.size()) throw Violation("syntax error offset past the end of the template");
        return;
    }
    // Lists hold one item each, so nested sections cannot multiply the output.
    static const nlohmann::json context = {
        {"s", "<b>&\"'"}, {"e", ""},   {"n", 3},          {"x", 0.5},           {"t", true},
        {"f", false},        {"z", nullptr}, {"l", {{{"s", "item"}, {"l", {"inner"}}}}}, {"m", nlohmann::json::array()},
        {"o", {{"s", "nested"}, {"o", {{"n", 1}}}}}};
    const nlohmann::json* scopes[] = {&context};
    std::string once, twice;
    t->render(scopes, once);
    t->render(scopes, twice);
    if (once != twice) throw Violation("the same template rendered twice differently");
    if (text.find("{{") == std::string::npos && once != text)
        throw Violation("a template without tags did not render as its own text");
}

void memo_file(const std::uint8_t* data, std::size_t size) {
    // Written with its hash made right, so the memo's reader is what gets fuzzed, not the hash.
    const auto dir = std::filesystem::temp_directory_path();
    const std::string file = (dir / ("sprout-fuzz-memo-" + std::to_string(::getpid()))).string();
    const std::string again = file + "-again", third = file + "-third";
    struct Cleanup {
        const std::string* files[3];
        ~Cleanup() {
            for (const auto* f : files) ::unlink(f->c_str());
        }
    } cleanup{{&file, &again, &third}};
    if (!util::write_binary_file(file, [&](util::BinaryWriter& w) { w.bytes(data, size); })) return;
    check::Memo memo;
    const bool read = memo.load(file, "fuzz");
    if (read) {
        // What it read, it writes back in a form it reads again, the same every time.
        if (!memo.save(again, "fuzz")) throw Violation("a memo that was read could not be saved");
        check::Memo second;
        if (!second.load(again, "fuzz")) throw Violation("a memo saved from one read back was refused");
        if (!second.save(third, "fuzz") || text::read_file(third) != text::read_file(again))
            throw Violation("a memo read back from its own save saved differently");
    } else if (memo.reused() != 0) {
        throw Violation("a memo that was refused kept something");
    }
}

const std::vector<Target>& all_targets() {
    static const std::vector<Target> targets = {
        {"load_check", &load_check},
        {"markdown_html", &markdown_html},
        {"markdown_pdf", &markdown_pdf},
        {"templates", &templates},
        {"mustache", &mustache},
        {"memo_file", &memo_file},
    };
    return targets;
}

}  // namespace sprout::fuzz
