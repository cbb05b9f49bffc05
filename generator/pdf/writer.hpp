#pragma once
// The PDF writer: laid-out pages → PDF bytes through libharu 2.3, with the DejaVu fonts
// embedded (subset), compressed streams, an outline mirroring the headings, internal and
// external links, document information (title, author, subject, keywords, fixed dates from
// the edition so output is byte-identical), the language, and a correct ToUnicode map.
#include <string>

#include "doc/document.hpp"
#include "pdf/boxes.hpp"
#include "pdf/fonts.hpp"
#include "pdf/style.hpp"

namespace sprout::pdf {

// Lays the document out (pdf::layout_document) and writes it. Throws std::runtime_error
// (fonts missing, libharu failure).
std::string write_pdf(const doc::Document& d, const Style& st = {});

// Writes an already laid-out document.
std::string render_pdf(const Layout& l, const doc::Meta& meta, const Style& st, const FontSet& fonts);

}  // namespace sprout::pdf
