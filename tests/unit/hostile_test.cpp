// Hostile content (tests/hostile and inputs generated here): every case ends in a clear
// diagnostic and a non-zero exit, or builds with the content escaped; none crashes or hangs.
// Every run of sprout here is under a time limit: a hang fails the test instead of blocking it.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include "../fuzz/targets.hpp"
#include "check/checker.hpp"
#include "doc/from_markdown.hpp"
#include "load/loader.hpp"
#include "markdown/markdown.hpp"
#include "schema/schema.hpp"
#include "util/text.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;
using namespace sprout::test;

namespace {

constexpr int kCheckSeconds = 120;  // generous: the suite also runs under ASan on two busy cores
constexpr int kBuildSeconds = 600;

const fs::path kHostile = fs::path(SPROUT_SOURCE_DIR) / "tests/hostile";

void overlay(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::recursive_directory_iterator(from)) {
        if (!e.is_regular_file()) continue;
        const auto rel = fs::relative(e.path(), from);
        fs::create_directories((to / rel).parent_path());
        fs::copy_file(e.path(), to / rel, fs::copy_options::overwrite_existing);
    }
}

// A crash shows as 128+signal, a hang as 124: neither is ever an acceptable answer.
void require_clean_exit(const RunResult& r, int expected) {
    INFO("stderr (first 2000 bytes):\n" << r.err.substr(0, 2000));
    REQUIRE(r.exit_code != 124);
    REQUIRE(r.exit_code < 128);
    CHECK(r.exit_code == expected);
}

// Every diagnostic is one printable line of reasonable length, whatever the content was.
void check_diagnostic_lines(const std::string& err) {
    CHECK(err.find('\x1b') == std::string::npos);
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);) {
        INFO(line.substr(0, 300));
        CHECK(line.size() < 2000);
    }
}

// The built site's HTML may hold only the site's own <script src="…" defer></script> tags and
// no event handler attributes or script URLs at all.
void check_site_html(const fs::path& site) {
    static const std::regex own_script(R"X(<script src="[^"<>]*\.js" defer></script>)X");
    int pages = 0;
    for (const auto& e : fs::recursive_directory_iterator(site)) {
        const auto ext = e.path().extension();
        if (!e.is_regular_file() || (ext != ".html" && ext != ".svg")) continue;
        ++pages;
        const std::string html = std::regex_replace(read(e.path()), own_script, "");
        const auto f = fuzz::scan_html(html);
        INFO(fs::relative(e.path(), site).string() << ": " << (f.examples.empty() ? "" : f.examples.front()));
        CHECK(f.script_elements == 0);
        CHECK(f.event_handlers == 0);
        CHECK(f.script_urls == 0);
    }
    CHECK(pages > 5);
}

const schema::FieldSpec* field_named(const std::vector<schema::FieldSpec>& fields, std::string_view name) {
    for (const auto& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

const std::string kLine =
    R"X(<script>alert(1)</script><img src=x onerror=alert(1)> " ' & <a href="javascript:alert(1)" onclick="alert(1)">x</a> </title></textarea></script><svg onload=alert(1)>)X";
const std::string kMarkdown = kLine +
                              "\n\n[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                              "![img](javascript:alert(1)) <javascript:alert(1)> [vb](vbscript:msgbox(1)) "
                              "[ent](&#106;avascript:alert(1))\n\n<div onmouseover=\"alert(1)\">raw</div>\n\n"
                              "| a | b |\n|---|---|\n| <script>x</script> | [t](javascript:alert(1)) |\n";

// Puts script into every free-text field (and a quote-breaking URL into every URL field) of a
// record, leaving ids, references, enumerations and patterned fields valid.
void poison(toml::table& t, const std::vector<schema::FieldSpec>& fields) {
    for (auto&& [key, node] : t) {
        const auto* f = field_named(fields, key.str());
        if (!f) continue;
        const std::string name(key.str());
        switch (f->type) {
        case schema::FieldType::String:
            if (f->pattern.empty() && name != "level" && name != "id" && name != "seed_file")
                if (auto* s = node.as_string()) s->get() = kLine + " " + s->get();
            break;
        case schema::FieldType::Markdown:
            if (auto* s = node.as_string()) s->get() = kMarkdown + "\n\n" + s->get();
            break;
        case schema::FieldType::Url:
            if (auto* s = node.as_string()) s->get() = "https://example.org/x'onmouseover='alert(1)'";
            break;
        case schema::FieldType::Strings:
            if (auto* a = node.as_array())
                for (auto& v : *a)
                    if (auto* s = v.as_string()) s->get() = kLine + " " + s->get();
            break;
        case schema::FieldType::Table:
            if (auto* sub = node.as_table()) poison(*sub, f->fields);
            break;
        case schema::FieldType::Tables:
            if (auto* a = node.as_array())
                for (auto& v : *a)
                    if (auto* sub = v.as_table()) poison(*sub, f->fields);
            break;
        default: break;
        }
    }
}

std::string to_toml(const toml::table& t) {
    std::ostringstream os;
    os << t << "\n";
    return os.str();
}

}  // namespace

TEST_CASE("every hostile folder gets a clear diagnostic or builds safely", "[hostile]") {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(kHostile))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 8);
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.filename().string()) {
            TempDir tmp;
            write_starter(tmp.path());
            overlay(c, tmp.path());
            std::istringstream expected(read(c / "expected"));
            std::string first;
            std::getline(expected, first);
            if (first == "build") {
                require_clean_exit(run_sprout("check -q", tmp.path(), kCheckSeconds), 0);
                require_clean_exit(run_sprout("build -q", tmp.path(), kBuildSeconds), 0);
                check_site_html(tmp.path() / "site");
                continue;
            }
            REQUIRE(first.rfind("exit ", 0) == 0);
            const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
            require_clean_exit(r, std::stoi(first.substr(5)));
            check_diagnostic_lines(r.err);
            for (std::string line; std::getline(expected, line);) {
                if (line.empty()) continue;
                INFO("stderr was:\n" << r.err.substr(0, 4000));
                CHECK(r.err.find(line) != std::string::npos);
            }
            // A build refuses the same content and leaves no site behind.
            const auto b = run_sprout("build -q", tmp.path(), kCheckSeconds);
            require_clean_exit(b, std::stoi(first.substr(5)));
            CHECK_FALSE(fs::exists(tmp.path() / "site"));
        }
    }
}

