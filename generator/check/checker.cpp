#include "check/checker.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "model/model_io.hpp"
#include "util/allocator.hpp"
#include "util/binary_io.hpp"
#include "util/hash_mix.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"

namespace sprout::check {

using schema::FieldSpec;
using schema::FieldType;

namespace {

constexpr std::size_t kMaxPatternedLength = 1000;

bool is_host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }
bool is_url_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f && c != '<' && c != '>' && c != '"';
}

// http(s)://host[:port][/path] or mailto:user@host, without spaces, quotes or angle brackets.
// Written out rather than as a std::regex, whose recursion grows with the length of the text.
bool is_web_address(std::string_view s) {
    if (s.starts_with("mailto:")) {
        const auto rest = s.substr(7);
        const auto at = rest.find('@');
        return at != std::string_view::npos && at > 0 && at + 1 < rest.size() &&
               std::all_of(rest.begin(), rest.end(), is_url_char);
    }
    std::string_view rest;
    if (s.starts_with("https://")) rest = s.substr(8);
    else if (s.starts_with("http://")) rest = s.substr(7);
    else return false;
    std::size_t i = 0;
    while (i < rest.size() && is_host_char(rest[i])) ++i;
    if (i == 0) return false;
    if (i < rest.size() && rest[i] == ':') {
        const std::size_t start = ++i;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
        if (i == start) return false;
    }
    if (i == rest.size()) return true;
    return rest[i] == '/' && std::all_of(rest.begin() + static_cast<std::ptrdiff_t>(i), rest.end(), is_url_char);
}

std::string record_key(const schema::KindSpec& k, const std::string& id) {
    return k.folder.empty() ? k.file : k.folder + "/" + id;
}

// Where in its record's file a use is: the file and the record are the RecordFacts' own, not
// copied into each of a record's uses (at N = 10,000 the copies were 40 MB of checking's peak).
struct Place {
    std::uint32_t line = 1, column = 1;
};

struct RefUse {
    std::string kind;  // kind name the id must belong to
    std::string id;
    Place at;
    std::string field;
};

struct LevelUse {
    std::string scale, level;
    Place at;
    std::string field;
};

struct RecordRefUse {
    std::string target;  // "folder/id"
    Place at;
    std::string field;
};

// What the checks across records need from one record, taken while its TOML is in hand (the
// check frees each record's TOML as soon as it is in the model).
struct RecordFacts {
    std::string from;  // the record, "folder/id"
    std::string path;  // its file, as diagnostics show it
    std::vector<RefUse> refs;
    std::vector<LevelUse> levels;
    std::vector<RecordRefUse> rrefs;
    std::vector<std::string> scale_levels;  // an evidence scale's level ids, in order
    bool seed_file = false;                 // a source that is a seed document need not be cited
    SourcePos pos(const Place& p) const { return {path, p.line, p.column}; }
};

// Their fields, for the memo's file (util/binary_io.hpp).
using util::MemberOf;
auto members(MemberOf<Place> auto& p) { return std::tie(p.line, p.column); }
auto members(MemberOf<RefUse> auto& u) { return std::tie(u.kind, u.id, u.at, u.field); }
auto members(MemberOf<LevelUse> auto& u) { return std::tie(u.scale, u.level, u.at, u.field); }
auto members(MemberOf<RecordRefUse> auto& u) { return std::tie(u.target, u.at, u.field); }
auto members(MemberOf<RecordFacts> auto& f) {
    return std::tie(f.from, f.path, f.refs, f.levels, f.rrefs, f.scale_levels, f.seed_file);
}
static_assert(util::lists_every_member<RefUse>() && util::lists_every_member<LevelUse>() &&
              util::lists_every_member<RecordRefUse>() && util::lists_every_member<RecordFacts>());


// Each schema pattern compiled once per process, before any thread reads them: compiling one
// per value was a tenth of checking the bundled content.
const std::regex& compiled(const std::string& pattern) {
    static const auto patterns = [] {
        std::unordered_map<std::string, std::regex> out;
        std::function<void(const std::vector<FieldSpec>&)> add = [&](const std::vector<FieldSpec>& fields) {
            for (const auto& f : fields) {
                if (!f.pattern.empty()) out.try_emplace(f.pattern, f.pattern);
                add(f.fields);
            }
        };
        for (const auto& k : schema::builtin().kinds) add(k.fields);
        return out;
    }();
    return patterns.at(pattern);
}

// Walks one record's TOML against its schema.
class Validator {
public:
    Validator(Diagnostics& d, RecordFacts& facts)
        : diags_(d), refs_(facts.refs), levels_(facts.levels), rrefs_(facts.rrefs), facts_(facts) {}

