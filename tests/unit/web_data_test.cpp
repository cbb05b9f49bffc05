// Open data and the search index: what is exported can be read back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <tuple>
#include <sys/stat.h>

#include "web/data_export.hpp"
#include "web/search_index.hpp"
#include "util/listing.hpp"
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

TEST_CASE("the search index squeezes each page's text and cuts it at 3,000 bytes, never inside a character", "[web][search]") {
    // What the index promises, written plainly: runs of blanks made one space, none at the
    // ends, then cut to 3,000 bytes and back to the last whole UTF-8 character.
    const auto expected = [](const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == '\n' || c == '\t' || c == '\r') c = ' ';
            if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
            out += c;
        }
        while (out.ends_with(' ')) out.pop_back();
        if (out.size() <= 3000) return out;
        out.resize(3000);
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        return out;
    };
    std::vector<std::string> bodies = {"", "   ", " one\t\ttwo\r\n three  ", std::string(2999, 'a') + "  b", std::string(3000, 'a') + " b"};
    for (std::size_t at = 2990; at < 3006; ++at) {
        bodies.push_back(std::string(at, 'x') + "   \n  " + std::string(50, 'y'));  // blanks across the cut
        bodies.push_back(std::string(at, 'x') + "\u00e9\u20ac more");            // two- and three-byte characters at the cut
        bodies.push_back(std::string(at, ' ') + std::string(3100, 'z'));        // leading blanks
        bodies.push_back(std::string(at, 'x') + "\u00e9 more");                  // a word ending at the cut
    }
    std::vector<web::WrittenPage> pages;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        web::PageMeta meta("Page " + std::to_string(i), "  a\n summary  ", "");
        meta.search_kind = "Page";
        meta.search_body = bodies[i];
        pages.push_back({"p" + std::to_string(i) + ".html", meta, 0, 0});
    }
    test::TempDir tmp;
    output::Staging out(tmp.path() / "site");
    web::write_search_index(pages, out);
    const auto index = json::parse(test::read(out.dir() / "search-index.json"));
    REQUIRE(index.size() == bodies.size());
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        INFO("body " << i);
        CHECK(index[i].at("body") == expected(bodies[i]));
        CHECK(index[i].at("summary") == "a summary");
    }
}

namespace {

// Each record's RecordHash, as a build would have it: here a version per id (1 unless set).
struct Versions {
    std::map<std::string, std::uint64_t> of;
    web::RecordHash hash() const {
        return [this](const model::Record& r) {
            const auto it = of.find(r.id);
            return it == of.end() ? 1 : it->second;
        };
    }
};

// Writes one kind's export into a fresh site at `dir` (replacing what is there, as a build
// does), from the files there now when `previous` is given. Returns the layout.
web::ExportLayout export_into(const std::filesystem::path& dir, const model::Model& m, const std::string& kind,
                              const Versions& v, const web::ExportLayout* previous = nullptr,
                              const output::Digests& was = {}) {
    output::Staging out(dir);
    out.reuse_from(was);
    const auto kinds = web::export_kinds(m);
    const auto k = std::find_if(kinds.begin(), kinds.end(), [&](const auto& e) { return e.name == kind; });
    REQUIRE(k != kinds.end());
    auto layout = web::write_data(m, *k, out, v.hash(), previous);
    // What the next edit checks the files against before it copies from them.
    const auto recorded = out.digests();
    CHECK(layout.json_hash == recorded.at("data/" + kind + ".json").hash);
    CHECK(layout.csv_hash == recorded.at("data/" + kind + ".csv").hash);
    out.commit();
    return layout;
}

// `spliced` with the files' hashes of `written`: a file with copied ranges has a hash naming
// them (output::Staging::Stream::copy_from), not the hash of the same bytes written whole.
web::ExportLayout hashes_of(web::ExportLayout spliced, const web::ExportLayout& written) {
    spliced.json_hash = written.json_hash;
    spliced.csv_hash = written.csv_hash;
    return spliced;
}

output::Digests digests_of(const std::filesystem::path& dir, const std::string& kind) {
    output::Digests d;
    for (const auto* ext : {".json", ".csv"}) {
        const std::string rel = "data/" + kind + ext, data = test::read(dir / rel);
        struct stat st {};
        REQUIRE(::stat((dir / rel).c_str(), &st) == 0);
        d[rel] = {output::file_hash(data), data.size(), util::mtime_ns(st)};
    }
    return d;
}

}  // namespace

