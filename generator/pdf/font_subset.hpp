#pragma once
// A TrueType font cut down to what one document writes, for libharu to embed.
//
// libharu 2.3 does keep only the used glyph outlines when it embeds a font, but everything
// else costs in proportion to the whole font: for each font it looks up all 65,536 BMP code
// points one by one in the cmap (a linear scan of its segments, over a thousand in DejaVu
// Sans), writes a width into the PDF for every character the font covers, and copies the
// full cmap and glyph-name (post) tables into the file. That was a fifth of the time of a
// brief and most of its size. Given a cmap that lists only the characters written (and a
// post table without glyph names), each of those shrinks to the document's own needs.
// Glyph ids, outlines and metrics are unchanged, so text is set and measured exactly as
// before.
#include <optional>
#include <set>
#include <string>

#include "pdf/fonts.hpp"

namespace sprout::pdf {

// The tables of `ttf` that a PDF viewer or libharu reads, with a Unicode cmap (3,1, format 4)
// mapping only the characters of `chars` that `metrics` (the same font) has glyphs for, plus
// 'H' and 'x' (libharu reads their boxes for the cap and x heights), and a version 3 post
// table. nullopt when the font cannot be rewritten (a table outside the file, or too many
// characters for one format 4 subtable): then embed the original.
std::optional<std::string> font_for_characters(std::string_view ttf, const FontMetrics& metrics,
                                               const std::set<char32_t>& chars);

}  // namespace sprout::pdf
