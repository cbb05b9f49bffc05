#pragma once
// Open data: every record kind as JSON and CSV under data/ (documented in docs/DATA.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/model.hpp"
#include "output/staging.hpp"
#include "web/export_layout.hpp"

namespace sprout::web {

struct ExportKind {
    std::string name;   // file stem and content folder, e.g. "interventions"
    std::string title;  // for people, e.g. "Interventions"
    std::size_t count;  // number of records
};

// The kinds exported, in a fixed order.
std::vector<ExportKind> export_kinds(const model::Model& m);

// A JSON array of objects as CSV: a header row of every key (`id` first, then sorted), lists of
// strings joined with "; ", nested tables as compact JSON.
std::string to_csv(const nlohmann::json& records);

// One record as its kind's export writes it (without `id`): every field of the record.
nlohmann::json export_record(const model::Intervention& i);
nlohmann::json export_record(const model::Example& e);

// Writes data/<kind>.json (an array of objects: fields as in the content files, plus `id`) and
// data/<kind>.csv for one kind, and returns where each record went. With `previous` (the layout
// of the previous build's files), a record with the same id in the same place and the same
// RecordHash is copied from the previous files, when they are still as that build wrote them;
// the files come out byte for byte as a whole write would make them.
ExportLayout write_data(const model::Model& m, const ExportKind& kind, output::Staging& out, const RecordHash& made_from = {},
                        const ExportLayout* previous = nullptr);
void write_site_data(const model::Model& m, output::Staging& out);

}  // namespace sprout::web
