#pragma once
// A small model built in code for the brief and PDF tests: two nations and the UK, two
// audiences, policies, recommendations, ratings on two scales, examples, statistics (single
// figures, a chart series, a need rate), areas with and without births, a checklist page and
// glossary terms. Every record is distinguishable by its text, so a test can tell which ones
// a brief selected.
#include <algorithm>
#include <string>

#include "model/model.hpp"

namespace sprout::test {

inline model::Model brief_model() {
    using namespace model;
    Model m;
    m.site.title = "Test toolkit";
    m.site.publisher = "Test Publisher";
    m.site.description = "A toolkit for tests.";
    m.site.edition = "2026-11-23";
    m.site.language = "en-GB";
    m.site.licence = "Test licence.";
    const Cites doc_cite = {{"doc", "", "Section 1", "L1-2"}};

    Source doc;
    doc.id = "doc";
    doc.citation = "Test Report, 2023";
    doc.title = "The test report";
    doc.kind = "report";
    doc.publisher = "Test Body";
    doc.year = 2023;
    doc.url = "https://example.org/report";
    Source study = doc;
    study.id = "study";
    study.citation = "Study et al, 2020";
    study.title = "";
    study.url = "";
    m.sources = {doc, study};

    auto nation = [&](std::string id, std::string name, int order, std::string summary) {
        Nation n;
        n.id = std::move(id);
        n.name = std::move(name);
        n.order = order;
        n.summary = std::move(summary);
        n.cite = doc_cite;
        return n;
    };
    m.nations = {nation("england", "England", 1, "England summary: the Long Term Plan."),
                 nation("scotland", "Scotland", 2, "Scotland summary: the Programme Board in Alba."),
                 nation("uk", "United Kingdom", 0, "UK summary.")};
    m.nations[1].coverage_note = "Scotland coverage note.";

    auto policy = [&](std::string id, std::string name, std::string nation_id) {
        Policy p;
        p.id = std::move(id);
        p.name = std::move(name);
        p.nation = std::move(nation_id);
        p.kind = "strategy";
        p.summary = "Summary of " + p.name + ".";
        p.cite = doc_cite;
        return p;
    };
    m.policies = {policy("eng-plan", "England Plan", "england"), policy("scot-board", "Scottish Board", "scotland"),
                  policy("uk-act", "UK Act", "uk")};

    Actor commissioners;
    commissioners.id = "commissioners";
    commissioners.name = "Commissioners";
    Actor practitioners;
    practitioners.id = "practitioners";
    practitioners.name = "Practitioners";
    m.actors = {commissioners, practitioners};

    auto section = [](std::string type, std::string title, std::string filter = "all", std::string order = "document") {
        BriefSection s;
        s.type = std::move(type);
        s.title = std::move(title);
        s.filter = std::move(filter);
        s.order = std::move(order);
        return s;
    };
    Audience ca;
    ca.id = "commissioners";
    ca.name = "Commissioners";
    ca.order = 1;
    ca.summary = "People who plan services.";
    ca.actors = {"commissioners"};
    ca.key_messages = {{"A message for every nation.", {}, doc_cite}, {"A message only for England.", {"england"}, doc_cite},
                       {"A message only for Scotland.", {"scotland"}, doc_cite}};
    ca.brief_title = "Brief in {nation} for commissioners";
    ca.brief_sections = {section("key-messages", "Key messages"),
                         section("area-profile", "Your area"),
                         section("area-need", "Estimated local need"),
                         section("area-gaps", "Recommended services not recorded in your area"),
                         section("policy-context", "Policy context", "nation"),
                         section("key-figures", "Key figures", "nation"),
                         section("recommendations", "What commissioners are asked to do", "audience-and-nation"),
                         section("interventions", "Interventions", "all", "strongest-first"),
                         section("examples", "Examples", "nation"),
                         section("checklists", "Questions", "audience"),
                         section("glossary", "Terms used"),
                         section("references", "References")};
    Audience pa = ca;
    pa.id = "practitioners";
    pa.name = "Practitioners";
    pa.order = 2;
    pa.actors = {"practitioners"};
    pa.key_messages = {{"A message for practitioners.", {}, doc_cite}};
    pa.brief_title = "Brief in {nation} for practitioners";
    pa.brief_sections = {section("key-messages", "Key messages"), section("recommendations", "What practitioners do", "audience"),
                         section("references", "References")};
    m.audiences = {ca, pa};

    auto rec = [&](std::string id, std::string title, std::vector<std::string> actors, std::vector<std::string> nations) {
        Recommendation r;
        r.id = std::move(id);
        r.title = std::move(title);
        r.kind = "recommendation";
        r.text = "Text of " + r.title + ".";
        r.actors = std::move(actors);
        r.nations = std::move(nations);
        r.cite = doc_cite;
        return r;
    };
    m.recommendations = {rec("r-comm-eng", "Commission in England", {"commissioners"}, {"england"}),
                         rec("r-comm-scot", "Commission in Scotland", {"commissioners"}, {"scotland"}),
                         rec("r-comm-uk", "Commission across the UK", {"commissioners"}, {"uk"}),
                         rec("r-comm-none", "Commission anywhere", {"commissioners"}, {}),
                         rec("r-prac-scot", "Practise in Scotland", {"practitioners"}, {"scotland"})};
    Recommendation qs = rec("r-questions", "Questions for commissioners", {"commissioners"}, {});
    qs.kind = "suggested-action";
    qs.questions = {"Who leads locally?", "What data do we hold?"};
    m.recommendations.push_back(qs);
    std::sort(m.recommendations.begin(), m.recommendations.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

    EvidenceScale review;
    review.id = "review";
    review.name = "The review's rating words";
    review.short_name = "Review 2023";
    review.kind = "rating";
    review.levels = {{"effective", "Effective", "Works.", 3}, {"promising", "Promising", "May work.", 2}, {"unclear", "Unclear", "Unknown.", 1}};
    review.cite = doc_cite;
    EvidenceScale grouping;
    grouping.id = "grouping";
    grouping.name = "The report's grouping";
    grouping.short_name = "Report grouping";
    grouping.kind = "grouping";
    grouping.levels = {{"review-level", "Review-level evidence", "Reviewed.", 2}, {"further", "Needs research", "Unreviewed.", 1}};
    grouping.cite = doc_cite;
    m.scales = {grouping, review};

    auto intervention = [&](std::string id, std::string name, std::vector<Rating> ratings) {
        Intervention i;
        i.id = std::move(id);
        i.name = std::move(name);
        i.kind = "programme";
        i.summary = "About " + i.name + ".";
        i.ratings = std::move(ratings);
        i.cite = doc_cite;
        return i;
    };
    m.interventions = {intervention("alpha", "Alpha programme", {{"review", "promising", "", "", doc_cite}}),
                       intervention("beta", "Beta programme", {{"review", "effective", "Behaviour", "", doc_cite},
                                                               {"grouping", "further", "", "", doc_cite}}),
                       intervention("gamma", "Gamma programme", {{"grouping", "review-level", "", "", doc_cite}})};

    auto example = [&](std::string id, std::string name, std::string nation_id, std::string area) {
        Example e;
        e.id = std::move(id);
        e.name = std::move(name);
        e.nation = std::move(nation_id);
        e.area = std::move(area);
        e.summary = "What " + e.name + " does.";
        e.cite = doc_cite;
        return e;
    };
    m.examples = {example("ex-eng", "English example", "england", "leeds"), example("ex-near", "Nearby example", "england", "bradford"),
                  example("ex-scot", "Scottish example", "scotland", "")};

    auto stat = [&](std::string id, std::string title, std::string nation_id, double value) {
        Statistic s;
        s.id = std::move(id);
        s.title = std::move(title);
        s.measure = "Measure of " + s.title;
        s.unit = "percent";
        s.value = value;
        s.nation = std::move(nation_id);
        s.key = true;
        s.cite = {{"study", "doc", "Table 2", ""}};
        return s;
    };
    Statistic need = stat("need-rate", "Babies needing help", "uk", 10);
    need.need_label = "babies likely to need specialist help";
    need.key = false;
    Statistic series = stat("series", "Practitioners by role", "england", 0);
    series.value.reset();
    series.series = {{"Health visitors", {{"Confident", 45}, {"Not confident", 55}}}};
    m.statistics = {stat("eng-figure", "English figure", "england", 5.5), need, stat("scot-figure", "Scottish figure", "scotland", 7.25),
                    series, stat("uk-figure", "UK figure", "uk", 12)};
    std::sort(m.statistics.begin(), m.statistics.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

    ServiceType team;
    team.id = "team";
    team.name = "Parent-infant team";
    team.summary = "A specialist team.";
    team.recommended = true;
    team.cite = doc_cite;
    ServiceType hv = team;
    hv.id = "health-visiting";
    hv.name = "Health visiting";
    ServiceType other = team;
    other.id = "other";
    other.name = "Other service";
    other.recommended = false;
    m.service_types = {hv, other, team};

    Area leeds;
    leeds.id = "leeds";
    leeds.name = "Leeds";
    leeds.nation = "england";
    leeds.summary = "Leeds summary.";
    leeds.births = 9000;
    leeds.births_period = "2022";
    leeds.births_cite = {{"doc", "", "Births table", ""}};
    leeds.services = {"team"};
    leeds.near = {"bradford"};
    leeds.figures = {{"Families seen", "count", "2021", 1200, doc_cite}};
    leeds.cite = doc_cite;
    Area bradford = leeds;
    bradford.id = "bradford";
    bradford.name = "Bradford";
    bradford.births.reset();
    bradford.births_cite.clear();
    bradford.figures.clear();
    bradford.near.clear();
    bradford.services = {};
    m.areas = {bradford, leeds};

    Term t1;
    t1.id = "dyad";
    t1.term = "Dyad";
    t1.definition = "A parent and baby together.";
    t1.cite = doc_cite;
    Term t2 = t1;
    t2.id = "camhs";
    t2.term = "Child and adolescent mental health services";
    t2.abbreviation = "CAMHS";
    t2.definition = "NHS services for children.";
    Term t3 = t1;
    t3.id = "unused";
    t3.term = "Zebrafication";
    t3.definition = "Never used in any brief.";
    m.terms = {t2, t1, t3};
    m.examples[0].summary = "What the English example does with each dyad, working with CAMHS.";

    Page checklist;
    checklist.id = "checklist";
    checklist.title = "Commissioning checklist";
    checklist.kind = "checklist";
    checklist.audiences = {"commissioners"};
    checklist.body = "Tick each item.\n\n- [ ] We have a team\n- [ ] We fund it\n";
    checklist.cite = doc_cite;
    m.pages = {checklist};
    return m;
}

}  // namespace sprout::test
