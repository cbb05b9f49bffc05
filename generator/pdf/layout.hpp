#pragma once
// The layout engine: a document tree → pages of positioned boxes (pdf/boxes.hpp), with the
// cover, a contents list with page numbers, running header and footer ("Page N of M"),
// outline entries and link areas. Pure computation: no libharu, so tests can inspect every box.
#include "doc/document.hpp"
#include "pdf/boxes.hpp"
#include "pdf/fonts.hpp"
#include "pdf/style.hpp"

namespace sprout::pdf {

// Lays the document out. The contents page needs the page numbers of what follows it, so
// the body is laid out again with the numbers of the previous pass until they settle
// (twice in practice: the contents has one line per heading whatever the numbers are).
Layout layout_document(const doc::Document& d, const Style& st, const FontSet& fonts);

}  // namespace sprout::pdf