    void record(const load::RawRecord& r) {
        if (!r.parsed) return;
        kind_ = r.kind;
        facts_.from = record_key(*r.kind, r.id);
        facts_.path = r.path;
        table(r.table, r.kind->fields, "", r.kind->title);
        const auto* cite = r.kind->field("cite");
        if (r.kind->claim && cite && !cite->required && !r.table.contains("cite"))
            diags_.warning(at(r.table), "cite", r.kind->title + " has no source",
                           "add cite = [{ source = \"...\", locator = \"...\" }]");
        if (r.kind->extension == "md" && text::is_blank(r.body))
            diags_.error({facts_.path, r.body_line, 1}, "", "page has no text after its front matter");
        facts_.seed_file = r.table["seed_file"].value<std::string>().has_value();
        if (kind_->name == "evidence-scale") scale_levels(r.table);
    }

private:
    static Place place(const toml::node& n) {
        const auto& b = n.source().begin;
        return {b.line ? b.line : 1u, b.column ? b.column : 1u};
    }
    SourcePos at(const toml::node& n) const { return facts_.pos(place(n)); }

    // A rating's level must be one of its scale's levels: the levels, each once.
    void scale_levels(const toml::table& t) {
        const auto* ls = t["levels"].as_array();
        if (!ls) return;
        std::set<std::string> seen;
        for (const auto& l : *ls)
            if (auto lid = l.as_table() ? (*l.as_table())["id"].value<std::string>() : std::nullopt) {
                facts_.scale_levels.push_back(*lid);
                if (!seen.insert(*lid).second)
                    diags_.error(at(l), "levels", "level id '" + text::excerpt(*lid) + "' appears twice");
            }
    }

    void table(const toml::table& t, const std::vector<FieldSpec>& fields, const std::string& prefix,
               const std::string& what) {
        for (const auto& [key, node] : t) {
            const std::string name(key.str());
            const FieldSpec* spec = nullptr;
            for (const auto& f : fields)
                if (f.name == name) spec = &f;
            if (!spec) {
                std::vector<std::string> names;
                for (const auto& f : fields) names.push_back(f.name);
                const auto c = text::closest(name, names);
                diags_.error(load::pos_of(key, facts_.path), prefix + name, "unknown field in " + what,
                             c ? "did you mean '" + *c + "'?" : "allowed fields: " + text::join(names, ", "));
                continue;
            }
            value(node, *spec, prefix + name);
        }
        for (const auto& f : fields)
            if (f.required && !t.contains(f.name))
                diags_.error(at(t), prefix + f.name, "required field is missing from " + what,
                             f.example_toml.empty() ? "" : "e.g. " + f.name + " = " + first_line(f.example_toml));
        // Rules that span fields of one table.
        if (auto lo = t["age_min_months"].value<std::int64_t>())
            if (auto hi = t["age_max_months"].value<std::int64_t>())
                if (*lo > *hi)
                    diags_.error(at(*t.get("age_max_months")), prefix + "age_max_months",
                                 "age range is reversed: " + std::to_string(*lo) + " to " + std::to_string(*hi) + " months",
                                 "age_min_months must not exceed age_max_months");
        if (kind_->name == "statistic" && prefix.empty() && !t.contains("value") && !t.contains("series") &&
            !t.contains("value_text"))
            diags_.error(at(t), "value", "statistic has no value, value_text or series", "give the figure");
        if (const auto* scale = t.get("scale"); scale && prefix.find("ratings[") == 0)
            if (auto s = scale->value<std::string>())
                if (auto l = t["level"].value<std::string>())
                    levels_.push_back({*s, *l, place(*t.get("level")), prefix + "level"});
    }

    static std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

    static const char* toml_type_name(const toml::node& n) {
        switch (n.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
        }
    }

    void wrong_type(const toml::node& n, const std::string& field, const std::string& want) {
        diags_.error(at(n), field, std::string("expected ") + want + ", found " + toml_type_name(n));
    }

