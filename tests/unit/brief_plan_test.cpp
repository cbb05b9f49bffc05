// The brief plan: what a nation × audience (× area) brief selects, in what order, and what it
// says when the content has nothing to show. Models are built in code (brief_model.hpp).
#include <catch2/catch.hpp>
#include <algorithm>
#include <functional>
#include <set>

#include "brief/citations.hpp"
#include "brief/plan.hpp"
#include "brief/select.hpp"
#include "brief_model.hpp"

using namespace sprout;

namespace {

std::string text_of(const brief::Plan& p) { return doc::plain(p.doc.body); }

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// Every block, depth first.
void each_block(const doc::Blocks& bs, const std::function<void(const doc::Block&)>& f) {
    for (const auto& b : bs) {
        f(b);
        if (const auto* l = std::get_if<doc::List>(&b.v))
            for (const auto& item : l->items) each_block(item, f);
        if (const auto* c = std::get_if<doc::Callout>(&b.v)) each_block(c->body, f);
    }
}

std::vector<std::string> section_titles(const brief::Plan& p) {
    std::vector<std::string> out;
    for (const auto& b : p.doc.body)
        if (const auto* h = std::get_if<doc::Heading>(&b.v); h && h->level == 1) out.push_back(doc::plain(h->text));
    return out;
}

}  // namespace

TEST_CASE("a Scotland brief carries Scotland's policy context and no other nation's", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "scotland", "commissioners");
    const auto t = text_of(p);
    CHECK(has(t, "Scotland summary: the Programme Board in Alba."));
    CHECK(has(t, "Scottish Board"));
    CHECK(has(t, "Scotland coverage note."));
    CHECK(has(t, "UK Act"));  // UK-wide policies apply everywhere
    CHECK_FALSE(has(t, "England summary"));
    CHECK_FALSE(has(t, "England Plan"));

    const auto e = text_of(brief::plan_brief(m, "england", "commissioners"));
    CHECK(has(e, "England Plan"));
    CHECK_FALSE(has(e, "Scottish Board"));
    CHECK_FALSE(has(e, "Scotland coverage note."));
}

TEST_CASE("key messages are filtered by nation", "[brief]") {
    const auto m = test::brief_model();
    const auto t = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK(has(t, "A message for every nation."));
    CHECK(has(t, "A message only for Scotland."));
    CHECK_FALSE(has(t, "A message only for England."));
}

TEST_CASE("a commissioners' brief carries the recommendations addressed to commissioners for its nation", "[brief]") {
    const auto m = test::brief_model();
    const auto t = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK(has(t, "Commission in Scotland"));
    CHECK(has(t, "Commission across the UK"));    // nations = ["uk"] covers Scotland
    CHECK_FALSE(has(t, "Commission in England"));  // another nation
    CHECK_FALSE(has(t, "Practise in Scotland"));   // another audience
    // No nation stated: included after the nation's own, under a heading that says so.
    const auto own = t.find("Commission in Scotland"), label = t.find("Not specific to one nation"),
               none = t.find("Commission anywhere");
    REQUIRE(label != std::string::npos);
    REQUIRE(none != std::string::npos);
    CHECK(own < label);
    CHECK(label < none);
    CHECK(has(t, "name no nation. They are included because they are not specific to any one nation, not because the "
                 "documents say they apply in Scotland."));
    // A suggested action with questions is shown once, by the checklists section.
    CHECK(has(t, "Text of Questions for commissioners."));
    CHECK(t.find("Text of Questions for commissioners.") == t.rfind("Text of Questions for commissioners."));

    SECTION("audience-and-nation: the nation's own first, then those naming none, within the limit") {
        model::BriefSection s;
        s.filter = "audience-and-nation";
        std::vector<std::string> ids;
        for (const auto* r : brief::recommendations(m, *m.audience("commissioners"), "scotland", s)) ids.push_back(r->id);
        CHECK(ids == std::vector<std::string>{"r-comm-scot", "r-comm-uk", "r-comm-none"});
        s.limit = 2;
        ids.clear();
        for (const auto* r : brief::recommendations(m, *m.audience("commissioners"), "scotland", s)) ids.push_back(r->id);
        CHECK(ids == std::vector<std::string>{"r-comm-scot", "r-comm-uk"});
    }

    SECTION("filter audience keeps recommendations that state no nation") {
        model::BriefSection s;
        s.filter = "audience";
        std::vector<std::string> ids;
        for (const auto* r : brief::recommendations(m, *m.audience("commissioners"), "scotland", s)) ids.push_back(r->id);
        CHECK(std::find(ids.begin(), ids.end(), "r-comm-none") != ids.end());
        CHECK(std::find(ids.begin(), ids.end(), "r-comm-eng") != ids.end());
        CHECK(std::find(ids.begin(), ids.end(), "r-prac-scot") == ids.end());
    }
    SECTION("practitioners get their own") {
        const auto pt = text_of(brief::plan_brief(m, "scotland", "practitioners"));
        CHECK(has(pt, "Practise in Scotland"));
        CHECK_FALSE(has(pt, "Commission in Scotland"));
    }
}

