// What changes in an intervention's evidence and reach: ratings (matched by scale and outcome,
// so a new level on the same scale reads as a move up or down), the age range, and where it is
// available.
#include "diff/compare_parts.hpp"
#include "diff/words.hpp"

namespace sprout::diff {

namespace {

std::optional<int> rank_of(const model::Model& m, const std::string& scale, const std::string& level) {
    const auto* s = m.scale(scale);
    if (!s) return std::nullopt;
    const auto* l = s->level(level);
    if (!l) return std::nullopt;
    return l->rank;
}

// Pairs each item of `a` with the first unpaired item of `b` that has the same key, in order.
// Returns for each item of `a` the index in `b` (or -1), and which items of `b` were paired.
template <class T, class Key>
std::pair<std::vector<long>, std::vector<bool>> pair_up(const std::vector<T>& a, const std::vector<T>& b, Key key) {
    std::vector<long> match(a.size(), -1);
    std::vector<bool> used(b.size(), false);
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j)
            if (!used[j] && key(a[i]) == key(b[j])) {
                used[j] = true;
                match[i] = static_cast<long>(j);
                break;
            }
    return {match, used};
}

std::vector<std::string> cite_lines(const model::Cites& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(show_cite(c));
    return out;
}

void compare_ratings(const model::Intervention& a, const model::Intervention& b, const model::Model& old,
                     const model::Model& neu, std::vector<Change>& out) {
    auto key = [](const model::Rating& r) { return r.scale + '\n' + r.outcome; };
    auto [match, used] = pair_up(a.ratings, b.ratings, key);
    auto base = [](ChangeType t, const model::Rating& r) {
        Change c;
        c.type = t;
        c.field = "ratings";
        c.scale = r.scale;
        c.outcome = r.outcome;
        return c;
    };
    for (std::size_t i = 0; i < a.ratings.size(); ++i) {
        const auto& ra = a.ratings[i];
        if (match[i] < 0) {
            auto c = base(ChangeType::RatingRemoved, ra);
            c.before = ra.level;
            c.rank_before = rank_of(old, ra.scale, ra.level);
            out.push_back(std::move(c));
            continue;
        }
        const auto& rb = b.ratings[static_cast<std::size_t>(match[i])];
        if (ra.level != rb.level) {
            auto c = base(ChangeType::RatingMoved, rb);
            c.before = ra.level;
            c.after = rb.level;
            // Ranks are read on the newer edition's scale when it still has both levels, so a
            // move is judged on one scale; otherwise each level's rank comes from its own edition.
            const auto nb = rank_of(neu, rb.scale, ra.level), na = rank_of(neu, rb.scale, rb.level);
            c.rank_before = nb && na ? nb : rank_of(old, ra.scale, ra.level);
            c.rank_after = na;
            out.push_back(std::move(c));
        }
        if (auto c = compare_markdown("ratings.note", ra.note, rb.note)) {
            c->scale = rb.scale;
            c->outcome = rb.outcome;
            out.push_back(std::move(*c));
        }
        if (auto c = compare_list("ratings.cite", cite_lines(ra.cite), cite_lines(rb.cite))) {
            c->scale = rb.scale;
            c->outcome = rb.outcome;
            out.push_back(std::move(*c));
        }
    }
    for (std::size_t j = 0; j < b.ratings.size(); ++j) {
        if (used[j]) continue;
        const auto& rb = b.ratings[j];
        auto c = base(ChangeType::RatingAdded, rb);
        c.after = rb.level;
        c.rank_after = rank_of(neu, rb.scale, rb.level);
        out.push_back(std::move(c));
    }
}

void compare_availability(const model::Intervention& a, const model::Intervention& b, std::vector<Change>& out) {
    auto [match, used] = pair_up(a.availability, b.availability, [](const model::Availability& x) { return x.nation; });
    auto change = [](const std::string& nation) {
        Change c;
        c.type = ChangeType::Availability;
        c.field = "availability";
        c.nation = nation;
        return c;
    };
    for (std::size_t i = 0; i < a.availability.size(); ++i) {
        const auto& xa = a.availability[i];
        if (match[i] < 0) {
            auto c = change(xa.nation);
            c.before = squash_space(xa.note);
            out.push_back(std::move(c));
            continue;
        }
        const auto& xb = b.availability[static_cast<std::size_t>(match[i])];
        if (squash_space(xa.note) != squash_space(xb.note)) {
            auto c = change(xb.nation);
            c.before = squash_space(xa.note);
            c.after = squash_space(xb.note);
            out.push_back(std::move(c));
        }
        if (auto c = compare_list("availability.cite", cite_lines(xa.cite), cite_lines(xb.cite))) {
            c->nation = xb.nation;
            out.push_back(std::move(*c));
        }
    }
    for (std::size_t j = 0; j < b.availability.size(); ++j) {
        if (used[j]) continue;
        auto c = change(b.availability[j].nation);
        c.after = squash_space(b.availability[j].note);
        out.push_back(std::move(c));
    }
}

std::string months(int m) { return m < 0 ? std::to_string(-m) + " months before birth" : std::to_string(m) + " months"; }

}  // namespace

std::optional<std::string> show_ages(std::optional<int> min, std::optional<int> max) {
    if (min && max) {
        if (*min >= 0) return std::to_string(*min) + " to " + months(*max);
        return months(*min) + " to " + months(*max);
    }
    if (min) return "from " + months(*min);
    if (max) return "up to " + months(*max);
    return std::nullopt;
}

std::vector<Change> compare_intervention(const model::Intervention& a, const model::Intervention& b,
                                         const model::Model& old, const model::Model& neu) {
    std::vector<Change> out;
    compare_ratings(a, b, old, neu, out);
    if (a.age_min_months != b.age_min_months || a.age_max_months != b.age_max_months) {
        Change c;
        c.type = ChangeType::AgeRange;
        // Names the bound(s) that moved, as they are written in the record.
        std::vector<std::string> moved;
        if (a.age_min_months != b.age_min_months) moved.push_back("age_min_months");
        if (a.age_max_months != b.age_max_months) moved.push_back("age_max_months");
        c.field = moved.size() == 2 ? moved[0] + ", " + moved[1] : moved[0];
        c.before = show_ages(a.age_min_months, a.age_max_months);
        c.after = show_ages(b.age_min_months, b.age_max_months);
        out.push_back(std::move(c));
    }
    compare_availability(a, b, out);
    return out;
}

}  // namespace sprout::diff
