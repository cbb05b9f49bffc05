// The incremental build cache (build/cache.hpp): whatever happened since the last build, an
// incremental build must give byte for byte the site a clean build gives.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include "build/build.hpp"
#include "build/cache.hpp"
#include "build/incremental.hpp"
#include "check/checker.hpp"
#include "support.hpp"
#include "util/allocator.hpp"
#include "util/hash_mix.hpp"

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace fs = std::filesystem;
using namespace sprout;
using namespace sprout::test;

namespace {

struct Fixture {
    TempDir tmp;
    fs::path tk = tmp.path() / "tk";
    fs::path site = tmp.path() / "site";        // built incrementally throughout
    fs::path clean = tmp.path() / "clean-site";  // built from scratch to compare with

    // Set: incremental builds of `site` go through it, as `sprout serve`'s do.
    std::unique_ptr<build::Session> session;
    bool site_first = false;  // Options::site_first, as `sprout serve` sets it

    Fixture() { write_starter(tk); }

    // The build's log; with `rc`, its exit code goes there instead of being required to be 0.
    std::string build(const fs::path& out, bool incremental, int* rc = nullptr) {
        std::string err;
        const auto toolkit = load::locate(tk.string(), err);
        REQUIRE(toolkit);
        build::Options o;
        o.out_dir = out.string();
        o.incremental = incremental;
        o.site_first = site_first;
        build::Session* in = incremental && out == site ? session.get() : nullptr;
        o.update_in_place = in != nullptr;  // as `sprout serve` builds
        std::ostringstream log;
        const int code = build::run(*toolkit, o, log, in);
        if (rc) *rc = code;
        else REQUIRE(code == 0);
        return log.str();
    }

    // Builds incrementally, then from scratch, and requires the two sites to be identical.
    std::string build_and_compare() {
        const std::string log = build(site, true);
        fs::remove_all(clean);
        build(clean, false);
        REQUIRE(snapshot(site) == snapshot(clean));
        return log;
    }
};

// Puts "Renamed " at the start of the value of `field = "..."` in a record file.
void rename_in(const fs::path& file, const std::string& field) {
    std::string text = "\n" + read(file);
    const std::string key = "\n" + field + " = \"";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.insert(at + key.size(), "Renamed ");
    write(file, text.substr(1));
}

// Puts "Reworded. " at the start of a record's description (a multi-line string).
void reword_description(const fs::path& file) {
    std::string text = read(file);
    const std::string key = "\ndescription = \"\"\"\n";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.insert(at + key.size(), "Reworded. ");
    write(file, text);
}

// The toolkit's copy of the bundled content, for tests where the real links between records matter.
void use_bundled_content(const Fixture& f) {
    fs::remove_all(f.tk / "content");
    fs::copy(fs::path(SPROUT_SOURCE_DIR) / "content", f.tk / "content", fs::copy_options::recursive);
}

// What a check found, as a build prints it.
std::string messages(const check::Result& r) {
    std::string out;
    for (const auto& d : r.diags.all()) out += format_text(d) + "\n";
    return out;
}

}  // namespace

TEST_CASE("a rebuild with nothing changed is a no-op that leaves the site as it was", "[build-cache]") {
    Fixture f;
    f.build_and_compare();
    const auto before = snapshot(f.site);
    const auto log = f.build(f.site, true);
    CHECK(log.find("is up to date") != std::string::npos);
    CHECK(snapshot(f.site) == before);
}

TEST_CASE("touching a file without changing it is still a no-op", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    write(rec, read(rec));
    CHECK(f.build(f.site, true).find("is up to date") != std::string::npos);
}

TEST_CASE("after a record edit the incremental build equals a clean build and reuses unchanged files",
          "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    std::string text = read(rec);
    const auto at = text.find("Carers and children");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, "Parents");
    write(rec, text);
    const auto log = f.build_and_compare();
    CHECK(log.find("is up to date") == std::string::npos);
    CHECK(read(f.site / "interventions/shared-reading.html").find("Parents and children") != std::string::npos);
    CHECK(log.find(" unchanged, linked from the previous site") != std::string::npos);
    CHECK(log.find("(0 unchanged") == std::string::npos);  // theme files at least were reused
}

TEST_CASE("after a record is deleted the incremental build equals a clean build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    REQUIRE(fs::exists(f.site / "examples/example-town-library.html"));
    fs::remove(f.tk / "content/examples/example-town-library.toml");
    f.build_and_compare();
    CHECK_FALSE(fs::exists(f.site / "examples/example-town-library.html"));
}

TEST_CASE("after a template changes the incremental build equals a clean build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const std::string layout = read(fs::path(SPROUT_SOURCE_DIR) / "templates/layout.mustache");
    write(f.tk / "templates/layout.mustache", layout + "<!-- changed layout -->\n");
    f.build_and_compare();
    CHECK(read(f.site / "index.html").find("<!-- changed layout -->") != std::string::npos);
    // And back to the built-in template.
    fs::remove(f.tk / "templates/layout.mustache");
    f.build_and_compare();
    CHECK(read(f.site / "index.html").find("<!-- changed layout -->") == std::string::npos);
}

TEST_CASE("after one page template changes only the pages using it render again", "[build-cache][incremental]") {
    Fixture f;
    f.build(f.site, true);
    const std::string source = read(fs::path(SPROUT_SOURCE_DIR) / "templates/source.mustache");
    write(f.tk / "templates/source.mustache", source);  // the toolkit's own copy, same text
    f.build_and_compare();                               // a new input file: a full render
    write(f.tk / "templates/source.mustache", source + "<!-- changed source template -->\n");
    const std::string log = f.build_and_compare();
    INFO(log);
    std::size_t source_pages = 0;
    for (const auto& e : fs::directory_iterator(f.site / "sources"))
        if (e.path().filename() != "index.html" && e.path().extension() == ".html") {
            ++source_pages;
            CHECK(read(e.path()).find("<!-- changed source template -->") != std::string::npos);
        }
    REQUIRE(source_pages > 0);
    CHECK(log.find("(" + std::to_string(source_pages) + " of ") != std::string::npos);
    CHECK(read(f.site / "sources/index.html").find("<!-- changed source template -->") == std::string::npos);
}

