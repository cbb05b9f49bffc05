#include "web/own_page_fields.hpp"

#include <string_view>

#include "util/hash_mix.hpp"
#include "util/parallel.hpp"
#include "web/data_export.hpp"

namespace sprout::web {

namespace {

// The data export holds every field of a record (docs/DATA.md): hashing it without the
// own-page fields covers the rest, including any field added to the export later.
std::uint64_t hash_without(nlohmann::json record, const char* own_page_field) {
    record.erase(own_page_field);
    return util::content_hash(record.dump());
}

}  // namespace

std::uint64_t shown_elsewhere_hash(const model::Intervention& i) { return hash_without(export_record(i), "description"); }
std::uint64_t shown_elsewhere_hash(const model::Example& e) { return hash_without(export_record(e), "description"); }

ShownElsewhere shown_elsewhere_hashes(const model::Model& m) {
    // On every core: a quarter of a second for the 20,000 records of a 10,000-record toolkit.
    const std::size_t n = m.interventions.size();
    std::vector<std::uint64_t> hashes(n + m.examples.size());
    util::parallel_for(hashes.size(), [&](std::size_t k) {
        hashes[k] = k < n ? shown_elsewhere_hash(m.interventions[k]) : shown_elsewhere_hash(m.examples[k - n]);
    });
    ShownElsewhere out;
    for (std::size_t k = 0; k < hashes.size(); ++k)
        out.emplace_hint(out.end(), k < n ? "interventions/" + m.interventions[k].id : "examples/" + m.examples[k - n].id, hashes[k]);
    return out;
}

OwnPageRecord own_page_record(const model::Model& m, const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return {};
    const std::string_view folder(key.data(), slash);
    const std::string id = key.substr(slash + 1);
    if (folder == "interventions") return {m.intervention(id), nullptr};
    if (folder == "examples") return {nullptr, m.example(id)};
    return {};
}

std::optional<std::uint64_t> shown_elsewhere_hash(const model::Model& m, const std::string& key) {
    const auto r = own_page_record(m, key);
    if (r.intervention) return shown_elsewhere_hash(*r.intervention);
    if (r.example) return shown_elsewhere_hash(*r.example);
    return std::nullopt;
}

}  // namespace sprout::web
