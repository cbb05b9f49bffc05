#include "schema/schema.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

#include "util/embedded.hpp"
#include "util/text.hpp"

namespace sprout::schema {

namespace {

FieldSpec make(std::string name, FieldType t, std::string type_name, bool required, std::string doc,
               std::string example = {}) {
    FieldSpec f;
    f.name = std::move(name);
    f.type = t;
    f.type_name = std::move(type_name);
    f.required = required;
    f.doc = std::move(doc);
    f.example_toml = std::move(example);
    return f;
}

// The shapes behind the composite types `cite`, `conflicts` and `series`.
std::vector<FieldSpec> citation_fields() {
    auto source = make("source", FieldType::Ref, "ref", true,
                       "Id of the work the claim comes from (a `sources/` record).", "\"hare-2023\"");
    source.ref = "source";
    auto via = make("via", FieldType::Ref, "ref", false,
                    "Id of the document the claim was read in, when it differs from `source`.",
                    "\"000_5a5b4b0df8e89064\"");
    via.ref = "source";
    auto locator = make("locator", FieldType::String, "string", true,
                        "Where in the document (`via` if given, else `source`): section, paragraph, table, page.",
                        "\"Secondary prevention: 1d Video feedback\"");
    auto lines = make("lines", FieldType::String, "string", false,
                      "Line range in the document's plain-text extraction.", "\"L1444-1455\"");
    lines.pattern = "^L[0-9]+(-L?[0-9]+)?$";
    return {source, via, locator, lines};
}

FieldSpec cite_field(FieldSpec base) {
    base.type = FieldType::Tables;
    base.fields = citation_fields();
    return base;
}

std::vector<FieldSpec> conflict_fields() {
    auto note = make("note", FieldType::Markdown, "markdown", true,
                     "What disagrees with what, in our own words.",
                     "\"The briefing gives this figure once as CCGs that will accept referrals and once as CCGs that would not.\"");
    auto with = make("with", FieldType::RecordRefs, "record refs", false,
                     "Other records in the disagreement, as `folder/id`.", "[\"statistics/ccg-referrals-would-not\"]");
    auto cite = cite_field(make("cite", FieldType::Tables, "cite", true, "Where each side is stated."));
    cite.example_toml = "[{ source = \"004_3ad37de0d8164200\", locator = \"Summary\" }]";
    return {note, with, cite};
}

std::vector<FieldSpec> series_fields() {
    auto name = make("name", FieldType::String, "string", true, "Series name (a legend entry).", "\"A lot\"");
    auto label = make("label", FieldType::String, "string", true, "Category label.", "\"0-2 years\"");
    auto value = make("value", FieldType::Float, "float", true, "Value in the statistic's unit.", "6.0");
    auto points = make("points", FieldType::Tables, "tables", true, "The data points, in order.");
    points.fields = {label, value};
    return {name, points};
}

const std::map<std::string, FieldType, std::less<>>& type_names() {
    static const std::map<std::string, FieldType, std::less<>> m = {
        {"string", FieldType::String},   {"markdown", FieldType::Markdown}, {"int", FieldType::Int},
        {"float", FieldType::Float},     {"bool", FieldType::Bool},         {"date", FieldType::Date},
        {"year", FieldType::Year},       {"period", FieldType::Period},     {"url", FieldType::Url},
        {"enum", FieldType::Enum},       {"ref", FieldType::Ref},           {"refs", FieldType::Refs},
        {"strings", FieldType::Strings}, {"table", FieldType::Table},       {"tables", FieldType::Tables},
        {"cite", FieldType::Tables},     {"conflicts", FieldType::Tables},  {"series", FieldType::Tables},
    };
    return m;
}

std::string to_toml_text(const toml::node& n) {
    std::ostringstream os;
    n.visit([&](const auto& v) { os << v; });
    return os.str();
}

FieldSpec parse_field(const toml::table& t, const std::string& where) {
    FieldSpec f;
    f.name = t["name"].value_or(std::string{});
    if (f.name.empty()) throw std::logic_error("schema: a field in " + where + " has no name");
    f.type_name = t["type"].value_or(std::string{});
    const auto it = type_names().find(f.type_name);
    if (it == type_names().end())
        throw std::logic_error("schema: field " + where + "." + f.name + " has unknown type '" + f.type_name + "'");
    f.type = it->second;
    f.required = t["required"].value_or(false);
    f.scaffold = t["scaffold"].value_or(false);
    f.doc = t["doc"].value_or(std::string{});
    f.ref = t["ref"].value_or(std::string{});
    f.pattern = t["pattern"].value_or(std::string{});
    if (auto v = t["min"].value<std::int64_t>()) f.min = *v;
    if (auto v = t["max"].value<std::int64_t>()) f.max = *v;
    if (f.type == FieldType::Year) {
        f.min = f.min.value_or(1800);
        f.max = f.max.value_or(2200);
    }
    if (const auto* vals = t["values"].as_array())
        for (const auto& v : *vals) f.values.push_back(v.value_or(std::string{}));
    if (const auto* ex = t.get("example")) f.example_toml = to_toml_text(*ex);
    if (f.type_name == "cite") f.fields = citation_fields();
    else if (f.type_name == "conflicts") f.fields = conflict_fields();
    else if (f.type_name == "series") f.fields = series_fields();
    else if (const auto* sub = t["fields"].as_array())
        for (const auto& s : *sub) f.fields.push_back(parse_field(*s.as_table(), where + "." + f.name));
    if ((f.type == FieldType::Table || f.type == FieldType::Tables) && f.fields.empty())
        throw std::logic_error("schema: table field " + where + "." + f.name + " has no fields");
    if ((f.type == FieldType::Ref || f.type == FieldType::Refs) && f.ref.empty())
        throw std::logic_error("schema: reference field " + where + "." + f.name + " names no kind");
    return f;
}

Schema parse_builtin() {
    const auto* file = embedded::find(embedded::schema_files(), "schema.toml");
    if (!file) throw std::logic_error("schema: schema.toml is not embedded");
    toml::table root;
    try {
        root = toml::parse(file->data, std::string_view{"schema.toml"});
    } catch (const toml::parse_error& e) {
        throw std::logic_error(std::string("schema: schema.toml does not parse: ") + std::string(e.description()));
    }
    Schema s;
    const auto* kinds = root["kinds"].as_table();
    if (!kinds) throw std::logic_error("schema: no [kinds]");
    for (const auto& [key, node] : *kinds) {
        const auto& t = *node.as_table();
        KindSpec k;
        k.name = std::string(key.str());
        k.folder = t["folder"].value_or(std::string{});
        k.file = t["file"].value_or(std::string{});
        k.extension = t["extension"].value_or(std::string("toml"));
        k.title = t["title"].value_or(k.name);
        k.doc = t["doc"].value_or(std::string{});
        k.claim = t["claim"].value_or(false);
        if (const auto* fs = t["fields"].as_array())
            for (const auto& f : *fs) k.fields.push_back(parse_field(*f.as_table(), k.name));
        s.kinds.push_back(std::move(k));
    }
    // Every reference must name a kind that exists.
    std::function<void(const std::vector<FieldSpec>&, const std::string&)> check_refs =
        [&](const std::vector<FieldSpec>& fs, const std::string& where) {
            for (const auto& f : fs) {
                if (!f.ref.empty() && !s.kind(f.ref))
                    throw std::logic_error("schema: " + where + "." + f.name + " refers to unknown kind " + f.ref);
                check_refs(f.fields, where + "." + f.name);
            }
        };
    for (const auto& k : s.kinds) check_refs(k.fields, k.name);
    return s;
}

template <class Fields>
const FieldSpec* find_field(const Fields& fields, std::string_view n) {
    for (const auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

template <class Fields>
std::vector<std::string> names_of(const Fields& fields) {
    std::vector<std::string> out;
    for (const auto& f : fields) out.push_back(f.name);
    return out;
}

}  // namespace

const FieldSpec* FieldSpec::field(std::string_view n) const { return find_field(fields, n); }
std::vector<std::string> FieldSpec::field_names() const { return names_of(fields); }
const FieldSpec* KindSpec::field(std::string_view n) const { return find_field(fields, n); }
std::vector<std::string> KindSpec::field_names() const { return names_of(fields); }

const KindSpec* Schema::kind(std::string_view name) const {
    for (const auto& k : kinds)
        if (k.name == name) return &k;
    return nullptr;
}

const KindSpec* Schema::by_folder(std::string_view folder) const {
    for (const auto& k : kinds)
        if (!k.folder.empty() && k.folder == folder) return &k;
    return nullptr;
}

std::vector<std::string> Schema::kind_names() const {
    std::vector<std::string> out;
    for (const auto& k : kinds) out.push_back(k.name);
    return out;
}

std::vector<std::string> Schema::folder_names() const {
    std::vector<std::string> out;
    for (const auto& k : kinds)
        if (!k.folder.empty()) out.push_back(k.folder);
    return out;
}

const Schema& builtin() {
    static const Schema s = parse_builtin();
    return s;
}

bool matches_id_pattern(std::string_view id) {
    // id_pattern by hand: std::regex took longer than everything else in listing a large
    // toolkit's files (a test holds the two to the same answers).
    const auto allowed = [](char c, bool first) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '-' || c == '_'));
    };
    if (id.empty() || id.size() > 80) return false;
    for (std::size_t i = 0; i < id.size(); ++i)
        if (!allowed(id[i], i == 0)) return false;
    return true;
}

