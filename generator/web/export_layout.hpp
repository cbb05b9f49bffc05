#pragma once
// Where each record lies in a kind's data export (web/data_export.hpp). Kept apart because the
// build cache stores it and incremental builds pass it on.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sprout::model {
struct Record;
}

namespace sprout::web {

// Where each record of one kind's export lies in its two files, and the content file each was
// made from, so that a rebuild after an edit copies the unchanged records' bytes from the
// previous files instead of making them again (the interventions' export is 80 MB at
// N = 10,000, and made from the model it took a second and a half for one changed record).
struct ExportLayout {
    struct Record {
        std::string id;
        std::uint64_t made_from = 0;  // RecordHash of the record when written; 0: never copied
        std::uint64_t json_end = 0, csv_end = 0;  // one past its last byte in each file
        bool operator==(const Record&) const = default;
    };
    std::uint64_t json_hash = 0, csv_hash = 0;    // of the files described (output::FileDigest::hash)
    std::uint64_t json_start = 0, csv_start = 0;  // where the first record starts in each
    std::vector<Record> records;                  // in the files' order
    bool operator==(const ExportLayout&) const = default;
};
using ExportLayouts = std::map<std::string, ExportLayout>;  // by kind name

// The hash of the bytes of the content file a record was read from; 0 when not known. A
// record's export is made from its own file alone, so the same hash means the same bytes.
using RecordHash = std::function<std::uint64_t(const model::Record&)>;

}  // namespace sprout::web
