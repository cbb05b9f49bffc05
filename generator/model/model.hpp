#pragma once
// The typed content model: one struct per record kind, filled by the loader once the content
// has checked clean. Renderers (web, pdf) read only this, never TOML. Every struct compares
// member by member: tests require a model read back from the check memo's file (model_io.hpp)
// to equal the one parsed.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace sprout::model {

struct Citation {
    std::string source;   // id of the work the claim comes from
    std::string via;      // id of the document it was read in ("" if the same as source)
    std::string locator;  // where in that document
    std::string lines;    // line range in the text extraction, may be empty
    bool operator==(const Citation&) const = default;
};
using Cites = std::vector<Citation>;

struct Conflict {
    std::string note;  // Markdown
    std::vector<std::string> with;  // "folder/id"
    Cites cite;
    bool operator==(const Conflict&) const = default;
};

// Fields every record has.
struct Record {
    std::string id;
    SourcePos pos;  // file and position of the record
    bool operator==(const Record&) const = default;
};

struct Site {
    std::string title, publisher, description, base_url, language = "en-GB", edition, licence, about;
    // The edition to compare with for the "What changed" page and briefs (diff/previous.hpp).
    struct Previous {
        std::string git, folder;  // a git revision or a folder; both empty when none is named
        bool operator==(const Previous&) const = default;
    };
    Previous previous = {};
    bool operator==(const Site&) const = default;
};

struct Source : Record {
    std::string citation, title, kind, publisher, url, summary, seed_file;
    std::vector<std::string> authors;
    std::optional<int> year;
    Cites cited_in;
    // "Title" when known, else the citation as given.
    const std::string& display() const { return title.empty() ? citation : title; }
    bool operator==(const Source&) const = default;
};

struct Nation : Record {
    std::string name, summary, coverage_note;
    int order = 0;
    Cites cite;
    bool operator==(const Nation&) const = default;
};

struct Policy : Record {
    std::string name, nation, kind, period, summary;
    Cites cite;
    std::vector<Conflict> conflicts;
    bool operator==(const Policy&) const = default;
};

struct Actor : Record {
    std::string name, summary;
    bool operator==(const Actor&) const = default;
};

struct KeyMessage {
    std::string text;
    std::vector<std::string> nations;
    Cites cite;
    bool operator==(const KeyMessage&) const = default;
};

struct BriefSection {
    std::string type, title, intro, order = "document", filter = "all";
    std::optional<int> limit;
    std::vector<std::string> pages;
    bool operator==(const BriefSection&) const = default;
};

struct Audience : Record {
    std::string name, summary;
    int order = 0;
    std::vector<std::string> actors;
    std::vector<KeyMessage> key_messages;
    std::string brief_title;
    std::vector<BriefSection> brief_sections;
    bool operator==(const Audience&) const = default;
};

struct Figure {
    std::string label, unit, period;
    double value = 0;
    Cites cite;
    bool operator==(const Figure&) const = default;
};

struct Area : Record {
    std::string name, nation, kind, summary;
    std::optional<std::int64_t> births;
    std::string births_period;
    Cites births_cite;
    std::vector<std::string> services, near;
    std::vector<Figure> figures;
    Cites cite;
    bool operator==(const Area&) const = default;
};

struct ServiceType : Record {
    std::string name, summary;
    bool recommended = false;
    Cites cite;
    bool operator==(const ServiceType&) const = default;
};

struct Level {
    std::string id, label, meaning;
    int rank = 0;
    bool operator==(const Level&) const = default;
};

struct EvidenceScale : Record {
    std::string name, short_name, kind, summary;
    std::vector<Level> levels;
    Cites cite;
    const Level* level(const std::string& level_id) const;
    int max_rank() const;
    bool operator==(const EvidenceScale&) const = default;
};

struct Rating {
    std::string scale, level, outcome, note;
    Cites cite;
    bool operator==(const Rating&) const = default;
};

struct Availability {
    std::string nation, note;
    Cites cite;
    bool operator==(const Availability&) const = default;
};

