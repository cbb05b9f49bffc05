#include "brief/select.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

namespace sprout::brief {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

int nation_order(const model::Model& m, const std::string& id) {
    const model::Nation* n = m.nation(id);
    return n ? n->order : 1000;
}

}  // namespace

bool covers_nation(const std::vector<std::string>& nations, const std::string& nation) {
    return contains(nations, nation) || contains(nations, "uk");
}

std::vector<const model::KeyMessage*> key_messages(const model::Audience& a, const std::string& nation) {
    std::vector<const model::KeyMessage*> out;
    for (const auto& k : a.key_messages)
        if (k.nations.empty() || covers_nation(k.nations, nation)) out.push_back(&k);
    return out;
}

PolicyContext policies(const model::Model& m, const std::string& nation) {
    PolicyContext out;
    for (const auto& p : m.policies) {
        if (p.nation == nation) out.own.push_back(&p);
        else if (p.nation == "uk" && nation != "uk") out.uk.push_back(&p);
    }
    return out;
}

std::vector<const model::Statistic*> key_figures(const model::Model& m, const std::string& nation, const model::BriefSection& s) {
    std::vector<const model::Statistic*> own, uk, other;
    for (const auto& st : m.statistics) {
        if (!st.key) continue;
        if (st.nation == nation) own.push_back(&st);
        else if (st.nation == "uk") uk.push_back(&st);
        else if (st.nation.empty() && s.filter == "all") other.push_back(&st);
    }
    if (s.order == "name") {
        auto by_title = [](const model::Statistic* a, const model::Statistic* b) { return a->title < b->title; };
        std::stable_sort(own.begin(), own.end(), by_title);
        std::stable_sort(uk.begin(), uk.end(), by_title);
        std::stable_sort(other.begin(), other.end(), by_title);
    }
    own.insert(own.end(), uk.begin(), uk.end());
    own.insert(own.end(), other.begin(), other.end());
    apply_limit(own, s.limit);
    return own;
}

bool addresses(const model::Recommendation& r, const model::Audience& a) {
    if (contains(r.audiences, a.id)) return true;
    for (const auto& actor : r.actors)
        if (contains(a.actors, actor)) return true;
    return false;
}

std::vector<const model::Recommendation*> recommendations(const model::Model& m, const model::Audience& a,
                                                          const std::string& nation, const model::BriefSection& s) {
    // The checklists section shows suggested actions with their questions; not twice.
    const bool has_checklists = std::any_of(a.brief_sections.begin(), a.brief_sections.end(),
                                            [](const auto& bs) { return bs.type == "checklists"; });
    std::vector<const model::Recommendation*> out, unstated;
    for (const auto& r : m.recommendations) {
        if (has_checklists && r.kind == "suggested-action" && !r.questions.empty() && addresses(r, a) &&
            (r.nations.empty() || covers_nation(r.nations, nation)))
            continue;
        const bool aud = addresses(r, a);
        const bool nat = covers_nation(r.nations, nation);
        bool keep = true;
        if (s.filter == "audience") keep = aud;
        else if (s.filter == "nation") keep = nat;
        else if (s.filter == "audience-and-nation") {
            // A recommendation that names no nation is not specific to one: it follows the
            // nation's own, and the brief labels it so (sections_actions.cpp).
            if (aud && r.nations.empty()) unstated.push_back(&r);
            keep = aud && nat;
        }
        if (keep) out.push_back(&r);
    }
    if (s.order == "name") {
        auto by_title = [](auto* x, auto* y) { return x->title < y->title; };
        std::stable_sort(out.begin(), out.end(), by_title);
        std::stable_sort(unstated.begin(), unstated.end(), by_title);
    }
    out.insert(out.end(), unstated.begin(), unstated.end());
    apply_limit(out, s.limit);
    return out;
}

double strength(const model::Model& m, const model::Intervention& i) {
    double best = -1;
    for (const auto& r : i.ratings) {
        const model::EvidenceScale* sc = m.scale(r.scale);
        if (!sc || sc->kind != "rating") continue;
        const model::Level* lv = sc->level(r.level);
        const int max = sc->max_rank();
        if (!lv || max <= 0) continue;
        best = std::max(best, static_cast<double>(lv->rank) / max);
    }
    return best;
}

