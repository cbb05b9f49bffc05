#include "model/model.hpp"

#include <algorithm>

namespace sprout::model {

namespace {
// Vectors are sorted by id (the loader guarantees it), so lookups are binary searches.
template <class T>
const T* by_id(const std::vector<T>& v, const std::string& id) {
    auto it = std::lower_bound(v.begin(), v.end(), id, [](const T& r, const std::string& k) { return r.id < k; });
    return it != v.end() && it->id == id ? &*it : nullptr;
}
}  // namespace

const Level* EvidenceScale::level(const std::string& level_id) const {
    for (const auto& l : levels)
        if (l.id == level_id) return &l;
    return nullptr;
}

int EvidenceScale::max_rank() const {
    int m = 0;
    for (const auto& l : levels) m = std::max(m, l.rank);
    return m;
}

const Source* Model::source(const std::string& id) const { return by_id(sources, id); }
const Nation* Model::nation(const std::string& id) const { return by_id(nations, id); }
const Actor* Model::actor(const std::string& id) const { return by_id(actors, id); }
const Audience* Model::audience(const std::string& id) const { return by_id(audiences, id); }
const Area* Model::area(const std::string& id) const { return by_id(areas, id); }
const ServiceType* Model::service_type(const std::string& id) const { return by_id(service_types, id); }
const EvidenceScale* Model::scale(const std::string& id) const { return by_id(scales, id); }
const Intervention* Model::intervention(const std::string& id) const { return by_id(interventions, id); }
const Recommendation* Model::recommendation(const std::string& id) const { return by_id(recommendations, id); }
const Statistic* Model::statistic(const std::string& id) const { return by_id(statistics, id); }
const Page* Model::page(const std::string& id) const { return by_id(pages, id); }
const Example* Model::example(const std::string& id) const { return by_id(examples, id); }
const Term* Model::term(const std::string& id) const { return by_id(terms, id); }

}  // namespace sprout::model
