// Area briefs: the area's own record, the local need estimate and the gap list. Nothing is
// estimated that the area's record does not give: missing data is said to be missing.
#include <cmath>

#include "brief/format.hpp"
#include "brief/sections.hpp"
#include "brief/select.hpp"

namespace sprout::brief {

namespace {

doc::Cell cell(std::string s) { return {doc::text(std::move(s))}; }

}  // namespace

doc::Blocks area_profile_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out;
    if (!c.area) return out;
    const model::Area& a = *c.area;
    std::string meta = a.kind.empty() ? std::string() : a.kind + " \u00B7 ";
    meta += c.nation_name(a.nation);
    out.push_back(doc::para({doc::text(meta)}, doc::Paragraph::Role::Meta));
    if (!a.summary.empty()) {
        auto summary = c.blocks(a.summary);
        append_to_last(summary, c.cites.mark(a.cite));
        out.insert(out.end(), summary.begin(), summary.end());
    } else {
        out.push_back(absence("The area's record has no description."));
    }

    out.push_back(doc::heading(2, {doc::text("Services recorded in " + a.name)}, c.unique_anchor("area-services")));
    if (a.services.empty()) {
        out.push_back(absence("The area's record lists no services."));
    } else {
        doc::List l;
        for (const auto& id : a.services) {
            const model::ServiceType* st = c.m.service_type(id);
            doc::Blocks item;
            item.push_back(doc::para({doc::text(st ? st->name : id)}));
            l.items.push_back(std::move(item));
        }
        out.push_back(doc::Block{std::move(l), {}});
    }

    out.push_back(doc::heading(2, {doc::text("Local figures")}, c.unique_anchor("area-figures")));
    if (!a.births && a.figures.empty()) {
        out.push_back(absence("The area's record gives no local figures."));
    } else {
        doc::Table t;
        t.columns = {doc::Column{cell("Figure"), doc::Align::Left, 0}, doc::Column{cell("Value"), doc::Align::Right, 0},
                     doc::Column{cell("Period"), doc::Align::Left, 0}, doc::Column{cell("Source"), doc::Align::Left, 0}};
        if (a.births) {
            t.rows.push_back({cell("Births a year"), cell(format_number(static_cast<double>(*a.births), 0)), cell(a.births_period),
                              c.cites.source_line(a.births_cite)});
        }
        for (const auto& f : a.figures)
            t.rows.push_back({cell(f.label), cell(format_value(f.value, f.unit)), cell(f.period.empty() ? "\u2014" : f.period),
                              c.cites.source_line(f.cite)});
        out.push_back(doc::Block{std::move(t), {}});
    }

    out.push_back(doc::heading(2, {doc::text("Practice examples in or near " + a.name)}, c.unique_anchor("area-examples")));
    const auto near = examples_near(c.m, a);
    if (near.empty()) {
        out.push_back(absence("The documents give no practice examples in or near " + a.name + "."));
    } else {
        doc::List l;
        for (const auto* e : near) {
            doc::Inlines in{doc::bold(e->name)};
            if (e->area != a.id) {
                const model::Area* other = c.m.area(e->area);
                in.push_back(doc::text(" (" + (other ? other->name : e->area) + ")"));
            }
            in.push_back(doc::text(". "));
            c.append_cited(in, e->summary, e->cite);
            doc::Blocks item;
            item.push_back(doc::para(std::move(in)));
            l.items.push_back(std::move(item));
        }
        out.push_back(doc::Block{std::move(l), {}});
    }
    return out;
}

doc::Blocks area_need_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out;
    if (!c.area) return out;
    const model::Area& a = *c.area;
    if (!a.births) {
        out.push_back(absence("This area's record gives no annual births, so no estimate is made."));
        return out;
    }
    const auto est = need_estimates(c.m, a);
    if (est.empty()) {
        out.push_back(absence("No statistic in the toolkit is marked for local need estimates, so no estimate is made."));
        return out;
    }
    doc::Inlines intro{doc::text("These estimates apply rates reported in the documents to the " +
                                 format_number(static_cast<double>(*a.births), 0) + " births a year recorded for " + a.name +
                                 (a.births_period.empty() ? std::string() : " (" + a.births_period + ")"))};
    auto bm = c.cites.mark(a.births_cite);
    intro.insert(intro.end(), bm.begin(), bm.end());
    intro.push_back(doc::text(". They are not local measurements: each rate comes from the population shown with it."));
    out.push_back(doc::para(std::move(intro)));
    doc::Table t;
    t.columns = {doc::Column{cell("Babies likely to be affected"), doc::Align::Left, 0},
                 doc::Column{cell("Rate"), doc::Align::Right, 0},
                 doc::Column{cell("Estimate a year"), doc::Align::Right, 0},
                 doc::Column{cell("Rate measured in, and source"), doc::Align::Left, 0}};
    for (const auto& e : est) {
        const model::Statistic& st = *e.statistic;
        std::string where = !st.population.empty() ? st.population : !st.nation.empty() ? c.nation_name(st.nation) : st.geography;
        if (!st.period.empty()) where += (where.empty() ? "" : ", ") + st.period;
        doc::Cell src{doc::text(where.empty() ? std::string() : where + ". ")};
        auto line = c.cites.source_line(st.cite);
        src.insert(src.end(), line.begin(), line.end());
        const double rounded = std::round(e.estimate);
        t.rows.push_back({cell(st.need_label), cell(format_value(e.rate, "percent")),
                          cell("about " + format_number(rounded < 1 && e.estimate > 0 ? 1 : rounded, 0)), std::move(src)});
    }
    t.source = c.cites.source_line(a.births_cite, "Source of the births figure: ");
    out.push_back(doc::Block{std::move(t), {}});
    return out;
}

doc::Blocks area_gaps_section(Ctx& c, const model::BriefSection&) {
    doc::Blocks out;
    if (!c.area) return out;
    const model::Area& a = *c.area;
    bool any_recommended = false;
    for (const auto& st : c.m.service_types) any_recommended = any_recommended || st.recommended;
    if (!any_recommended) {
        out.push_back(absence("No service type is marked as recommended in the toolkit, so there is no gap list."));
        return out;
    }
    const auto gaps = service_gaps(c.m, a);
    if (gaps.empty()) {
        out.push_back(absence("The area's record lists every service type the documents recommend."));
        return out;
    }
    out.push_back(doc::para({doc::text("The documents recommend that every area has these services, but " + a.name +
                                       "'s record does not list them. The record may be incomplete: check locally before "
                                       "concluding that a service is missing.")}));
    doc::List l;
    for (const auto* st : gaps) {
        doc::Inlines in{doc::bold(st->name), doc::text(". ")};
        c.append_cited(in, st->summary, st->cite);
        doc::Blocks item;
        item.push_back(doc::para(std::move(in)));
        l.items.push_back(std::move(item));
    }
    out.push_back(doc::Block{std::move(l), {}});
    return out;
}

}  // namespace sprout::brief