    bool text_value(const toml::node& n, const std::string& field, std::string& out) {
        auto s = n.value_exact<std::string>();
        if (!s) {
            wrong_type(n, field, "a string");
            return false;
        }
        if (text::is_blank(*s)) {
            diags_.error(at(n), field, "text is empty", "write the text or remove the field");
            return false;
        }
        // TOML escapes (\u0000, \u001b...) can put control characters in a string: they would
        // cut C strings short (PDF), reach terminals as escape sequences, and mean nothing in text.
        const auto bad = std::find_if(s->begin(), s->end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
        });
        if (bad != s->end()) {
            static const char* const hex = "0123456789ABCDEF";
            const auto u = static_cast<unsigned char>(*bad);
            diags_.error(at(n), field, std::string("text contains a control character (U+00") + hex[u >> 4] + hex[u & 15] + ")",
                         "remove it; use Markdown for formatting");
            return false;
        }
        out = *s;
        return true;
    }

    void id_ref(const toml::node& n, const FieldSpec& f, const std::string& field) {
        std::string id;
        if (!text_value(n, field, id)) return;
        refs_.push_back({f.ref, id, place(n), field});
    }

    void value(const toml::node& n, const FieldSpec& f, const std::string& field) {
        std::string s;
        switch (f.type) {
        case FieldType::String:
            if (!text_value(n, field, s)) return;
            if (s.find('\n') != std::string::npos)
                diags_.error(at(n), field, "must be one line", "use a markdown field for longer text");
            // std::regex matches by recursion as deep as the text is long: a long value would
            // overflow the stack, and no patterned field (codes, names) is anywhere near this long.
            else if (!f.pattern.empty() && s.size() > kMaxPatternedLength)
                diags_.error(at(n), field, "value is too long (" + std::to_string(s.size()) + " characters)",
                             "expected e.g. " + f.example_toml);
            else if (!f.pattern.empty() && !std::regex_match(s, compiled(f.pattern)))
                diags_.error(at(n), field, "'" + text::excerpt(s) + "' is not in the expected form",
                             "expected e.g. " + f.example_toml);
            return;
        case FieldType::Markdown: text_value(n, field, s); return;
        case FieldType::Int:
        case FieldType::Year: {
            auto v = n.value_exact<std::int64_t>();
            if (!v) return wrong_type(n, field, f.type == FieldType::Year ? "a year (integer)" : "an integer");
            if ((f.min && *v < *f.min) || (f.max && *v > *f.max))
                diags_.error(at(n), field, std::to_string(*v) + " is out of range",
                             "allowed: " + (f.min ? std::to_string(*f.min) : std::string("…")) + " to " +
                                 (f.max ? std::to_string(*f.max) : std::string("…")));
            return;
        }
        case FieldType::Float:
            if (!n.is_number()) return wrong_type(n, field, "a number");
            if (auto d = n.value<double>(); d && !std::isfinite(*d))
                diags_.error(at(n), field, "number must be finite");
            return;
        case FieldType::Bool:
            if (!n.is_boolean()) wrong_type(n, field, "true or false");
            return;
        case FieldType::Date:
            if (!n.is_date()) wrong_type(n, field, "a date such as 2024-05-01");
            return;
        case FieldType::Period: {
            if (!text_value(n, field, s)) return;
            static const std::regex re("^([0-9]{4})(?:([-/])([0-9]{2}|[0-9]{4}))?$");
            std::smatch m;
            if (s.size() > 9 || !std::regex_match(s, m, re)) {
                diags_.error(at(n), field, "'" + text::excerpt(s) + "' is not a period", "write \"2022\", \"2022/23\" or \"2015-2023\"");
                return;
            }
            if (m[3].matched) {
                const int a = std::stoi(m[1].str());
                int b = std::stoi(m[3].str());
                if (m[3].length() == 2) b += (a / 100) * 100;
                if (b < a) diags_.error(at(n), field, "period '" + s + "' is reversed", "the later year comes second");
            }
            return;
        }
        case FieldType::Url: {
            if (!text_value(n, field, s)) return;
            if (!is_web_address(s))
                diags_.error(at(n), field, "'" + text::excerpt(s) + "' is not a valid web address",
                             "use a full http:// or https:// address (or mailto:)");
            return;
        }
        case FieldType::Enum: {
            if (!text_value(n, field, s)) return;
            if (std::find(f.values.begin(), f.values.end(), s) == f.values.end()) {
                auto c = text::closest(s, f.values);
                diags_.error(at(n), field, "'" + text::excerpt(s) + "' is not allowed",
                             c ? "did you mean '" + *c + "'? (allowed: " + text::join(f.values, ", ") + ")"
                               : "allowed: " + text::join(f.values, ", "));
            }
            return;
        }
        case FieldType::Ref: id_ref(n, f, field); return;
        case FieldType::Refs:
        case FieldType::RecordRefs:
        case FieldType::Strings: {
            const auto* a = n.as_array();
            if (!a) return wrong_type(n, field, "an array");
            std::set<std::string> seen;
            for (std::size_t i = 0; i < a->size(); ++i) {
                const auto& item = *a->get(i);
                const std::string sub = field + "[" + std::to_string(i + 1) + "]";
                if (!text_value(item, sub, s)) continue;
                if (!seen.insert(s).second)
                    diags_.error(at(item), sub, "'" + text::excerpt(s) + "' is listed twice");
                if (f.type == FieldType::Refs) refs_.push_back({f.ref, s, place(item), sub});
                if (f.type == FieldType::RecordRefs) rrefs_.push_back({s, place(item), sub});
            }
            return;
        }
        case FieldType::Table: {
            const auto* t = n.as_table();
            if (!t) return wrong_type(n, field, "a table");
            table(*t, f.fields, field + ".", "'" + field + "'");
            return;
        }
        case FieldType::Tables: {
            const auto* a = n.as_array();
            if (!a) return wrong_type(n, field, "an array of tables");
            if (a->empty() && f.required) diags_.error(at(n), field, "must not be empty");
            for (std::size_t i = 0; i < a->size(); ++i) {
                const auto& item = *a->get(i);
                const std::string sub = field + "[" + std::to_string(i + 1) + "]";
                const auto* t = item.as_table();
                if (!t) {
                    wrong_type(item, sub, "a table");
                    continue;
                }
                table(*t, f.fields, sub + ".", "'" + field + "' entries");
            }
            return;
        }
        }
    }

    Diagnostics& diags_;
    std::vector<RefUse>& refs_;
    std::vector<LevelUse>& levels_;
    std::vector<RecordRefUse>& rrefs_;
    RecordFacts& facts_;
    const schema::KindSpec* kind_ = nullptr;
};

