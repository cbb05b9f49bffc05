#include "web/crossrefs.hpp"

#include <algorithm>
#include <set>

#include "web/urls.hpp"

namespace sprout::web {

RecordRef describe(const model::Model& m, const std::string& folder, const std::string& id) {
    RecordRef r{folder, id, id, urls::record(folder, id)};
    auto set = [&](const std::string& title) { r.title = title; };
    if (folder == "interventions") {
        if (auto* x = m.intervention(id)) set(x->name);
    } else if (folder == "recommendations") {
        if (auto* x = m.recommendation(id)) set(x->title);
    } else if (folder == "examples") {
        if (auto* x = m.example(id)) set(x->name);
    } else if (folder == "statistics") {
        if (auto* x = m.statistic(id)) set(x->title);
    } else if (folder == "sources") {
        if (auto* x = m.source(id)) set(x->display());
    } else if (folder == "nations") {
        if (auto* x = m.nation(id)) set(x->name);
    } else if (folder == "audiences") {
        if (auto* x = m.audience(id)) set(x->name);
    } else if (folder == "areas") {
        if (auto* x = m.area(id)) set(x->name);
    } else if (folder == "evidence-scales") {
        if (auto* x = m.scale(id)) set(x->name);
    } else if (folder == "pages") {
        if (auto* x = m.page(id)) set(x->title);
    } else if (folder == "glossary") {
        if (auto* x = m.term(id)) set(x->term);
    } else if (folder == "actors") {
        if (auto* x = m.actor(id)) set(x->name);
    } else if (folder == "service-types") {
        if (auto* x = m.service_type(id)) set(x->name);
    } else if (folder == "policies") {
        // Policies have no lookup by id in the model; they are few, so search.
        for (const auto& p : m.policies)
            if (p.id == id) {
                set(p.name);
                r.url = urls::record(folder, id, p.nation);
            }
    }
    return r;
}

namespace {

class CiteCollector {
public:
    explicit CiteCollector(Citations& x) : x_(x) {}
    // A record's citations are added one after another, so it is kept once.
    void add(const RecordRef& rec, const model::Cites& cites) {
        if (cites.empty()) return;
        if (x_.citing_records.empty() || !(x_.citing_records.back() == rec)) x_.citing_records.push_back(rec);
        const RecordRef* kept = &x_.citing_records.back();
        for (const auto& c : cites) {
            x_.cited_as_source[c.source].push_back({kept, &c.locator});
            if (!c.via.empty() && c.via != c.source) x_.read_via[c.via].push_back({kept, &c.locator});
        }
    }
    void add_conflicts(const RecordRef& rec, const std::vector<model::Conflict>& cs) {
        for (const auto& c : cs) add(rec, c.cite);
    }
    // A claim-bearing record's own citations and its conflicts'.
    template <class Claim>
    void add_claim(const RecordRef& rec, const Claim& x) {
        add(rec, x.cite);
        add_conflicts(rec, x.conflicts);
    }

private:
    Citations& x_;
};

// One entry per record and locator, sorted by kind then title, so pages list each claim once.
void tidy(std::unordered_map<std::string, std::vector<CiteUse>>& uses) {
    for (auto& [_, v] : uses) {
        std::sort(v.begin(), v.end(), [](const CiteUse& a, const CiteUse& b) {
            return std::tie(*a.record, *a.locator) < std::tie(*b.record, *b.locator);
        });
        v.erase(std::unique(v.begin(), v.end(),
                            [](const CiteUse& a, const CiteUse& b) { return *a.record == *b.record && *a.locator == *b.locator; }),
                v.end());
    }
}

}  // namespace

namespace {

// Each record's place in `records` by its id (views of the model's own strings).
template <class T>
std::unordered_map<std::string_view, std::size_t> places_by_id(const std::vector<T>& records) {
    std::unordered_map<std::string_view, std::size_t> out;
    out.reserve(records.size());
    for (std::size_t k = 0; k < records.size(); ++k) out.emplace(records[k].id, k);
    return out;
}

template <class T, class List>
const List& at_place(const std::vector<T>& records, const std::vector<List>& lists, const T& record) {
    static const List none;
    const std::size_t k = model::position_in(records, record);
    return k < lists.size() ? lists[k] : none;
}

}  // namespace

CrossRefs::CrossRefs(const model::Model& m)
    : examples_by_intervention_(m.interventions.size()),
      examples_by_recommendation_(m.recommendations.size()),
      related_interventions_(m.interventions.size()),
      m_(m) {
    const auto intervention_at = places_by_id(m.interventions);
    const auto place = [](const auto& places, std::string_view id) {
        const auto it = places.find(id);
        return it == places.end() ? std::string_view::npos : it->second;
    };
    for (std::size_t k = 0; k < m.interventions.size(); ++k) {
        const auto& x = m.interventions[k];
        for (const auto& g : x.ratings) rated_at[{g.scale, g.level}].push_back({&x, &g});
        for (const auto& rel : x.related) {
            // An id that names no intervention has no page to list it on.
            related_interventions_[k].push_back(rel);
            if (const std::size_t r = place(intervention_at, rel); r != std::string_view::npos)
                related_interventions_[r].push_back(x.id);
        }
    }
    const auto recommendation_at = places_by_id(m.recommendations);
    for (const auto& x : m.examples) {
        for (const auto& i : x.interventions)
            if (const std::size_t k = place(intervention_at, i); k != std::string_view::npos)
                examples_by_intervention_[k].push_back(&x);
        for (const auto& r : x.recommendations)
            if (const std::size_t k = place(recommendation_at, r); k != std::string_view::npos)
                examples_by_recommendation_[k].push_back(&x);
    }
    for (auto& v : related_interventions_) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    }
}