TEST_CASE("interventions are ordered strongest first, each rating on its own scale", "[brief]") {
    const auto m = test::brief_model();
    CHECK(brief::strength(m, *m.intervention("beta")) == Approx(1.0));
    CHECK(brief::strength(m, *m.intervention("alpha")) == Approx(2.0 / 3.0));
    CHECK(brief::strength(m, *m.intervention("gamma")) == -1);  // a grouping is not a rating
    model::BriefSection s;
    s.order = "strongest-first";
    std::vector<std::string> order;
    for (const auto* i : brief::interventions(m, brief::order_interventions(m), *m.audience("commissioners"), "england", s)) order.push_back(i->id);
    CHECK(order == std::vector<std::string>{"beta", "alpha", "gamma"});

    const auto p = brief::plan_brief(m, "england", "commissioners");
    const doc::Table* table = nullptr;
    each_block(p.doc.body, [&](const doc::Block& b) {
        if (const auto* t = std::get_if<doc::Table>(&b.v); t && t->columns.size() == 3) table = t;
    });
    REQUIRE(table != nullptr);
    REQUIRE(table->rows.size() == 3);
    CHECK(doc::plain(table->rows[0][0]).starts_with("Beta programme"));
    // Rating and grouping are shown apart, each with its scale's short name and level label.
    CHECK(has(doc::plain(table->rows[0][1]), "Review 2023: Effective (Behaviour)"));
    CHECK(has(doc::plain(table->rows[0][2]), "Report grouping: Needs research"));
    CHECK(has(doc::plain(table->rows[2][1]), "Not rated"));
}

TEST_CASE("sections filter the shared orders as if each sorted its own selection", "[brief]") {
    // Many interventions with tied strengths, tied counts and repeated names, so that every
    // tie-break (and the model's order under all of them) decides some of the order.
    auto m = test::brief_model();
    const auto base = m.interventions;
    m.interventions.clear();
    const char* levels[] = {"effective", "promising", "unclear"};
    const char* nations[] = {"england", "scotland", "uk", "wales"};
    for (int k = 0; k < 60; ++k) {
        model::Intervention i = base[k % base.size()];
        i.id = "i" + std::to_string(k);
        i.name = "Name " + std::to_string((k * 7) % 11);
        i.ratings = {{"review", levels[k % 3], "", "", {}}};
        if (k % 4 == 0) i.ratings.push_back({"review", levels[(k / 4) % 3], "", "", {}});
        if (k % 5 == 0) i.ratings.clear();
        i.availability = {{nations[k % 4], "", {}}};
        if (k % 3 == 0) i.audiences = {"commissioners"};
        m.interventions.push_back(i);
    }
    // The orders carry each intervention's nations and audiences as bits, up to 64 ids of each;
    // with more, filtering reads the records. Both ways must select the same.
    const bool many_audiences = GENERATE(false, true);
    if (many_audiences)
        for (int k = 0; k < 64; ++k) m.interventions[1].audiences.push_back("extra-" + std::to_string(k));
    const auto orders = brief::order_interventions(m);
    CHECK(orders.reach.empty() == many_audiences);
    for (const char* filter : {"all", "audience", "nation", "audience-and-nation"})
        for (const char* order : {"strongest-first", "name", "document"}) {
            model::BriefSection s;
            s.filter = filter;
            s.order = order;
            const auto got = brief::interventions(m, orders, *m.audience("commissioners"), "scotland", s);

            // The rule as docs/BRIEFS.md states it: select, then sort what was selected.
            std::vector<const model::Intervention*> want;
            for (const auto& i : m.interventions) {
                const bool aud = std::find(i.audiences.begin(), i.audiences.end(), "commissioners") != i.audiences.end();
                const bool here = i.availability[0].nation == "scotland" || i.availability[0].nation == "uk";
                const std::string f = filter;
                if (f == "all" || (f == "audience" && aud) || (f == "nation" && here) || (f == "audience-and-nation" && aud && here))
                    want.push_back(&i);
            }
            auto top = [&](const model::Intervention& i) {
                int n = 0;
                for (const auto& r : i.ratings)
                    if (r.level == "effective" || (r.level == "promising" && brief::strength(m, i) < 1) ||
                        (r.level == "unclear" && brief::strength(m, i) < 2.0 / 3))
                        ++n;
                return n;
            };
            if (std::string(order) == "strongest-first")
                std::stable_sort(want.begin(), want.end(), [&](auto* x, auto* y) {
                    if (brief::strength(m, *x) != brief::strength(m, *y)) return brief::strength(m, *x) > brief::strength(m, *y);
                    if (top(*x) != top(*y)) return top(*x) > top(*y);
                    return x->name < y->name;
                });
            else if (std::string(order) == "name")
                std::stable_sort(want.begin(), want.end(), [](auto* x, auto* y) { return x->name < y->name; });
            INFO(filter << " / " << order << (many_audiences ? ", filtered from the records" : ", filtered by bits"));
            REQUIRE(!want.empty());
            CHECK(got == want);
        }
}

