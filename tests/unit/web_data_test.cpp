// Open data and the search index: what is exported can be read back.
#include <catch2/catch.hpp>

#include "web/data_export.hpp"
#include "web_model.hpp"

using namespace sprout;
using nlohmann::json;

TEST_CASE("every record kind is exported as JSON that parses back", "[web][data]") {
    test::TempDir tmp;
    const auto m = test::web_model("Text, with \"quotes\"", "Line one\n\nLine two");
    const auto files = test::render_web(m, tmp.path());
    for (const auto& k : web::export_kinds(m)) {
        INFO(k.name);
        REQUIRE(files.count("data/" + k.name + ".json") == 1);
        REQUIRE(files.count("data/" + k.name + ".csv") == 1);
        const auto records = json::parse(files.at("data/" + k.name + ".json"));
        REQUIRE(records.is_array());
        CHECK(records.size() == k.count);
        for (const auto& r : records) CHECK(r.contains("id"));
        // Written record by record, the files are still exactly the whole array pretty-printed
        // and its CSV, so diffs between editions stay small and readable.
        CHECK(files.at("data/" + k.name + ".json") == records.dump(2, ' ', false) + "\n");
        CHECK(files.at("data/" + k.name + ".csv") == web::to_csv(records));
    }
    const auto interventions = json::parse(files.at("data/interventions.json"));
    const auto& vipp = interventions.at(1);
    CHECK(vipp.at("id") == "vipp");
    CHECK(vipp.at("age_max_months") == 24);
    CHECK(vipp.at("ratings").at(0).at("scale") == "review");
    CHECK(vipp.at("ratings").at(0).at("cite").at(1).at("via") == "doc");
    CHECK(vipp.at("delivery").at("settings").at(0) == "home");
    const auto site = json::parse(files.at("data/site.json"));
    CHECK(site.at("edition") == "2026-11-23");
}

TEST_CASE("CSV has a header of every field and quotes what needs quoting", "[web][data]") {
    const json records = json::parse(R"j([
        {"id": "b", "name": "Comma, and \"quote\"", "list": ["x", "y"], "cite": [{"source": "s"}], "n": 2},
        {"id": "a", "name": "=HYPERLINK(\"http://evil\")", "extra": null}
    ])j");
    const std::string csv = web::to_csv(records);
    CHECK(csv ==
          "id,cite,extra,list,n,name\r\n"
          "b,\"[{\"\"source\"\":\"\"s\"\"}]\",,x; y,2,\"Comma, and \"\"quote\"\"\"\r\n"
          "a,,,,,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n");
}

TEST_CASE("the search index has title, summary and body for each page", "[web][search]") {
    test::TempDir tmp;
    const auto files = test::render_web(test::web_model(), tmp.path());
    const auto index = json::parse(files.at("search-index.json"));
    REQUIRE(index.is_array());
    CHECK(files.at("search-index.json") == index.dump() + "\n");  // compact, one line
    bool found = false;
    for (const auto& e : index) {
        CHECK(e.contains("title"));
        CHECK(e.contains("summary"));
        CHECK(e.contains("body"));
        CHECK(files.count(e.at("url").get<std::string>()) == 1);  // every result is a page
        if (e.at("url") == "interventions/vipp.html") {
            found = true;
            CHECK(e.at("kind") == "Intervention");
            CHECK(e.at("summary") == "Some Markdown.");
            CHECK(e.at("body").get<std::string>().find("Plain text") != std::string::npos);
        }
    }
    CHECK(found);
    // The same index, as a script for pages opened from disk.
    const auto& js = files.at("assets/search-index.js");
    CHECK(json::parse(js.substr(27, js.size() - 29)) == index);
    CHECK(files.at("search.html").find("src=\"assets/search-index.js\"") != std::string::npos);
}