TEST_CASE("a site changed by hand is rebuilt, never reused or trusted", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    // Same size, different bytes: only the mtime tells.
    std::string index = read(f.site / "index.html");
    index[index.size() / 2] = index[index.size() / 2] == 'x' ? 'y' : 'x';
    write(f.site / "index.html", index);
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);

    fs::remove(f.site / "interventions/shared-reading.html");
    f.build_and_compare();
}

TEST_CASE("successive edits start from the files the last build left in place, and each equals a clean build",
          "[build-cache][spare]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path spare = build::spare_path(f.site);
    CHECK_FALSE(fs::exists(spare));  // a build from nothing shares nothing with the site before
    const fs::path intervention = f.tk / "content/interventions/shared-reading.toml";
    rename_in(intervention, "name");
    CHECK(f.build_and_compare().find("linked from the previous site") != std::string::npos);
    REQUIRE(fs::exists(spare));
    // Each of these starts from what the one before left: only its newly written files are linked.
    rename_in(intervention, "name");
    CHECK(f.build_and_compare().find("already in place from the last build") != std::string::npos);
    rename_in(f.tk / "content/examples/example-town-library.toml", "name");
    CHECK(f.build_and_compare().find("already in place from the last build") != std::string::npos);
    fs::remove(f.tk / "content/examples/example-town-library.toml");
    CHECK(f.build_and_compare().find("already in place from the last build") != std::string::npos);
    // Every page written again: the spare then holds the theme files alone.
    write(f.tk / "templates/layout.mustache", read(fs::path(SPROUT_SOURCE_DIR) / "templates/layout.mustache") + "<!-- x -->\n");
    f.build_and_compare();
    fs::remove(f.tk / "templates/layout.mustache");
    CHECK(f.build_and_compare().find("already in place from the last build") != std::string::npos);
    // A clean build ignores the spare and leaves none.
    f.build(f.site, false);
    CHECK_FALSE(fs::exists(spare));
    CHECK(snapshot(f.site) == snapshot(f.clean));
}

TEST_CASE("edits to the bundled content rebuild only some pages and give the clean build's site byte for byte",
          "[build-cache][incremental]") {
    // The real content, whose records cite and link each other richly, is where a missed
    // dependency would show: each round renames well-linked records (names and titles appear on
    // the most other pages) and must still equal a clean build.
    Fixture f;
    use_bundled_content(f);
    f.build(f.site, true);
    // Two rounds, each a full and an incremental build of 972 records and 47 briefs: enough to
    // cover every kind whose pages may be kept, and affordable under the sanitizers in CI.
    const std::vector<std::vector<std::pair<std::string, std::string>>> rounds = {
        {{"interventions/video-feedback", "name"}, {"statistics/ace-study-types-of-adversity", "title"}},
        {{"sources/001_2f4fb0abfb1cbd4d", "title"},
         {"recommendations/rcpsych-rec-7-co-production-with-lived-experience", "title"},
         {"examples/sunderland-infant-programme", "name"}},
    };
    for (const auto& round : rounds) {
        for (const auto& [record, field] : round) rename_in(f.tk / "content" / (record + ".toml"), field);
        const std::string log = f.build_and_compare();
        INFO(log);
        // "rendered the website in N ms (R of T pages; the rest unchanged)" with R < T.
        const auto at = log.find(" pages; the rest unchanged)");
        REQUIRE(at != std::string::npos);
        const auto open = log.rfind('(', at);
        const auto of = log.find(" of ", open);
        const long rendered = std::stol(log.substr(open + 1, of - open - 1));
        const long total = std::stol(log.substr(of + 4, at - of - 4));
        CHECK(rendered > 0);
        CHECK(rendered < total / 2);
    }
    CHECK(read(f.site / "interventions/video-feedback.html").find("Renamed Video feedback") != std::string::npos);
}

TEST_CASE("descriptions edited alone give the clean build's site byte for byte", "[build-cache][incremental]") {
    // Only the records' own pages, their search entries and their kinds' data exports show a
    // description (web/own_page_fields.hpp): the rebuild keeps every other page and brief
    // unrendered, which a description shown anywhere else would make differ from a clean build.
    Fixture f;
    use_bundled_content(f);
    f.build(f.site, true);
    reword_description(f.tk / "content/interventions/video-feedback.toml");
    reword_description(f.tk / "content/examples/sunderland-infant-programme.toml");
    const std::string log = f.build_and_compare();
    INFO(log);
    CHECK(log.find("(2 of ") != std::string::npos);
    for (const char* file : {"interventions/video-feedback.html", "examples/sunderland-infant-programme.html",
                             "data/interventions.json", "data/examples.json", "search-index.json"})
        CHECK(read(f.site / file).find("Reworded.") != std::string::npos);
}