TEST_CASE("key figures are the nation's and the UK's; a series becomes a chart", "[brief]") {
    const auto m = test::brief_model();
    const auto s = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK(has(s, "Scottish figure"));
    CHECK(has(s, "7.3%"));  // 7.25 to one decimal
    CHECK(has(s, "UK figure"));
    CHECK_FALSE(has(s, "English figure"));

    const auto p = brief::plan_brief(m, "england", "commissioners");
    int charts = 0, figures = 0;
    each_block(p.doc.body, [&](const doc::Block& b) {
        if (const auto* c = std::get_if<doc::BarChart>(&b.v)) {
            ++charts;
            REQUIRE(c->groups.size() == 1);
            CHECK(c->groups[0].bars.size() == 2);
            CHECK(c->groups[0].bars[0].value_text == "45%");
            CHECK(doc::plain(c->source).starts_with("Source: Study et al, 2020, as reported in Test Report, 2023 (Table 2)"));
        }
        if (const auto* f = std::get_if<doc::Figure>(&b.v)) {
            ++figures;
            CHECK(has(doc::plain(f->source), "[")) ;  // a reference number
        }
    });
    CHECK(charts == 1);
    CHECK(figures == 2);  // English and UK figures
}

TEST_CASE("practice examples: the nation's own", "[brief]") {
    const auto m = test::brief_model();
    const auto s = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK(has(s, "Scottish example"));
    CHECK_FALSE(has(s, "English example"));
    model::BriefSection all;
    all.filter = "all";
    const auto sel = brief::examples(m, "scotland", all);
    REQUIRE(sel.own.size() == 1);
    CHECK(sel.elsewhere.size() == 2);  // with filter "all", the others follow
}

TEST_CASE("checklists and question sets for the audience", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "england", "commissioners");
    const auto t = text_of(p);
    CHECK(has(t, "Commissioning checklist"));
    CHECK(has(t, "We have a team"));
    CHECK(has(t, "Who leads locally?"));
    bool task_list = false;
    each_block(p.doc.body, [&](const doc::Block& b) {
        if (const auto* l = std::get_if<doc::List>(&b.v); l && l->tasks) task_list = true;
    });
    CHECK(task_list);
}