TEST_CASE("an export rebuilt after an edit copies the unchanged records and equals one written whole", "[web][data]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", whole = tmp.path() / "whole";
    const auto before = test::web_model();
    Versions v;
    const auto first = export_into(site, before, "interventions", v);
    REQUIRE(first.records.size() == before.interventions.size());
    CHECK(first.records.at(0).json_end > first.json_start);
    CHECK(first.records.back().json_end + 3 == test::read(site / "data/interventions.json").size());  // then "\n]\n"
    CHECK(first.records.back().csv_end == test::read(site / "data/interventions.csv").size());

    for (std::size_t changed = 0; changed < before.interventions.size(); ++changed) {
        INFO("changed record " << changed);
        export_into(site, before, "interventions", v);
        auto after = before;
        after.interventions[changed].summary = "Changed, with a \"quote\" and a\nnew line";
        Versions edited = v;
        edited.of[after.interventions[changed].id] = 2;
        const auto spliced = export_into(site, after, "interventions", edited, &first, digests_of(site, "interventions"));
        const auto written = export_into(whole, after, "interventions", edited);
        CHECK(test::read(site / "data/interventions.json") == test::read(whole / "data/interventions.json"));
        CHECK(test::read(site / "data/interventions.csv") == test::read(whole / "data/interventions.csv"));
        CHECK(hashes_of(spliced, written) == written);
    }
}

TEST_CASE("a spliced export takes unchanged records' bytes from the previous files, and only when it can trust them", "[web][data]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    const auto before = test::web_model();
    Versions v;
    auto after = before;
    after.interventions[0].summary = "Not in the files: its record's hash says it did not change";
    after.interventions[1].summary = "Changed";
    Versions edited = v;
    edited.of[after.interventions[1].id] = 2;
    const auto shows_stale = [&] { return test::read(site / "data/interventions.json").find("Not in the files") == std::string::npos; };

    // The record whose hash is unchanged is copied, so the (untrue) change is not seen.
    auto layout = export_into(site, before, "interventions", v);
    export_into(site, after, "interventions", edited, &layout, digests_of(site, "interventions"));
    CHECK(shows_stale());
    CHECK(test::read(site / "data/interventions.json").find("Changed") != std::string::npos);

    SECTION("a previous file changed since it was written is not trusted") {
        layout = export_into(site, before, "interventions", v);
        const auto recorded = digests_of(site, "interventions");
        {
            std::ofstream f(site / "data/interventions.csv", std::ios::app);
            f << "edited by hand\r\n";
        }
        export_into(site, after, "interventions", edited, &layout, recorded);
        CHECK_FALSE(shows_stale());
    }
    SECTION("a layout of other files is not used") {
        layout = export_into(site, before, "interventions", v);
        auto other = layout;
        other.json_hash ^= 1;
        export_into(site, after, "interventions", edited, &other, digests_of(site, "interventions"));
        CHECK_FALSE(shows_stale());
    }
    SECTION("records in another order, or another number of them, are all made again") {
        layout = export_into(site, before, "interventions", v);
        auto swapped = layout;
        std::swap(swapped.records[0].id, swapped.records[1].id);
        export_into(site, after, "interventions", edited, &swapped, digests_of(site, "interventions"));
        CHECK_FALSE(shows_stale());
        layout = export_into(site, before, "interventions", v);
        auto fewer = layout;
        fewer.records.pop_back();
        export_into(site, after, "interventions", edited, &fewer, digests_of(site, "interventions"));
        CHECK_FALSE(shows_stale());
    }
    SECTION("a record without a known hash is made again") {
        layout = export_into(site, before, "interventions", v);
        Versions unknown = edited;
        unknown.of[after.interventions[0].id] = 0;
        export_into(site, after, "interventions", unknown, &layout, digests_of(site, "interventions"));
        CHECK_FALSE(shows_stale());
    }
}

