#include "json_schema_validator.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace sprout::test {

namespace {

using nlohmann::json;

bool has_type(const json& v, const std::string& type) {
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "null") return v.is_null();
    return false;
}

void check(const json& v, const json& s, const std::string& path, std::vector<std::string>& out) {
    static const std::set<std::string> known = {"type", "enum", "pattern", "required", "additionalProperties",
                                                "properties", "items", "minimum", "maximum", "format",
                                                // annotations, no assertion
                                                "title", "description", "examples", "$schema", "$id", "$defs"};
    auto fail = [&](const std::string& msg) { out.push_back((path.empty() ? "(record)" : path) + ": " + msg); };
    for (const auto& [k, _] : s.items())
        if (!known.count(k)) fail("unsupported schema keyword '" + k + "'");

    if (s.contains("type") && !has_type(v, s["type"].get<std::string>())) {
        fail("expected " + s["type"].get<std::string>() + ", got " + v.type_name());
        return;
    }
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
        fail("value " + v.dump() + " is not one of " + s["enum"].dump());
    if (v.is_string()) {
        const auto str = v.get<std::string>();
        if (s.contains("pattern") && !std::regex_search(str, std::regex(s["pattern"].get<std::string>(), std::regex::ECMAScript)))
            fail("\"" + str + "\" does not match " + s["pattern"].get<std::string>());
        if (s.value("format", "") == "date" && !std::regex_match(str, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")))
            fail("\"" + str + "\" is not a date");
    }
    if (v.is_number()) {
        if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) fail("below minimum " + s["minimum"].dump());
        if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>()) fail("above maximum " + s["maximum"].dump());
    }
    if (v.is_object()) {
        for (const auto& r : s.value("required", json::array()))
            if (!v.contains(r.get<std::string>())) fail("missing required property '" + r.get<std::string>() + "'");
        const json props = s.value("properties", json::object());
        for (const auto& [k, child] : v.items()) {
            const std::string child_path = path.empty() ? k : path + "." + k;
            if (props.contains(k)) check(child, props[k], child_path, out);
            else if (s.contains("additionalProperties") && s["additionalProperties"] == false)
                out.push_back(child_path + ": property not allowed");
        }
    }
    if (v.is_array() && s.contains("items"))
        for (std::size_t i = 0; i < v.size(); ++i) check(v[i], s["items"], path + "[" + std::to_string(i) + "]", out);
}

}  // namespace

std::vector<std::string> validate(const json& instance, const json& schema) {
    std::vector<std::string> out;
    check(instance, schema, "", out);
    return out;
}

json toml_to_json(const toml::node& n) {
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
    std::ostringstream os;  // dates and times, as TOML writes them
    n.visit([&](const auto& x) { os << x; });
    return os.str();
}

}  // namespace sprout::test