// The checks of one record on its own, against its kind's schema.
RecordFacts check_record(const load::RawRecord& r, Diagnostics& diags) {
    RecordFacts facts;
    Validator(diags, facts).record(r);
    return facts;
}

// What the checks across records found in one record: the same for as long as the record, the
// set of ids and the evidence scales' levels are (cross_key). Kept by the memo, so that an edit
// checks only the records that changed against the rest.
struct CrossFound {
    std::vector<Diagnostic> missing;  // references to no record
    std::vector<Diagnostic> unnamed;  // record references that name no record
    std::vector<Diagnostic> levels;   // levels not on their scale
    // What it refers to, "folder/id", sorted, once each; shared with References, which is made
    // again on every check.
    std::shared_ptr<const std::vector<std::string>> targets;
    std::vector<std::size_t> cited;  // the sources it cites, by their index in the records
    bool seed_file = false;          // a source that is a seed document (need not be cited)
    friend auto members(MemberOf<CrossFound> auto& c) {
        return std::tie(c.missing, c.unnamed, c.levels, c.targets, c.cited, c.seed_file);
    }
};
static_assert(util::lists_every_member<CrossFound>());
using CrossFounds = std::vector<std::shared_ptr<const CrossFound>>;

// What a record's CrossFound depends on besides the record itself: every record's kind and id
// in listing order, and each evidence scale's levels. `facts` is needed for the scales only.
std::uint64_t cross_key(const std::vector<load::RawRecord>& records, const std::vector<const RecordFacts*>& facts) {
    std::uint64_t h = util::hash_mix(0, records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        h = util::hash_mix(util::hash_mix(h, util::content_hash(records[i].kind->name)), util::content_hash(records[i].id));
        if (records[i].kind->name != "evidence-scale") continue;
        for (const auto& level : facts[i]->scale_levels) h = util::hash_mix(h, util::content_hash(level));
        h = util::hash_mix(h, facts[i]->scale_levels.size());
    }
    return h;
}

