#pragma once
// A small model built in code for the website tests: one record of every kind, every text
// field filled with `text` (hostile markup in the escaping tests), linked to each other so
// every page type and back-link is rendered.
#include <filesystem>
#include <map>
#include <string>

#include "assets/assets.hpp"
#include "model/model.hpp"
#include "output/staging.hpp"
#include "support.hpp"
#include "web/web.hpp"

namespace sprout::test {

// Plain-text fields get `text`; Markdown fields get `markdown`; URL fields get `url`.
inline model::Model web_model(const std::string& text = "Plain text", const std::string& markdown = "Some *Markdown*.",
                              const std::string& url = "https://example.org/") {
    using namespace model;
    Model m;
    m.site = {text, text, markdown, "", "en-GB", "2026-11-23", text, markdown};
    const Cites cite = {{"doc", "", text, "L1-2"}, {"study", "doc", text, ""}};
    const std::vector<Conflict> conflicts = {{markdown, {"statistics/figure", "interventions/other"}, cite}};

    Source doc;
    doc.id = "doc";
    doc.citation = text;
    doc.title = text;
    doc.kind = "report";
    doc.publisher = text;
    doc.url = url;
    doc.summary = markdown;
    doc.authors = {text};
    doc.year = 2023;
    Source study = doc;
    study.id = "study";
    study.kind = "trial";
    study.cited_in = {{"doc", "", text, ""}};
    m.sources = {doc, study};

    Nation n;
    n.id = "england";
    n.name = text;
    n.summary = markdown;
    n.coverage_note = markdown;
    n.cite = cite;
    m.nations = {n};

    Policy p;
    p.id = "policy";
    p.name = text;
    p.nation = "england";
    p.kind = "strategy";
    p.period = "2020";
    p.summary = markdown;
    p.cite = cite;
    p.conflicts = conflicts;
    m.policies = {p};

    Actor a;
    a.id = "commissioners";
    a.name = text;
    a.summary = markdown;
    m.actors = {a};

    Audience au;
    au.id = "commissioners";
    au.name = text;
    au.summary = markdown;
    au.actors = {"commissioners"};
    au.key_messages = {{text, {"england"}, cite}};
    m.audiences = {au};

    ServiceType st;
    st.id = "team";
    st.name = text;
    st.summary = markdown;
    st.recommended = true;
    st.cite = cite;
    m.service_types = {st};

    Area ar;
    ar.id = "leeds";
    ar.name = text;
    ar.nation = "england";
    ar.kind = text;
    ar.summary = markdown;
    ar.births = 9000;
    ar.births_period = "2022";
    ar.births_cite = cite;
    ar.services = {"team"};
    ar.figures = {{text, "count", "2021", 120, cite}};
    ar.cite = cite;
    m.areas = {ar};

    EvidenceScale rating;
    rating.id = "review";
    rating.name = text;
    rating.short_name = text;
    rating.kind = "rating";
    rating.summary = markdown;
    rating.levels = {{"strong", text, markdown, 2}, {"weak", text, markdown, 1}};
    rating.cite = cite;
    EvidenceScale grouping = rating;
    grouping.id = "grouping";
    grouping.kind = "grouping";
    grouping.levels = {{"reviewed", text, markdown, 1}};
    m.scales = {grouping, rating};

    Intervention i;
    i.id = "vipp";
    i.name = text;
    i.short_name = text;
    i.kind = "programme";
    i.summary = markdown;
    i.description = markdown;
    i.target_group = text;
    i.aliases = {text};
    i.outcomes = {text};
    i.audiences = {"commissioners"};
    i.related = {"other"};
    i.age_min_months = 0;
    i.age_max_months = 24;
    i.delivery_who = text;
    i.delivery_format = text;
    i.delivery_dose = text;
    i.delivery_settings = {"home", text};
    i.availability = {{"england", text, cite}};
    i.ratings = {{"review", "strong", text, markdown, cite}, {"grouping", "reviewed", "", markdown, cite}};
    i.cite = cite;
    i.conflicts = conflicts;
    Intervention other;
    other.id = "other";
    other.name = "Another programme";
    other.kind = "therapy";
    other.summary = "Another.";
    other.ratings = {{"review", "weak", "", "", cite}};
    other.age_min_months = 36;
    other.age_max_months = 60;
    other.delivery_settings = {"clinic"};
    other.cite = cite;
    m.interventions = {other, i};

    Recommendation r;
    r.id = "rec";
    r.title = text;
    r.number = "1";
    r.kind = "recommendation";
    r.group = text;
    r.text = markdown;
    r.questions = {text};
    r.actors = {"commissioners"};
    r.nations = {"england"};
    r.audiences = {"commissioners"};
    r.service_types = {"team"};
    r.cite = cite;
    r.conflicts = conflicts;
    m.recommendations = {r};

    Example e;
    e.id = "example";
    e.name = text;
    e.place = text;
    e.nation = "england";
    e.area = "leeds";
    e.organisation = text;
    e.service_type = "team";
    e.label = text;
    e.summary = markdown;
    e.description = markdown;
    e.interventions = {"vipp"};
    e.recommendations = {"rec"};
    e.contacts = {text};
    e.outcomes = {{text, "percent", 85.0, cite}};
    e.cite = cite;
    e.conflicts = conflicts;
    m.examples = {e};

    Statistic s;
    s.id = "figure";
    s.title = text;
    s.measure = text;
    s.value = 5.5;
    s.value_text = text;
    s.unit = "percent";
    s.population = text;
    s.nation = "england";
    s.period = "2017";
    s.topics = {"prevalence"};
    s.key = true;
    s.need_label = text;
    s.notes = markdown;
    s.cite = cite;
    s.conflicts = conflicts;
    Statistic series = s;
    series.id = "series";
    series.value.reset();
    series.value_text.clear();
    series.series = {{text, {{text, 45.0}, {"3-5", 30.0}}}, {"Second", {{text, 10.0}}}};
    m.statistics = {s, series};

    Term t;
    t.id = "attachment";
    t.term = "attachment";
    t.abbreviation = "ATT";
    t.aliases = {text};
    t.definition = markdown;
    t.cite = cite;
    m.terms = {t};

    Page pg;
    pg.id = "framework";
    pg.title = text;
    pg.kind = "framework";
    pg.summary = markdown;
    pg.body = markdown + "\n\nAbout attachment and ATT.";
    pg.audiences = {"commissioners"};
    pg.nations = {"england"};
    pg.cite = cite;
    m.pages = {pg};
    return m;
}

// Renders `m` with the built-in templates into a staging folder inside `dir`, writes stand-in
// briefs for every nation and audience, and checks links. Returns every file by site path.
inline std::map<std::string, std::string> render_web(const model::Model& m, const std::filesystem::path& dir,
                                                     bool check = true) {
    output::Staging out(dir / "site");
    const assets::Assets assets("");
    web::render_site(m, assets, out);
    for (const auto& n : m.nations)
        for (const auto& a : m.audiences) {
            out.write("briefs/" + n.id + "-" + a.id + ".pdf", "%PDF-1.4\n");
            out.write("briefs/" + n.id + "-" + a.id + ".html", "<!DOCTYPE html><title>brief</title>");
        }
    if (check) web::check_links(out);
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(out.dir()))
        if (e.is_regular_file())
            files[std::filesystem::relative(e.path(), out.dir()).generic_string()] = read(e.path());
    return files;
}

}  // namespace sprout::test
