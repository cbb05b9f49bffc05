#pragma once
// The brief fonts: DejaVu Sans in four faces, found at run time in the system's font folders
// (Debian: fonts-dejavu-core), with their metrics read from the TrueType tables so the layout
// engine measures text exactly as libharu will set it (libharu's widths are
// advance × 1000 / unitsPerEm, truncated; we use the same rule).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/mapped_file.hpp"

namespace sprout::pdf {

enum class Face { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
constexpr Face face_of(bool bold, bool italic) {
    return bold ? (italic ? Face::BoldItalic : Face::Bold) : (italic ? Face::Italic : Face::Regular);
}

// Metrics of one TrueType font, for the Basic Multilingual Plane.
class FontMetrics {
public:
    // Parses the font file's head, hhea, hmtx and cmap tables. Throws std::runtime_error.
    static FontMetrics parse(std::string_view data, const std::string& name);

    // Advance width in thousandths of the font size (as in the PDF /W array); 0 if no glyph.
    int advance(char32_t c) const;
    bool has_glyph(char32_t c) const;
    std::uint16_t glyph(char32_t c) const { return c < glyph_.size() ? glyph_[c] : 0; }  // 0 = none
    double ascent() const { return ascent_; }    // fraction of the font size, positive
    double descent() const { return descent_; }  // fraction of the font size, positive

private:
    std::vector<std::uint16_t> glyph_;  // BMP code point → glyph id (0 = none)
    std::vector<std::uint16_t> width_;  // glyph id → width in 1/1000 em
    double ascent_ = 0.93, descent_ = 0.24;
};

struct FontSet {
    std::array<std::string, 4> paths;  // by Face
    std::array<util::MappedFile, 4> files;  // the font files, by Face
    std::array<FontMetrics, 4> metrics;
    const FontMetrics& operator[](Face f) const { return metrics[static_cast<int>(f)]; }
};

// Finds and parses the DejaVu Sans faces once per process (thread-safe). Looks in
// $SPROUT_FONT_DIR, then the usual system font folders. Throws std::runtime_error with a
// clear message (which files, where looked, which package to install) when one is missing.
const FontSet& system_fonts();

// Width of UTF-8 text in points.
double text_width(const FontMetrics& m, std::string_view utf8, double size);

// Decodes UTF-8 (invalid bytes become U+FFFD).
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t c);

// Replaces characters the font cannot draw with close equivalents ("'" for a modifier
// apostrophe, "-" for a non-breaking hyphen…) or "?", and drops invisible format characters,
// so that every character written has a glyph and a correct ToUnicode entry.
std::string fit_to_font(const FontMetrics& m, std::string_view utf8);

}  // namespace sprout::pdf