TEST_CASE("the glossary lists the terms the brief uses and no others", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "england", "commissioners");
    std::vector<std::string> glossary;
    bool in_glossary = false;
    for (const auto& b : p.doc.body) {
        if (const auto* h = std::get_if<doc::Heading>(&b.v); h && h->level == 1) in_glossary = doc::plain(h->text) == "Terms used";
        else if (in_glossary) glossary.push_back(doc::plain(std::get<doc::Paragraph>(b.v).text));
    }
    REQUIRE(glossary.size() == 2);
    CHECK(glossary[0].starts_with("Child and adolescent mental health services (CAMHS): NHS services"));  // abbreviation, case-sensitive
    CHECK(glossary[1].starts_with("Dyad: A parent and baby together."));
    CHECK(brief::contains_word("two dyads met", "dyad", true));
    CHECK_FALSE(brief::contains_word("dyadic work", "dyad", true));
    CHECK_FALSE(brief::contains_word("camhs", "CAMHS", false));
}

TEST_CASE("the glossary finds a term exactly where a search of the whole text finds it", "[brief]") {
    // terms_used rules most terms out by the text's words before searching; whatever it rules
    // out, a plain search must not find either.
    model::Model m;
    const auto term = [&](std::string t, std::string abbreviation = "", std::vector<std::string> aliases = {}) {
        model::Term x;
        x.id = t;
        x.term = std::move(t);
        x.abbreviation = std::move(abbreviation);
        x.aliases = std::move(aliases);
        m.terms.push_back(std::move(x));
    };
    term("Dyad");
    term("Parent-infant relationship");
    term("Child and adolescent mental health services", "CAMHS");
    term("Perinatal", "", {"antenatal period"});
    term("(Early) help");
    term("Bébé");
    term("Team");
    const std::vector<std::string> texts = {
        "Two dyads met.",          "dyadic work",         "PARENT-INFANT RELATIONSHIP teams", "parent-infant relationships",
        "camhs and Camhs",         "referred to CAMHS.",  "in the Antenatal  period",         "the antenatal period",
        "(early) help is offered", "early help",          "un bébé",                          "teamwork, teams",
        "",                        "parent infant relationship"};
    for (const auto& text : texts) {
        std::set<std::string> expected, got;
        for (const auto& t : m.terms) {
            bool used = brief::contains_word(text, t.term, true) ||
                        (!t.abbreviation.empty() && brief::contains_word(text, t.abbreviation, false));
            for (const auto& al : t.aliases) used = used || brief::contains_word(text, al, true);
            if (used) expected.insert(t.term);
        }
        for (const auto* t : brief::terms_used(m, text)) got.insert(t->term);
        INFO(text);
        CHECK(got == expected);
    }
    // The cases above do reach both answers.
    CHECK(brief::terms_used(m, "Two dyads met.").size() == 1);
    CHECK(brief::terms_used(m, "teamwork, teams, (early) help, parent-infant relationships and CAMHS").size() == 4);
}

TEST_CASE("every reference mark points to a numbered reference", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "england", "commissioners");
    std::set<std::string> targets, anchors;
    std::function<void(const doc::Inlines&)> scan = [&](const doc::Inlines& in) {
        for (const auto& i : in) {
            if (!i.anchor.empty()) CHECK(anchors.insert(i.anchor).second);  // each place once
            if (i.cite) {
                CHECK(i.target.starts_with("ref-"));
                CHECK(i.text == "[" + i.target.substr(4) + "]");
                targets.insert(i.target);
            }
        }
    };
    each_block(p.doc.body, [&](const doc::Block& b) {
        if (const auto* x = std::get_if<doc::Paragraph>(&b.v)) scan(x->text);
        if (const auto* x = std::get_if<doc::Table>(&b.v)) {
            for (const auto& r : x->rows)
                for (const auto& c : r) scan(c);
            scan(x->source);
        }
        if (const auto* x = std::get_if<doc::Figure>(&b.v)) scan(x->source);
        if (const auto* x = std::get_if<doc::BarChart>(&b.v)) scan(x->source);
        if (const auto* x = std::get_if<doc::List>(&b.v))
            for (const auto& a : x->item_anchors) anchors.insert(a);
    });
    REQUIRE_FALSE(targets.empty());
    for (const auto& t : targets) CHECK(anchors.count(t) == 1);
    CHECK(anchors.size() == targets.size());  // no reference that nothing cites
}