namespace {

// How many of an intervention's ratings reach its strength (`best`): the tie-break after it.
int ratings_at(const model::Model& m, const model::Intervention& i, double best) {
    int n = 0;
    for (const auto& r : i.ratings) {
        const model::EvidenceScale* sc = m.scale(r.scale);
        if (!sc || sc->kind != "rating" || sc->max_rank() <= 0) continue;
        const model::Level* lv = sc->level(r.level);
        if (lv && static_cast<double>(lv->rank) / sc->max_rank() == best) ++n;
    }
    return n;
}

// The bit standing for `id` among `ids`, 0 when it is not there.
std::uint64_t bit_of(const std::vector<std::string>& ids, std::string_view id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? 0 : std::uint64_t{1} << (it - ids.begin());
}

// The bit standing for `id` among `ids`, adding it there if there is room; 0 when there is not.
std::uint64_t bit_for(std::vector<std::string>& ids, const std::string& id) {
    if (const std::uint64_t bit = bit_of(ids, id)) return bit;
    if (ids.size() == 64) return 0;
    ids.push_back(id);
    return std::uint64_t{1} << (ids.size() - 1);
}

std::vector<InterventionOrders::Reach> reach_of(const std::vector<model::Intervention>& interventions,
                                               std::vector<std::string>& nation_ids, std::vector<std::string>& audience_ids) {
    std::vector<InterventionOrders::Reach> out;
    out.reserve(interventions.size());
    for (const auto& i : interventions) {
        InterventionOrders::Reach r;
        for (const auto& av : i.availability) {
            const std::uint64_t bit = bit_for(nation_ids, av.nation);
            if (bit == 0) return {};  // more nations than bits: filtered from the records
            r.nations |= bit;
        }
        for (const auto& a : i.audiences) {
            const std::uint64_t bit = bit_for(audience_ids, a);
            if (bit == 0) return {};
            r.audiences |= bit;
        }
        out.push_back(r);
    }
    return out;
}

}  // namespace

InterventionOrders order_interventions(const model::Model& m) {
    struct Keyed {
        const model::Intervention* i;
        double strength;
        int top;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(m.interventions.size());
    for (const auto& i : m.interventions) {
        const double st = strength(m, i);
        keyed.push_back({&i, st, ratings_at(m, i, st)});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& x, const Keyed& y) {
        if (x.strength != y.strength) return x.strength > y.strength;
        if (x.top != y.top) return x.top > y.top;
        return x.i->name < y.i->name;
    });
    InterventionOrders out;
    out.strongest_first.reserve(keyed.size());
    for (const auto& k : keyed) out.strongest_first.push_back(k.i);
    for (const auto& i : m.interventions) out.by_name.push_back(&i);
    std::stable_sort(out.by_name.begin(), out.by_name.end(), [](auto* x, auto* y) { return x->name < y->name; });
    out.reach = reach_of(m.interventions, out.nation_ids, out.audience_ids);
    return out;
}

std::vector<const model::Intervention*> interventions(const model::Model& m, const InterventionOrders& orders,
                                                      const model::Audience& a, const std::string& nation,
                                                      const model::BriefSection& s) {
    // Filtering a stably sorted list keeps the order a stable sort of the filtered list would give.
    const bool by_bits = orders.reach.size() == m.interventions.size();
    const std::uint64_t here = bit_of(orders.nation_ids, nation) | bit_of(orders.nation_ids, "uk");
    const std::uint64_t addressed = bit_of(orders.audience_ids, a.id);
    const bool need_audience = s.filter == "audience" || s.filter == "audience-and-nation";
    const bool need_nation = s.filter == "nation" || s.filter == "audience-and-nation";
    const auto keep = [&](const model::Intervention& i) {
        if (!need_audience && !need_nation) return true;
        bool available = false, aud = false;
        if (const std::size_t at = by_bits ? model::position_in(m.interventions, i) : m.interventions.size();
            at < m.interventions.size()) {
            const auto& r = orders.reach[at];
            available = (r.nations & here) != 0;
            aud = (r.audiences & addressed) != 0;
        } else {
            for (const auto& av : i.availability)
                if (av.nation == nation || av.nation == "uk") available = true;
            aud = contains(i.audiences, a.id);
        }
        return (!need_audience || aud) && (!need_nation || available);
    };
    std::vector<const model::Intervention*> out;
    if (s.order == "strongest-first" || s.order == "name") {
        for (const auto* i : s.order == "name" ? orders.by_name : orders.strongest_first)
            if (keep(*i)) out.push_back(i);
    } else {
        for (const auto& i : m.interventions)
            if (keep(i)) out.push_back(&i);
    }
    apply_limit(out, s.limit);
    return out;
}

