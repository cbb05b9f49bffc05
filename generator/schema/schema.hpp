#pragma once
// The content schema: record kinds and their fields, read from the embedded schema.toml.
// Validation, JSON Schema output, scaffolds and the docs field tables all derive from it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sprout::schema {

enum class FieldType {
    String, Markdown, Int, Float, Bool, Date, Year, Period, Url, Enum,
    Ref,         // id of a record of kind `ref`
    Refs,        // array of such ids
    RecordRefs,  // array of "folder/id" strings naming records of any kind
    Strings,
    Table,
    Tables,
};

struct FieldSpec {
    std::string name;
    FieldType type = FieldType::String;
    std::string type_name;  // as written in schema.toml ("cite", "series"... keep their names for docs)
    bool required = false;
    bool scaffold = false;  // `sprout new` writes it uncommented even though it is optional
    std::string doc;
    std::string ref;                  // kind name, for Ref/Refs
    std::vector<std::string> values;  // for Enum
    std::optional<std::int64_t> min, max;
    std::string pattern;              // ECMAScript regex the whole string must match
    std::string example_toml;         // example value in TOML syntax; empty if none
    std::vector<FieldSpec> fields;    // for Table/Tables

    const FieldSpec* field(std::string_view n) const;
    std::vector<std::string> field_names() const;
};

struct KindSpec {
    std::string name;       // "intervention"
    std::string folder;     // "interventions" (empty for single-file kinds)
    std::string file;       // "site.toml" for single-file kinds
    std::string extension;  // "toml" or "md"
    std::string title;
    std::string doc;
    bool claim = false;     // a record without `cite` is a warning
    std::vector<FieldSpec> fields;

    const FieldSpec* field(std::string_view n) const;
    std::vector<std::string> field_names() const;
};

struct Schema {
    std::vector<KindSpec> kinds;
    const KindSpec* kind(std::string_view name) const;
    const KindSpec* by_folder(std::string_view folder) const;
    std::vector<std::string> kind_names() const;
    std::vector<std::string> folder_names() const;
};

// The built-in schema, parsed once. Throws std::logic_error if the embedded file is malformed
// (a build defect, caught by the test suite).
const Schema& builtin();

// One JSON Schema document with every kind under $defs.
std::string json_schema(const Schema& s);
// A standalone JSON Schema for one kind.
std::string json_schema_for(const Schema& s, const KindSpec& k);
// The field reference tables for docs/CONTENT.md.
std::string markdown_reference(const Schema& s);

// Pattern an id must match (published in the JSON Schemas), and the test of it.
inline constexpr const char* id_pattern = "^[a-z0-9][a-z0-9_-]{0,79}$";
bool matches_id_pattern(std::string_view id);
// Whether `id` is a usable record id; if not, says why.
std::optional<std::string> id_problem(std::string_view id);

}  // namespace sprout::schema