TEST_CASE("area briefs: profile, need estimate with both sources, gap list; missing data stays missing", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "england", "commissioners", std::string("leeds"));
    const auto t = text_of(p);
    CHECK(p.target.stem() == "england-commissioners-leeds");
    CHECK(p.doc.meta.area == "Leeds");
    CHECK(has(t, "Leeds summary."));
    CHECK(has(t, "Families seen"));
    CHECK(has(t, "1,200"));
    CHECK(has(t, "English example"));  // in the area
    CHECK(has(t, "Nearby example"));   // in an area listed as near
    // 9,000 births × 10% = 900, with the births' source and the rate's source.
    CHECK(has(t, "babies likely to need specialist help"));
    CHECK(has(t, "about 900"));
    CHECK(has(t, "Source: Test Report, 2023 (Births table)"));
    CHECK(has(t, "Source: Study et al, 2020, as reported in Test Report, 2023 (Table 2)"));
    // Gap list: recommended types the record does not list.
    const auto gaps = brief::service_gaps(m, *m.area("leeds"));
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0]->id == "health-visiting");
    CHECK(has(t, "Health visiting"));

    const auto b = text_of(brief::plan_brief(m, "england", "commissioners", std::string("bradford")));
    CHECK(has(b, "This area's record gives no annual births, so no estimate is made."));
    CHECK(has(b, "The area's record gives no local figures."));
    CHECK_FALSE(has(b, "Estimate a year"));
}

TEST_CASE("nation briefs leave out the area sections", "[brief]") {
    const auto m = test::brief_model();
    const auto titles = section_titles(brief::plan_brief(m, "england", "commissioners"));
    CHECK(std::find(titles.begin(), titles.end(), "Your area") == titles.end());
    CHECK(std::find(titles.begin(), titles.end(), "Key messages") != titles.end());
    const auto area_titles = section_titles(brief::plan_brief(m, "england", "commissioners", std::string("leeds")));
    CHECK(std::find(area_titles.begin(), area_titles.end(), "Your area") != area_titles.end());
}

TEST_CASE("the cover names the brief, nation, audience, date and publisher", "[brief]") {
    const auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "scotland", "commissioners");
    CHECK(p.doc.meta.title == "Brief in Scotland for commissioners");
    CHECK(p.doc.meta.nation == "Scotland");
    CHECK(p.doc.meta.audience == "Commissioners");
    CHECK(p.doc.meta.date == "23 November 2026");
    CHECK(p.doc.meta.date_iso == "2026-11-23");
    CHECK(p.doc.meta.publisher == "Test Publisher");
}

TEST_CASE("unknown ids are refused with the closest id", "[brief]") {
    const auto m = test::brief_model();
    try {
        (void)brief::plan_brief(m, "scotlnd", "commissioners");
        FAIL("no exception");
    } catch (const brief::UnknownId& e) {
        CHECK(e.kind == "nation");
        CHECK(e.suggestion == "scotland");
    }
    CHECK_THROWS_AS(brief::plan_brief(m, "uk", "commissioners"), brief::UnknownId);  // no UK-wide briefs
    try {
        (void)brief::plan_brief(m, "england", "comissioners");
        FAIL("no exception");
    } catch (const brief::UnknownId& e) {
        CHECK(e.kind == "audience");
        CHECK(e.suggestion == "commissioners");
    }
    CHECK_THROWS_AS(brief::plan_brief(m, "scotland", "commissioners", std::string("leeds")), brief::UnknownId);  // Leeds is in England
    CHECK_THROWS_AS(brief::plan_brief(m, "england", "commissioners", std::string("leds")), brief::UnknownId);
}

TEST_CASE("every nation but the UK gets every audience's brief; areas go to audiences with area sections", "[brief]") {
    const auto m = test::brief_model();
    std::vector<std::string> stems;
    for (const auto& t : brief::all_targets(m)) stems.push_back(t.stem());
    CHECK(stems == std::vector<std::string>{"england-commissioners", "england-practitioners", "scotland-commissioners",
                                            "scotland-practitioners", "england-commissioners-bradford", "england-commissioners-leeds"});
}

