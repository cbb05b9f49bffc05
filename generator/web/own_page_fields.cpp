#include "web/own_page_fields.hpp"

#include "output/staging.hpp"
#include "web/data_export.hpp"

namespace sprout::web {

namespace {

// The data export holds every field of a record (docs/DATA.md): hashing it without the
// own-page fields covers the rest, including any field added to the export later.
std::uint64_t hash_without(nlohmann::json record, const char* own_page_field) {
    record.erase(own_page_field);
    return output::content_hash(record.dump());
}

}  // namespace

std::uint64_t shown_elsewhere_hash(const model::Intervention& i) { return hash_without(export_record(i), "description"); }
std::uint64_t shown_elsewhere_hash(const model::Example& e) { return hash_without(export_record(e), "description"); }

ShownElsewhere shown_elsewhere_hashes(const model::Model& m) {
    ShownElsewhere out;
    for (const auto& i : m.interventions) out.emplace_hint(out.end(), "interventions/" + i.id, shown_elsewhere_hash(i));
    for (const auto& e : m.examples) out.emplace_hint(out.end(), "examples/" + e.id, shown_elsewhere_hash(e));
    return out;
}

std::optional<std::uint64_t> shown_elsewhere_hash(const model::Model& m, const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return std::nullopt;
    const std::string folder = key.substr(0, slash), id = key.substr(slash + 1);
    if (folder == "interventions")
        if (const auto* i = m.intervention(id)) return shown_elsewhere_hash(*i);
    if (folder == "examples")
        if (const auto* e = m.example(id)) return shown_elsewhere_hash(*e);
    return std::nullopt;
}

}  // namespace sprout::web