TEST_CASE("a 50 MB string is refused with a clear message", "[hostile]") {
    TempDir tmp;
    write_starter(tmp.path());
    {
        std::ofstream out(tmp.path() / "content/actors/libraries.toml", std::ios::binary);
        out << "name = \"Libraries\"\nsummary = \"" << std::string(50u * 1024 * 1024, 'A') << "\"\n";
    }
    const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    check_diagnostic_lines(r.err);
    CHECK(r.err.find("content/actors/libraries.toml: error: file is too large (50 MiB; a record may have at most 8 MiB)") !=
          std::string::npos);
}

TEST_CASE("long values in every kind of field are checked without crashing or hanging", "[hostile]") {
    TempDir tmp;
    write_starter(tmp.path());
    // 3 MiB, under the file limit, so the values reach the checker. Long runs of characters a
    // pattern accepts are what made std::regex recurse off the end of the stack.
    const std::string big(3u * 1024 * 1024, 'a'), digits(3u * 1024 * 1024, '7');
    const std::string cite = "cite = [{ source = \"example-review\", locator = \"x\" }]\n";
    const std::string intervention = "name = \"Long\"\nkind = \"programme\"\nsummary = \"x\"\n";
    test::write(tmp.path() / "content/interventions/long-kind.toml", "name = \"Long\"\nkind = \"" + big + "\"\nsummary = \"x\"\n" + cite);
    test::write(tmp.path() / "content/interventions/long-related.toml", intervention + "related = [\"" + big + "\"]\n" + cite);
    test::write(tmp.path() / "content/interventions/long-lines.toml",
                intervention + "cite = [{ source = \"example-review\", locator = \"x\", lines = \"L" + digits + "\" }]\n");
    const std::string source = "citation = \"x\"\ntitle = \"x\"\nkind = \"systematic-review\"\nyear = 2020\nsummary = \"x\"\n";
    test::write(tmp.path() / "content/sources/long-url.toml", source + "url = \"https://example.org/" + big + " \"\n");
    test::write(tmp.path() / "content/sources/long-seed.toml", source + "seed_file = \"" + big + "\"\n");
    test::write(tmp.path() / "content/statistics/long-period.toml",
                "title = \"x\"\nmeasure = \"x\"\nvalue = 1.0\nunit = \"percent\"\nperiod = \"" + digits + "\"\n" + cite);
    const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    check_diagnostic_lines(r.err);
    CHECK(r.err.find("content/interventions/long-kind.toml:2:8: error: field 'kind': 'aaaa") != std::string::npos);
    CHECK(r.err.find("field 'related[1]': no Intervention with id 'aaaa") != std::string::npos);
    CHECK(r.err.find("field 'cite[1].lines': value is too long (3145729 characters)") != std::string::npos);
    CHECK(r.err.find("field 'url': 'https://example.org/aaaa") != std::string::npos);
    CHECK(r.err.find("field 'seed_file': value is too long (3145728 characters)") != std::string::npos);
    CHECK(r.err.find("field 'period': '7777") != std::string::npos);
}

