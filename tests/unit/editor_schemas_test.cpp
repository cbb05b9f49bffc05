// Editor support: the committed schemas/ and .taplo.toml match what sprout writes now, and every
// bundled record validates against the JSON Schema editors use.
#include <catch2/catch.hpp>
#include <set>

#include "diag/diagnostics.hpp"
#include "json_schema_validator.hpp"
#include "load/loader.hpp"
#include "schema/editor.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;
using nlohmann::json;

namespace {

const fs::path source_dir = SPROUT_SOURCE_DIR;

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

// Validates every record of the toolkit at `dir`; returns "file: problem" lines.
std::vector<std::string> validate_toolkit(const fs::path& dir, std::size_t& records) {
    std::string err;
    auto tk = load::locate(dir.string(), err);
    REQUIRE(tk);
    Diagnostics diags;
    const auto raw = load::read_tree(*tk, diags);
    std::vector<std::string> problems;
    for (const auto& r : raw) {
        if (!r.parsed || !r.kind) continue;
        ++records;
        const auto schema = json::parse(schema::json_schema_for(schema::builtin(), *r.kind));
        for (const auto& p : test::validate(test::toml_to_json(r.table), schema)) problems.push_back(r.path + ": " + p);
    }
    return problems;
}

}  // namespace

TEST_CASE("committed schemas/ equal what `sprout schema --out` writes", "[schema][editor]") {
    test::TempDir tmp;
    const auto r = test::run_sprout("schema --out '" + tmp.path().string() + "'");
    REQUIRE(r.exit_code == 0);
    INFO("regenerate with: tools/update-content-doc");
    REQUIRE(files_in(source_dir / "schemas") == files_in(tmp.path()));
    for (const auto& name : files_in(tmp.path())) {
        INFO(name);
        CHECK(test::read(source_dir / "schemas" / name) == test::read(tmp.path() / name));
    }
}

TEST_CASE("committed .taplo.toml maps every TOML record folder to its schema", "[schema][editor]") {
    const auto r = test::run_sprout("schema --format taplo");
    REQUIRE(r.exit_code == 0);
    INFO("regenerate with: tools/update-content-doc");
    CHECK(test::read(source_dir / ".taplo.toml") == r.out);

    const auto config = toml::parse(r.out);
    std::set<std::string> mapped;
    for (const auto& rule : *config["rule"].as_array()) {
        const auto& t = *rule.as_table();
        const auto path = t["schema"]["path"].value_or(std::string{});
        CHECK(fs::exists(source_dir / path));
        mapped.insert(fs::path(path).filename().string());
        CHECK(t["include"].as_array()->size() == 2);
    }
    for (const auto& k : schema::builtin().kinds) {
        INFO(k.name);
        CHECK(mapped.count(k.name + ".schema.json") == (k.extension == "md" ? 0u : 1u));
    }
}

TEST_CASE("sprout init writes the schemas and .taplo.toml too", "[schema][editor][init]") {
    test::TempDir tmp;
    REQUIRE(test::run_sprout("init '" + (tmp.path() / "tk").string() + "'").exit_code == 0);
    CHECK(test::read(tmp.path() / "tk" / ".taplo.toml") == test::read(source_dir / ".taplo.toml"));
    CHECK(test::read(tmp.path() / "tk" / "schemas" / "intervention.schema.json") ==
          test::read(source_dir / "schemas" / "intervention.schema.json"));
}

TEST_CASE("every bundled record validates against its JSON Schema", "[schema][editor][content]") {
    std::size_t records = 0;
    for (const auto& dir : {source_dir, source_dir / "generator" / "starter", source_dir / "tests" / "fixtures" / "editions" / "old",
                            source_dir / "tests" / "fixtures" / "editions" / "new"}) {
        INFO(dir.string());
        const auto problems = validate_toolkit(dir, records);
        for (const auto& p : problems) UNSCOPED_INFO(p);
        CHECK(problems.empty());
    }
    CHECK(records > 100);
}

TEST_CASE("the test validator catches what the schemas forbid", "[schema][editor]") {
    const auto schema = json::parse(schema::json_schema_for(schema::builtin(), *schema::builtin().kind("intervention")));
    const json good = {{"name", "X"}, {"kind", "programme"}, {"summary", "Y"},
                       {"cite", {{{"source", "a"}, {"locator", "p. 1"}}}}};
    CHECK(test::validate(good, schema).empty());

    auto bad = good;
    bad["kind"] = "spell";
    bad["colour"] = "red";
    bad["age_min_months"] = 500;
    bad["cite"][0].erase("locator");
    bad["cite"][0]["source"] = "Not An Id";
    bad.erase("summary");
    const auto problems = test::validate(bad, schema);
    const std::string all = [&] {
        std::string s;
        for (const auto& p : problems) s += p + "\n";
        return s;
    }();
    INFO(all);
    CHECK(problems.size() == 6);
    CHECK(all.find("kind: value \"spell\"") != std::string::npos);
    CHECK(all.find("colour: property not allowed") != std::string::npos);
    CHECK(all.find("age_min_months: above maximum 240") != std::string::npos);
    CHECK(all.find("cite[0]: missing required property 'locator'") != std::string::npos);
    CHECK(all.find("cite[0].source: \"Not An Id\" does not match") != std::string::npos);
    CHECK(all.find("missing required property 'summary'") != std::string::npos);
    CHECK(test::validate(json{{"x", 1}}, json{{"oneOf", json::array()}}).front().find("unsupported") != std::string::npos);
}