TEST_CASE("an edit rebuild keeps every other page unrendered only when descriptions alone changed",
          "[build-cache][incremental]") {
    Fixture f;
    use_bundled_content(f);
    const fs::path source_template = f.tk / "templates/source.mustache";
    write(source_template, read(fs::path(SPROUT_SOURCE_DIR) / "templates/source.mustache"));
    f.build(f.site, true);
    // What the next build would plan, from the cache the first build left.
    const auto plan = [&] {
        std::string err;
        const auto tk = load::locate(f.tk.string(), err);
        REQUIRE(tk);
        auto previous = build::load_manifest(build::cache_path(f.site));
        REQUIRE(previous);
        REQUIRE(build::read_pages(*previous));
        build::Manifest next;
        next.key = previous->key;
        next.inputs = build::scan_inputs(build::input_roots(*tk), &*previous, next.scanned_at_ns);
        auto checked = check::run(*tk, {});
        REQUIRE(checked.model);
        auto reuse = build::plan_reuse(*previous, next, checked.references, *checked.model, *tk);
        REQUIRE(reuse);
        CHECK(next.shown_elsewhere == web::shown_elsewhere_hashes(*checked.model));
        return std::move(*reuse);
    };
    const fs::path record = f.tk / "content/interventions/video-feedback.toml";
    reword_description(record);
    auto reuse = plan();
    CHECK(reuse.own_pages_only);
    CHECK(reuse.dirty == std::unordered_set<std::string>{"interventions/video-feedback"});

    write(source_template, read(source_template) + "<!-- changed -->\n");  // a page template too
    CHECK_FALSE(plan().own_pages_only);
    write(source_template, read(fs::path(SPROUT_SOURCE_DIR) / "templates/source.mustache"));

    rename_in(record, "name");  // the name is in every list that shows it
    reuse = plan();
    CHECK_FALSE(reuse.own_pages_only);
    CHECK(reuse.dirty.size() > 1);  // and the pages of the records that show it
}

TEST_CASE("adding a record or changing another kind renders everything, and still equals a clean build",
          "[build-cache][incremental]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    write(f.tk / "content/interventions/shared-reading-copy.toml", read(rec));
    std::string log = f.build_and_compare();
    CHECK(log.find("the rest unchanged") == std::string::npos);
    log = f.build_and_compare();  // nothing changed: a no-op
    CHECK(log.find("is up to date") != std::string::npos);
    rename_in(fs::directory_iterator(f.tk / "content/audiences")->path(), "name");
    log = f.build_and_compare();
    CHECK(log.find("the rest unchanged") == std::string::npos);
}

TEST_CASE("a serve session's rebuilds read only changed records and equal clean builds", "[build-cache][session]") {
    // `sprout serve` keeps each record file's check and the cache between rebuilds
    // (build::Session). Whatever changed, what it builds must be what a clean build gives.
    Fixture f;
    f.session = std::make_unique<build::Session>();
    f.build(f.site, true);
    CHECK(f.session->checked.reused() == 0);
    std::size_t records = 0;
    for (const auto& e : fs::recursive_directory_iterator(f.tk / "content")) records += e.is_regular_file();
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    const std::string original = read(rec);

    rename_in(rec, "summary");
    const auto log = f.build_and_compare();
    CHECK(f.session->checked.reused() == records - 1);
    CHECK(read(f.site / "interventions/shared-reading.html").find("Renamed Carers") != std::string::npos);
    // It reports what it wrote as any build does: every file of the site.
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(f.site)) files += e.is_regular_file();
    CHECK(log.find("wrote " + std::to_string(files) + " files (") != std::string::npos);

    rename_in(rec, "name");  // shown in lists too
    f.build_and_compare();
    CHECK(f.session->checked.reused() == records - 1);

    // A record with an error leaves the model; fixed, it comes back.
    write(rec, original + "\nno_such_field = 1\n");
    int rc = 0;
    const auto failed = f.build(f.site, true, &rc);
    CHECK(rc == 1);
    CHECK(failed.find("no_such_field") != std::string::npos);
    write(rec, original);
    f.build_and_compare();
    CHECK(read(f.site / "interventions/shared-reading.html").find("Renamed") == std::string::npos);

    // Records added and deleted, and the site's own record changed.
    write(f.tk / "content/interventions/shared-reading-copy.toml", original);
    f.build_and_compare();
    CHECK(fs::exists(f.site / "interventions/shared-reading-copy.html"));
    fs::remove(f.tk / "content/interventions/shared-reading-copy.toml");
    fs::remove(f.tk / "content/examples/example-town-library.toml");
    f.build_and_compare();
    CHECK_FALSE(fs::exists(f.site / "interventions/shared-reading-copy.html"));
    CHECK_FALSE(fs::exists(f.site / "examples/example-town-library.html"));
    rename_in(f.tk / "content/site.toml", "title");
    f.build_and_compare();
    CHECK(read(f.site / "index.html").find("Renamed ") != std::string::npos);

    // A record others cite, deleted: the unchanged records that name it are wrong now.
    const fs::path source = f.tk / "content/sources/example-review.toml";
    const std::string cited = read(source);
    fs::remove(source);
    const auto broken = f.build(f.site, true, &rc);
    CHECK(rc == 1);
    CHECK(broken.find("shared-reading.toml") != std::string::npos);
    CHECK(broken.find("no Source with id 'example-review'") != std::string::npos);
    write(source, cited);
    f.build_and_compare();

    // Another build of the same site outside the session: the session reads the cache that one
    // wrote rather than trusting its own (which would take the edit as still to be built).
    rename_in(rec, "summary");
    auto elsewhere = std::move(f.session);
    elsewhere->wait_for_cache();  // as another process would find it
    f.build(f.site, true);
    f.session = std::move(elsewhere);
    CHECK(f.build(f.site, true).find("is up to date") != std::string::npos);
    rename_in(rec, "name");
    f.build_and_compare();
}