TEST_CASE("deep nesting is refused without overflowing the stack", "[hostile]") {
    const int depth = 100000;
    std::string dotted, header;
    for (int i = 0; i < depth; ++i) dotted += i ? ".a" : "a";
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"arrays", "name = \"x\"\nsummary = " + std::string(depth, '[') + std::string(depth, ']') + "\n"},
        {"inline tables", "name = \"x\"\nsummary = " + [&] {
             std::string s;
             for (int i = 0; i < depth; ++i) s += "{a=";
             return s + "1" + std::string(depth, '}');
         }() + "\n"},
        {"table header", "name = \"x\"\nsummary = \"x\"\n[" + dotted + "]\nb = 1\n"},
        {"dotted key", "name = \"x\"\nsummary = \"x\"\n" + dotted + " = 1\n"},
        {"array of tables", "name = \"x\"\nsummary = \"x\"\n[[" + dotted + "]]\n"},
        {"dotted key in an inline table", "name = \"x\"\nsummary = \"x\"\nt = { " + dotted + " = 1 }\n"},
    };
    for (const auto& [what, text] : inputs) {
        DYNAMIC_SECTION(what) {
            TempDir tmp;
            write_starter(tmp.path());
            test::write(tmp.path() / "content/actors/libraries.toml", text);
            // The same in a page's front matter, whose positions are shifted by a line.
            test::write(tmp.path() / "content/pages/deep.md", "+++\n" + text + "+++\nBody.\n");
            const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
            require_clean_exit(r, 1);
            check_diagnostic_lines(r.err);
            CHECK(r.err.find("content/actors/libraries.toml:") != std::string::npos);
            CHECK(r.err.find("content/pages/deep.md:") != std::string::npos);
            const bool said_why = r.err.find("maximum nested value depth") != std::string::npos ||
                                  r.err.find("key has more than 64 dotted parts") != std::string::npos;
            CHECK(said_why);
        }
    }
}

TEST_CASE("hostile file names are reported on one printable line", "[hostile]") {
    TempDir tmp;
    write_starter(tmp.path());
    const std::string body = "name = \"x\"\nsummary = \"x\"\n";
    for (const char* name : {"esc\x1b[31mred.toml", "new\nline.toml", "..toml", "...toml", "-dash.toml", "a b.toml",
                             "UPPER.toml", "nul.toml", "index.toml", "x.toml.bak", "\xff\xfe.toml"})
        test::write(tmp.path() / "content/actors" / name, body);
    const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    check_diagnostic_lines(r.err);
    CHECK(r.err.find("content/actors/esc\\x1b[31mred.toml: error: file name") != std::string::npos);
    CHECK(r.err.find("content/actors/new\\x0aline.toml: error: file name") != std::string::npos);
    CHECK(r.err.find("file name 'nul' is not a valid id: it is a reserved device name on Windows") != std::string::npos);
    const auto json = run_sprout("check -q --format json", tmp.path(), kCheckSeconds);
    require_clean_exit(json, 1);
    CHECK(json.out.find("\\u001b[31mred") != std::string::npos);  // escaped by the JSON writer
}

TEST_CASE("FIFOs, devices and links out of the folder are refused without blocking", "[hostile]") {
    TempDir tmp, outside;
    write_starter(tmp.path());
    REQUIRE(::mkfifo((tmp.path() / "content/actors/fifo.toml").c_str(), 0644) == 0);
    fs::create_symlink("/dev/zero", tmp.path() / "content/actors/zero.toml");
    fs::create_directory_symlink("/etc", tmp.path() / "content/glossary-link");
    test::write(outside.path() / "interventions/outside.toml", "name = \"x\"\n");
    fs::create_directory_symlink(outside.path() / "interventions", tmp.path() / "content/policies-out");
    fs::remove_all(tmp.path() / "content/policies");
    fs::create_directory_symlink(outside.path() / "interventions", tmp.path() / "content/policies");
    // A link that stays inside the folder but names a FIFO.
    REQUIRE(::mkfifo((tmp.path() / "content/.hidden-fifo").c_str(), 0644) == 0);
    fs::create_symlink(tmp.path() / "content/.hidden-fifo", tmp.path() / "content/actors/inner.toml");
    const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    check_diagnostic_lines(r.err);
    CHECK(r.err.find("content/actors/fifo.toml: error: not a regular file") != std::string::npos);
    CHECK(r.err.find("content/actors/zero.toml: error: symbolic link points outside the content folder") != std::string::npos);
    CHECK(r.err.find("content/actors/inner.toml: error: not a regular file") != std::string::npos);
    CHECK(r.err.find("content/policies: error: symbolic link points outside the content folder") != std::string::npos);
    CHECK(r.err.find("content/glossary-link: error: 'glossary-link' is not a record folder") != std::string::npos);
}