// The checks across records: ids, references, levels on scales, sources nobody cites.
// `facts[i]` is what check_record found in `records[i]`. `known`, when given, holds what an
// earlier check found for records[i] where that still holds (else null), and receives what
// this one found for every record; facts[i] is read only where known[i] is null, and for
// evidence scales.
void cross_check(const std::vector<load::RawRecord>& records, const std::vector<const RecordFacts*>& facts, Diagnostics& diags,
                 References* references, CrossFounds* known = nullptr) {
    const auto& s = schema::builtin();
    // ids by kind, and duplicates (the same id twice can only come from case-insensitive
    // file systems or two extensions; report them rather than silently keeping one). Hashed,
    // and viewing the records' own strings: at N = 10,000 these lookups, a few hundred
    // thousand, were most of a `sprout serve` rebuild's check.
    using Ids = std::unordered_map<std::string_view, std::size_t>;
    std::unordered_map<std::string_view, Ids> ids;  // by kind name
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        auto [it, inserted] = ids[r.kind->name].emplace(r.id, i);
        if (!inserted)
            diags.error({r.path, 1, 1}, "", "duplicate " + r.kind->title + " id '" + r.id + "'",
                        "also defined in " + records[it->second].path);
    }
    const Ids none;
    auto ids_in = [&](std::string_view kind) -> const Ids& {
        const auto it = ids.find(kind);
        return it == ids.end() ? none : it->second;
    };

    // A kind's ids in order, for suggestions (only when something is wrong).
    auto ids_of = [&](const std::string& kind) {
        std::vector<std::string> out;
        for (const auto& [id, rec] : ids_in(kind)) out.emplace_back(id);
        std::sort(out.begin(), out.end());
        return out;
    };
    // Each scale's levels, which a rating's level must be one of.
    std::map<std::string, const std::vector<std::string>*, std::less<>> scale_levels;
    for (const auto& [id, i] : ids_in("evidence-scale"))
        if (!facts[i]->scale_levels.empty()) scale_levels[std::string(id)] = &facts[i]->scale_levels;

    // Each record's references, checked and listed on every core (a few hundred thousand at
    // N = 10,000, most of this function); what each finds is merged in listing order.
    CrossFounds found(facts.size());
    if (known) found = std::move(*known);
    util::parallel_for(facts.size(), [&](std::size_t i) {
        if (found[i]) return;
        auto made = std::make_shared<CrossFound>();
        Diagnostics missing, unnamed, levels;
        const RecordFacts& f = *facts[i];
        for (const auto& u : f.refs) {
            const auto& of_kind = ids_in(u.kind);
            if (const auto at = of_kind.find(u.id); at != of_kind.end()) {
                if (u.kind == "source") made->cited.push_back(at->second);
                continue;
            }
            const auto* k = s.kind(u.kind);
            const auto c = text::closest(u.id, ids_of(u.kind));
            missing.error(f.pos(u.at), u.field, "no " + k->title + " with id '" + text::excerpt(u.id) + "'",
                          c ? "did you mean '" + *c + "'?"
                            : "create content/" + (k->folder.empty() ? k->file : k->folder + "/" + text::excerpt(u.id) + "." + k->extension));
        }
        for (const auto& u : f.rrefs) {
            const auto slash = u.target.find('/');
            const auto* k = slash == std::string::npos ? nullptr : s.by_folder(u.target.substr(0, slash));
            if (!k) {
                unnamed.error(f.pos(u.at), u.field, "'" + text::excerpt(u.target) + "' does not name a record",
                              "write folder/id, e.g. statistics/some-figure");
                continue;
            }
            const std::string_view id = std::string_view(u.target).substr(slash + 1);
            if (ids_in(k->name).count(id)) continue;
            const auto c = text::closest(std::string(id), ids_of(k->name));
            unnamed.error(f.pos(u.at), u.field, "no " + k->title + " with id '" + text::excerpt(std::string(id)) + "'",
                          c ? "did you mean '" + k->folder + "/" + *c + "'?" : "");
        }
        for (const auto& u : f.levels) {
            const auto it = scale_levels.find(u.scale);
            if (it == scale_levels.end()) continue;  // unknown scale already reported
            const auto& on_scale = *it->second;
            if (std::find(on_scale.begin(), on_scale.end(), u.level) != on_scale.end()) continue;
            const auto c = text::closest(u.level, on_scale);
            levels.error(f.pos(u.at), u.field, "level '" + text::excerpt(u.level) + "' is not on scale '" + text::excerpt(u.scale) + "'",
                         c ? "did you mean '" + *c + "'? (levels: " + text::join(on_scale, ", ") + ")"
                           : "levels: " + text::join(on_scale, ", "));
        }
        std::vector<std::string> to;
        for (const auto& u : f.refs)
            if (const auto* k = s.kind(u.kind)) to.push_back(record_key(*k, u.id));
        for (const auto& u : f.rrefs) to.push_back(u.target);
        std::sort(to.begin(), to.end());
        to.erase(std::unique(to.begin(), to.end()), to.end());
        made->targets = std::make_shared<const std::vector<std::string>>(std::move(to));
        made->missing = missing.all();
        made->unnamed = unnamed.all();
        made->levels = levels.all();
        made->seed_file = f.seed_file;
        found[i] = std::move(made);
    });
    for (const auto& x : found)
        for (const auto& d : x->missing) diags.add(d);
    for (const auto& x : found)
        for (const auto& d : x->unnamed) diags.add(d);

    if (references) {
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto& to = found[i]->targets;
            if (to->empty()) continue;
            // In listing order, which is mostly the order of the keys: put in at the end.
            const std::string from = record_key(*records[i].kind, records[i].id);
            auto at = references->end();
            if (!references->empty() && !(std::prev(at)->first < from)) at = references->lower_bound(from);
            if (at == references->end() || at->first != from) {
                references->emplace_hint(at, from, to);
                continue;
            }
            // The same record twice (a duplicate id): both records' uses.
            auto list = *at->second;
            list.insert(list.end(), to->begin(), to->end());
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
            at->second = std::make_shared<const std::vector<std::string>>(std::move(list));
        }
    }

    // A source nothing cites is probably a leftover or a typo'd id elsewhere.
    std::vector<char> cited(records.size(), 0);
    for (const auto& x : found)
        for (const auto i : x->cited) cited[i] = 1;
    std::vector<std::pair<std::string_view, std::size_t>> uncited;
    for (const auto& [id, i] : ids_in("source"))
        if (!cited[i] && records[i].parsed && !found[i]->seed_file) uncited.emplace_back(id, i);
    std::sort(uncited.begin(), uncited.end());
    for (const auto& [id, i] : uncited)
        diags.warning({records[i].path, 1, 1}, "", "source '" + std::string(id) + "' is not cited by any record",
                      "cite it, or delete the file");
    for (const auto& x : found)
        for (const auto& d : x->levels) diags.add(d);
    if (known) *known = std::move(found);
}

}  // namespace

void check_records(const std::vector<load::RawRecord>& records, Diagnostics& diags, References* references) {
    std::vector<RecordFacts> facts;
    facts.reserve(records.size());
    for (const auto& r : records) facts.push_back(check_record(r, diags));
    std::vector<const RecordFacts*> each;
    for (const auto& f : facts) each.push_back(&f);
    cross_check(records, each, diags, references);
}

