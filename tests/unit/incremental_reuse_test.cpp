// What an incremental build may keep besides record pages (web/site.cpp): each kind's data
// export when none of its records is dirty, and the files made from page metadata (search
// index, sitemap, feed) when every page and its metadata are as the previous build recorded.
// Kept and rewritten files are byte-identical by design (the build-cache tests compare whole
// sites), so these decisions are tested where they are made.
#include <catch2/catch.hpp>

#include "web/builder.hpp"
#include "web/templates.hpp"
#include "web_model.hpp"

using namespace sprout;

namespace {

struct Pages {
    test::TempDir tmp;
    model::Model model = test::web_model();
    assets::Assets assets{tmp.path().string()};
    web::Templates templates{assets};
    output::Staging out{tmp.path() / "site"};
    web::Builder builder{model, templates, out};

    void page(const std::string& path, const std::string& title) {
        builder.page("about", path, nlohmann::json::object(), web::PageMeta(title, "", ""));
    }
};

web::Reuse previous(std::vector<std::pair<std::string, std::string>> pages, std::unordered_set<std::string> dirty) {
    web::Reuse r;
    r.dirty = std::move(dirty);
    std::vector<web::WrittenPage> written;
    for (const auto& [path, title] : pages) {
        web::WrittenPage w;
        w.path = path;
        w.meta = web::PageMeta(title, "", "");
        written.push_back(w);
    }
    r.set_previous(std::move(written));
    return r;
}

}  // namespace

TEST_CASE("A kind's data export is kept only when an incremental build has none of its records dirty") {
    Pages p;
    CHECK_FALSE(p.builder.folder_unchanged("interventions"));  // a full build keeps nothing
    auto reuse = previous({}, {"examples/town-library", "sources/doc"});
    p.builder.set_reuse(&reuse);
    CHECK(p.builder.folder_unchanged("interventions"));
    CHECK(p.builder.folder_unchanged("example"));  // a prefix of a folder is not the folder
    CHECK_FALSE(p.builder.folder_unchanged("examples"));
    CHECK_FALSE(p.builder.folder_unchanged("sources"));
    p.builder.finish();
}

TEST_CASE("Files made from page metadata are kept only when every page and its metadata are unchanged") {
    const std::vector<std::pair<std::string, std::string>> before = {{"a.html", "A"}, {"b.html", "B"}};
    const auto check = [&](const std::vector<std::pair<std::string, std::string>>& now) {
        Pages p;
        auto reuse = previous(before, {});
        p.builder.set_reuse(&reuse);
        for (const auto& [path, title] : now) p.page(path, title);
        p.builder.finish();
        return p.builder.same_pages_as_before();
    };
    CHECK(check(before));
    CHECK_FALSE(check({{"a.html", "A"}, {"b.html", "B renamed"}}));
    CHECK_FALSE(check({{"b.html", "B"}, {"a.html", "A"}}));  // the order is part of the index
    CHECK_FALSE(check({{"a.html", "A"}}));
    CHECK_FALSE(check({{"a.html", "A"}, {"b.html", "B"}, {"c.html", "C"}}));
    Pages full;  // no previous build
    full.page("a.html", "A");
    full.builder.finish();
    CHECK_FALSE(full.builder.same_pages_as_before());
}

TEST_CASE("Keeping every page but the dirty records' is all or nothing") {
    // The previous site has no files here, so no page can be kept: the builder must then record
    // no page at all, leaving every renderer to run as usual.
    Pages p;
    auto reuse = previous({{"a.html", "A"}, {"b.html", "B"}}, {"interventions/b"});
    p.builder.set_reuse(&reuse);
    bool rendered = false;
    CHECK_FALSE(p.builder.keep_all_pages_but({{"b.html", [&] { rendered = true; }}}));
    CHECK_FALSE(rendered);
    CHECK(p.builder.pages().empty());
    CHECK(p.builder.kept_pages().empty());
    p.builder.finish();
}