TEST_CASE("a serve session told which files changed looks at those alone", "[build-cache][session]") {
    // `sprout serve` passes on what its watcher saw (Session::inputs_changed); only those
    // inputs are looked at again. What it builds must still be what a clean build gives.
    Fixture f;
    f.session = std::make_unique<build::Session>();
    f.session->watched = true;
    f.build(f.site, true);
    REQUIRE(f.session->changed_inputs);  // known from the first build on: nothing yet
    const auto path = [](const fs::path& p) { return fs::absolute(p).lexically_normal().string(); };
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    // Not told of an edit, the session trusts its watcher: nothing changed.
    rename_in(rec, "summary");
    CHECK(f.build(f.site, true).find("is up to date") != std::string::npos);
    f.session->inputs_changed({path(rec)});
    f.build_and_compare();
    CHECK(read(f.site / "interventions/shared-reading.html").find("Renamed Carers") != std::string::npos);

    // A file added, one deleted, and a name that came and went (an editor's temporary file).
    const fs::path copy = f.tk / "content/interventions/shared-reading-copy.toml";
    const fs::path example = f.tk / "content/examples/example-town-library.toml";
    write(copy, read(rec));
    fs::remove(example);
    f.session->inputs_changed({path(copy), path(example), path(f.tk / "content/interventions/.#draft.toml")});
    f.build_and_compare();
    CHECK(fs::exists(f.site / "interventions/shared-reading-copy.html"));
    CHECK_FALSE(fs::exists(f.site / "examples/example-town-library.html"));

    // What it was told accumulates over a failed build, which leaves the cache as it was.
    write(copy, read(copy) + "\nno_such_field = 1\n");
    f.session->inputs_changed({path(copy)});
    int rc = 0;
    f.build(f.site, true, &rc);
    CHECK(rc == 1);
    fs::remove(copy);
    rename_in(rec, "name");
    f.session->inputs_changed({path(rec)});
    f.build_and_compare();
    CHECK_FALSE(fs::exists(f.site / "interventions/shared-reading-copy.html"));

    // A file added by a build that failed, then deleted: the files are those of the last good
    // build again, but not those the check last listed.
    const fs::path broken = f.tk / "content/interventions/broken-copy.toml";
    write(broken, read(rec) + "\nno_such_field = 1\n");
    f.session->inputs_changed({path(broken)});
    f.build(f.site, true, &rc);
    CHECK(rc == 1);
    fs::remove(broken);
    f.session->inputs_changed({path(broken)});
    f.build_and_compare();
    // An edit alone, after that.
    rename_in(rec, "summary");
    f.session->inputs_changed({path(rec)});
    f.build_and_compare();

    // Not known (lost events, a folder moved): every input is looked at.
    rename_in(rec, "summary");
    f.session->inputs_unknown();
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);

    // A record reached through a link: the watcher names the file linked to, not the link.
    const fs::path target = f.tk / "content/interventions/.linked-target.toml";
    write(target, read(rec));
    fs::create_symlink(target.filename(), f.tk / "content/interventions/linked-reading.toml");
    f.session->inputs_changed({path(target), path(f.tk / "content/interventions/linked-reading.toml")});
    f.build_and_compare();
    rename_in(target, "name");
    f.session->inputs_changed({path(target)});
    f.build_and_compare();
    CHECK(read(f.site / "interventions/linked-reading.html").find("Renamed Renamed") != std::string::npos);
}

TEST_CASE("briefs, exports and the search index left for later follow the site, and are never kept stale", "[build-cache][session]") {
    Fixture f;
    f.session = std::make_unique<build::Session>();
    f.site_first = true;
    const auto write_the_rest = [&] {
        std::string err;
        const auto tk = load::locate(f.tk.string(), err);
        REQUIRE(tk);
        build::Options o;
        o.out_dir = f.site.string();
        o.update_in_place = true;
        std::ostringstream log;
        REQUIRE(build::write_pending(*tk, o, log, *f.session) == 0);
        CHECK_FALSE(f.session->pending);
        fs::remove_all(f.clean);
        f.build(f.clean, false);
        REQUIRE(snapshot(f.site) == snapshot(f.clean));
    };
    const fs::path brief = f.site / "briefs/example-nation-library-leaders.html";
    const fs::path exported = f.site / "data/interventions.json";
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    const fs::path example = f.tk / "content/examples/example-town-library.toml";
    for (const auto& file : {rec, example})
        write(file, "# A description: shown on its own page only.\ndescription = \"\"\"\nThe sessions.\n\"\"\"\n" + read(file));
    f.build(f.site, true);  // no previous site: everything is written at once
    CHECK_FALSE(f.session->pending);
    REQUIRE(read(brief).find("Shared reading") != std::string::npos);

    rename_in(rec, "name");  // the briefs list it
    f.build(f.site, true);
    REQUIRE(f.session->pending);
    CHECK(read(f.site / "interventions/shared-reading.html").find("Renamed Shared reading") != std::string::npos);
    CHECK(read(brief).find("Renamed Shared reading") == std::string::npos);  // not yet
    CHECK(read(exported).find("Renamed Shared reading") == std::string::npos);
    CHECK(read(f.site / "search-index.json").find("Renamed Shared reading") == std::string::npos);
    write_the_rest();
    CHECK(read(brief).find("Renamed Shared reading") != std::string::npos);
    CHECK(read(exported).find("Renamed Shared reading") != std::string::npos);
    CHECK(read(f.site / "search-index.json").find("Renamed Shared reading") != std::string::npos);

    // An edit only its own page shows keeps every brief as it is; the export follows.
    reword_description(rec);
    f.build(f.site, true);
    REQUIRE(f.session->pending);
    CHECK(f.session->pending->keep == brief::Keep::All);
    CHECK(read(exported).find("Reworded.") == std::string::npos);
    write_the_rest();
    CHECK(read(exported).find("Reworded.") != std::string::npos);

    // Files left for later and never written, then a failed build, then an edit of another
    // kind's own page: what was left is stale all the same (though nothing of its kind
    // changed), and once written the site is a clean build's.
    rename_in(rec, "name");
    f.build(f.site, true);
    REQUIRE(f.session->pending);
    const std::string renamed = read(rec);
    write(rec, renamed + "\nno_such_field = 1\n");
    int rc = 0;
    f.build(f.site, true, &rc);
    CHECK(rc == 1);
    CHECK(f.session->pending);  // still stale
    write(rec, renamed);
    reword_description(example);  // no intervention's page, nor their export, shows it
    f.build(f.site, true);
    REQUIRE(f.session->pending);
    CHECK(f.session->pending->later.exports.count("interventions"));
    write_the_rest();

    // Without a session's later step everything is written at once, as ever.
    f.site_first = false;
    rename_in(rec, "name");
    f.build_and_compare();
    CHECK_FALSE(f.session->pending);

    // The server stopped before the rest was written: the cache it left is no build's idea of
    // an up-to-date site.
    f.site_first = true;
    rename_in(rec, "name");
    f.build(f.site, true);
    REQUIRE(f.session->pending);
    f.session.reset();
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);
}