// What the last check of one `sprout serve` found, for the next.
struct Memo::Impl {
    // One record file as the last check found it.
    struct Entry {
        std::uint64_t hash = 0;  // of the bytes checked
        bool parsed = false;
        bool in_model = false;          // its record is in `model` (it had no errors)
        std::vector<Diagnostic> diags;  // the file's own, before the checks across records
        // What the checks across records need from the file: as made by this process, or as
        // the memo's file holds it (`facts_bytes`) until asked for (facts_of). An unchanged
        // record's checks across records are taken from `cross`, and decoding every record's
        // facts was a third of loading the memo at N = 10,000.
        std::shared_ptr<const RecordFacts> facts;
        std::string facts_bytes;
        // What the checks across records found in it, while cross_key is `cross_key`.
        std::shared_ptr<const CrossFound> cross;
        std::uint64_t cross_key = 0;
        // Set by the check that found the file unchanged: each entry is asked about by one
        // thread at most, so entries are marked where they are rather than copied under a lock.
        bool seen = false;
        // What the memo's file keeps (save and load; save encodes `facts` first).
        friend auto members(util::MemberOf<Entry> auto& e) {
            return std::tie(e.hash, e.parsed, e.in_model, e.diags, e.facts_bytes, e.cross, e.cross_key);
        }
    };
    // An entry's facts, decoded from the file's bytes the first time they are asked for.
    static const RecordFacts& facts_of(Entry& e) {
        if (!e.facts) {
            auto made = std::make_shared<RecordFacts>();
            if (!util::decode(e.facts_bytes, *made)) throw std::runtime_error("the check memo holds damaged facts: delete it");
            e.facts = std::move(made);
        }
        return *e.facts;
    }
    std::unordered_map<std::string, Entry> entries;  // by absolute file
    // Every record that checked without errors on its own, whether or not the whole toolkit
    // did: patched by each check rather than copied or made anew.
    std::shared_ptr<model::Model> model = std::make_shared<model::Model>();
    std::unordered_map<std::string, std::uint64_t> expected;
    bool only_expected = false;            // expect_only, until the next run
    std::optional<load::Listing> listing;  // the last run's
    std::size_t reused = 0;
    // The memo file this was last loaded from or saved whole to (its id; 0 when none), and the
    // files whose entries changed since: what save writes as a delta beside that file.
    std::uint64_t base_id = 0;
    std::unordered_set<std::string> changed;
};

Memo::Memo() : impl_(std::make_unique<Impl>()) {}
Memo::~Memo() = default;

void Memo::expect(std::unordered_map<std::string, std::uint64_t> hashes) {
    impl_->expected = std::move(hashes);
    impl_->only_expected = false;
}
void Memo::expect_only(std::unordered_map<std::string, std::uint64_t> changed) {
    impl_->expected = std::move(changed);
    impl_->only_expected = true;
}
std::size_t Memo::reused() const { return impl_->reused; }

namespace {
constexpr std::string_view kMemoMagic = "sprout-check-memo 3";
constexpr std::string_view kDeltaMagic = "sprout-check-memo-delta 2";

std::string delta_file(const std::string& file) { return file + ".delta"; }

// Whether `file` is a kind's single file (site.toml), whose record is the model's site rather
// than one in a list: a change to it is saved whole.
bool single_file_kind(const std::string& file) {
    return std::any_of(schema::builtin().kinds.begin(), schema::builtin().kinds.end(),
                       [&](const schema::KindSpec& k) { return !k.file.empty() && file.ends_with("/" + k.file); });
}
}  // namespace

// The memo file is written whole (an id, every entry by path, the model) only when it has to
// be; otherwise only what changed since it was, as a delta file beside it naming that id: the
// entries of the files that changed (or their absence) and the model's records from them.
// At N = 10,000 the whole memo is 56 MB, and writing it after each one-record edit was some
// 130 ms of CPU; the delta is a few kilobytes. A delta of a tenth of the files or more, or one
// touching site.toml, is written whole instead.
bool Memo::save(const std::string& file, std::string_view key) {
    auto& m = *impl_;
    for (auto& [path, e] : m.entries)
        if (e.facts_bytes.empty() && e.facts) e.facts_bytes = util::encode(*e.facts);
    const bool site_changed = std::any_of(m.changed.begin(), m.changed.end(), single_file_kind);
    if (m.base_id && !site_changed && m.changed.size() * 10 < m.entries.size()) {
        std::vector<std::string> paths(m.changed.begin(), m.changed.end());
        std::sort(paths.begin(), paths.end());
        std::unordered_set<std::string> records;  // as the model's records name their files
        for (const auto& path : paths)
            if (const auto e = m.entries.find(path); e != m.entries.end() && e->second.in_model)
                records.insert(Impl::facts_of(e->second).path);
        return util::write_binary_file(delta_file(file), [&](util::BinaryWriter& w) {
            w.string(kDeltaMagic);
            w.string(key);
            w.varint(m.base_id);
            w.varint(paths.size());
            for (const auto& path : paths) {
                util::put(w, path);
                const auto e = m.entries.find(path);
                w.varint(e != m.entries.end());
                if (e != m.entries.end()) util::put(w, e->second);
            }
            model::write(w, load::copy_records(*m.model, records));
        });
    }
    const std::uint64_t id = util::random_id();
    const bool saved = util::write_binary_file(file, [&](util::BinaryWriter& w) {
        w.string(kMemoMagic);
        w.string(key);
        w.varint(id);
        // By path, so the same memo is always the same bytes (but for its id).
        std::vector<const std::pair<const std::string, Impl::Entry>*> entries;
        entries.reserve(m.entries.size());
        for (const auto& kv : m.entries) entries.push_back(&kv);
        std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        w.varint(entries.size());
        for (const auto* kv : entries) {
            util::put(w, kv->first);
            util::put(w, kv->second);
        }
        model::write(w, *m.model);
    });
    // A delta left beside it names the old id: removed so as not to be read for nothing.
    std::error_code ec;
    std::filesystem::remove(delta_file(file), ec);
    if (saved) {
        m.base_id = id;
        m.changed.clear();
    }
    return saved;
}

