#include "brief/citations.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace sprout::brief {

int Citations::number(const model::Citation& c) {
    auto key = std::make_tuple(c.source, c.via, c.locator);
    auto it = numbers_.find(key);
    if (it != numbers_.end()) return it->second;
    order_.push_back(c);
    const int n = static_cast<int>(order_.size());
    numbers_.emplace(std::move(key), n);
    return n;
}

doc::Inlines Citations::mark(const model::Cites& cites) {
    doc::Inlines out;
    if (cites.empty()) return out;
    out.push_back(doc::text("\u00A0"));
    std::vector<int> seen;
    for (const auto& c : cites) {
        const int n = number(c);
        if (std::find(seen.begin(), seen.end(), n) != seen.end()) continue;  // same work and place twice
        seen.push_back(n);
        doc::Inline i = doc::text("[" + std::to_string(n) + "]");
        i.cite = true;
        i.target = anchor(n);
        out.push_back(std::move(i));
    }
    return out;
}

std::string Citations::work(const std::string& id) const {
    const model::Source* s = m_.source(id);
    if (!s) return id;
    return s->citation.empty() ? s->display() : s->citation;
}

doc::Inlines Citations::source_line(const model::Cites& cites, const std::string& prefix) {
    doc::Inlines out;
    if (cites.empty()) return out;
    const auto& c = cites.front();
    std::string s = prefix + work(c.source);
    if (!c.via.empty() && c.via != c.source) s += ", as reported in " + work(c.via);
    if (!c.locator.empty()) s += " (" + c.locator + ")";
    if (cites.size() > 1) s += cites.size() == 2 ? " and one other" : " and " + std::to_string(cites.size() - 1) + " others";
    out.push_back(doc::text(s));
    auto marks = mark(cites);
    out.insert(out.end(), marks.begin(), marks.end());
    return out;
}

std::map<int, int> Citations::group_by_work() {
    std::vector<std::pair<std::string, std::string>> works;
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> places;
    for (std::size_t i = 0; i < order_.size(); ++i) {
        auto key = std::make_pair(order_[i].source, order_[i].via == order_[i].source ? std::string() : order_[i].via);
        if (!places.count(key)) works.push_back(key);
        places[key].push_back(i);
    }
    std::map<int, int> renumber;
    std::vector<model::Citation> order;
    // Works read in the same document sit together under one line naming it (references()),
    // where the first of them was cited; otherwise works keep their order of first use, so the
    // first marks in the text have the low numbers.
    {
        std::map<std::string, std::size_t> first_via;
        std::vector<std::size_t> key(works.size());
        for (std::size_t k = 0; k < works.size(); ++k) {
            const std::string& via = works[k].second;
            key[k] = via.empty() ? k : first_via.emplace(via, k).first->second;
        }
        std::vector<std::size_t> idx(works.size());
        for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
        std::vector<std::pair<std::string, std::string>> sorted;
        for (std::size_t k : idx) sorted.push_back(works[k]);
        works = std::move(sorted);
    }
    for (const auto& w : works) {
        // Places in a work in the work's own order (by locator), so neighbours share their
        // leading parts and References can shorten them (see shared_prefix).
        auto& ps = places[w];
        std::stable_sort(ps.begin(), ps.end(), [this](std::size_t a, std::size_t b) { return order_[a].locator < order_[b].locator; });
    }
    for (const auto& w : works)
        for (std::size_t i : places[w]) {
            order.push_back(order_[i]);
            renumber[static_cast<int>(i + 1)] = static_cast<int>(order.size());
        }
    order_ = std::move(order);
    numbers_.clear();
    for (std::size_t i = 0; i < order_.size(); ++i)
        numbers_[std::make_tuple(order_[i].source, order_[i].via, order_[i].locator)] = static_cast<int>(i + 1);
    return renumber;
}

namespace {

// The length of the leading part `locator` shares with `previous`, cut after a ", " or ": "
// so that what remains starts a part of its own; 0 when that part is too short to be worth
// replacing with "…".
std::size_t shared_prefix(const std::string& previous, const std::string& locator) {
    std::size_t cut = 0;
    for (std::size_t i = 0; i + 1 < locator.size() && i + 1 < previous.size() && locator[i] == previous[i]; ++i)
        if ((locator[i] == ',' || locator[i] == ':') && locator[i + 1] == ' ' && previous[i + 1] == ' ') cut = i + 2;
    return cut >= 24 && cut < locator.size() ? cut : 0;
}

}  // namespace

