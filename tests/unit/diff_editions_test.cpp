// `sprout diff` on two fixture editions with known changes (tests/fixtures/editions/README.md):
// the report must list exactly those changes, in text and in JSON, from folders and from git.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;
using nlohmann::json;

namespace {

const fs::path editions = fs::path(SPROUT_FIXTURES) / "editions";

// The whole expected report: any change not listed here, or missing, fails the test.
const std::string expected_text = R"(Changes from old (edition 2026-01-01) to new (edition 2026-07-01): 1 added, 1 withdrawn, 5 changed

Interventions
  added      baby-rhyme-time — Baby rhyme time (example)
  changed    shared-reading — Shared reading sessions (example)
      - rating moved up from some to strong on example-scale (rank 2 → 3)
      - age range: 6 to 48 months → 0 to 48 months

Recommendations
  changed    story-time-everywhere — Story time in every library (example)
      - text reworded: Every library should offer {+free+} weekly story time for [-babies-] {+babies, toddlers+} and [-toddlers.-] {+their carers.+} Example record.

Statistics
  changed    children-read-to-daily — Children read to every day (example figure)
      - value: 40 → 45
      - period: 2025 → 2026

Practice examples
  changed    example-town-library — Example Town library baby club (fictional)
      - interventions: added "baby-rhyme-time"

Glossary terms
  withdrawn  shared-reading — Shared reading

Site settings
  changed    site — Example toolkit: reading together in the early years
      - edition: 2026-01-01 → 2026-07-01
)";

const json* find_record(const json& doc, const std::string& kind, const std::string& id) {
    for (const auto& r : doc["records"])
        if (r["kind"] == kind && r["id"] == id) return &r;
    return nullptr;
}

int sh(const std::string& cmd) { return std::system(cmd.c_str()); }

}  // namespace

TEST_CASE("diff reports exactly the known changes between two editions, as text", "[diff]") {
    const auto r = run_sprout("diff old new", editions);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == expected_text);
}

TEST_CASE("diff reports exactly the known changes between two editions, as JSON", "[diff]") {
    const auto r = run_sprout("diff old new --format json", editions);
    REQUIRE(r.exit_code == 0);
    const auto doc = json::parse(r.out);
    CHECK(doc["format"] == "sprout-diff/1");
    CHECK(doc["old"] == json{{"label", "old"}, {"edition", "2026-01-01"}});
    CHECK(doc["new"] == json{{"label", "new"}, {"edition", "2026-07-01"}});
    CHECK(doc["summary"] == json{{"added", 1}, {"withdrawn", 1}, {"changed", 5}});

    // Every record in the report, in report order.
    std::vector<std::string> listed;
    for (const auto& rec : doc["records"])
        listed.push_back(rec["kind"].get<std::string>() + "/" + rec["id"].get<std::string>() + " " +
                         rec["status"].get<std::string>() + " " + std::to_string(rec["changes"].size()));
    CHECK(listed == std::vector<std::string>{
                        "intervention/baby-rhyme-time added 0",
                        "intervention/shared-reading changed 2",
                        "recommendation/story-time-everywhere changed 1",
                        "statistic/children-read-to-daily changed 2",
                        "example/example-town-library changed 1",
                        "term/shared-reading withdrawn 0",
                        "site/site changed 1",
                    });

    const auto* iv = find_record(doc, "intervention", "shared-reading");
    REQUIRE(iv);
    CHECK((*iv)["changes"][0] == json{{"type", "rating-moved"},
                                      {"field", "ratings"},
                                      {"summary", "rating moved up from some to strong on example-scale (rank 2 → 3)"},
                                      {"scale", "example-scale"},
                                      {"from", "some"},
                                      {"to", "strong"},
                                      {"from_rank", 2},
                                      {"to_rank", 3},
                                      {"direction", "up"}});
    CHECK((*iv)["changes"][1]["type"] == "age-range");
    CHECK((*iv)["changes"][1]["field"] == "age_min_months");
    CHECK((*iv)["changes"][1]["from"] == "6 to 48 months");
    CHECK((*iv)["changes"][1]["to"] == "0 to 48 months");

    const auto* rec = find_record(doc, "recommendation", "story-time-everywhere");
    REQUIRE(rec);
    const auto& reworded = (*rec)["changes"][0];
    CHECK(reworded["type"] == "reworded");
    CHECK(reworded["field"] == "text");
    CHECK(reworded["from"] == "Every library should offer weekly story time for babies and toddlers. Example record.");
    CHECK(reworded["to"] ==
          "Every library should offer free weekly story time for babies, toddlers and their carers. Example record.");
    CHECK(reworded["words"][1] == json{{"op", "added"}, {"text", "free"}});

    const auto* st = find_record(doc, "statistic", "children-read-to-daily");
    REQUIRE(st);
    CHECK((*st)["changes"][0] == json{{"type", "value-updated"}, {"field", "value"}, {"summary", "value: 40 → 45"},
                                      {"from", "40"}, {"to", "45"}});
    CHECK((*st)["changes"][1]["field"] == "period");
    CHECK((*st)["changes"][1]["from"] == "2025");
    CHECK((*st)["changes"][1]["to"] == "2026");

    const auto* ex = find_record(doc, "example", "example-town-library");
    REQUIRE(ex);
    CHECK((*ex)["changes"][0]["added"] == json::array({"baby-rhyme-time"}));
    CHECK((*ex)["changes"][0]["removed"] == json::array());
}

