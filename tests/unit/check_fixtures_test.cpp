// Every bad input in tests/fixtures/bad gets its precise diagnostic and exit code, never a crash.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <unordered_map>
#include <unistd.h>

#include "check/checker.hpp"
#include "load/loader.hpp"
#include "support.hpp"
#include "util/hash_mix.hpp"

namespace fs = std::filesystem;
using namespace sprout::test;

namespace {

void overlay(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::recursive_directory_iterator(from)) {
        if (!e.is_regular_file()) continue;
        const auto name = e.path().filename().string();
        if (name == "expected" || name == "remove") continue;
        const auto rel = fs::relative(e.path(), from);
        fs::create_directories((to / rel).parent_path());
        fs::copy_file(e.path(), to / rel, fs::copy_options::overwrite_existing);
    }
    if (fs::exists(from / "remove")) {
        std::istringstream in(read(from / "remove"));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) fs::remove(to / line);
    }
}

}  // namespace

TEST_CASE("every bad fixture gets its precise diagnostic and exit code", "[check][fixtures]") {
    const fs::path root = fs::path(SPROUT_FIXTURES) / "bad";
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 25);

    for (const auto& c : cases) {
        const std::string name = c.filename().string();
        DYNAMIC_SECTION(name) {
            TempDir tmp;
            write_starter(tmp.path());
            overlay(c, tmp.path());
            const bool strict = name.find("strict") != std::string::npos;
            const auto r = run_sprout(std::string("check -q") + (strict ? " --strict" : ""), tmp.path());

            std::istringstream expected(read(c / "expected"));
            std::string first;
            std::getline(expected, first);
            REQUIRE(first.rfind("exit ", 0) == 0);
            CHECK(r.exit_code == std::stoi(first.substr(5)));
            for (std::string line; std::getline(expected, line);) {
                if (line.empty()) continue;
                INFO("stderr was:\n" << r.err);
                CHECK(r.err.find(line + "\n") != std::string::npos);
            }
        }
    }
}

TEST_CASE("a symbolic link out of the content folder is refused", "[check][fixtures]") {
    TempDir tmp, outside;
    write_starter(tmp.path());
    write(outside.path() / "secret.toml", "name = \"x\"\nsummary = \"x\"\n");
    fs::create_symlink(outside.path() / "secret.toml", tmp.path() / "content/actors/leak.toml");
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/actors/leak.toml: error: symbolic link points outside the content folder") != std::string::npos);
}

TEST_CASE("a symbolic link to nothing is reported, and the rest of its folder still read", "[check][fixtures]") {
    TempDir tmp;
    write_starter(tmp.path());
    fs::create_symlink("nowhere.toml", tmp.path() / "content/interventions/broken-link.toml");
    const auto r = run_sprout("check", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/interventions/broken-link.toml: error: cannot read file") != std::string::npos);
    // The folder's records are all there: nothing refers to a missing intervention.
    CHECK(r.err.find("no Intervention with id") == std::string::npos);
    CHECK(r.err.find("1 error") != std::string::npos);
}

TEST_CASE("an unreadable file is reported, not skipped", "[check][fixtures]") {
    if (geteuid() == 0) {
        // root reads everything; the permission check cannot be exercised.
        SUCCEED("skipped as root");
        return;
    }
    TempDir tmp;
    write_starter(tmp.path());
    fs::permissions(tmp.path() / "content/actors/libraries.toml", fs::perms::none);
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/actors/libraries.toml: error: cannot read file") != std::string::npos);
}

TEST_CASE("an empty content folder is an error, not a crash", "[check][fixtures]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "content");
    const auto r = run_sprout("check -q", tmp.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("content/site.toml: error: missing Site file") != std::string::npos);
}

namespace {

std::vector<std::string> formatted(const sprout::Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.all()) out.push_back(sprout::format_text(x));
    return out;
}

// Enough of a model to tell two apart: every record's id, and the fields most pages show.
std::vector<std::string> outline(const sprout::model::Model& m) {
    std::vector<std::string> out{m.site.title};
    auto ids = [&](const auto& records, const char* kind) {
        for (const auto& r : records) out.push_back(std::string(kind) + "/" + r.id);
    };
    ids(m.sources, "source"), ids(m.nations, "nation"), ids(m.policies, "policy"), ids(m.actors, "actor");
    ids(m.audiences, "audience"), ids(m.areas, "area"), ids(m.service_types, "service-type"), ids(m.scales, "scale");
    ids(m.recommendations, "recommendation"), ids(m.examples, "example"), ids(m.terms, "term"), ids(m.pages, "page");
    for (const auto& i : m.interventions)
        out.push_back(i.id + ": " + i.name + " | " + i.summary + " | " + std::to_string(i.ratings.size()) + " ratings, " +
                      std::to_string(i.cite.size()) + " cites");
    for (const auto& s : m.statistics) out.push_back(s.id + ": " + s.title + " = " + std::to_string(s.value.value_or(-1)));
    for (const auto& p : m.pages) out.push_back(p.id + ": " + std::to_string(p.body.size()) + " bytes of text");
    return out;
}

}  // namespace