bool Memo::load(const std::string& file, std::string_view key, const std::atomic<bool>* stop) {
    auto fresh = std::make_unique<Impl>();
    const bool read = util::read_binary_file(file, [&](util::BinaryReader& r) {
        std::string magic, stored_key;
        r.string(magic);
        if (magic != kMemoMagic) return false;
        r.string(stored_key);
        if (stored_key != key) return false;
        fresh->base_id = r.varint();
        const auto n = r.count();
        fresh->entries.reserve(n);
        for (std::size_t i = 0; i < n && r.ok(); ++i) {
            std::string path;
            Impl::Entry e;
            util::get(r, path);
            util::get(r, e);
            fresh->entries.insert_or_assign(std::move(path), std::move(e));
        }
        model::read(r, *fresh->model);
        return r.ok();
    }, stop);
    if (!read) {
        impl_ = std::make_unique<Impl>();
        return false;
    }
    // The delta beside it, when it is this file's: read whole before anything is changed.
    std::vector<std::pair<std::string, std::optional<Impl::Entry>>> changes;
    model::Model records;
    const bool has_delta = util::read_binary_file(delta_file(file), [&](util::BinaryReader& r) {
        std::string magic, stored_key;
        r.string(magic);
        r.string(stored_key);
        if (magic != kDeltaMagic || stored_key != key || r.varint() != fresh->base_id) return false;
        const auto n = r.count();
        for (std::size_t i = 0; i < n && r.ok(); ++i) {
            auto& [path, entry] = changes.emplace_back();
            util::get(r, path);
            if (r.varint()) util::get(r, entry.emplace());
        }
        model::read(r, records);
        return r.ok();
    }, stop);
    if (has_delta) {
        std::unordered_set<std::string> stale;  // the records of the changed files, as the file last had them
        for (auto& [path, entry] : changes) {
            if (const auto e = fresh->entries.find(path); e != fresh->entries.end()) stale.insert(Impl::facts_of(e->second).path);
            if (entry) fresh->entries.insert_or_assign(path, std::move(*entry));
            else fresh->entries.erase(path);
            fresh->changed.insert(path);
        }
        load::replace_records(*fresh->model, stale, std::move(records), false);
    } else if (stop && stop->load()) {
        impl_ = std::make_unique<Impl>();
        return false;
    }
    impl_ = std::move(fresh);
    return true;
}

