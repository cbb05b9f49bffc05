// The libharu writer: a valid, compressed, deterministic PDF whose text copies exactly (Welsh
// and Irish letters included), with embedded fonts, outline, links and metadata. Where
// poppler-utils and qpdf are installed, their verdicts are checked too.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <sstream>

#include "brief/briefs.hpp"
#include "brief/plan.hpp"
#include "brief_model.hpp"
#include "doc/document.hpp"
#include "pdf/tounicode.hpp"
#include "pdf/writer.hpp"
#include "support.hpp"

using namespace sprout;
namespace fs = std::filesystem;

namespace {

const std::string kWelsh = "Gŵyl Dewi, ŷ, â, ê, î, ô, û, ẁ, ẃ, ẅ, Ŵ, Ŷ";
const std::string kIrish = "Éire: á é í ó ú Á É Í Ó Ú; seanchló ḃ ċ ḋ ḟ ġ ṁ ṗ ṡ ṫ";
const std::string kPunct = "“quotes” ‘single’ – en — em • bullet £3m ≥ 5½ 10–25%";

doc::Document unicode_document() {
    doc::Document d;
    d.meta.title = "Prawf: iechyd meddwl babanod – Gŵyl";
    d.meta.nation = "Wales";
    d.meta.audience = "Testers";
    d.meta.date = "23 November 2026";
    d.meta.date_iso = "2026-11-23";
    d.meta.publisher = "Test Publisher";
    d.meta.site_title = "Test toolkit";
    d.meta.language = "cy";
    d.meta.subject = "A test subject";
    d.meta.keywords = "test, keywords";
    d.body.push_back(doc::heading(1, {doc::text("Cymraeg a Gaeilge")}, "langs"));
    d.body.push_back(doc::para({doc::text(kWelsh)}));
    d.body.push_back(doc::para({doc::italic(kIrish)}));
    d.body.push_back(doc::para({doc::bold(kPunct)}));
    d.body.push_back(doc::para({doc::text("A link to "), doc::link("the example site", "https://example.org/x"), doc::text(".")}));
    d.body.push_back(doc::heading(2, {doc::text("Ŵ in a heading")}, "sub"));
    return d;
}

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

// Collapses runs of white space so that line breaks chosen by the layout do not matter.
std::string squash(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("the ToUnicode map lists each code used, in blocks of at most 100", "[pdf]") {
    std::set<char32_t> used;
    for (char32_t c = 0x20; c < 0x20 + 150; ++c) used.insert(c);
    used.insert(0x0175);  // ŵ
    const std::string cmap = pdf::tounicode_cmap(used);
    CHECK(cmap.find("<0175> <0175>") != std::string::npos);
    CHECK(cmap.find("100 beginbfchar") != std::string::npos);
    CHECK(cmap.find("51 beginbfchar") != std::string::npos);
    CHECK(cmap.find("begincidrange") == std::string::npos);
    CHECK(cmap.find("/CMapType 2 def") != std::string::npos);
}

TEST_CASE("the PDF is compressed, tagged with its language and metadata, and byte-identical each time", "[pdf]") {
    const auto d = unicode_document();
    const std::string a = pdf::write_pdf(d);
    const std::string b = pdf::write_pdf(d);
    CHECK(a == b);
    REQUIRE(a.rfind("%PDF-1.4", 0) == 0);
    CHECK(a.find("%%EOF") != std::string::npos);
    CHECK(a.find("/FlateDecode") != std::string::npos);
    CHECK(a.find("/Lang (cy)") != std::string::npos);
    CHECK(a.find("/CreationDate (D:20261123000000Z") != std::string::npos);
    CHECK(a.find("/DisplayDocTitle true") != std::string::npos);
    CHECK(a.find("/Outlines") != std::string::npos);
    CHECK(a.find("/URI (https:\\057\\057example.org\\057x)") != std::string::npos);  // libharu writes "/" as \\057
    CHECK(a.find("/FontFile2") != std::string::npos);
    CHECK(a.find("/ToUnicode") != std::string::npos);
    CHECK(a.find("/ID") == std::string::npos);  // no random file identifier
}

TEST_CASE("poppler extracts exactly the text written, Welsh and Irish letters included", "[pdf][tools]") {
    if (!have("pdftotext") || !have("pdffonts")) {
        WARN("poppler-utils not installed; skipping");
        return;
    }
    test::TempDir tmp;
    const fs::path file = tmp.path() / "unicode.pdf";
    test::write(file, pdf::write_pdf(unicode_document()));
    const auto text = test::run_command("pdftotext -enc UTF-8 unicode.pdf -", tmp.path());
    REQUIRE(text.exit_code == 0);
    CHECK(text.err.empty());  // no "Invalid ... ToUnicode CMap" warnings
    const std::string t = squash(text.out);
    CHECK(t.find(kWelsh) != std::string::npos);
    CHECK(t.find(kIrish) != std::string::npos);
    CHECK(t.find(kPunct) != std::string::npos);
    CHECK(t.find("Ŵ in a heading") != std::string::npos);

    const auto fonts = test::run_command("pdffonts unicode.pdf", tmp.path());
    REQUIRE(fonts.exit_code == 0);
    CHECK(fonts.err.empty());
    int rows = 0;
    std::istringstream in(fonts.out);
    std::string line;
    while (std::getline(in, line)) {
        if (line.find("DejaVuSans") == std::string::npos) continue;
        ++rows;
        INFO(line);
        CHECK(line.find("CID TrueType      Identity-H       yes yes yes") != std::string::npos);  // embedded, subset, ToUnicode
    }
    CHECK(rows == 3);  // regular, bold, italic: the faces the document uses

    const auto info = test::run_command("pdfinfo unicode.pdf", tmp.path());
    const std::string out = "\n" + info.out;
    auto field = [&out](const std::string& key) {
        const auto at = out.find("\n" + key + ":");
        if (at == std::string::npos) return std::string();
        const auto start = out.find_first_not_of(' ', at + key.size() + 2);
        return out.substr(start, out.find('\n', start) - start);
    };
    CHECK(field("Title") == "Prawf: iechyd meddwl babanod – Gŵyl");
    CHECK(field("Author") == "Test Publisher");
    CHECK(field("Subject") == "A test subject");
    CHECK(field("Keywords") == "test, keywords");
    CHECK(field("Creator") == "Sprout");
}

TEST_CASE("qpdf finds nothing wrong with a whole brief", "[pdf][tools]") {
    if (!have("qpdf") || !have("pdftotext")) {
        WARN("qpdf or poppler-utils not installed; skipping");
        return;
    }
    const auto m = test::brief_model();
    const auto plan = brief::plan_brief(m, "england", "commissioners", std::string("leeds"));
    test::TempDir tmp;
    test::write(tmp.path() / "brief.pdf", brief::render(plan, pdf::Style{}).pdf);
    const auto check = test::run_command("qpdf --check brief.pdf", tmp.path());
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    const auto text = test::run_command("pdftotext -enc UTF-8 brief.pdf -", tmp.path());
    CHECK(text.err.empty());
    const std::string t = squash(text.out);
    CHECK(t.find("Brief in England for commissioners") != std::string::npos);
    CHECK(t.find("Page 2 of") != std::string::npos);
    CHECK(t.find("about 900") != std::string::npos);
}
