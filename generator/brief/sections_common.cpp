// Helpers shared by the section builders, and statistics as figures or charts.
#include "brief/format.hpp"
#include "brief/sections.hpp"

namespace sprout::brief {

std::string Ctx::unique_anchor(const std::string& base) {
    std::string a = base;
    for (int n = 2; anchors.count(a); ++n) a = base + "-" + std::to_string(n);
    anchors.insert(a);
    return a;
}

doc::Inlines Ctx::inlines(const std::string& markdown) const { return doc::inlines_from_markdown(markdown, md); }

void Ctx::append_cited(doc::Inlines& in, const std::string& markdown, const model::Cites& cite) {
    auto text = inlines(markdown);
    in.insert(in.end(), text.begin(), text.end());
    auto marks = cites.mark(cite);
    in.insert(in.end(), marks.begin(), marks.end());
}

doc::Blocks Ctx::blocks(const std::string& markdown, int heading_base) const {
    doc::MarkdownOptions o = md;
    o.heading_base = heading_base;
    return doc::from_markdown(markdown, o);
}

std::string Ctx::nation_name(const std::string& id) const {
    const model::Nation* n = m.nation(id);
    return n ? n->name : id;
}

std::string Ctx::actor_name(const std::string& id) const {
    const model::Actor* a = m.actor(id);
    return a ? a->name : id;
}

void append_to_last(doc::Blocks& blocks, const doc::Inlines& in) {
    if (in.empty()) return;
    if (!blocks.empty()) {
        if (auto* p = std::get_if<doc::Paragraph>(&blocks.back().v)) {
            p->text.insert(p->text.end(), in.begin(), in.end());
            return;
        }
        if (auto* l = std::get_if<doc::List>(&blocks.back().v); l && !l->items.empty()) {
            append_to_last(l->items.back(), in);
            return;
        }
    }
    blocks.push_back(doc::para(in));
}

void add_conflicts(Ctx& c, doc::Blocks& out, const std::vector<model::Conflict>& conflicts) {
    for (const auto& k : conflicts) {
        doc::Inlines in{doc::bold("Sources disagree. ")};
        c.append_cited(in, k.note, k.cite);
        out.push_back(doc::para(std::move(in), doc::Paragraph::Role::Note));
    }
}

doc::Block absence(const std::string& sentence) { return doc::para({doc::italic(sentence)}); }

doc::Block statistic_block(Ctx& c, const model::Statistic& st) {
    if (!st.series.empty()) {
        doc::BarChart ch;
        ch.title = {doc::text(st.title)};
        std::string unit = unit_label(st.unit);
        if (!st.population.empty()) unit += (unit.empty() ? "" : "; ") + st.population;
        if (!st.period.empty()) unit += (unit.empty() ? "" : ", ") + st.period;
        ch.unit_label = unit;
        for (const auto& s : st.series) {
            doc::BarGroup g;
            g.name = st.series.size() > 1 ? s.name : std::string();
            for (const auto& p : s.points) g.bars.push_back({p.label, p.value, format_value(p.value, st.unit)});
            ch.groups.push_back(std::move(g));
        }
        const std::string& only = st.series.front().name;
        if (st.series.size() == 1 && !only.empty() && only != st.population) ch.unit_label += (ch.unit_label.empty() ? "" : "; ") + only;
        ch.source = c.cites.source_line(st.cite);
        return doc::Block{std::move(ch), {}};
    }
    doc::Figure f;
    f.value = !st.value_text.empty() ? st.value_text : st.value ? format_value(*st.value, st.unit) : std::string("\u2014");
    f.label = {doc::text(st.title)};
    std::string detail = st.measure;
    if (!st.population.empty() && st.measure.find(st.population) == std::string::npos) detail += ". " + st.population;
    if (!st.period.empty()) detail += " (" + st.period + ")";
    if (st.sample_size) detail += "; " + format_number(static_cast<double>(*st.sample_size), 0) + " respondents";
    // The place, unless the population already names it ("Babies under one in England").
    const std::string place = !st.nation.empty() ? c.nation_name(st.nation) : st.geography;
    if (!place.empty() && detail.find(place) == std::string::npos) detail += ". " + place;
    f.detail = {doc::text(detail)};
    f.source = c.cites.source_line(st.cite);
    return doc::Block{std::move(f), {}};
}

}  // namespace sprout::brief