// check::run checks each record and adds it to the model while its TOML is in hand, on
// several threads; check_records does the same checks on records read beforehand. Both must
// report the same problems and make the same model; without a model wanted, the same problems.
TEST_CASE("checking records as they are read gives what checking them afterwards gives", "[check][fixtures]") {
    std::vector<fs::path> cases{fs::path(SPROUT_SOURCE_DIR)};  // the bundled toolkit: clean
    for (const auto& e : fs::directory_iterator(fs::path(SPROUT_FIXTURES) / "bad"))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin() + 1, cases.end());
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.filename().string()) {
            TempDir tmp;
            fs::path dir = c;
            if (c != fs::path(SPROUT_SOURCE_DIR)) {
                write_starter(tmp.path());
                overlay(c, tmp.path());
                dir = tmp.path();
            }
            std::string error;
            const auto tk = sprout::load::locate(dir.string(), error);
            REQUIRE(tk);
            auto streamed = sprout::check::run(*tk, {});

            sprout::Diagnostics diags;
            auto records = sprout::load::read_tree(*tk, diags);
            sprout::check::References references;
            sprout::check::check_records(records, diags, &references);
            diags.sort();
            CHECK(formatted(streamed.diags) == formatted(diags));
            CHECK(sprout::test::listed(streamed.references) == sprout::test::listed(references));
            CHECK(streamed.records.size() == records.size());
            REQUIRE((streamed.model != nullptr) == (diags.error_count() == 0));
            if (streamed.model) CHECK(outline(*streamed.model) == outline(sprout::load::to_model(records)));

            // Through a memo saved to its file and read by a new one, as the next `sprout build`
            // does: every file is taken from it unread, with the same findings and model.
            const auto memo_file = (tmp.path() / "memo").string();
            std::unordered_map<std::string, std::uint64_t> hashes;
            {
                sprout::check::Memo first;
                const auto checked = sprout::check::run(*tk, {}, &first);
                for (const auto& r : checked.records)
                    if (r.bytes_hash) hashes.emplace(r.file, *r.bytes_hash);
                REQUIRE(first.save(memo_file, "key"));
            }
            sprout::check::Memo second;
            REQUIRE(second.load(memo_file, "key"));
            second.expect(hashes);
            const auto through_memo = sprout::check::run(*tk, {}, &second);
            CHECK(second.reused() == hashes.size());
            CHECK(formatted(through_memo.diags) == formatted(diags));
            CHECK(sprout::test::listed(through_memo.references) == sprout::test::listed(references));
            REQUIRE((through_memo.model != nullptr) == (streamed.model != nullptr));
            if (through_memo.model) CHECK(*through_memo.model == *streamed.model);
            CHECK_FALSE(sprout::check::Memo().load(memo_file, "another key"));

            // `sprout check` skips the model: it must report exactly the same.
            const auto report_only = sprout::check::run(*tk, {.want_model = false});
            CHECK(formatted(report_only.diags) == formatted(diags));
            CHECK(report_only.records.size() == records.size());
            CHECK_FALSE(report_only.model);
        }
    }
}

