#pragma once
// Back-links and groupings the pages need, computed once from the model: who cites each
// source, which examples use an intervention, which interventions sit at each evidence level,
// and what each nation and audience gathers.
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "model/model.hpp"

namespace sprout::web {

// A record as a link target: its content folder, id, display title and site-root URL.
struct RecordRef {
    std::string folder, id, title, url;
    bool operator<(const RecordRef& o) const { return std::tie(folder, title, id) < std::tie(o.folder, o.title, o.id); }
    bool operator==(const RecordRef& o) const { return folder == o.folder && id == o.id; }
};

// Describes any record by folder and id (as used in conflicts' `with`); title is the id when unknown.
RecordRef describe(const model::Model& m, const std::string& folder, const std::string& id);

// One use of a source by a claim. Both point into data that outlives the CrossRefs: a record
// cites many sources, and copying it into each use held tens of megabytes at N = 10,000.
struct CiteUse {
    const RecordRef* record;     // in CrossRefs::citing_records
    const std::string* locator;  // the citation's, in the model
};

struct RatingUse {
    const model::Intervention* intervention;
    const model::Rating* rating;
};

// Who cites what, for the source pages.
struct Citations {
    // Looked up by id, never walked in order: hashed, as each is as big as its kind.
    std::unordered_map<std::string, std::vector<CiteUse>> cited_as_source;  // source id → claims citing it
    std::unordered_map<std::string, std::vector<CiteUse>> read_via;         // document id → claims read in it
    std::deque<RecordRef> citing_records;  // every record that cites something, once
};

class CrossRefs {
public:
    explicit CrossRefs(const model::Model& m);

    // Made on first use, from any thread: only the source pages read it, and a rebuild that
    // renders only the edited records' own pages never does (most of this class's cost,
    // 0.1 s at N = 10,000).
    const Citations& citations() const;

    // The examples that use an intervention, and that illustrate a recommendation; the
    // interventions related to one, both ways, sorted by id. Empty for a record not in the model.
    const std::vector<const model::Example*>& examples_using(const model::Intervention& i) const;
    const std::vector<const model::Example*>& examples_illustrating(const model::Recommendation& r) const;
    const std::vector<std::string_view>& related_interventions(const model::Intervention& i) const;
    std::map<std::pair<std::string_view, std::string_view>, std::vector<RatingUse>> rated_at;  // (scale, level)
    // The document a recommendation belongs to: where its first citation was read.
    static std::string document_of(const model::Recommendation& r);
    // Recommendations addressed to an audience: through its actors or listed directly.
    std::vector<const model::Recommendation*> recommendations_for_audience(const model::Audience& a) const;

private:
    // By each record's place in the model (model::position_in), listing views of the model's
    // own strings: at N = 100,000, looking each page's lists up by id in hash maps missed the
    // processor's caches more than anything else on an intervention page.
    std::vector<std::vector<const model::Example*>> examples_by_intervention_, examples_by_recommendation_;
    std::vector<std::vector<std::string_view>> related_interventions_;
    const model::Model& m_;
    mutable std::once_flag citations_made_;
    mutable Citations citations_;
};

}  // namespace sprout::web