TEST_CASE("an unreadable file is reported, also when the tests run as root", "[hostile]") {
    TempDir tmp;
    write_starter(tmp.path());
    const auto file = tmp.path() / "content/actors/libraries.toml";
    fs::permissions(file, fs::perms::none);
    std::string prefix;
    if (::geteuid() == 0) {
        // root reads everything: run sprout as nobody, who can reach the folder but not the file.
        if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
            WARN("skipped: running as root without setpriv, so a file cannot be made unreadable");
            return;
        }
        fs::permissions(tmp.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
        fs::permissions(tmp.path() / "content", fs::perms::all, fs::perm_options::add);
        for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "content"))
            if (e.path() != file)
                fs::permissions(e.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
        prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
        if (run_command(prefix + "test -x {sprout}", tmp.path()).exit_code != 0) {
            WARN("skipped: the sprout binary is not reachable by the user nobody");
            return;
        }
    }
    const auto r = run_command(prefix + "{sprout} check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    CHECK(r.err.find("content/actors/libraries.toml: error: cannot read file; check its permissions") != std::string::npos);
}

TEST_CASE("an empty content folder is refused by check and build, under a time limit", "[hostile]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "content");
    const auto r = run_sprout("check -q", tmp.path(), kCheckSeconds);
    require_clean_exit(r, 1);
    CHECK(r.err.find("missing Site file") != std::string::npos);
    require_clean_exit(run_sprout("build -q", tmp.path(), kCheckSeconds), 1);
    CHECK_FALSE(fs::exists(tmp.path() / "site"));
}

