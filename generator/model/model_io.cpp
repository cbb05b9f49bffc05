#include "model/model_io.hpp"

namespace sprout::model {

using util::MemberOf;

// Each struct's fields in order.
auto members(MemberOf<Citation> auto& c) { return std::tie(c.source, c.via, c.locator, c.lines); }
auto members(MemberOf<Conflict> auto& c) { return std::tie(c.note, c.with, c.cite); }
auto members(MemberOf<Site::Previous> auto& p) { return std::tie(p.git, p.folder); }
auto members(MemberOf<Site> auto& s) {
    return std::tie(s.title, s.publisher, s.description, s.base_url, s.language, s.edition, s.licence, s.about, s.previous);
}
auto members(MemberOf<Source> auto& s) {
    return std::tie(s.id, s.pos, s.citation, s.title, s.kind, s.publisher, s.url, s.summary, s.seed_file, s.authors, s.year,
                    s.cited_in);
}
auto members(MemberOf<Nation> auto& n) { return std::tie(n.id, n.pos, n.name, n.summary, n.coverage_note, n.order, n.cite); }
auto members(MemberOf<Policy> auto& p) {
    return std::tie(p.id, p.pos, p.name, p.nation, p.kind, p.period, p.summary, p.cite, p.conflicts);
}
auto members(MemberOf<Actor> auto& a) { return std::tie(a.id, a.pos, a.name, a.summary); }
auto members(MemberOf<KeyMessage> auto& k) { return std::tie(k.text, k.nations, k.cite); }
auto members(MemberOf<BriefSection> auto& b) {
    return std::tie(b.type, b.title, b.intro, b.order, b.filter, b.limit, b.pages);
}
auto members(MemberOf<Audience> auto& a) {
    return std::tie(a.id, a.pos, a.name, a.summary, a.order, a.actors, a.key_messages, a.brief_title, a.brief_sections);
}
auto members(MemberOf<Figure> auto& f) { return std::tie(f.label, f.unit, f.period, f.value, f.cite); }
auto members(MemberOf<Area> auto& a) {
    return std::tie(a.id, a.pos, a.name, a.nation, a.kind, a.summary, a.births, a.births_period, a.births_cite, a.services,
                    a.near, a.figures, a.cite);
}
auto members(MemberOf<ServiceType> auto& s) { return std::tie(s.id, s.pos, s.name, s.summary, s.recommended, s.cite); }
auto members(MemberOf<Level> auto& l) { return std::tie(l.id, l.label, l.meaning, l.rank); }
auto members(MemberOf<EvidenceScale> auto& s) {
    return std::tie(s.id, s.pos, s.name, s.short_name, s.kind, s.summary, s.levels, s.cite);
}
auto members(MemberOf<Rating> auto& r) { return std::tie(r.scale, r.level, r.outcome, r.note, r.cite); }
auto members(MemberOf<Availability> auto& a) { return std::tie(a.nation, a.note, a.cite); }
auto members(MemberOf<Intervention> auto& i) {
    return std::tie(i.id, i.pos, i.name, i.short_name, i.kind, i.summary, i.description, i.target_group, i.aliases, i.outcomes,
                    i.audiences, i.related, i.age_min_months, i.age_max_months, i.delivery_who, i.delivery_format,
                    i.delivery_dose, i.delivery_settings, i.availability, i.ratings, i.cite, i.conflicts);
}
auto members(MemberOf<Recommendation> auto& r) {
    return std::tie(r.id, r.pos, r.title, r.number, r.kind, r.group, r.text, r.questions, r.actors, r.nations, r.audiences,
                    r.service_types, r.cite, r.conflicts);
}
auto members(MemberOf<Outcome> auto& o) { return std::tie(o.text, o.unit, o.value, o.cite); }
auto members(MemberOf<Example> auto& e) {
    return std::tie(e.id, e.pos, e.name, e.place, e.nation, e.area, e.organisation, e.service_type, e.label, e.summary,
                    e.description, e.interventions, e.recommendations, e.contacts, e.outcomes, e.cite, e.conflicts);
}
auto members(MemberOf<SeriesPoint> auto& p) { return std::tie(p.label, p.value); }
auto members(MemberOf<Series> auto& s) { return std::tie(s.name, s.points); }
auto members(MemberOf<Statistic> auto& s) {
    return std::tie(s.id, s.pos, s.title, s.measure, s.value_text, s.unit, s.population, s.nation, s.geography, s.period,
                    s.need_label, s.notes, s.value, s.sample_size, s.topics, s.key, s.series, s.cite, s.conflicts);
}
auto members(MemberOf<Term> auto& t) { return std::tie(t.id, t.pos, t.term, t.abbreviation, t.definition, t.aliases, t.cite); }
auto members(MemberOf<Page> auto& p) {
    return std::tie(p.id, p.pos, p.title, p.kind, p.summary, p.body, p.body_line, p.order, p.audiences, p.nations, p.cite);
}
auto members(MemberOf<Model> auto& m) {
    return std::tie(m.site, m.sources, m.nations, m.policies, m.actors, m.audiences, m.areas, m.service_types, m.scales,
                    m.interventions, m.recommendations, m.examples, m.statistics, m.terms, m.pages);
}

// A field added to model.hpp and not to its members() above would be lost on the way through
// the memo: these fail to compile until it is listed.
#define SPROUT_ALL_LISTED(T) static_assert(util::lists_every_member<T>(), #T ": a member is missing from members()")
SPROUT_ALL_LISTED(SourcePos);
SPROUT_ALL_LISTED(Diagnostic);
SPROUT_ALL_LISTED(Citation);
SPROUT_ALL_LISTED(Conflict);
SPROUT_ALL_LISTED(Site);
SPROUT_ALL_LISTED(Source);
SPROUT_ALL_LISTED(Nation);
SPROUT_ALL_LISTED(Policy);
SPROUT_ALL_LISTED(Actor);
SPROUT_ALL_LISTED(KeyMessage);
SPROUT_ALL_LISTED(BriefSection);
SPROUT_ALL_LISTED(Audience);
SPROUT_ALL_LISTED(Figure);
SPROUT_ALL_LISTED(Area);
SPROUT_ALL_LISTED(ServiceType);
SPROUT_ALL_LISTED(Level);
SPROUT_ALL_LISTED(EvidenceScale);
SPROUT_ALL_LISTED(Rating);
SPROUT_ALL_LISTED(Availability);
SPROUT_ALL_LISTED(Intervention);
SPROUT_ALL_LISTED(Recommendation);
SPROUT_ALL_LISTED(Outcome);
SPROUT_ALL_LISTED(Example);
SPROUT_ALL_LISTED(SeriesPoint);
SPROUT_ALL_LISTED(Series);
SPROUT_ALL_LISTED(Statistic);
SPROUT_ALL_LISTED(Term);
SPROUT_ALL_LISTED(Page);
SPROUT_ALL_LISTED(Model);
#undef SPROUT_ALL_LISTED

void write(util::BinaryWriter& w, const Model& m) { util::put(w, m); }
void read(util::BinaryReader& r, Model& m) { util::get(r, m); }

}  // namespace sprout::model