TEST_CASE("a missing or damaged cache means a full build", "[build-cache]") {
    Fixture f;
    f.build(f.site, true);
    const fs::path cache = build::cache_path(f.site);
    REQUIRE(fs::exists(cache));
    std::string text = read(cache);
    write(cache, text.substr(0, text.size() / 2));
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);
    fs::remove(cache);
    CHECK(f.build_and_compare().find("is up to date") == std::string::npos);
    CHECK(fs::exists(cache));
}

// The number in "checked N records in T ms (R unchanged since the last build, not read again)":
// R, or -1 without that part.
long reused_in(const std::string& log) {
    const auto at = log.find(" unchanged since the last build, not read again)");
    if (at == std::string::npos) return -1;
    const auto open = log.rfind('(', at);
    return std::stol(log.substr(open + 1, at - open - 1));
}

TEST_CASE("a build reads only the record files changed since the last, and equals a clean build", "[build-cache][memo]") {
    // The last build's check, kept in its file beside the cache, gives what every other file held.
    Fixture f;
    use_bundled_content(f);
    // A build without a cache makes no memo (nothing may read it again); the next build makes it.
    f.build(f.site, true);
    CHECK_FALSE(fs::exists(build::check_memo_path(f.site)));
    rename_in(f.tk / "content/recommendations/rcpsych-rec-7-co-production-with-lived-experience.toml", "title");
    CHECK(reused_in(f.build(f.site, true)) == -1);
    REQUIRE(fs::exists(build::check_memo_path(f.site)));
    rename_in(f.tk / "content/interventions/video-feedback.toml", "name");
    reword_description(f.tk / "content/examples/sunderland-infant-programme.toml");
    fs::remove(f.tk / "content/statistics/ace-study-types-of-adversity.toml");
    const std::string log = f.build_and_compare();
    INFO(log);
    // "checked N records": the two edited ones were read, and the deleted one is gone.
    const auto at = log.find("checked ");
    REQUIRE(at == 0);
    CHECK(reused_in(log) == std::stol(log.substr(8)) - 2);
    CHECK(read(f.site / "interventions/video-feedback.html").find("Renamed Video feedback") != std::string::npos);
}

TEST_CASE("a check as the last build ran it reads only the files changed since, and finds what a whole check finds",
          "[build-cache][memo]") {
    // `sprout brief` checks through the memo the last `sprout build` of the site left.
    Fixture f;
    use_bundled_content(f);
    const fs::path rec = f.tk / "content/interventions/video-feedback.toml";
    // Modified long before the builds, so that the scan trusts its size and mtime (a file
    // modified as the scan runs is always read: scan_inputs).
    const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
    fs::last_write_time(rec, long_ago);
    f.build(f.site, true);
    rename_in(f.tk / "content/recommendations/rcpsych-rec-7-co-production-with-lived-experience.toml", "title");
    f.build(f.site, true);
    REQUIRE(fs::exists(build::check_memo_path(f.site)));
    std::string err;
    const auto tk = load::locate(f.tk.string(), err);
    REQUIRE(tk);
    const auto name_in = [](const check::Result& r, const std::string& id) {
        REQUIRE(r.model);
        const auto* i = r.model->intervention(id);
        REQUIRE(i);
        return i->name;
    };
    auto whole = check::run(*tk, {});
    auto through_memo = build::check_as_built(*tk, {}, f.site.string());
    CHECK(messages(through_memo) == messages(whole));
    CHECK(through_memo.records.size() == whole.records.size());
    CHECK(name_in(through_memo, "video-feedback") == "Video feedback for parents");

    SECTION("a file whose size and mtime are as the build saw them is not read again") {
        std::string text = read(rec);
        const std::string key = "name = \"V";
        const auto at = ("\n" + text).find("\n" + key);  // at the start of a line
        REQUIRE(at != std::string::npos);
        text[at + key.size() - 1] = 'Z';  // same size
        write(rec, text);
        fs::last_write_time(rec, long_ago);
        CHECK(name_in(check::run(*tk, {}), "video-feedback") == "Zideo feedback for parents");
        CHECK(name_in(build::check_as_built(*tk, {}, f.site.string()), "video-feedback") == "Video feedback for parents");
    }
    SECTION("an edited file is read, and an error in it reported as the whole check reports it") {
        rename_in(rec, "name");
        CHECK(name_in(build::check_as_built(*tk, {}, f.site.string()), "video-feedback") == "Renamed Video feedback for parents");
        write(rec, read(rec) + "\nunknown_field = 1\n");
        whole = check::run(*tk, {});
        through_memo = build::check_as_built(*tk, {}, f.site.string());
        CHECK_FALSE(through_memo.ok({}));
        CHECK(messages(through_memo) == messages(whole));
        CHECK(messages(through_memo).find("video-feedback.toml:") != std::string::npos);
    }
    SECTION("without a build of that site, the whole check") {
        const auto elsewhere = build::check_as_built(*tk, {}, (f.tmp.path() / "no-site").string());
        CHECK(messages(elsewhere) == messages(whole));
        CHECK(name_in(elsewhere, "video-feedback") == "Video feedback for parents");
    }
}

