// The fonts given to libharu: DejaVu Sans cut down to the characters a document writes, with
// the same glyphs and widths, a well-formed table directory, and a brief that is smaller for it.
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "doc/document.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/fonts.hpp"
#include "pdf/writer.hpp"

using namespace sprout;

namespace {

std::uint32_t u32(std::string_view d, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(d[at + k]);
    return v;
}

// The TrueType checksum, computed here independently of the code under test.
std::uint32_t checksum(std::string_view t) {
    std::string padded(t);
    padded.resize((padded.size() + 3) / 4 * 4, '\0');
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < padded.size(); i += 4) sum += u32(padded, i);
    return sum;
}

const std::set<char32_t> kUsed = {U'A', U'b', U'c', U'z', U' ', U'ŵ', U'Ŷ', U'–', U'“', U'”', U'£', U'½', U'ḃ'};

}  // namespace

TEST_CASE("a cut-down font maps exactly the characters asked for, to the same glyphs and widths", "[pdf][fonts]") {
    const auto& fonts = pdf::system_fonts();
    for (int face = 0; face < 4; ++face) {
        const auto i = static_cast<std::size_t>(face);
        const auto& whole = fonts.metrics[i];
        const auto cut = pdf::font_for_characters(fonts.files[i].bytes(), whole, kUsed);
        REQUIRE(cut);
        CHECK(cut->size() < fonts.files[i].bytes().size());
        const auto m = pdf::FontMetrics::parse(*cut, "cut");
        std::set<char32_t> expected = kUsed;
        expected.insert({U'H', U'x'});  // libharu reads their boxes for the cap and x heights
        for (char32_t c = 1; c < 0xFFFF; ++c) {
            if (expected.count(c) && whole.has_glyph(c)) {
                INFO("face " << face << " U+" << std::hex << static_cast<unsigned>(c));
                REQUIRE(m.glyph(c) == whole.glyph(c));
                REQUIRE(m.advance(c) == whole.advance(c));
            } else if (m.has_glyph(c)) {
                FAIL("face " << face << ": U+" << std::hex << static_cast<unsigned>(c) << " was not asked for but is mapped");
            }
        }
        CHECK(m.ascent() == whole.ascent());
        CHECK(m.descent() == whole.descent());
    }
}

TEST_CASE("a cut-down font has a sorted, checksummed table directory and no glyph names", "[pdf][fonts]") {
    const auto& fonts = pdf::system_fonts();
    const auto cut = pdf::font_for_characters(fonts.files[0].bytes(), fonts.metrics[0], kUsed);
    REQUIRE(cut);
    const std::string_view f = *cut;
    const unsigned n = (static_cast<unsigned char>(f[4]) << 8) | static_cast<unsigned char>(f[5]);
    std::set<std::string> tags;
    std::string previous;
    for (unsigned t = 0; t < n; ++t) {
        const std::size_t rec = 12 + 16 * static_cast<std::size_t>(t);
        const std::string tag(f.substr(rec, 4));
        INFO(tag);
        CHECK(tag > previous);
        previous = tag;
        tags.insert(tag);
        const auto off = u32(f, rec + 8), len = u32(f, rec + 12);
        REQUIRE(off % 4 == 0);
        REQUIRE(off + len <= f.size());
        std::string table(f.substr(off, len));
        if (tag == "head") table.replace(8, 4, 4, '\0');  // its checksum is taken with the adjustment zeroed
        CHECK(u32(f, rec + 4) == checksum(table));
        if (tag == "post") CHECK(u32(f, off) == 0x00030000u);
    }
    for (const char* required : {"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"})
        CHECK(tags.count(required) == 1);
    CHECK(tags.count("GSUB") == 0);  // layout tables are never embedded
    CHECK(checksum(f) == 0xB1B0AFBAu);  // the whole font, with head's checkSumAdjustment
}

TEST_CASE("a PDF embeds fonts sized to its text, not the whole font", "[pdf][fonts]") {
    doc::Document d;
    d.meta.title = "Small";
    d.meta.date_iso = "2026-11-23";
    d.meta.language = "en-GB";
    d.body.push_back(doc::para({doc::text("Hello")}));
    const std::string pdf = pdf::write_pdf(d);
    // With the whole font and a width for every character it covers, this PDF was 176 KB; now 42 KB.
    CHECK(pdf.size() < 60'000);
    CHECK(pdf.find("/FontFile2") != std::string::npos);
}
