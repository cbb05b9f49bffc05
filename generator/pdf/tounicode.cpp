#include "pdf/tounicode.hpp"

#include <cstdio>
#include <vector>

namespace sprout::pdf {

std::string tounicode_cmap(const std::set<char32_t>& used) {
    std::vector<char32_t> codes;
    for (char32_t c : used)
        if (c < 0x10000 && !(c >= 0xD800 && c <= 0xDFFF)) codes.push_back(c);
    std::string out =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    char buf[32];
    for (std::size_t i = 0; i < codes.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, codes.size() - i);
        out += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            const unsigned c = static_cast<unsigned>(codes[k]);
            std::snprintf(buf, sizeof buf, "<%04X> <%04X>\n", c, c);
            out += buf;
        }
        out += "endbfchar\n";
    }
    out +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return out;
}

}  // namespace sprout::pdf
