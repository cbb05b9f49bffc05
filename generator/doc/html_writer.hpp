#pragma once
// The HTML writer for the document tree: an accessible, self-contained page (one file, inline
// CSS, no scripts) with the same content as the PDF — headings in order, a contents list,
// data tables with header cells, charts as tables with drawn bars, references linked by id.
#include <string>

#include "doc/document.hpp"

namespace sprout::doc {

struct HtmlOptions {
    std::string pdf_href;  // link to the PDF twin, e.g. "scotland-commissioners.pdf"; "" for none
};

std::string write_html(const Document& d, const HtmlOptions& o = {});

}  // namespace sprout::doc