TEST_CASE("through the memo, unchanged records are checked again against a changed scale or set of ids",
          "[build-cache][memo]") {
    // The memo keeps what the checks across records found in each record only while the records
    // and the scales' levels are the same: otherwise an unchanged record's rating on a level a
    // scale no longer has, or its reference to a record now gone, would go unreported.
    Fixture f;
    use_bundled_content(f);
    f.build(f.site, true);
    rename_in(f.tk / "content/recommendations/rcpsych-rec-7-co-production-with-lived-experience.toml", "title");
    f.build(f.site, true);
    REQUIRE(fs::exists(build::check_memo_path(f.site)));
    std::string expected;
    SECTION("a level renamed on its scale") {
        const fs::path scale = f.tk / "content/evidence-scales/barlow-2015-cochrane.toml";
        std::string text = read(scale);
        const std::string was = "id = \"promising-model\"";
        const auto at = text.find(was);
        REQUIRE(at != std::string::npos);
        text.replace(at, was.size(), "id = \"promising\"");
        write(scale, text);
        expected = "level 'promising-model' is not on scale 'barlow-2015-cochrane'";
    }
    SECTION("a cited record deleted") {
        fs::remove(f.tk / "content/sources/barlow-2015.toml");
        expected = "no Source with id 'barlow-2015'";
    }
    int rc = 0;
    const std::string log = f.build(f.site, true, &rc);
    INFO(log);
    CHECK(rc == 1);
    CHECK(log.find("parent-infant-psychotherapy.toml:") != std::string::npos);
    CHECK(log.find(expected) != std::string::npos);
    // Word for word what a check without the memo reports.
    std::string err;
    const auto tk = load::locate(f.tk.string(), err);
    REQUIRE(tk);
    const std::string whole = messages(check::run(*tk, {}));
    CHECK(log.substr(0, whole.size()) == whole);
}

TEST_CASE("a content error is reported again through the memo, and its fix read", "[build-cache][memo]") {
    Fixture f;
    f.build(f.site, true);
    REQUIRE_FALSE(fs::exists(build::check_memo_path(f.site)));  // made by the failing build below
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    const std::string good = read(rec);
    write(rec, good + "\nunknown_field = 1\n");
    int rc = 0;
    const std::string first = f.build(f.site, true, &rc);
    REQUIRE(rc == 1);
    // Nothing changed since: the failure and its messages come from the memo, word for word.
    const std::string again = f.build(f.site, true, &rc);
    CHECK(rc == 1);
    CHECK(again == first);
    CHECK(again.find("shared-reading.toml:") != std::string::npos);
    // Fixed as something other than it was (as it was, the site is up to date).
    write(rec, good);
    rename_in(rec, "name");
    const std::string fixed = f.build_and_compare();
    INFO(fixed);
    CHECK(reused_in(fixed) > 0);
}

TEST_CASE("a damaged memo, or one saved for another content folder, is not used", "[build-cache][memo]") {
    Fixture f;
    f.build(f.site, true);
    const auto memo = build::check_memo_path(f.site);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    rename_in(rec, "name");
    f.build(f.site, true);
    REQUIRE(fs::exists(memo));
    SECTION("damaged") {
        const std::string bytes = read(memo);
        write(memo, bytes.substr(0, bytes.size() - 100));
    }
    SECTION("another content folder") {
        // The same toolkit copied elsewhere: its files' bytes are the same, but messages and
        // records' positions name files by where they are.
        const fs::path other = f.tmp.path() / "other-tk";
        fs::copy(f.tk, other, fs::copy_options::recursive);
        std::string err;
        const auto tk = load::locate(other.string(), err);
        REQUIRE(tk);
        std::ostringstream log;
        build::Options o;
        o.out_dir = (f.tmp.path() / "other-site").string();
        REQUIRE(build::run(*tk, o, log) == 0);
        rename_in(other / "content/interventions/shared-reading.toml", "name");
        REQUIRE(build::run(*tk, o, log) == 0);
        fs::copy_file(build::check_memo_path(o.out_dir), memo, fs::copy_options::overwrite_existing);
    }
    rename_in(rec, "name");
    const std::string log = f.build_and_compare();
    INFO(log);
    CHECK(reused_in(log) == -1);
    CHECK(log.find("is up to date") == std::string::npos);
}

