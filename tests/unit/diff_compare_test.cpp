// diff::compare on hand-made models: each kind of change, what is ignored, and that every
// schema field is compared.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "diff/compare_parts.hpp"
#include "diff/diff.hpp"
#include "diff/format.hpp"
#include "schema/schema.hpp"

using namespace sprout;
using diff::ChangeType;

namespace {

model::Model with_scale() {
    model::Model m;
    model::EvidenceScale s;
    s.id = "hare-2023";
    s.levels = {{"effective", "Effective", "", 3}, {"promising", "Promising", "", 2}, {"also-promising", "Also", "", 2}};
    m.scales.push_back(s);
    return m;
}

model::Intervention intervention(std::vector<model::Rating> ratings) {
    model::Intervention i;
    i.id = "vipp";
    i.name = "VIPP";
    i.summary = "A home-visiting programme.";
    i.ratings = std::move(ratings);
    return i;
}

diff::Changes compare_interventions(const model::Intervention& a, const model::Intervention& b) {
    auto old = with_scale(), neu = with_scale();
    old.interventions = {a};
    neu.interventions = {b};
    return diff::compare(old, neu);
}

std::vector<std::string> headlines(const diff::Changes& c) {
    std::vector<std::string> out;
    for (const auto& r : c.records)
        for (const auto& ch : r.changes) out.push_back(diff::headline(ch));
    return out;
}

}  // namespace

TEST_CASE("a rating moving on its scale reads as up, down or same rank", "[diff]") {
    auto c = compare_interventions(intervention({{"hare-2023", "promising", "", "", {}}}),
                                   intervention({{"hare-2023", "effective", "", "", {}}}));
    REQUIRE(c.records.size() == 1);
    REQUIRE(c.records[0].changes.size() == 1);
    CHECK(c.records[0].changes[0].type == ChangeType::RatingMoved);
    CHECK(c.records[0].changes[0].direction() == 1);
    CHECK(headlines(c) == std::vector<std::string>{"rating moved up from promising to effective on hare-2023 (rank 2 → 3)"});

    c = compare_interventions(intervention({{"hare-2023", "effective", "Sleep", "", {}}}),
                              intervention({{"hare-2023", "promising", "Sleep", "", {}}}));
    CHECK(headlines(c) ==
          std::vector<std::string>{"rating for \"Sleep\" moved down from effective to promising on hare-2023 (rank 3 → 2)"});

    c = compare_interventions(intervention({{"hare-2023", "promising", "", "", {}}}),
                              intervention({{"hare-2023", "also-promising", "", "", {}}}));
    CHECK(headlines(c) == std::vector<std::string>{"rating changed from promising to also-promising on hare-2023 (same rank)"});
}

TEST_CASE("ratings on another scale or outcome are added and removed, not moved", "[diff]") {
    auto c = compare_interventions(intervention({{"hare-2023", "promising", "Sleep", "", {}}}),
                                   intervention({{"hare-2023", "effective", "Feeding", "", {}}}));
    CHECK(headlines(c) == std::vector<std::string>{"rating for \"Sleep\" removed: promising on hare-2023",
                                                   "rating for \"Feeding\" added: effective on hare-2023"});
}

TEST_CASE("rating notes and citations are compared per rating", "[diff]") {
    auto c = compare_interventions(
        intervention({{"hare-2023", "promising", "", "Rated for *sleep*.", {{"hare-2023", "", "Table 1", ""}}}}),
        intervention({{"hare-2023", "promising", "", "Rated for feeding.", {{"hare-2023", "", "Table 2", ""}}}}));
    CHECK(headlines(c) == std::vector<std::string>{
                              "ratings.note (on hare-2023) reworded",
                              "ratings.cite (on hare-2023): added \"hare-2023: Table 2\"; removed \"hare-2023: Table 1\""});
}

TEST_CASE("age range and availability changes", "[diff]") {
    auto a = intervention({}), b = intervention({});
    a.age_min_months = -9;
    a.age_max_months = 24;
    b.age_max_months = 36;
    a.availability = {{"wales", "Used in two health boards", {}}, {"england", "Trialled", {}}};
    b.availability = {{"england", "Trialled in  health visiting", {}}, {"scotland", "Piloted", {}}};
    CHECK(headlines(compare_interventions(a, b)) ==
          std::vector<std::string>{
              "age range: 9 months before birth to 24 months → up to 36 months",
              "no longer listed as available in wales (was: \"Used in two health boards\")",
              "availability in england reworded: \"Trialled\" → \"Trialled in health visiting\"",
              "now listed as available in scotland: \"Piloted\"",
          });
}

TEST_CASE("whitespace and Markdown formatting are not changes in meaning", "[diff]") {
    auto a = intervention({}), b = intervention({});
    a.summary = "A **home-visiting** programme\nfor parents.";
    b.summary = "A __home-visiting__   programme for\n\nparents.\n";
    a.name = "VIPP  programme";
    b.name = "VIPP programme ";
    CHECK(compare_interventions(a, b).empty());
    b.summary = "A home-visiting programme for carers.";
    const auto c = compare_interventions(a, b);
    REQUIRE(c.records.size() == 1);
    CHECK(c.records[0].changes[0].type == ChangeType::Reworded);
    CHECK(diff::to_text(c, {}).find("summary reworded: A home-visiting programme for [-parents.-] {+carers.+}") !=
          std::string::npos);
}

