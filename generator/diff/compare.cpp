#include <algorithm>
#include <map>
#include <string_view>

#include "diff/compare_parts.hpp"
#include "diff/words.hpp"

namespace sprout::diff {

namespace {

ChangeType scalar_change(Shape s) { return s == Shape::Figure ? ChangeType::ValueUpdated : ChangeType::FieldChanged; }

// Records of one kind, matched by id. The model keeps each kind sorted by id, but the match
// does not rely on it.
template <class T, class Extra>
void compare_kind(const std::string& kind, const std::vector<T>& olds, const std::vector<T>& news, Changes& out,
                  Extra&& extra) {
    auto index = [](const std::vector<T>& v) {
        std::map<std::string_view, const T*> by_id;
        for (const auto& r : v) by_id.emplace(r.id, &r);
        return by_id;
    };
    const auto old_by_id = index(olds), new_by_id = index(news);
    for (const auto& n : news) {
        const auto it = old_by_id.find(n.id);
        if (it == old_by_id.end()) {
            out.records.push_back({kind, n.id, label_of(n), Status::Added, {}});
            continue;
        }
        auto changes = extra(*it->second, n);
        auto generic = compare_fields(fields_of(*it->second), fields_of(n));
        changes.insert(changes.end(), generic.begin(), generic.end());
        if (!changes.empty()) out.records.push_back({kind, n.id, label_of(n), Status::Changed, std::move(changes)});
    }
    for (const auto& o : olds)
        if (!new_by_id.count(o.id)) out.records.push_back({kind, o.id, label_of(o), Status::Withdrawn, {}});
}

template <class T>
void compare_kind(const std::string& kind, const std::vector<T>& olds, const std::vector<T>& news, Changes& out) {
    compare_kind(kind, olds, news, out, [](const T&, const T&) { return std::vector<Change>{}; });
}

std::size_t kind_rank(const std::string& kind) {
    const auto& order = kind_order();
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), kind) - order.begin());
}

}  // namespace

int Change::direction() const {
    if (type != ChangeType::RatingMoved || !rank_before || !rank_after || *rank_before == *rank_after) return 0;
    return *rank_after > *rank_before ? 1 : -1;
}

std::size_t Changes::count(Status s) const {
    return static_cast<std::size_t>(std::count_if(records.begin(), records.end(), [&](const auto& r) { return r.status == s; }));
}

std::optional<Change> compare_list(const std::string& field, const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
    if (a == b) return std::nullopt;
    Change c;
    c.type = ChangeType::FieldChanged;
    c.field = field;
    // Multiset difference that keeps each side's order, so reports list items as written.
    std::vector<bool> used(b.size(), false);
    for (const auto& x : a) {
        bool matched = false;
        for (std::size_t j = 0; j < b.size() && !matched; ++j)
            if (!used[j] && b[j] == x) used[j] = matched = true;
        if (!matched) c.removed.push_back(x);
    }
    for (std::size_t j = 0; j < b.size(); ++j)
        if (!used[j]) c.added.push_back(b[j]);
    c.reordered = c.removed.empty() && c.added.empty();
    return c;
}

std::optional<Change> compare_markdown(const std::string& field, const std::string& a, const std::string& b) {
    if (a == b || squash_space(a) == squash_space(b)) return std::nullopt;
    const std::string ra = reader_text(a), rb = reader_text(b);
    if (ra == rb) return std::nullopt;
    Change c;
    c.type = ChangeType::Reworded;
    c.field = field;
    if (!ra.empty()) c.before = ra;
    if (!rb.empty()) c.after = rb;
    c.words = word_diff(ra, rb);
    return c;
}

std::vector<Change> compare_fields(const Fields& a, const Fields& b) {
    std::vector<Change> out;
    const auto& fa = a.all();
    const auto& fb = b.all();
    for (std::size_t i = 0; i < fa.size() && i < fb.size(); ++i) {
        const Field& x = fa[i];
        const Field& y = fb[i];
        switch (x.shape) {
        case Shape::List:
            if (auto c = compare_list(x.name, x.items, y.items)) out.push_back(std::move(*c));
            break;
        case Shape::Markdown:
            if (auto c = compare_markdown(x.name, x.value.value_or(""), y.value.value_or(""))) out.push_back(std::move(*c));
            break;
        case Shape::Text:
        case Shape::Figure:
            if (x.value != y.value) {
                Change c;
                c.type = scalar_change(x.shape);
                c.field = x.name;
                c.before = x.value;
                c.after = y.value;
                out.push_back(std::move(c));
            }
            break;
        }
    }
    return out;
}

Changes compare(const model::Model& old, const model::Model& neu) {
    Changes out;
    out.old_edition = old.site.edition;
    out.new_edition = neu.site.edition;
    out.title = neu.site.title;
    out.language = neu.site.language;

    if (auto site = compare_fields(fields_of(old.site), fields_of(neu.site)); !site.empty())
        out.records.push_back({"site", "site", neu.site.title, Status::Changed, std::move(site)});
    compare_kind("source", old.sources, neu.sources, out);
    compare_kind("nation", old.nations, neu.nations, out);
    compare_kind("policy", old.policies, neu.policies, out);
    compare_kind("actor", old.actors, neu.actors, out);
    compare_kind("audience", old.audiences, neu.audiences, out);
    compare_kind("area", old.areas, neu.areas, out);
    compare_kind("service-type", old.service_types, neu.service_types, out);
    compare_kind("evidence-scale", old.scales, neu.scales, out);
    compare_kind("intervention", old.interventions, neu.interventions, out,
                 [&](const model::Intervention& a, const model::Intervention& b) {
                     return compare_intervention(a, b, old, neu);
                 });
    compare_kind("recommendation", old.recommendations, neu.recommendations, out);
    compare_kind("example", old.examples, neu.examples, out);
    compare_kind("statistic", old.statistics, neu.statistics, out);
    compare_kind("term", old.terms, neu.terms, out);
    compare_kind("page", old.pages, neu.pages, out);

    std::stable_sort(out.records.begin(), out.records.end(), [](const RecordChange& a, const RecordChange& b) {
        const auto ka = kind_rank(a.kind), kb = kind_rank(b.kind);
        if (ka != kb) return ka < kb;
        if (a.status != b.status) return a.status < b.status;
        return a.id < b.id;
    });
    return out;
}

}  // namespace sprout::diff