TEST_CASE("a clean build's cache hashes every input as reading it afresh does", "[build-cache]") {
    // A build without a cache takes content files' hashes from the check's reading of them;
    // templates, themes and files the check skips are read for their hash.
    Fixture f;
    write(f.tk / "content/interventions/.notes.txt", "not a record\n");
    write(f.tk / "templates/partials/extra.mustache", "{{! unused }}\n");
    f.build(f.site, false);
    const auto saved = build::load_manifest(build::cache_path(f.site));
    REQUIRE(saved);
    std::string err;
    const auto tk = load::locate(f.tk.string(), err);
    REQUIRE(tk);
    std::int64_t scanned = 0;
    const auto fresh = build::scan_inputs(build::input_roots(*tk), nullptr, scanned);
    REQUIRE(saved->inputs.size() == fresh.size());
    std::size_t records = 0;
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        INFO(fresh[i].path);
        CHECK(saved->inputs[i].path == fresh[i].path);
        CHECK(saved->inputs[i].hash == fresh[i].hash);
        CHECK(saved->inputs[i].hash == util::content_hash(read(fresh[i].path)));
        records += fresh[i].path.ends_with(".toml");
    }
    CHECK(records > 10);
    CHECK(std::any_of(fresh.begin(), fresh.end(), [](const auto& in) { return in.path.ends_with("extra.mustache"); }));
    CHECK(std::any_of(fresh.begin(), fresh.end(), [](const auto& in) { return in.path.ends_with(".notes.txt"); }));
}

TEST_CASE("input hashes from a cache another sprout binary wrote are never taken", "[build-cache][memo]") {
    // Another version may hash bytes another way: its hashes, kept for unchanged files, would
    // never match what this binary's check memo records, and no edit would reuse the memo.
    Fixture f;
    f.build(f.site, true);
    const fs::path rec = f.tk / "content/interventions/shared-reading.toml";
    rename_in(rec, "name");
    f.build(f.site, true);
    const auto cache = build::cache_path(f.site);
    auto m = build::load_manifest(cache);
    REQUIRE(m);
    REQUIRE(build::read_pages(*m));
    REQUIRE(build::hashes_reusable(*m));
    std::string err;
    const auto tk = load::locate(f.tk.string(), err);
    REQUIRE(tk);
    for (auto& in : m->inputs) in.hash ^= 0x5a5a;  // as another hash function would have them
    const auto scanned_then = m->scanned_at_ns;
    m->scanned_at_ns = std::numeric_limits<std::int64_t>::max() / 2;  // long after: no file is racily clean
    std::int64_t scanned = 0;
    // This binary's cache: its hashes are taken for files unchanged since (here, every one).
    auto taken = build::scan_inputs(build::input_roots(*tk), &*m, scanned);
    REQUIRE(taken.size() == m->inputs.size());
    CHECK(taken[0].hash == m->inputs[0].hash);
    m->key = "sprout 0.1+0000000 exe 1:1" + m->key.substr(build::binary_identity().size());
    CHECK_FALSE(build::hashes_reusable(*m));
    taken = build::scan_inputs(build::input_roots(*tk), &*m, scanned);
    for (const auto& in : taken) CHECK(in.hash == util::content_hash(read(in.path)));

    // End to end: the build after such a cache makes a memo the next edit reads through.
    m->scanned_at_ns = scanned_then;
    build::save_manifest(cache, *m);
    rename_in(rec, "name");
    CHECK(reused_in(f.build_and_compare()) == -1);
    rename_in(rec, "name");
    const std::string log = f.build_and_compare();
    INFO(log);
    CHECK(reused_in(log) == std::stol(log.substr(8)) - 1);
}

TEST_CASE("the manifest round-trips", "[build-cache]") {
    TempDir tmp;
    build::Manifest m;
    m.key = "sprout 1 exe 2:3 strict";
    m.scanned_at_ns = 1234567890123;
    m.inputs = {{"/a b/c.toml", 10, 20, 0xabcdef}, {"/z.toml", 1, 2, 3}};
    m.outputs["index.html"] = {0x1234, 5, 6};
    m.outputs["x y/z.html"] = {7, 8, 9};
    m.log = "content/a.toml:1:1: warning: something\nline two\n";
    web::PageMeta meta("A\ttitle\\with\nodd characters", "", "interventions");
    meta.crumbs = {{"Interventions", "interventions/index.html"}, {"", ""}};
    meta.scripts = {"filter.js", "x y.js"};
    meta.search_kind = "Intervention";
    meta.search_body = "body\r\nlines";
    meta.in_sitemap = false;
    meta.absolute_links = true;
    m.pages = {{"interventions/a.html", meta, 0xfeedbeef, 0x1234abcd}, {"404.html", web::PageMeta("Not found", "d", ""), 1}};
    using Targets = std::vector<std::string>;
    m.references["interventions/a"] = std::make_shared<const Targets>(Targets{"sources/s", "evidence-scales/x"});
    m.references["examples/e"] = std::make_shared<const Targets>();
    m.exports["interventions"] = {0xa1, 0xb2, 1, 40, {{"a", 0xc3, 900, 1200}, {"b\tc", 0, 1800, 2400}}};
    m.exports["glossary"] = {0xd4, 0xe5, 3, 4, {}};
    const fs::path file = tmp.path() / ".site.sprout-cache";
    build::save_manifest(file, m);
    auto back = build::load_manifest(file);
    REQUIRE(back);
    // What a no-op rebuild reads: everything but the pages and references.
    CHECK(back->pages.empty());
    CHECK(back->references.empty());
    REQUIRE(build::read_pages(*back));
    CHECK(back->key == m.key);
    CHECK(back->scanned_at_ns == m.scanned_at_ns);
    CHECK(back->inputs == m.inputs);
    CHECK(back->outputs == m.outputs);
    CHECK(back->log == m.log);
    CHECK(back->pages == m.pages);
    CHECK(back->exports == m.exports);
    CHECK(test::listed(back->references) == test::listed(m.references));

    // A build hands its references over already encoded: the file is the same, but for the id
    // of the text file beside it.
    build::Manifest encoded = m;
    encoded.encoded_references = build::encode_references(m.references);
    encoded.references.clear();
    const fs::path file2 = tmp.path() / ".other.sprout-cache";
    build::save_manifest(file2, encoded);
    const auto without_text_line = [](std::string text) {
        const auto at = text.find("\ntext\t");
        REQUIRE(at != std::string::npos);
        return text.erase(at, text.find('\n', at + 1) - at);
    };
    CHECK(without_text_line(read(file2)) == without_text_line(read(file)));

    // A file cut short is no cache at all.
    const std::string whole = read(file);
    write(file, whole.substr(0, whole.size() - 4));
    CHECK_FALSE(build::load_manifest(file));
}

