#include "schema/scaffold.hpp"

#include <sstream>

namespace sprout::schema {

namespace {

bool is_table_like(const FieldSpec& f) {
    // Composite fields written as inline arrays rather than [[sections]].
    const bool inline_composite = f.type_name == "cite" || f.type_name == "series" || f.type_name == "conflicts";
    return (f.type == FieldType::Table || f.type == FieldType::Tables) && !inline_composite;
}

std::string describe(const FieldSpec& f) {
    std::string t = f.type_name;
    if (f.type == FieldType::Enum) {
        t = "one of:";
        for (const auto& v : f.values) t += " " + v;
    } else if (f.type == FieldType::Ref) t = "id of a " + f.ref;
    else if (f.type == FieldType::Refs) t = "list of " + f.ref + " ids";
    return f.doc + " (" + t + (f.required ? ", required" : ", optional") + ")";
}

class Writer {
public:
    explicit Writer(const IdLookup& lookup) : lookup_(lookup) {}

    std::string value(const FieldSpec& f) {
        if (f.type_name == "cite") {
            const auto src = lookup_("source").value_or("a-source-id");
            return "[{ source = \"" + src + "\", locator = \"Section or page where this is stated\" }]";
        }
        if (f.type_name == "conflicts")
            return "[{ note = \"What disagrees with what\", cite = [{ source = \"" + lookup_("source").value_or("a-source-id") +
                   "\", locator = \"Where\" }] }]";
        if (f.type == FieldType::Ref)
            if (auto id = lookup_(f.ref)) return "\"" + *id + "\"";
        if (f.type == FieldType::Refs)
            if (auto id = lookup_(f.ref)) return "[\"" + *id + "\"]";
        if (!f.example_toml.empty()) return f.example_toml;
        return "\"\"";
    }

    void fields(std::ostringstream& os, const std::vector<FieldSpec>& fs, const std::string& prefix, bool commented) {
        // TOML needs plain keys before [tables], so write those first.
        for (const auto& f : fs) {
            if (is_table_like(f)) continue;
            const bool off = commented || !(f.required || f.scaffold);
            os << "\n# " << describe(f) << "\n" << (off ? "# " : "") << f.name << " = " << value(f) << "\n";
        }
        for (const auto& f : fs) {
            if (!is_table_like(f)) continue;
            const bool off = commented || !f.required;
            const std::string name = prefix + f.name;
            os << "\n# " << describe(f) << "\n" << (off ? "# " : "")
               << (f.type == FieldType::Tables ? "[[" + name + "]]" : "[" + name + "]") << "\n";
            fields(os, f.fields, name + ".", off);
        }
    }

private:
    const IdLookup& lookup_;
};

}  // namespace

std::string scaffold(const KindSpec& kind, const IdLookup& lookup) {
    std::ostringstream os;
    Writer w(lookup);
    const bool page = kind.extension == "md";
    if (page) os << "+++\n";
    os << "# " << kind.title << ": " << kind.doc << "\n"
       << "# Required fields hold example values to replace; optional fields are commented out.\n"
       << "# Field reference: docs/CONTENT.md, or `sprout schema`.\n";
    w.fields(os, kind.fields, "", false);
    if (page) os << "+++\nWrite the page here, in Markdown.\n";
    return os.str();
}

}  // namespace sprout::schema