Result run(const load::Toolkit& tk, const Options& opts, Memo* memo) {
    Result r;
    // Parsing frees each record's TOML as the next is read: with freed pages returned after the
    // executable's 200 ms, they were faulted in and zeroed again moments later. Kept for the
    // check, `sprout check` at N = 10,000 took 1.18-1.25 s instead of 1.45-1.71 s (minor page
    // faults 7,089 -> 4,449) for 10 MB more peak memory (docs/PERFORMANCE.md).
    const util::KeepFreedMemory keep_freed(std::chrono::seconds(5));
    // Each record is checked on its own and put in the model on the thread that parsed it, and
    // its TOML freed there: holding the parsed TOML of every record until all were checked was
    // the peak of a large build. The model is kept only if the checks across records pass too.
    // With a memo, `model` receives only the records read this time.
    model::Model model;
    std::mutex model_mutex;
    std::unordered_map<std::string, std::shared_ptr<const RecordFacts>> facts_by_path;  // paths are unique
    std::mutex facts_mutex;
    auto keep_facts = [&](const load::RawRecord& rec, std::shared_ptr<const RecordFacts> facts) {
        std::lock_guard lock(facts_mutex);
        facts_by_path.emplace(rec.path, std::move(facts));
    };
    // With a memo, what this check finds replaces its entries as a whole, so files that are gone
    // drop out.
    Memo::Impl* m = memo ? memo->impl_.get() : nullptr;
    std::unordered_map<std::string, Memo::Impl::Entry> remembered;
    std::mutex remembered_mutex;
    std::atomic<std::size_t> reused = 0;
    std::atomic<bool> site_read = false;
    auto remember = [&](std::string file, Memo::Impl::Entry e) {
        std::lock_guard lock(remembered_mutex);
        remembered.emplace(std::move(file), std::move(e));
    };

    const auto each = [&](load::RawRecord& rec, Diagnostics& found) {
        const auto errors_before = found.error_count();
        auto facts = std::make_shared<const RecordFacts>(check_record(rec, found));
        const bool in_model = rec.parsed && found.error_count() == errors_before && opts.want_model;
        if (in_model) {
            if (rec.kind->name == "site") site_read = true;
            std::lock_guard lock(model_mutex);
            load::add_to_model(model, rec);
        } else {
            load::free_parsed(rec);
        }
        if (m && rec.bytes_hash) {
            Memo::Impl::Entry e;
            e.hash = *rec.bytes_hash;
            e.parsed = rec.parsed;
            e.in_model = in_model;
            e.diags = found.all();
            e.facts = facts;
            remember(rec.file, std::move(e));
        }
        keep_facts(rec, std::move(facts));
    };
    // A file whose bytes are as its memo entry was checked from: what checking found then.
    if (m)
        for (auto& [file, e] : m->entries) e.seen = false;
    const auto known = [&](load::RawRecord& rec, Diagnostics& found) {
        const auto entry = m->entries.find(rec.file);
        if (entry == m->entries.end()) return false;
        const auto expected = m->expected.find(rec.file);
        if (expected == m->expected.end() ? !m->only_expected : entry->second.hash != expected->second) return false;
        auto& e = entry->second;
        rec.parsed = e.parsed;
        rec.bytes_hash = e.hash;
        for (const auto& d : e.diags) found.add(d);
        e.seen = true;
        ++reused;
        return true;
    };
    if (m) {
        // A folder reached through a link is listed every time: a watcher sees changes only in
        // the folders it watches, not where links lead.
        if (!m->only_expected || !m->listing || m->listing->through_links) m->listing = load::list_records(tk);
        r.records = load::read_records(tk, *m->listing, r.diags, each, known);
    } else {
        r.records = load::read_records(tk, r.diags, each);
    }
    // What checking each record found on its own: from this reading, else from the memo.
    std::vector<const RecordFacts*> facts(r.records.size(), nullptr);
    for (std::size_t i = 0; i < r.records.size(); ++i)
        if (const auto read = facts_by_path.find(r.records[i].path); read != facts_by_path.end()) facts[i] = read->second.get();
    if (!m) {
        cross_check(r.records, facts, r.diags, &r.references);
    } else {
        // Entries not seen were for files that changed or are gone: their records leave the
        // memo's model, and the records read this time join it.
        std::unordered_set<std::string> stale;
        for (auto& [file, e] : m->entries)
            if (!e.seen && e.in_model) stale.insert(Memo::Impl::facts_of(e).path);
        if (m->model.use_count() > 1) m->model = std::make_shared<model::Model>(*m->model);  // still in use elsewhere
        load::replace_records(*m->model, stale, std::move(model), site_read);
        for (const auto& [file, e] : m->entries)
            if (!e.seen) m->changed.insert(file);
        std::erase_if(m->entries, [](const auto& kv) { return !kv.second.seen; });
        for (auto& [file, e] : remembered) {
            m->changed.insert(file);
            m->entries.insert_or_assign(file, std::move(e));
        }
        m->reused = reused;

        // An unchanged record's checks across records found what they did while the records
        // and the scales are the same (cross_key): only the others' facts are needed.
        std::vector<Memo::Impl::Entry*> entry(r.records.size(), nullptr);
        for (std::size_t i = 0; i < r.records.size(); ++i)
            if (const auto e = m->entries.find(r.records[i].file); e != m->entries.end()) entry[i] = &e->second;
        for (std::size_t i = 0; i < r.records.size(); ++i)
            if (!facts[i] && r.records[i].kind->name == "evidence-scale") facts[i] = &Memo::Impl::facts_of(*entry[i]);
        const std::uint64_t key = cross_key(r.records, facts);
        CrossFounds cross(r.records.size());
        std::vector<std::size_t> undecoded;
        for (std::size_t i = 0; i < r.records.size(); ++i) {
            if (facts[i]) continue;
            if (entry[i]->seen && entry[i]->cross && entry[i]->cross_key == key) cross[i] = entry[i]->cross;
            else undecoded.push_back(i);
        }
        util::parallel_for(undecoded.size(), [&](std::size_t k) {
            facts[undecoded[k]] = &Memo::Impl::facts_of(*entry[undecoded[k]]);
        });
        cross_check(r.records, facts, r.diags, &r.references, &cross);
        for (std::size_t i = 0; i < r.records.size(); ++i) {
            if (!entry[i]) continue;
            entry[i]->cross = cross[i];
            if (entry[i]->cross_key == key) continue;
            entry[i]->cross_key = key;
            m->changed.insert(r.records[i].file);  // what the memo's file holds for it changed
        }
    }
    r.diags.sort();
    if (r.ok(opts) && opts.want_model) {
        if (m) {
            r.model = m->model;
        } else {
            load::finish_model(model);
            r.model = std::make_shared<const model::Model>(std::move(model));
        }
    }
    return r;
}

}  // namespace sprout::check
