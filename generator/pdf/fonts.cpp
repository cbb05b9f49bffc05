#include "pdf/fonts.hpp"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "pdf/truetype.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::pdf {

namespace {

using truetype::find_table;
using truetype::s16;
using truetype::u16;
using truetype::u32;

}  // namespace

FontMetrics FontMetrics::parse(std::string_view d, const std::string& name) {
    try {
        FontMetrics m;
        const auto head = find_table(d, "head");
        const auto hhea = find_table(d, "hhea");
        const auto hmtx = find_table(d, "hmtx");
        const auto cmap = find_table(d, "cmap");
        if (!head || !hhea || !hmtx || !cmap) throw std::runtime_error("missing head, hhea, hmtx or cmap table");
        const unsigned upem = u16(d, head->offset + 18);
        if (upem == 0) throw std::runtime_error("unitsPerEm is 0");
        m.ascent_ = static_cast<double>(s16(d, hhea->offset + 4)) / upem;
        m.descent_ = -static_cast<double>(s16(d, hhea->offset + 6)) / upem;
        const unsigned nmetrics = u16(d, hhea->offset + 34);
        m.width_.resize(nmetrics);
        for (unsigned i = 0; i < nmetrics; ++i) m.width_[i] = static_cast<std::uint16_t>(u16(d, hmtx->offset + 4 * i) * 1000u / upem);

        // cmap: prefer (3,1) format 4, the Unicode BMP subtable.
        m.glyph_.assign(0x10000, 0);
        const std::uint16_t nsub = u16(d, cmap->offset + 2);
        std::optional<std::size_t> sub;
        for (std::uint16_t i = 0; i < nsub; ++i) {
            const std::size_t rec = cmap->offset + 4 + 8 * static_cast<std::size_t>(i);
            const auto platform = u16(d, rec), encoding = u16(d, rec + 2);
            const std::size_t off = cmap->offset + u32(d, rec + 4);
            if (u16(d, off) == 4 && ((platform == 3 && encoding == 1) || platform == 0)) {
                sub = off;
                if (platform == 3) break;
            }
        }
        if (!sub) throw std::runtime_error("no Unicode (format 4) cmap subtable");
        const std::size_t s = *sub;
        const unsigned segx2 = u16(d, s + 6);
        const std::size_t ends = s + 14, starts = ends + segx2 + 2, deltas = starts + segx2, ranges = deltas + segx2;
        for (unsigned i = 0; i < segx2 / 2; ++i) {
            const unsigned end = u16(d, ends + 2 * i), start = u16(d, starts + 2 * i);
            const std::uint16_t delta = u16(d, deltas + 2 * i);
            const std::size_t range_at = ranges + 2 * i;
            const unsigned range = u16(d, range_at);
            for (unsigned c = start; c <= end && c < 0xFFFF; ++c) {
                std::uint16_t g;
                if (range == 0) {
                    g = static_cast<std::uint16_t>(c + delta);
                } else {
                    const std::size_t at = range_at + range + 2 * (c - start);
                    g = u16(d, at);
                    if (g != 0) g = static_cast<std::uint16_t>(g + delta);
                }
                m.glyph_[c] = g;
            }
        }
        return m;
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot read font " + name + ": " + e.what());
    }
}

int FontMetrics::advance(char32_t c) const {
    if (c >= glyph_.size()) return 0;
    const std::uint16_t g = glyph_[c];
    if (g == 0 && c != 0) return 0;
    if (width_.empty()) return 0;
    return g < width_.size() ? width_[g] : width_.back();
}

bool FontMetrics::has_glyph(char32_t c) const { return c < glyph_.size() && glyph_[c] != 0; }

namespace {

const char* const kFiles[4] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"};

std::vector<fs::path> search_dirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("SPROUT_FONT_DIR"); env && *env) dirs.emplace_back(env);
    for (const char* d : {"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
                          "/usr/share/fonts/truetype", "/usr/local/share/fonts", "/usr/share/fonts",
                          "/opt/homebrew/share/fonts", "/Library/Fonts"})
        dirs.emplace_back(d);
    return dirs;
}

std::optional<fs::path> find_file(const std::string& file) {
    std::error_code ec;
    for (const auto& dir : search_dirs()) {
        if (fs::is_regular_file(dir / file, ec)) return dir / file;
    }
    // Last resort: one recursive look through the system font folder.
    for (fs::recursive_directory_iterator it("/usr/share/fonts", ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename() == file && it->is_regular_file(ec)) return it->path();
    }
    return std::nullopt;
}

FontSet load_fonts() {
    FontSet set;
    std::vector<std::string> missing;
    for (int i = 0; i < 4; ++i) {
        auto p = find_file(kFiles[i]);
        if (!p) {
            missing.push_back(kFiles[i]);
            continue;
        }
        auto file = util::MappedFile::open(p->string());
        if (!file) throw std::runtime_error("cannot read font file " + p->string());
        set.paths[static_cast<std::size_t>(i)] = p->string();
        set.metrics[static_cast<std::size_t>(i)] = FontMetrics::parse(file->bytes(), p->string());
        set.files[static_cast<std::size_t>(i)] = std::move(*file);
    }
    if (!missing.empty()) {
        std::string where;
        for (const auto& d : search_dirs()) where += (where.empty() ? "" : ", ") + d.string();
        throw std::runtime_error("briefs need the DejaVu Sans fonts, but " + text::join(missing, ", ") +
                                 " could not be found (looked in " + where +
                                 "); install them (Debian/Ubuntu: apt-get install fonts-dejavu-core) "
                                 "or set SPROUT_FONT_DIR to a folder that holds them");
    }
    return set;
}

}  // namespace

const FontSet& system_fonts() {
    static std::mutex mu;
    static std::optional<FontSet> fonts;
    std::lock_guard lock(mu);
    if (!fonts) fonts = load_fonts();  // throws (and retries next time) when missing
    return *fonts;
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc >> 6) != 2) ok = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += cp;
        i += static_cast<std::size_t>(len);
    }
    return out;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

double text_width(const FontMetrics& m, std::string_view utf8, double size) {
    long units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            units += m.advance(c);
            ++i;
            continue;
        }
        const int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        units += m.advance(decode_utf8(utf8.substr(i, static_cast<std::size_t>(len))).front());
        i += static_cast<std::size_t>(len);
    }
    return static_cast<double>(units) * size / 1000.0;
}

std::string fit_to_font(const FontMetrics& m, std::string_view utf8) {
    bool plain = true;
    for (char c : utf8)
        if (static_cast<unsigned char>(c) >= 0x80 || static_cast<unsigned char>(c) < 0x20) plain = false;
    if (plain) return std::string(utf8);
    std::string out;
    for (char32_t c : decode_utf8(utf8)) {
        if (c == U'\t' || c == U'\n' || c == U'\r') c = U' ';
        if (c < 0x20) continue;
        // Invisible format characters: zero-width space/joiners, soft hyphen, BOM.
        if (c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF) continue;
        if (!m.has_glyph(c)) {
            switch (c) {
            case 0x2010: case 0x2011: c = U'-'; break;
            case 0x02BC: case 0x2032: c = U'\''; break;
            case 0x2033: c = U'"'; break;
            case 0x202F: case 0x2007: case 0x2009: case 0x200A: c = U' '; break;
            default: c = U'?';
            }
        }
        append_utf8(out, c);
    }
    return out;
}

}  // namespace sprout::pdf