TEST_CASE("diff with no changes says so and exits 0", "[diff]") {
    const auto r = run_sprout("diff old old", editions);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "No changes in meaning from old (edition 2026-01-01) to old (edition 2026-01-01).\n");
    const auto j = run_sprout("diff old old --format json", editions);
    CHECK(json::parse(j.out)["records"].empty());
}

TEST_CASE("diff --git compares revisions, and a revision with the working tree", "[diff][git]") {
    if (sh("git --version >/dev/null 2>&1") != 0) {
        WARN("git is not installed; skipped");
        return;
    }
    TempDir tmp;
    const auto repo = tmp.path() / "repo";
    const std::string git = "git -C '" + repo.string() + "' -c user.name=Test -c user.email=test@example.invalid ";
    fs::create_directories(repo / "toolkit");
    fs::copy(editions / "old" / "content", repo / "toolkit" / "content", fs::copy_options::recursive);
    REQUIRE(sh("git init -q '" + repo.string() + "'") == 0);
    REQUIRE(sh(git + "add -A && " + git + "commit -q -m old") == 0);
    fs::remove_all(repo / "toolkit" / "content");
    fs::copy(editions / "new" / "content", repo / "toolkit" / "content", fs::copy_options::recursive);
    REQUIRE(sh(git + "add -A && " + git + "commit -q -m new") == 0);

    // The same report as from folders, with the revisions as labels.
    auto expected = expected_text;
    expected.replace(expected.find("from old"), 8, "from HEAD~1");
    expected.replace(expected.find("to new"), 6, "to HEAD");
    auto r = run_sprout("diff --git HEAD~1 HEAD", repo / "toolkit");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == expected);

    // From a sub-folder's content folder and with --source, against the working tree.
    r = run_sprout("diff --git HEAD~1 --source toolkit/content", repo);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("to the working tree (edition 2026-07-01): 1 added, 1 withdrawn, 5 changed") != std::string::npos);

    r = run_sprout("diff --git no-such-rev", repo / "toolkit");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("'no-such-rev' is not a commit") != std::string::npos);
    r = run_sprout("diff --git --upload-pack=x", repo / "toolkit");
    CHECK(r.exit_code == 2);

    // A content error at a revision is reported with the revision in the path, exit 1.
    write(repo / "toolkit" / "content" / "statistics" / "children-read-to-daily.toml", "title = 3\n");
    REQUIRE(sh(git + "commit -q -am broken") == 0);
    r = run_sprout("diff --git HEAD~1 HEAD", repo / "toolkit");
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("HEAD has content errors") != std::string::npos);
    CHECK(r.err.find("HEAD:toolkit/content/statistics/children-read-to-daily.toml:1:") != std::string::npos);
}

TEST_CASE("diff exit codes: 1 for content errors in either edition, 2 for usage errors", "[diff][cli]") {
    TempDir tmp;
    fs::copy(editions / "old", tmp.path() / "bad", fs::copy_options::recursive);
    write(tmp.path() / "bad" / "content" / "interventions" / "shared-reading.toml", "name = \"x\"\n");
    auto r = run_sprout("diff '" + (editions / "old").string() + "' bad", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("sprout diff: bad has content errors:") != std::string::npos);
    CHECK(r.err.find("bad/content/interventions/shared-reading.toml:") != std::string::npos);

    CHECK(run_sprout("diff", editions).exit_code == 2);
    CHECK(run_sprout("diff old", editions).exit_code == 2);
    CHECK(run_sprout("diff old new --format xml", editions).exit_code == 2);
    CHECK(run_sprout("diff old new --git HEAD", editions).exit_code == 2);
    r = run_sprout("diff old /no/such/folder", editions);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("'/no/such/folder' is not a folder") != std::string::npos);
    r = run_sprout("diff --help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--git") != std::string::npos);
}

TEST_CASE("diff --format html writes a standalone accessible page", "[diff][html]") {
    const auto r = run_sprout("diff old new --format html", editions);
    REQUIRE(r.exit_code == 0);
    const auto& h = r.out;
    CHECK(h.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">", 0) == 0);
    CHECK(h.find("<title>What changed: Example toolkit: reading together in the early years</title>") != std::string::npos);
    CHECK(h.find("<h1>What changed</h1>") != std::string::npos);
    CHECK(h.find("<h2 id=\"changes-intervention\">Interventions</h2>") != std::string::npos);
    CHECK(h.find("<span class=\"status status-withdrawn\">withdrawn</span> Shared reading") != std::string::npos);
    CHECK(h.find("<ins><span class=\"visually-hidden\">[added: </span>free<span class=\"visually-hidden\">]</span></ins>") !=
          std::string::npos);
    CHECK(h.find("rating moved up from some to strong on example-scale (rank 2 → 3)") != std::string::npos);
    CHECK(h.find("<script") == std::string::npos);
}