struct Intervention : Record {
    std::string name, short_name, kind, summary, description, target_group;
    std::vector<std::string> aliases, outcomes, audiences, related;
    std::optional<int> age_min_months, age_max_months;
    std::string delivery_who, delivery_format, delivery_dose;
    std::vector<std::string> delivery_settings;
    std::vector<Availability> availability;
    std::vector<Rating> ratings;
    Cites cite;
    std::vector<Conflict> conflicts;
    const std::string& label() const { return short_name.empty() ? name : short_name; }
    bool operator==(const Intervention&) const = default;
};

struct Recommendation : Record {
    std::string title, number, kind, group, text;
    std::vector<std::string> questions, actors, nations, audiences, service_types;
    Cites cite;
    std::vector<Conflict> conflicts;
    bool operator==(const Recommendation&) const = default;
};

struct Outcome {
    std::string text, unit;
    std::optional<double> value;
    Cites cite;
    bool operator==(const Outcome&) const = default;
};

struct Example : Record {
    std::string name, place, nation, area, organisation, service_type, label, summary, description;
    std::vector<std::string> interventions, recommendations, contacts;
    std::vector<Outcome> outcomes;
    Cites cite;
    std::vector<Conflict> conflicts;
    bool operator==(const Example&) const = default;
};

struct SeriesPoint {
    std::string label;
    double value = 0;
    bool operator==(const SeriesPoint&) const = default;
};

struct Series {
    std::string name;
    std::vector<SeriesPoint> points;
    bool operator==(const Series&) const = default;
};

struct Statistic : Record {
    std::string title, measure, value_text, unit, population, nation, geography, period, need_label, notes;
    std::optional<double> value;
    std::optional<std::int64_t> sample_size;
    std::vector<std::string> topics;
    bool key = false;
    std::vector<Series> series;
    Cites cite;
    std::vector<Conflict> conflicts;
    bool operator==(const Statistic&) const = default;
};

struct Term : Record {
    std::string term, abbreviation, definition;
    std::vector<std::string> aliases;
    Cites cite;
    bool operator==(const Term&) const = default;
};

struct Page : Record {
    std::string title, kind, summary, body;  // body is Markdown
    std::uint32_t body_line = 1;             // line of the body's first line in the file
    int order = 0;
    std::vector<std::string> audiences, nations;
    Cites cite;
    bool operator==(const Page&) const = default;
};

// The whole toolkit. Each vector is sorted by id so output is deterministic.
struct Model {
    Site site;
    std::vector<Source> sources;
    std::vector<Nation> nations;
    std::vector<Policy> policies;
    std::vector<Actor> actors;
    std::vector<Audience> audiences;
    std::vector<Area> areas;
    std::vector<ServiceType> service_types;
    std::vector<EvidenceScale> scales;
    std::vector<Intervention> interventions;
    std::vector<Recommendation> recommendations;
    std::vector<Example> examples;
    std::vector<Statistic> statistics;
    std::vector<Term> terms;
    std::vector<Page> pages;

    // Lookup by id; nullptr when absent.
    const Source* source(const std::string& id) const;
    const Nation* nation(const std::string& id) const;
    const Actor* actor(const std::string& id) const;
    const Audience* audience(const std::string& id) const;
    const Area* area(const std::string& id) const;
    const ServiceType* service_type(const std::string& id) const;
    const EvidenceScale* scale(const std::string& id) const;
    const Intervention* intervention(const std::string& id) const;
    const Recommendation* recommendation(const std::string& id) const;
    const Statistic* statistic(const std::string& id) const;
    const Page* page(const std::string& id) const;
    const Example* example(const std::string& id) const;
    const Term* term(const std::string& id) const;
    bool operator==(const Model&) const = default;
};

// Where `record` is in `records` (its index), or records.size() when it is not one of them:
// what per-record tables are indexed by, one step instead of a lookup by id.
template <class T>
std::size_t position_in(const std::vector<T>& records, const T& record) {
    const std::less<const T*> before;
    const T* at = &record;
    if (records.empty() || before(at, records.data()) || !before(at, records.data() + records.size())) return records.size();
    return static_cast<std::size_t>(at - records.data());
}

// Records with an `order` field (nations, audiences, pages) as the site lists them: by
// `order`, keeping their stored id order where two share one.
template <class T>
std::vector<T> in_listed_order(std::vector<T> records) {
    std::stable_sort(records.begin(), records.end(), [](const T& x, const T& y) { return x.order < y.order; });
    return records;
}

}  // namespace sprout::model