TEST_CASE("script in every text field of every record is escaped in the built site", "[hostile][build]") {
    TempDir tmp;
    write_starter(tmp.path());
    const auto& s = schema::builtin();
    int poisoned = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "content")) {
        if (!e.is_regular_file()) continue;
        const auto rel = fs::relative(e.path(), tmp.path() / "content");
        const auto* kind = rel.has_parent_path() ? s.by_folder(rel.begin()->string()) : s.kind("site");
        REQUIRE(kind);
        std::string text = read(e.path()), front = text, body;
        if (kind->extension == "md") {
            const auto end = text.find("\n+++", 4);
            REQUIRE(end != std::string::npos);
            front = text.substr(4, end - 3);
            body = text.substr(text.find('\n', end + 1) + 1);
        }
        toml::table t = toml::parse(front);
        poison(t, kind->fields);
        test::write(e.path(), kind->extension == "md" ? "+++\n" + to_toml(t) + "+++\n" + kMarkdown + "\n\n" + body : to_toml(t));
        ++poisoned;
    }
    REQUIRE(poisoned > 10);
    const auto c = run_sprout("check", tmp.path(), kCheckSeconds);
    require_clean_exit(c, 0);
    const auto b = run_sprout("build -q", tmp.path(), kBuildSeconds);
    require_clean_exit(b, 0);
    check_site_html(tmp.path() / "site");
    // The text is there, escaped, not dropped.
    CHECK(read(tmp.path() / "site/index.html").find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("built pages forbid inline script and open external links safely", "[hostile][hardening]") {
    TempDir tmp;
    write_starter(tmp.path());
    require_clean_exit(run_sprout("build -q", tmp.path(), kBuildSeconds), 0);
    static const std::regex csp(R"X(<meta http-equiv="Content-Security-Policy" content="([^"]*)">)X");
    static const std::regex external(R"X(<a ([^>]*)href="(https?:)?//[^"]*"([^>]*)>)X");
    int pages = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "site")) {
        if (!e.is_regular_file() || e.path().extension() != ".html") continue;
        const std::string html = read(e.path());
        const auto rel = fs::relative(e.path(), tmp.path() / "site").string();
        if (rel.starts_with("briefs/")) continue;  // the brief twins have no script at all
        ++pages;
        INFO(rel);
        std::smatch m;
        REQUIRE(std::regex_search(html, m, csp));
        const std::string policy = m[1].str();
        CHECK(policy.find("script-src 'self'") != std::string::npos);
        CHECK(policy.find("unsafe-inline") == std::string::npos);
        CHECK(policy.find("unsafe-eval") == std::string::npos);
        for (std::sregex_iterator it(html.begin(), html.end(), external), end; it != end; ++it) {
            const std::string tag = (*it)[0].str();
            INFO(tag);
            CHECK(tag.find("noopener") != std::string::npos);
        }
    }
    CHECK(pages > 5);
}

TEST_CASE("in-process: the loader and checker refuse what would overflow or hang", "[hostile][unit]") {
    const auto& kind = *schema::builtin().kind("source");
    auto check_one = [&](const std::string& text) {
        std::vector<load::RawRecord> records(1);
        Diagnostics d;
        records[0].id = "x";
        records[0].kind = &kind;
        records[0].path = "content/sources/x.toml";
        records[0].parsed = load::parse_record(text, records[0].path, kind, records[0], d);
        check::check_records(records, d);
        std::string all;
        for (const auto& x : d.all()) all += format_text(x) + "\n";
        return all;
    };
    std::string dotted;
    for (int i = 0; i < 100000; ++i) dotted += i ? ".a" : "a";
    CHECK(check_one(dotted + " = 1\n").find("content/sources/x.toml:1:128: error: key has more than 64 dotted parts") !=
          std::string::npos);
    CHECK(check_one("[" + dotted + "]\n").find("key has more than 64 dotted parts") != std::string::npos);
    // Dots inside strings and comments, and in floats, are not key parts.
    CHECK(check_one("summary = \"" + dotted + "\" # " + dotted + "\ncitation = 'x'\n").find("dotted parts") == std::string::npos);
    const std::string seed = "citation = \"x\"\ntitle = \"x\"\nkind = \"report\"\nyear = 2020\nseed_file = \"" +
                             std::string(200000, 'a') + "\"\nurl = \"https://example.org/" + std::string(200000, 'b') + "\"\n";
    const auto out = check_one(seed);
    CHECK(out.find("field 'seed_file': value is too long (200000 characters)") != std::string::npos);
    CHECK(out.find("field 'url'") == std::string::npos);  // a long but valid URL is fine
}

TEST_CASE("in-process: suggestions, excerpts and UTF-8 repair stay cheap and correct", "[hostile][unit]") {
    const std::vector<std::string> ids = {"shared-reading", "video-feedback", "baby-massage"};
    CHECK(text::closest("shared-readin", ids) == std::optional<std::string>("shared-reading"));
    CHECK(text::closest("video-feedbak", ids) == std::optional<std::string>("video-feedback"));
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(text::closest(std::string(5'000'000, 'x'), ids));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
    CHECK(text::excerpt("short") == "short");
    CHECK(text::excerpt(std::string(100, 'a'), 10) == std::string(10, 'a') + "…");
    CHECK(text::excerpt("aaaaaaaaa\xc3\xa9", 10) == "aaaaaaaaa…");  // never cuts inside a character
    CHECK(text::repair_utf8("ok \xc3\xa9 \xef\xbf") == "ok \xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd");
    CHECK(text::is_valid_utf8(text::repair_utf8("\xff\xfe\xc0\xaf\xed\xa0\x80")));
    // cmark-gfm cuts an over-long footnote label inside a character; the HTML is repaired.
    std::string label = "x[^";
    for (int i = 0; i < 400; ++i) label += "\xe2\x80\x94";
    const std::string html = markdown::to_html(label + "]\n");
    CHECK(text::is_valid_utf8(html));
}

TEST_CASE("in-process: links and images with unsafe targets become their text", "[hostile][unit]") {
    CHECK(markdown::to_html("[click](javascript:alert(1)) here") == "<p>click here</p>\n");
    CHECK(markdown::to_html("![alt *text*](data:image/svg+xml,x)") == "<p>alt <em>text</em></p>\n");
    CHECK(markdown::to_html("[![i](javascript:x) y](vbscript:z)") == "<p>i y</p>\n");
    CHECK(markdown::to_html("[ok](https://example.org/)") == "<p><a href=\"https://example.org/\">ok</a></p>\n");
}

TEST_CASE("in-process: 50,000 nested lists or quotes are flattened, not recursed into", "[hostile][unit]") {
    std::string lists, quotes;
    for (int i = 0; i < 50000; ++i) {
        lists += "- ";
        quotes += "> ";
    }
    for (const auto& md : {lists + "deep text\n", quotes + "deep text\n"}) {
        const std::string html = markdown::to_html(md);
        CHECK(html.find("deep text") != std::string::npos);
        const auto blocks = doc::from_markdown(md);
        CHECK(doc::plain(blocks).find("deep text") != std::string::npos);
        CHECK(doc::plain(doc::inlines_from_markdown(md)).find("deep text") != std::string::npos);
    }
}