ExampleSelection examples(const model::Model& m, const std::string& nation, const model::BriefSection& s) {
    ExampleSelection out;
    std::vector<const model::Example*> own_uk;
    for (const auto& e : m.examples) {
        if (e.nation == nation) out.own.push_back(&e);
        else if (e.nation == "uk") own_uk.push_back(&e);
        else out.elsewhere.push_back(&e);
    }
    out.own.insert(out.own.end(), own_uk.begin(), own_uk.end());
    auto by_name = [](auto* x, auto* y) { return x->name < y->name; };
    if (s.order == "name") std::stable_sort(out.own.begin(), out.own.end(), by_name);
    // Others: by nation (in the nations' order), then name.
    std::stable_sort(out.elsewhere.begin(), out.elsewhere.end(), [&](auto* x, auto* y) {
        const int ox = nation_order(m, x->nation), oy = nation_order(m, y->nation);
        if (ox != oy) return ox < oy;
        return x->name < y->name;
    });
    if (s.filter == "nation" && !out.own.empty()) out.elsewhere.clear();
    apply_limit(out.own, s.limit);
    if (s.limit) {
        const int room = std::max(0, *s.limit - static_cast<int>(out.own.size()));
        apply_limit(out.elsewhere, std::optional<int>(room));
    }
    return out;
}

std::vector<const model::Page*> checklist_pages(const model::Model& m, const model::Audience& a, const model::BriefSection& s) {
    std::vector<const model::Page*> out;
    if (!s.pages.empty()) {
        for (const auto& id : s.pages)
            if (const model::Page* p = m.page(id)) out.push_back(p);
        return out;
    }
    for (const auto& p : m.pages)
        if (p.kind == "checklist" && contains(p.audiences, a.id)) out.push_back(&p);
    std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->order < y->order; });
    return out;
}

std::vector<const model::Recommendation*> suggested_actions(const model::Model& m, const model::Audience& a,
                                                            const std::string& nation) {
    std::vector<const model::Recommendation*> out;
    for (const auto& r : m.recommendations) {
        if (r.kind != "suggested-action" || r.questions.empty() || !addresses(r, a)) continue;
        if (!r.nations.empty() && !covers_nation(r.nations, nation)) continue;
        out.push_back(&r);
    }
    return out;
}

namespace {

std::string ascii_lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// `hay` and `needle` already in the same case.
bool find_word(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return false;
    for (std::size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + 1)) {
        const bool left_ok = i == 0 || !word_char(static_cast<unsigned char>(hay[i - 1]));
        const std::size_t end = i + needle.size();
        // A plural "s" still counts as the word ("dyads" uses "dyad").
        bool right_ok = end >= hay.size() || !word_char(static_cast<unsigned char>(hay[end]));
        if (!right_ok && (hay[end] == 's' || hay[end] == 'S') &&
            (end + 1 >= hay.size() || !word_char(static_cast<unsigned char>(hay[end + 1]))))
            right_ok = true;
        if (left_ok && right_ok) return true;
    }
    return false;
}

}  // namespace

bool contains_word(const std::string& hay, const std::string& needle, bool ignore_case) {
    return ignore_case ? find_word(ascii_lower(hay), ascii_lower(needle)) : find_word(hay, needle);
}

namespace {

// Where each word of a text starts (a word: a maximal run of word characters), so that a
// glossary term is looked for only where its first word stands instead of by a search of the
// whole text: the glossary section of every brief searched it once per term and alias, a sixth
// of an edit rebuild's time on the bundled content.
class WordIndex {
public:
    explicit WordIndex(const std::string& lower) {
        std::size_t i = 0;
        while (i < lower.size()) {
            while (i < lower.size() && !word_char(static_cast<unsigned char>(lower[i]))) ++i;
            const std::size_t start = i;
            while (i < lower.size() && word_char(static_cast<unsigned char>(lower[i]))) ++i;
            if (i > start) starts_[std::string_view(lower.data() + start, i - start)].push_back(start);
        }
    }