doc::Blocks Citations::references() const {
    doc::Blocks out;
    std::size_t i = 0;
    std::string current_via;
    int groups = 0;
    while (i < order_.size()) {
        const auto& c = order_[i];
        const std::string via = c.via == c.source ? std::string() : c.via;
        if (via != current_via) {
            // Works cited as reported in another document come together under its name, once;
            // a line also marks where works cited directly resume after such a group.
            const model::Source* v = via.empty() ? nullptr : m_.source(via);
            std::string line = via.empty() ? std::string("Cited directly")
                                           : "Read in " + (v ? (v->citation.empty() ? v->display() : v->citation) : via);
            while (!line.empty() && (line.back() == '.' || line.back() == ':')) line.pop_back();
            // A small heading, so the groups stand apart in print and can be reached by heading.
            out.push_back(doc::heading(4, {doc::text(line)}, "refs-group-" + std::to_string(++groups)));
        }
        current_via = via;
        // The work, once.
        doc::Inlines in;
        const model::Source* s = m_.source(c.source);
        if (s) {
            in.push_back(doc::bold(s->citation.empty() ? s->display() : s->citation));
            if (!s->title.empty() && text::to_lower(s->citation).find(text::to_lower(s->title)) == std::string::npos)
                in.push_back(doc::text(". " + s->title));
            std::string pub = s->publisher;
            if (s->year) pub += (pub.empty() ? "" : ", ") + std::to_string(*s->year);
            if (!pub.empty() && s->citation.find(pub) == std::string::npos) in.push_back(doc::text(". " + pub));
            in.push_back(doc::text("."));
            if (!s->url.empty()) {
                in.push_back(doc::text(" "));
                in.push_back(doc::link(s->url, s->url));
            }
        } else {
            in.push_back(doc::bold(c.source + "."));
        }

        // Its places run on beneath it, each number the target of its marks in the text: a
        // brief cites a few hundred places, and a line each would fill pages with white space.
        in.push_back(doc::line_break());
        // A place that begins as the one before it does shows "…" for the part they share.
        const std::string* previous = nullptr;
        for (; i < order_.size() && order_[i].source == c.source && (order_[i].via == order_[i].source ? std::string() : order_[i].via) == via; ++i) {
            if (previous) in.push_back(doc::text(" \u00B7 "));
            doc::Inline number = doc::bold("[" + std::to_string(i + 1) + "]\u00A0");
            number.anchor = anchor(static_cast<int>(i + 1));
            in.push_back(std::move(number));
            const std::string& loc = order_[i].locator;
            const std::size_t cut = previous ? shared_prefix(*previous, loc) : 0;
            in.push_back(doc::italic(loc.empty() ? std::string("(no place given)") : cut ? "\u2026 " + loc.substr(cut) : loc));
            previous = &loc;
        }
        out.push_back(doc::para(std::move(in), doc::Paragraph::Role::Note));
    }
    return out;
}

namespace {

void renumber_inlines(doc::Inlines& in, const std::map<int, int>& map) {
    for (auto& i : in) {
        if (!i.cite || !i.target.starts_with("ref-")) continue;
        const auto it = map.find(std::stoi(i.target.substr(4)));
        if (it == map.end()) continue;
        i.target = Citations::anchor(it->second);
        i.text = "[" + std::to_string(it->second) + "]";
    }
}

}  // namespace

void renumber_marks(doc::Blocks& blocks, const std::map<int, int>& map) {
    for (auto& b : blocks) {
        std::visit(
            [&](auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                    renumber_inlines(v.text, map);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    for (auto& item : v.items) renumber_marks(item, map);
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    renumber_inlines(v.caption, map);
                    for (auto& c : v.columns) renumber_inlines(c.header, map);
                    for (auto& r : v.rows)
                        for (auto& c : r) renumber_inlines(c, map);
                    renumber_inlines(v.source, map);
                } else if constexpr (std::is_same_v<T, doc::Callout>) {
                    renumber_inlines(v.title, map);
                    renumber_marks(v.body, map);
                } else if constexpr (std::is_same_v<T, doc::BarChart>) {
                    renumber_inlines(v.title, map);
                    renumber_inlines(v.source, map);
                } else if constexpr (std::is_same_v<T, doc::Figure>) {
                    renumber_inlines(v.label, map);
                    renumber_inlines(v.detail, map);
                    renumber_inlines(v.source, map);
                }
            },
            b.v);
    }
}

}  // namespace sprout::brief
