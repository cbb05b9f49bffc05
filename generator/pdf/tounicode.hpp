#pragma once
// A correct ToUnicode CMap for libharu's UTF-8 (Type0, Identity-H) fonts.
//
// libharu 2.3 writes text in a font loaded with the "UTF-8" encoder as two-byte codes equal
// to the UTF-16 code unit of each character, but the ToUnicode stream it attaches is a copy
// of its encoding CMap (a `begincidrange` mapping), which is not a ToUnicode CMap: poppler
// warns "Invalid 'begincidrange' operator in ToUnicode CMap" and other readers may extract
// wrong text. We replace that stream's contents with a `bfchar` CMap listing every code the
// document actually uses, so copying and searching give exactly the characters written —
// Welsh ŵ ŷ, Irish accented letters, dashes and quotes included.
#include <set>
#include <string>

namespace sprout::pdf {

// The CMap program mapping each code (a BMP code point) to itself in UTF-16BE.
std::string tounicode_cmap(const std::set<char32_t>& used);

}  // namespace sprout::pdf