TEST_CASE("references: places run on under their work, works read in a document grouped under it", "[brief]") {
    const auto m = test::brief_model();
    brief::Citations cites(m);
    // First use: a study read in the report, the report itself, then the study again elsewhere.
    cites.mark({{"study", "doc", "Part 2: Methods and measures in the study, a. Sampling", ""}});
    cites.mark({{"doc", "", "Section 1", ""}});
    cites.mark({{"study", "doc", "Part 2: Methods and measures in the study, b. Scales", ""}, {"study", "doc", "Part 1: Aims", ""}});
    const auto renumber = cites.group_by_work();
    CHECK(renumber.at(1) == 2);  // the study's places in its own order: Part 1 first
    CHECK(renumber.at(4) == 1);
    CHECK(renumber.at(2) == 4);  // the report, cited directly, after the group the study started
    const auto blocks = cites.references();
    std::vector<std::string> paras;
    std::set<std::string> anchors;
    for (const auto& b : blocks) {
        if (const auto* h = std::get_if<doc::Heading>(&b.v)) {
            CHECK(h->level == 4);
            paras.push_back("## " + doc::plain(h->text));
            continue;
        }
        const auto& p = std::get<doc::Paragraph>(b.v);
        paras.push_back(doc::plain(p.text));
        for (const auto& i : p.text)
            if (!i.anchor.empty()) anchors.insert(i.anchor);
    }
    REQUIRE(paras.size() == 4);
    CHECK(paras[0] == "## Read in Test Report, 2023");
    CHECK(paras[1].starts_with("Study et al, 2020."));
    CHECK(paras[1].find("Read in") == std::string::npos);  // said once, above
    // Part 2's second place shares its first part with the one before it.
    CHECK(paras[1].ends_with("[1]\u00A0Part 1: Aims \u00B7 [2]\u00A0Part 2: Methods and measures in the study, a. Sampling \u00B7 [3]\u00A0\u2026 b. Scales"));
    CHECK(paras[2] == "## Cited directly");
    CHECK(paras[3].starts_with("Test Report, 2023."));
    CHECK(paras[3].ends_with("[4]\u00A0Section 1"));
    CHECK(anchors == std::set<std::string>{"ref-1", "ref-2", "ref-3", "ref-4"});
}

TEST_CASE("a headline figure names its place once", "[brief]") {
    auto m = test::brief_model();
    for (auto& s : m.statistics)
        if (s.id == "eng-figure") s.population = "Babies under one in England";
    const auto p = brief::plan_brief(m, "england", "commissioners");
    std::string detail, scot;
    each_block(p.doc.body, [&](const doc::Block& b) {
        if (const auto* f = std::get_if<doc::Figure>(&b.v); f && doc::plain(f->label) == "English figure") detail = doc::plain(f->detail);
    });
    CHECK(detail == "Measure of English figure. Babies under one in England");
    const auto s = brief::plan_brief(m, "scotland", "commissioners");
    each_block(s.doc.body, [&](const doc::Block& b) {
        if (const auto* f = std::get_if<doc::Figure>(&b.v); f && doc::plain(f->label) == "Scottish figure") scot = doc::plain(f->detail);
    });
    CHECK(scot == "Measure of Scottish figure. Scotland");  // no population: the nation says where
}

TEST_CASE("a section cut short by its limit says how many it shows of how many", "[brief]") {
    auto m = test::brief_model();
    const auto full = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK_FALSE(has(full, "This brief shows"));  // nothing left out, nothing said
    for (auto& s : m.audiences[0].brief_sections)
        if (s.type == "recommendations") s.limit = 2;
    REQUIRE(m.audiences[0].id == "commissioners");
    const auto t = text_of(brief::plan_brief(m, "scotland", "commissioners"));
    CHECK(has(t, "This brief shows 2 of the 3 recommendations that match; the toolkit's website lists them all."));
    CHECK_FALSE(has(t, "Commission anywhere"));  // the limit takes the nation's own first
}

TEST_CASE("an audience's name reads as part of a sentence", "[brief]") {
    auto m = test::brief_model();
    const auto p = brief::plan_brief(m, "england", "commissioners", std::string("leeds"));
    CHECK(p.doc.meta.subtitle == "A brief for commissioners in Leeds");
    CHECK(p.doc.meta.audience == "Commissioners");  // the cover's own line keeps the name as written
    m.audiences[0].name = "NHS leaders";
    CHECK(brief::plan_brief(m, "england", "commissioners").doc.meta.subtitle == "A brief for NHS leaders");
}
