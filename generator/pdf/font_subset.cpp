#include "pdf/font_subset.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "pdf/truetype.hpp"

namespace sprout::pdf {

namespace {

// Every table libharu reads or embeds (hpdf_fontdef_tt.c, REQUIRED_TAGS), in tag order as
// the table directory wants them. Layout tables (GSUB, GPOS, kern…) are never embedded.
constexpr std::array<std::string_view, 13> kTables = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                                      "hmtx", "loca", "maxp", "name", "post", "prep"};

// Code points this close together share one cmap segment, the gap mapped to no glyph: libharu
// scans the segments in order for every code point, so fewer segments beat a shorter array.
constexpr unsigned kMaxGap = 16;

void put16(std::string& o, unsigned v) {
    o += static_cast<char>((v >> 8) & 0xFF);
    o += static_cast<char>(v & 0xFF);
}

void put32(std::string& o, std::uint32_t v) {
    put16(o, v >> 16);
    put16(o, v & 0xFFFF);
}

void set32(std::string& o, std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) o[at + static_cast<std::size_t>(k)] = static_cast<char>((v >> (24 - 8 * k)) & 0xFF);
}

// The TrueType table checksum: the sum of big-endian 32-bit words, the last one zero-padded.
std::uint32_t checksum(std::string_view t) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < t.size(); i += 4) {
        std::uint32_t w = 0;
        for (std::size_t k = 0; k < 4; ++k) w = (w << 8) | (i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u);
        sum += w;
    }
    return sum;
}

// A cmap with one (3,1) format 4 subtable for these code point → glyph pairs (ascending).
std::optional<std::string> unicode_cmap(const std::vector<std::pair<unsigned, std::uint16_t>>& map) {
    struct Segment {
        unsigned start, end;
        std::size_t first;  // index of `start` in the glyph id array
    };
    std::vector<Segment> segs;
    std::vector<std::uint16_t> glyphs;
    for (const auto& [code, gid] : map) {
        if (segs.empty() || code > segs.back().end + kMaxGap) {
            segs.push_back({code, code, glyphs.size()});
        } else {
            while (segs.back().end + 1 < code) {
                glyphs.push_back(0);
                ++segs.back().end;
            }
            segs.back().end = code;
        }
        glyphs.push_back(gid);
    }
    const std::size_t n = segs.size() + 1;  // and the closing 0xFFFF segment
    const std::size_t length = 16 + 8 * n + 2 * glyphs.size();
    if (length > 0xFFFF) return std::nullopt;
    unsigned range = 1, selector = 0;
    while (range * 2 <= n) {
        range *= 2;
        ++selector;
    }
    std::string c;
    c.reserve(12 + length);
    put16(c, 0);   // cmap version
    put16(c, 1);   // one subtable:
    put16(c, 3);   // Windows platform,
    put16(c, 1);   // Unicode BMP encoding,
    put32(c, 12);  // right after this header
    put16(c, 4);
    put16(c, static_cast<unsigned>(length));
    put16(c, 0);  // language
    put16(c, static_cast<unsigned>(2 * n));
    put16(c, 2 * range);
    put16(c, selector);
    put16(c, static_cast<unsigned>(2 * n - 2 * range));
    for (const auto& s : segs) put16(c, s.end);
    put16(c, 0xFFFF);
    put16(c, 0);  // reserved pad
    for (const auto& s : segs) put16(c, s.start);
    put16(c, 0xFFFF);
    for (std::size_t i = 0; i < segs.size(); ++i) put16(c, 0);  // idDelta: glyph ids come from the array
    put16(c, 1);                                                   // 0xFFFF + 1 wraps to glyph 0
    // idRangeOffset: bytes from this entry to the segment's first glyph id in the array.
    for (std::size_t i = 0; i < segs.size(); ++i) put16(c, static_cast<unsigned>(2 * (n - i + segs[i].first)));
    put16(c, 0);
    for (auto g : glyphs) put16(c, g);
    return c;
}

// A version 3 post table (no glyph names) keeping the original's italic angle, underline
// and fixed-pitch fields.
std::string post_without_names(std::string_view original) {
    std::string p(32, '\0');
    if (original.size() >= 32) p.assign(original.substr(0, 32));
    set32(p, 0, 0x00030000);
    return p;
}

}  // namespace

std::optional<std::string> font_for_characters(std::string_view ttf, const FontMetrics& metrics,
                                               const std::set<char32_t>& chars) {
    if (ttf.size() < 12) return std::nullopt;
    std::vector<std::pair<unsigned, std::uint16_t>> map;
    std::set<char32_t> wanted = chars;
    wanted.insert({U'H', U'x'});
    for (char32_t c : wanted)
        if (c < 0xFFFF)
            if (const auto g = metrics.glyph(c)) map.emplace_back(static_cast<unsigned>(c), g);
    auto cmap = unicode_cmap(map);
    if (!cmap) return std::nullopt;

    // The original's tables, in the directory's order.
    std::vector<std::pair<std::string_view, std::string>> tables;
    try {
        for (const auto tag : kTables) {
            const auto t = truetype::find_table(ttf, tag);
            if (!t) continue;
            std::string data = tag == "cmap"   ? *cmap
                               : tag == "post" ? post_without_names(ttf.substr(t->offset, t->length))
                                               : std::string(ttf.substr(t->offset, t->length));
            if (tag == "head") {
                if (data.size() < 12) return std::nullopt;
                set32(data, 8, 0);  // checkSumAdjustment, set below once the whole file is known
            }
            tables.emplace_back(tag, std::move(data));
        }
    } catch (const std::runtime_error&) {
        return std::nullopt;  // a damaged directory: embed the original as it is
    }

    const auto n = static_cast<unsigned>(tables.size());
    unsigned range = 1, selector = 0;
    while (range * 2 <= n) {
        range *= 2;
        ++selector;
    }
    std::string out(ttf.substr(0, 4));  // sfnt version
    put16(out, n);
    put16(out, 16 * range);
    put16(out, selector);
    put16(out, 16 * n - 16 * range);
    std::size_t at = 12 + 16 * static_cast<std::size_t>(n);
    std::size_t head_at = 0;
    // The file's checksum is the sum of its 4-byte-aligned parts': the directory's and the
    // tables' (summing the whole file again doubled the time spent here).
    std::uint32_t sum = 0;
    for (const auto& [tag, data] : tables) {
        out += tag;
        const std::uint32_t table_sum = checksum(data);
        sum += table_sum;
        put32(out, table_sum);
        put32(out, static_cast<std::uint32_t>(at));
        put32(out, static_cast<std::uint32_t>(data.size()));
        if (tag == "head") head_at = at;
        at += (data.size() + 3) & ~std::size_t{3};
    }
    sum += checksum(out);
    for (const auto& [tag, data] : tables) {
        out += data;
        out.append((4 - data.size() % 4) % 4, '\0');
    }
    if (head_at) set32(out, head_at + 8, 0xB1B0AFBAu - sum);
    return out;
}

}  // namespace sprout::pdf