std::optional<std::string> id_problem(std::string_view id) {
    if (id.empty()) return "is empty";
    if (!matches_id_pattern(id))
        return "may use only lower-case letters, digits, '-' and '_', must start with a letter or digit and be at most 80 characters";
    static const std::array<std::string_view, 22> reserved = {
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
        "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
    for (auto r : reserved)
        if (id == r) return "is a reserved device name on Windows";
    if (id == "index") return "is reserved for listing pages";
    return std::nullopt;
}

// ---------------------------------------------------------------- JSON Schema

namespace {

nlohmann::json example_json(const std::string& toml_text);

nlohmann::json field_json_schema(const FieldSpec& f) {
    using nlohmann::json;
    json j;
    switch (f.type) {
    case FieldType::String:
        j = {{"type", "string"}, {"pattern", f.pattern.empty() ? "\\S" : f.pattern}};
        break;
    case FieldType::Markdown: j = {{"type", "string"}, {"pattern", "\\S"}}; break;
    case FieldType::Int:
    case FieldType::Year:
        j = {{"type", "integer"}};
        if (f.min) j["minimum"] = *f.min;
        if (f.max) j["maximum"] = *f.max;
        break;
    case FieldType::Float: j = {{"type", "number"}}; break;
    case FieldType::Bool: j = {{"type", "boolean"}}; break;
    case FieldType::Date: j = {{"type", "string"}, {"format", "date"}}; break;
    case FieldType::Period: j = {{"type", "string"}, {"pattern", "^[0-9]{4}([-/][0-9]{2,4})?$"}}; break;
    case FieldType::Url: j = {{"type", "string"}, {"format", "uri"}, {"pattern", "^(https?://|mailto:)"}}; break;
    case FieldType::Enum: j = {{"type", "string"}, {"enum", f.values}}; break;
    case FieldType::Ref: j = {{"type", "string"}, {"pattern", id_pattern}}; break;
    case FieldType::Refs:
        j = {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", id_pattern}}}};
        break;
    case FieldType::RecordRefs:
        j = {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", "^[a-z-]+/[a-z0-9][a-z0-9_-]*$"}}}};
        break;
    case FieldType::Strings:
        j = {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", "\\S"}}}};
        break;
    case FieldType::Table:
    case FieldType::Tables: {
        json obj = {{"type", "object"}, {"additionalProperties", false}};
        json props = json::object();
        json required = json::array();
        for (const auto& sub : f.fields) {
            props[sub.name] = field_json_schema(sub);
            if (sub.required) required.push_back(sub.name);
        }
        obj["properties"] = props;
        if (!required.empty()) obj["required"] = required;
        j = f.type == FieldType::Table ? obj : json{{"type", "array"}, {"items", obj}};
        break;
    }
    }
    std::string desc = f.doc;
    if (!f.ref.empty()) desc += " (id of a `" + f.ref + "` record)";
    j["description"] = desc;
    if (!f.example_toml.empty()) {
        auto ex = example_json(f.example_toml);
        if (!ex.is_null()) j["examples"] = json::array({ex});
    }
    return j;
}

nlohmann::json toml_to_json(const toml::node& n) {
    using nlohmann::json;
    if (const auto* t = n.as_table()) {
        json o = json::object();
        for (const auto& [k, v] : *t) o[std::string(k.str())] = toml_to_json(v);
        return o;
    }
    if (const auto* a = n.as_array()) {
        json arr = json::array();
        for (const auto& v : *a) arr.push_back(toml_to_json(v));
        return arr;
    }
    if (auto v = n.value_exact<std::string>()) return *v;
    if (auto v = n.value_exact<std::int64_t>()) return *v;
    if (auto v = n.value_exact<double>()) return *v;
    if (auto v = n.value_exact<bool>()) return *v;
    std::ostringstream os;
    n.visit([&](const auto& x) { os << x; });
    return os.str();
}

nlohmann::json example_json(const std::string& toml_text) {
    try {
        auto t = toml::parse("x = " + toml_text);
        return toml_to_json(*t.get("x"));
    } catch (const toml::parse_error&) {
        return nullptr;
    }
}

nlohmann::json kind_json_schema(const KindSpec& k) {
    using nlohmann::json;
    json props = json::object();
    json required = json::array();
    for (const auto& f : k.fields) {
        props[f.name] = field_json_schema(f);
        if (f.required) required.push_back(f.name);
    }
    json j = {{"title", k.title},
              {"description", k.doc},
              {"type", "object"},
              {"additionalProperties", false},
              {"properties", props}};
    if (!required.empty()) j["required"] = required;
    return j;
}

}  // namespace

std::string json_schema(const Schema& s) {
    using nlohmann::json;
    json defs = json::object();
    json any = json::array();
    for (const auto& k : s.kinds) {
        defs[k.name] = kind_json_schema(k);
        any.push_back({{"$ref", "#/$defs/" + k.name}});
    }
    json doc = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", "https://sprout.invalid/schema/content.schema.json"},
                {"title", "Sprout content record"},
                {"description", "Any Sprout content record; each kind is under $defs."},
                {"$defs", defs},
                {"anyOf", any}};
    return doc.dump(2) + "\n";
}

std::string json_schema_for(const Schema&, const KindSpec& k) {
    auto j = kind_json_schema(k);
    j["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    j["$id"] = "https://sprout.invalid/schema/" + k.name + ".schema.json";
    return j.dump(2) + "\n";
}

// ---------------------------------------------------------------- Markdown reference

namespace {

std::string type_label(const FieldSpec& f) {
    switch (f.type) {
    case FieldType::Enum: return "one of " + text::join([&] {
                                  std::vector<std::string> v;
                                  for (const auto& x : f.values) v.push_back("`" + x + "`");
                                  return v;
                              }(), ", ");
    case FieldType::Ref: return "id of a `" + f.ref + "`";
    case FieldType::Refs: return "array of `" + f.ref + "` ids";
    case FieldType::RecordRefs: return "array of `folder/id`";
    case FieldType::Tables:
        if (f.type_name == "cite") return "citations (see above)";
        if (f.type_name == "conflicts") return "conflicts (see above)";
        if (f.type_name == "series") return "chart series";
        return "array of tables";
    default: break;
    }
    std::string t = f.type_name;
    if (f.min && f.max) t += " " + std::to_string(*f.min) + "–" + std::to_string(*f.max);
    else if (f.min) t += " ≥ " + std::to_string(*f.min);
    return t;
}

std::string escape_cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

void field_rows(std::ostringstream& os, const std::vector<FieldSpec>& fields, const std::string& prefix,
                bool skip_builtin_shapes) {
    for (const auto& f : fields) {
        os << "| `" << prefix << f.name << "` | " << escape_cell(type_label(f)) << " | "
           << (f.required ? "yes" : "no") << " | " << escape_cell(f.doc) << " | "
           << (f.example_toml.empty() ? "" : "`" + escape_cell(f.example_toml) + "`") << " |\n";
        const bool builtin_shape = f.type_name == "cite" || f.type_name == "conflicts";
        if (!f.fields.empty() && !(skip_builtin_shapes && builtin_shape))
            field_rows(os, f.fields, prefix + f.name + (f.type == FieldType::Tables ? "[]." : "."), skip_builtin_shapes);
    }
}

}  // namespace

std::string markdown_reference(const Schema& s) {
    std::ostringstream os;
    os << "## Field reference\n\n";
    os << "Types: `string` one line of text; `markdown` CommonMark; `int`/`float` numbers; `date` a TOML date; "
          "`year` an integer year; `period` `\"2022\"`, `\"2022/23\"` or `\"2015-2023\"`; `url` http(s) or mailto.\n\n";
    os << "### Citations (`cite`)\n\n| field | type | required | meaning | example |\n| --- | --- | --- | --- | --- |\n";
    field_rows(os, citation_fields(), "", true);
    os << "\n### Conflicts (`conflicts`)\n\n| field | type | required | meaning | example |\n| --- | --- | --- | --- | --- |\n";
    field_rows(os, conflict_fields(), "", true);
    for (const auto& k : s.kinds) {
        os << "\n### " << k.title << " (`" << k.name << "`)\n\n";
        os << (k.folder.empty() ? "File: `content/" + k.file + "`" : "Folder: `content/" + k.folder + "/`, files `*." + k.extension + "`")
           << ". " << k.doc << (k.claim ? " A record without `cite` is a warning (an error with `--strict`)." : "")
           << "\n\n";
        os << "| field | type | required | meaning | example |\n| --- | --- | --- | --- | --- |\n";
        field_rows(os, k.fields, "", true);
    }
    return os.str();
}

}  // namespace sprout::schema
