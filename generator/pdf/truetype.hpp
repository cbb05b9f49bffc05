#pragma once
// Reading a TrueType file's big-endian numbers and its table directory, shared by the font
// metrics (pdf/fonts.cpp) and the cut-down fonts (pdf/font_subset.cpp). Every read is
// bounds-checked and throws std::runtime_error on a truncated or inconsistent file.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sprout::pdf::truetype {

inline std::uint16_t u16(std::string_view d, std::size_t at) {
    if (at + 2 > d.size()) throw std::runtime_error("truncated font table");
    return static_cast<std::uint16_t>((static_cast<unsigned char>(d[at]) << 8) | static_cast<unsigned char>(d[at + 1]));
}

inline std::int16_t s16(std::string_view d, std::size_t at) { return static_cast<std::int16_t>(u16(d, at)); }

inline std::uint32_t u32(std::string_view d, std::size_t at) {
    return (static_cast<std::uint32_t>(u16(d, at)) << 16) | u16(d, at + 2);
}

struct TableRef {
    std::size_t offset = 0, length = 0;
};

// Where the table `tag` lies in the font file `d`; nullopt when the font has none.
inline std::optional<TableRef> find_table(std::string_view d, std::string_view tag) {
    const std::uint16_t n = u16(d, 4);
    for (std::uint16_t i = 0; i < n; ++i) {
        const std::size_t rec = 12 + 16 * static_cast<std::size_t>(i);
        if (rec + 16 > d.size()) throw std::runtime_error("truncated font table directory");
        if (d.compare(rec, 4, tag) == 0) {
            TableRef t{u32(d, rec + 8), u32(d, rec + 12)};
            if (t.offset > d.size() || t.length > d.size() - t.offset) throw std::runtime_error("font table outside the file");
            return t;
        }
    }
    return std::nullopt;
}

}  // namespace sprout::pdf::truetype