TEST_CASE("lists report items added and removed, or a new order", "[diff]") {
    auto c = diff::compare_list("actors", {"a", "b", "c"}, {"c", "b", "a"});
    REQUIRE(c);
    CHECK(c->reordered);
    CHECK(diff::headline(*c) == "actors: same items, new order");
    c = diff::compare_list("actors", {"a", "b", "b"}, {"b", "d"});
    REQUIRE(c);
    CHECK(c->removed == std::vector<std::string>{"a", "b"});
    CHECK(c->added == std::vector<std::string>{"d"});
    CHECK_FALSE(diff::compare_list("actors", {"a"}, {"a"}));
}

TEST_CASE("records are grouped by kind, added before withdrawn before changed", "[diff]") {
    model::Model old, neu;
    model::Statistic s1, s2;
    s1.id = "b-stat";
    s1.title = "B";
    s1.unit = "percent";
    s1.value = 5.5;
    s2 = s1;
    s2.value = 6.0;
    s2.unit = "count";
    old.statistics = {s1};
    neu.statistics = {s2};
    model::Term t;
    t.id = "a-term";
    t.term = "A";
    old.terms = {t};
    model::Recommendation r;
    r.id = "z-rec";
    r.title = "Z";
    neu.recommendations = {r};
    const auto c = diff::compare(old, neu);
    REQUIRE(c.records.size() == 3);
    CHECK(c.records[0].kind == "recommendation");
    CHECK(c.records[0].status == diff::Status::Added);
    CHECK(c.records[1].kind == "statistic");
    CHECK(headlines(c) == std::vector<std::string>{"value: 5.5 → 6", "unit: percent → count"});
    CHECK(c.records[1].changes[0].type == ChangeType::ValueUpdated);
    CHECK(c.records[2].kind == "term");
    CHECK(c.records[2].status == diff::Status::Withdrawn);
    CHECK(c.count(diff::Status::Added) == 1);
}

TEST_CASE("every schema field of every kind is compared", "[diff][schema]") {
    // Field names the comparison covers, reduced to top-level names ("delivery.who" → "delivery").
    auto top = [](const diff::Fields& f) {
        std::set<std::string> names;
        for (const auto& x : f.all()) names.insert(x.name.substr(0, x.name.find('.')));
        return names;
    };
    std::map<std::string, std::set<std::string>> covered = {
        {"site", top(diff::fields_of(model::Site{}))},
        {"source", top(diff::fields_of(model::Source{}))},
        {"nation", top(diff::fields_of(model::Nation{}))},
        {"policy", top(diff::fields_of(model::Policy{}))},
        {"actor", top(diff::fields_of(model::Actor{}))},
        {"audience", top(diff::fields_of(model::Audience{}))},
        {"area", top(diff::fields_of(model::Area{}))},
        {"service-type", top(diff::fields_of(model::ServiceType{}))},
        {"evidence-scale", top(diff::fields_of(model::EvidenceScale{}))},
        {"intervention", top(diff::fields_of(model::Intervention{}))},
        {"recommendation", top(diff::fields_of(model::Recommendation{}))},
        {"example", top(diff::fields_of(model::Example{}))},
        {"statistic", top(diff::fields_of(model::Statistic{}))},
        {"term", top(diff::fields_of(model::Term{}))},
        {"page", top(diff::fields_of(model::Page{}))},
    };
    // Compared by compare_intervention rather than as plain fields.
    for (const char* f : {"ratings", "availability", "age_min_months", "age_max_months"}) covered["intervention"].insert(f);
    covered["page"].erase("body");  // the Markdown body is not a front-matter field
    // Which edition to compare with is a build setting, not something readers see.
    covered["site"].insert("previous_edition");

    for (const auto& k : schema::builtin().kinds) {
        INFO("kind " << k.name << ": a field was added to schema.toml; compare it in diff/fields.cpp");
        REQUIRE(covered.count(k.name) == 1);
        const auto names = k.field_names();
        CHECK(std::set<std::string>(names.begin(), names.end()) == covered[k.name]);
        CHECK(!diff::kind_heading(k.name).empty());
    }
}

TEST_CASE("HTML output escapes content", "[diff][html]") {
    model::Model old, neu;
    model::Term t;
    t.id = "x";
    t.term = "<script>alert(1)</script>";
    t.definition = "Old & <b>bold</b>";
    old.terms = {t};
    t.definition = "New & \"quoted\"";
    neu.terms = {t};
    neu.site.title = "A & B";
    const auto c = diff::compare(old, neu);
    const auto page = diff::to_html_page(c, {"<old>", "new"});
    CHECK(page.find("<script>") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("&lt;old&gt;") != std::string::npos);
    CHECK(page.find("<title>What changed: A &amp; B</title>") != std::string::npos);
    const auto section = diff::to_html_section(c, 3);
    CHECK(section.find("<h3 id=\"changes-term\">Glossary terms</h3>") != std::string::npos);
    CHECK(section.find("<h4>") != std::string::npos);
}