    // Whether find_word(hay, needle) holds, where `hay` is the indexed text (lower case) or the
    // text it was made from, and `lower_needle` is `needle` in lower case. At any match, the
    // needle's first word is a whole word of the text, or, when that word ends the needle, the
    // word with the plural "s" find_word accepts: only those places are tried.
    bool contains(const std::string& hay, const std::string& needle, const std::string& lower_needle) const {
        std::size_t from = 0;
        while (from < lower_needle.size() && !word_char(static_cast<unsigned char>(lower_needle[from]))) ++from;
        std::size_t to = from;
        while (to < lower_needle.size() && word_char(static_cast<unsigned char>(lower_needle[to]))) ++to;
        if (to == from) return find_word(hay, needle);  // no word to look up
        const std::string_view first(lower_needle.data() + from, to - from);
        const auto tried = [&](std::string_view word) {
            const auto it = starts_.find(word);
            if (it == starts_.end()) return false;
            for (const std::size_t at : it->second)
                if (at >= from && matches_at(hay, needle, at - from)) return true;
            return false;
        };
        return tried(first) || (to == lower_needle.size() && tried(std::string(first) + 's'));
    }

private:
    // find_word's test of one place.
    static bool matches_at(const std::string& hay, const std::string& needle, std::size_t i) {
        if (hay.compare(i, needle.size(), needle) != 0) return false;
        if (i > 0 && word_char(static_cast<unsigned char>(hay[i - 1]))) return false;
        const std::size_t end = i + needle.size();
        if (end >= hay.size() || !word_char(static_cast<unsigned char>(hay[end]))) return true;
        return (hay[end] == 's' || hay[end] == 'S') && (end + 1 >= hay.size() || !word_char(static_cast<unsigned char>(hay[end + 1])));
    }

    std::unordered_map<std::string_view, std::vector<std::size_t>> starts_;
};

}  // namespace

std::vector<const model::Term*> terms_used(const model::Model& m, const std::string& text) {
    std::vector<const model::Term*> out;
    const std::string lower = ascii_lower(text);  // once, not per term
    const WordIndex index(lower);
    const auto found = [&](const std::string& needle, bool ignore_case) {
        const std::string low = ascii_lower(needle);
        return ignore_case ? index.contains(lower, low, low) : index.contains(text, needle, low);
    };
    for (const auto& t : m.terms) {
        bool used = found(t.term, true);
        if (!used && !t.abbreviation.empty()) used = found(t.abbreviation, false);
        for (const auto& al : t.aliases)
            if (!used) used = found(al, true);
        if (used) out.push_back(&t);
    }
    std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) {
        std::string a = x->term, b = y->term;
        std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return a < b;
    });
    return out;
}

std::vector<const model::Example*> examples_near(const model::Model& m, const model::Area& a) {
    std::vector<const model::Example*> in, near;
    for (const auto& e : m.examples) {
        if (e.area.empty()) continue;
        if (e.area == a.id) in.push_back(&e);
        else if (contains(a.near, e.area)) near.push_back(&e);
    }
    in.insert(in.end(), near.begin(), near.end());
    return in;
}

std::vector<const model::ServiceType*> service_gaps(const model::Model& m, const model::Area& a) {
    std::vector<const model::ServiceType*> out;
    for (const auto& st : m.service_types)
        if (st.recommended && !contains(a.services, st.id)) out.push_back(&st);
    return out;
}

std::vector<NeedEstimate> need_estimates(const model::Model& m, const model::Area& a) {
    std::vector<NeedEstimate> out;
    if (!a.births) return out;
    for (const auto& s : m.statistics) {
        if (s.need_label.empty() || s.unit != "percent" || !s.value) continue;
        out.push_back({&s, *s.value, static_cast<double>(*a.births) * *s.value / 100.0});
    }
    return out;
}

bool has_area_sections(const model::Audience& a) {
    for (const auto& s : a.brief_sections)
        if (s.type.starts_with("area-")) return true;
    return false;
}

}  // namespace sprout::brief