namespace {

// Pages as a build records them, their search_hash made as the Builder makes it.
std::vector<web::WrittenPage> search_pages(const std::vector<std::tuple<std::string, std::string, std::string>>& specs) {
    std::vector<web::WrittenPage> pages;
    for (const auto& [path, summary, body] : specs) {
        web::PageMeta meta("Title of " + path, summary, "");
        meta.search_kind = path.starts_with("hidden") ? "" : "Page";
        meta.search_body = body;
        web::WrittenPage p{path, meta, 0, 0};
        if (!meta.search_kind.empty()) p.search_hash = web::search_entry_hash(path, p.meta);
        pages.push_back(std::move(p));
    }
    return pages;
}

// Writes the search index into a fresh site at `dir` (replacing it, as a build does), from the
// file there now when `previous` is given. Returns the layout.
web::ExportLayout index_into(const std::filesystem::path& dir, const std::vector<web::WrittenPage>& pages,
                             const web::ExportLayout* previous = nullptr) {
    output::Digests was;
    for (const auto* rel : {"search-index.json", "assets/search-index.js"}) {
        struct stat st {};
        if (::stat((dir / rel).c_str(), &st) != 0) continue;
        const auto data = test::read(dir / rel);
        was[rel] = {output::file_hash(data), data.size(), util::mtime_ns(st)};
    }
    output::Staging out(dir);
    out.reuse_from(was);
    auto layout = web::write_search_index(pages, out, previous);
    CHECK(layout.json_hash == out.digests().at("search-index.json").hash);
    out.commit();
    return layout;
}

}  // namespace

TEST_CASE("a search index rebuilt after edits copies unchanged entries and equals one written whole", "[web][search]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site", whole = tmp.path() / "whole";
    const std::vector<std::tuple<std::string, std::string, std::string>> base = {
        {"a.html", "first", "alpha body"}, {"hidden.html", "not searched", "x"}, {"b.html", "second \"quoted\"", "beta\tbody"},
        {"c.html", "third", std::string(3100, 'c')}, {"d.html", "fourth", "caf\u00e9"}, {"e.html", "fifth", ""}};
    using Edit = std::function<void(std::vector<std::tuple<std::string, std::string, std::string>>&)>;
    const std::vector<std::pair<std::string, Edit>> edits = {
        {"first changed", [](auto& s) { std::get<1>(s[0]) = "changed"; }},
        {"middle changed", [](auto& s) { std::get<2>(s[3]) = "changed body"; }},
        {"last changed", [](auto& s) { std::get<1>(s.back()) = "changed"; }},
        {"first removed", [](auto& s) { s.erase(s.begin()); }},
        {"middle removed", [](auto& s) { s.erase(s.begin() + 2); }},
        {"added first", [](auto& s) { s.insert(s.begin(), {"new.html", "new", "new body"}); }},
        {"added last", [](auto& s) { s.push_back({"new.html", "new", "new body"}); }},
        {"reordered", [](auto& s) { std::reverse(s.begin(), s.end()); }},
        {"nothing", [](auto&) {}},
        {"all changed", [](auto& s) { for (auto& p : s) std::get<1>(p) += "!"; }},
    };
    for (const auto& [name, edit] : edits) {
        INFO(name);
        const auto first = index_into(site, search_pages(base));
        CHECK(first.records.size() == 5);
        auto specs = base;
        edit(specs);
        const auto pages = search_pages(specs);
        const auto spliced = index_into(site, pages, &first);
        const auto written = index_into(whole, pages);
        CHECK(test::read(site / "search-index.json") == test::read(whole / "search-index.json"));
        CHECK(test::read(site / "assets/search-index.js") == test::read(whole / "assets/search-index.js"));
        CHECK(hashes_of(spliced, written) == written);
    }
}

TEST_CASE("a spliced search index copies entries by what they were made from, and only from a file it can trust", "[web][search]") {
    test::TempDir tmp;
    const auto site = tmp.path() / "site";
    const auto before = search_pages({{"a.html", "one", "body"}, {"b.html", "two", "body"}});
    auto after = before;
    // Not in the file: its search_hash says it did not change, so its old entry is copied.
    after[0].meta.description = "Not in the file";
    after[1].meta.description = "Changed";
    after[1].search_hash = web::search_entry_hash(after[1].path, after[1].meta);
    const auto copied = [&] { return test::read(site / "search-index.json").find("Not in the file") == std::string::npos; };

    auto layout = index_into(site, before);
    index_into(site, after, &layout);
    CHECK(copied());
    CHECK(test::read(site / "search-index.json").find("Changed") != std::string::npos);

    SECTION("a previous file changed since it was written") {
        layout = index_into(site, before);
        {
            std::ofstream f(site / "search-index.json", std::ios::app);
            f << " ";
        }
        index_into(site, after, &layout);
        CHECK_FALSE(copied());
    }
    SECTION("a layout of another file") {
        layout = index_into(site, before);
        auto other = layout;
        other.json_hash ^= 1;
        index_into(site, after, &other);
        CHECK_FALSE(copied());
    }
    SECTION("a page without a known hash") {
        layout = index_into(site, before);
        after[0].search_hash = 0;
        index_into(site, after, &layout);
        CHECK_FALSE(copied());
    }
}