const std::vector<const model::Example*>& CrossRefs::examples_using(const model::Intervention& i) const {
    return at_place(m_.interventions, examples_by_intervention_, i);
}

const std::vector<const model::Example*>& CrossRefs::examples_illustrating(const model::Recommendation& r) const {
    return at_place(m_.recommendations, examples_by_recommendation_, r);
}

const std::vector<std::string_view>& CrossRefs::related_interventions(const model::Intervention& i) const {
    return at_place(m_.interventions, related_interventions_, i);
}

const Citations& CrossRefs::citations() const {
    std::call_once(citations_made_, [this] {
        const auto& m = m_;
        CiteCollector cc(citations_);
        for (const auto& x : m.nations) cc.add(describe(m, "nations", x.id), x.cite);
        for (const auto& x : m.policies) cc.add_claim({"policies", x.id, x.name, urls::record("policies", x.id, x.nation)}, x);
        for (const auto& x : m.audiences) {
            const auto r = describe(m, "audiences", x.id);
            for (const auto& k : x.key_messages) cc.add(r, k.cite);
        }
        for (const auto& x : m.areas) {
            const auto r = describe(m, "areas", x.id);
            cc.add(r, x.cite);
            cc.add(r, x.births_cite);
            for (const auto& f : x.figures) cc.add(r, f.cite);
        }
        for (const auto& x : m.service_types) cc.add(describe(m, "service-types", x.id), x.cite);
        for (const auto& x : m.scales) cc.add(describe(m, "evidence-scales", x.id), x.cite);
        for (const auto& x : m.interventions) {
            const auto r = describe(m, "interventions", x.id);
            cc.add(r, x.cite);
            for (const auto& a : x.availability) cc.add(r, a.cite);
            for (const auto& g : x.ratings) cc.add(r, g.cite);
            cc.add_conflicts(r, x.conflicts);
        }
        for (const auto& x : m.recommendations) cc.add_claim(describe(m, "recommendations", x.id), x);
        for (const auto& x : m.examples) {
            const auto r = describe(m, "examples", x.id);
            cc.add(r, x.cite);
            for (const auto& o : x.outcomes) cc.add(r, o.cite);
            cc.add_conflicts(r, x.conflicts);
        }
        for (const auto& x : m.statistics) cc.add_claim(describe(m, "statistics", x.id), x);
        for (const auto& x : m.terms) cc.add(describe(m, "glossary", x.id), x.cite);
        for (const auto& x : m.pages) cc.add(describe(m, "pages", x.id), x.cite);
        tidy(citations_.cited_as_source);
        tidy(citations_.read_via);
    });
    return citations_;
}

std::string CrossRefs::document_of(const model::Recommendation& r) {
    if (r.cite.empty()) return {};
    return r.cite.front().via.empty() ? r.cite.front().source : r.cite.front().via;
}

std::vector<const model::Recommendation*> CrossRefs::recommendations_for_audience(const model::Audience& a) const {
    const std::set<std::string> actors(a.actors.begin(), a.actors.end());
    std::vector<const model::Recommendation*> out;
    for (const auto& r : m_.recommendations) {
        bool match = std::find(r.audiences.begin(), r.audiences.end(), a.id) != r.audiences.end();
        for (const auto& ac : r.actors) match = match || actors.count(ac) > 0;
        if (match) out.push_back(&r);
    }
    return out;
}

}  // namespace sprout::web
