// The schema drives validation, JSON Schema and the docs; these must agree.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "schema/schema.hpp"
#include "support.hpp"

using namespace sprout;

TEST_CASE("the built-in schema loads and every reference names a kind", "[schema]") {
    const auto& s = schema::builtin();
    CHECK(s.kinds.size() == 15);
    for (const char* k : {"site", "source", "nation", "policy", "actor", "audience", "area", "service-type",
                          "evidence-scale", "intervention", "recommendation", "example", "statistic", "term", "page"})
        CHECK(s.kind(k) != nullptr);
}

TEST_CASE("sprout schema prints one JSON Schema with every kind under $defs", "[schema]") {
    const auto r = test::run_sprout("schema");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["$defs"].size() == schema::builtin().kinds.size());
    const auto& iv = j["$defs"]["intervention"];
    CHECK(iv["additionalProperties"] == false);
    CHECK(std::find(iv["required"].begin(), iv["required"].end(), "summary") != iv["required"].end());
    CHECK(iv["properties"]["kind"]["enum"].size() == 9);
    CHECK(iv["properties"]["ratings"]["items"]["properties"]["cite"]["items"]["required"].size() == 2);
}

TEST_CASE("sprout schema --out writes one file per kind", "[schema]") {
    test::TempDir tmp;
    const auto r = test::run_sprout("schema --out '" + tmp.path().string() + "'");
    REQUIRE(r.exit_code == 0);
    for (const auto& k : schema::builtin().kinds) {
        const auto j = nlohmann::json::parse(test::read(tmp.path() / (k.name + ".schema.json")));
        CHECK(j["title"] == k.title);
    }
}

TEST_CASE("docs/CONTENT.md carries the current field reference", "[schema][docs]") {
    const std::string doc = test::read(std::string(SPROUT_SOURCE_DIR) + "/docs/CONTENT.md");
    const std::string generated = schema::markdown_reference(schema::builtin());
    INFO("regenerate with: tools/update-content-doc");
    CHECK(doc.find(generated) != std::string::npos);
}

TEST_CASE("the id test gives the published id pattern's answers", "[schema]") {
    // Every string of up to three characters from an alphabet with each kind of character the
    // pattern treats apart, and strings around the length limit.
    const std::regex re(schema::id_pattern);
    const std::string alphabet = "az09-_A/. \xc3";
    std::vector<std::string> cases = {"", std::string(79, 'a'), std::string(80, 'a'), std::string(81, 'a'),
                                      "-" + std::string(79, 'a'), "a" + std::string(79, '-')};
    for (char a : alphabet) {
        cases.push_back(std::string(1, a));
        for (char b : alphabet) {
            cases.push_back(std::string{a, b});
            for (char c : alphabet) cases.push_back(std::string{a, b, c});
        }
    }
    for (const auto& id : cases) {
        INFO("'" << id << "'");
        CHECK(schema::matches_id_pattern(id) == std::regex_match(id, re));
    }
}

TEST_CASE("ids must be safe file names", "[schema]") {
    CHECK_FALSE(schema::id_problem("video-feedback"));
    CHECK_FALSE(schema::id_problem("000_5a5b4b0df8e89064"));
    CHECK(schema::id_problem("../etc"));
    CHECK(schema::id_problem("a/b"));
    CHECK(schema::id_problem("Video"));
    CHECK(schema::id_problem("nul"));
    CHECK(schema::id_problem(""));
    CHECK(schema::id_problem(std::string(81, 'a')));
}