namespace {

// A page with `body` as its search text.
web::WrittenPage page_with_text(const std::string& path, const std::string& body) {
    web::PageMeta meta("Title of " + path, "", "interventions");
    meta.search_kind = "Intervention";
    meta.search_body = body;
    return {path, meta, 1, 2};
}

std::string text_of(const web::WrittenPage& p) { return p.meta.search_body.str(); }

}  // namespace

TEST_CASE("the pages' search text stays in the cache's text file, and an edit adds only its own", "[build-cache]") {
    TempDir tmp;
    const fs::path file = tmp.path() / ".site.sprout-cache", text_file = tmp.path() / ".site.sprout-cache.text";
    build::Manifest first;
    first.key = "k";
    for (int i = 0; i < 50; ++i) first.pages.push_back(page_with_text("p" + std::to_string(i) + ".html", std::string(4000, 'a' + i % 26)));
    first.pages.push_back(page_with_text("empty.html", ""));
    build::save_manifest(file, first);
    const auto whole = fs::file_size(text_file);
    CHECK(whole > 50 * 4000);
    CHECK(read(file).find(std::string(4000, 'a')) == std::string::npos);  // not in the cache itself

    auto back = build::load_manifest(file);
    REQUIRE(back);
    REQUIRE(build::read_pages(*back));
    REQUIRE(back->pages == first.pages);
    for (std::size_t i = 0; i < first.pages.size(); ++i) CHECK(text_of(back->pages[i]) == text_of(first.pages[i]));

    // The next build keeps every page but one, whose text changed: only that text is added.
    build::Manifest next;
    next.key = "k";
    next.pages = back->pages;
    next.pages[7].meta.search_body = std::string("edited text");
    next.text = back->text;
    next.text_id = back->text_id;
    build::save_manifest(file, next);
    CHECK(fs::file_size(text_file) == whole + std::string("edited text").size());
    auto again = build::load_manifest(file);
    REQUIRE(again);
    REQUIRE(build::read_pages(*again));
    CHECK(again->text_id == back->text_id);
    REQUIRE(again->pages.size() == next.pages.size());
    for (std::size_t i = 0; i < next.pages.size(); ++i) CHECK(text_of(again->pages[i]) == text_of(next.pages[i]));
    CHECK(again->pages[3].meta.search_body.ref().offset == back->pages[3].meta.search_body.ref().offset);

    // Once less than half of the file is in use, it is written afresh with what is.
    build::Manifest small;
    small.key = "k";
    small.pages = {again->pages[7], again->pages[8]};
    small.text = again->text;
    small.text_id = again->text_id;
    build::save_manifest(file, small);
    auto third = build::load_manifest(file);
    REQUIRE(third);
    REQUIRE(build::read_pages(*third));
    CHECK(third->text_id != again->text_id);
    CHECK(fs::file_size(text_file) < 4000 + 100);
    CHECK(text_of(third->pages[0]) == "edited text");
    CHECK(text_of(third->pages[1]) == std::string(4000, 'a' + 8));
    // The texts of the file it replaced can still be read through what holds it.
    CHECK(text_of(again->pages[20]) == std::string(4000, 'a' + 20));
}

TEST_CASE("a cache whose text file is gone, replaced or cut short is no cache", "[build-cache]") {
    TempDir tmp;
    const fs::path file = tmp.path() / ".site.sprout-cache", text_file = tmp.path() / ".site.sprout-cache.text";
    build::Manifest m;
    m.key = "k";
    m.pages = {page_with_text("a.html", std::string(5000, 'x')), page_with_text("b.html", "short")};
    build::save_manifest(file, m);
    const std::string saved = read(text_file);
    const auto pages_read = [&] {
        auto back = build::load_manifest(file);
        return back && build::read_pages(*back);
    };
    REQUIRE(pages_read());
    write(text_file, saved.substr(0, saved.size() - 1));
    CHECK_FALSE(pages_read());
    std::string other_id = saved;
    other_id[other_id.find('\n') - 1] ^= 1;  // the id in the file's first line
    write(text_file, other_id);
    CHECK_FALSE(pages_read());
    fs::remove(text_file);
    CHECK_FALSE(pages_read());
    write(text_file, saved);
    CHECK(pages_read());
}

#if defined(__linux__)
// util::allow_huge_pages as the kernel holds it for this process.
static bool huge_pages_allowed() { return prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0; }

TEST_CASE("a build that mostly reads what the last one left runs in small pages; one that renders much does not",
          "[build-cache]") {
    Fixture f;
    use_bundled_content(f);  // enough pages that one record's are few
    util::allow_huge_pages(true);
    f.build(f.site, true);  // no cache: every page rendered
    CHECK(huge_pages_allowed());
    reword_description(f.tk / "content/interventions/video-feedback.toml");
    CHECK(f.build(f.site, true).find("is up to date") == std::string::npos);
    CHECK_FALSE(huge_pages_allowed());
    const std::string layout = read(fs::path(SPROUT_SOURCE_DIR) / "templates/layout.mustache");
    write(f.tk / "templates/layout.mustache", layout + "<!-- changed layout -->\n");
    f.build(f.site, true);  // every page again
    CHECK(huge_pages_allowed());
    util::allow_huge_pages(true);
}
#endif
