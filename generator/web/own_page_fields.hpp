#pragma once
// Fields that a record shows on its own page and nowhere else: the long descriptions of
// interventions and examples. Besides the record's own page, such a field is in its search
// entry and in its kind's data export, and an edit rebuild writes both again when they change.
// Lists, other records' pages and the briefs show only the rest of the record. So an edit that
// changes nothing but these fields leaves every other page and every brief as it was, and the
// rebuild keeps them without building their contexts (Reuse::own_pages_only, web/site.cpp).
//
// A template or renderer that shows one of these fields anywhere else must remove it from
// here. The build-cache tests edit a description and compare the rebuilt site with a clean
// build, byte for byte, so a field shown elsewhere but still listed here fails them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/model.hpp"

namespace sprout::web {

// A hash of everything in the record except its own-page fields.
std::uint64_t shown_elsewhere_hash(const model::Intervention& i);
std::uint64_t shown_elsewhere_hash(const model::Example& e);

// "folder/id" → shown_elsewhere_hash, for every intervention and example: the build cache
// keeps these so that the next build can tell what an edited record changed.
using ShownElsewhere = std::map<std::string, std::uint64_t>;
ShownElsewhere shown_elsewhere_hashes(const model::Model& m);

// The intervention or example that "folder/id" names in `m`: the records with own-page
// fields. Both null for any other key (every field of the other kinds is shown beyond its
// own page).
struct OwnPageRecord {
    const model::Intervention* intervention = nullptr;
    const model::Example* example = nullptr;
};
OwnPageRecord own_page_record(const model::Model& m, const std::string& key);

// shown_elsewhere_hash of record "folder/id" in `m`; nullopt when own_page_record finds none.
std::optional<std::uint64_t> shown_elsewhere_hash(const model::Model& m, const std::string& key);

}  // namespace sprout::web