TEST_CASE("a memo saved after an edit keeps its file and writes what changed beside it", "[check][memo]") {
    TempDir tmp;
    write_starter(tmp.path());
    // The bundled content: enough files that an edit of two is a delta, not a whole memo.
    fs::remove_all(tmp.path() / "content");
    fs::copy(fs::path(SPROUT_SOURCE_DIR) / "content", tmp.path() / "content", fs::copy_options::recursive);
    std::string error;
    const auto tk = sprout::load::locate(tmp.path().string(), error);
    REQUIRE(tk);
    const auto memo_file = (tmp.path() / "memo").string(), delta = memo_file + ".delta";
    // Checks through a memo read from the file, as the next `sprout build` does, and saves it.
    std::size_t unsaved = 0;  // files changed since the memo was saved
    const auto check_and_save = [&] {
        sprout::check::Memo memo;
        const bool loaded = memo.load(memo_file, "key");
        std::unordered_map<std::string, std::uint64_t> hashes;
        for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "content"))
            if (e.is_regular_file()) hashes.emplace(e.path().string(), sprout::util::content_hash(read(e.path())));
        memo.expect(hashes);
        auto checked = sprout::check::run(*tk, {}, &memo);
        // Every file is taken from the memo but those changed since it was saved.
        CHECK(memo.reused() + unsaved == checked.records.size());
        REQUIRE(memo.save(memo_file, "key"));
        unsaved = 0;
        return std::make_pair(loaded, std::move(checked));
    };
    const auto same_as_without_memo = [&](const sprout::check::Result& through) {
        const auto plain = sprout::check::run(*tk, {});
        CHECK(formatted(through.diags) == formatted(plain.diags));
        REQUIRE(through.model);
        REQUIRE(plain.model);
        CHECK(*through.model == *plain.model);
    };
    const auto count = [&] { return sprout::check::run(*tk, {}).records.size(); };
    unsaved = count();
    CHECK_FALSE(check_and_save().first);  // no memo yet: saved whole
    const std::string whole = read(memo_file);
    CHECK_FALSE(fs::exists(delta));

    const fs::path record = tmp.path() / "content/interventions/video-feedback.toml";
    const auto rename_to = [&](const std::string& name) {
        auto text = read(record);
        text.replace(text.find("name = \""), text.find('\n') - text.find("name = \""), "name = \"" + name + "\"");
        write(record, text);
    };
    rename_to("Video feedback, edited");
    unsaved = 1;
    same_as_without_memo(check_and_save().second);
    CHECK(read(memo_file) == whole);  // kept as it was
    REQUIRE(fs::exists(delta));
    CHECK(fs::file_size(delta) < whole.size() / 4);
    // Read back with its delta: every file unchanged since, the model with the new name.
    {
        const auto [loaded, checked] = check_and_save();
        CHECK(loaded);
        same_as_without_memo(checked);
        REQUIRE(checked.model);
        CHECK(std::any_of(checked.model->interventions.begin(), checked.model->interventions.end(),
                          [](const auto& i) { return i.name == "Video feedback, edited"; }));
    }
    // A second edit: the delta holds both since the file was written.
    const fs::path term = fs::directory_iterator(tmp.path() / "content/glossary")->path();
    write(term, read(term) + "# a note\n");
    rename_to("Video feedback, edited twice");
    unsaved = 2;
    same_as_without_memo(check_and_save().second);
    same_as_without_memo(check_and_save().second);
    CHECK(read(memo_file) == whole);

    // A delta made for another memo file is not read: the memo is then the file's alone, and
    // checking through it still finds every change.
    const std::string old_delta = read(delta);
    {
        sprout::check::Memo fresh;  // saved whole: a new file, and its own delta gone
        sprout::check::run(*tk, {}, &fresh);
        REQUIRE(fresh.save(memo_file, "key"));
        CHECK_FALSE(fs::exists(delta));
    }
    write(delta, old_delta);
    rename_to("Video feedback, edited thrice");
    unsaved = 1;
    same_as_without_memo(check_and_save().second);
}
