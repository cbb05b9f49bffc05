#pragma once
// The look of a brief: page, margins, type sizes and colours. Defaults are built in; a theme's
// pdf-style.toml (themes/default/pdf-style.toml, overridable per toolkit) changes any of them.
#include <string>
#include <string_view>

namespace sprout::pdf {

struct Color {
    double r = 0, g = 0, b = 0;  // 0..1
    bool operator==(const Color&) const = default;
};

// Parses "#rrggbb"; returns false on anything else.
bool parse_color(std::string_view hex, Color& out);
// WCAG 2 contrast ratio between two colours (1 to 21).
double contrast_ratio(const Color& a, const Color& b);

struct Style {
    double page_width = 595.276;  // A4 in points
    double page_height = 841.89;
    double margin_top = 56.69, margin_bottom = 56.69, margin_left = 56.69, margin_right = 56.69;  // 20 mm
    double header_offset = 31.18;  // 11 mm: baseline of the running header from the top edge
    double footer_offset = 28.35;  // 10 mm: baseline of the running footer from the bottom edge

    double body_size = 10.5;
    double leading = 1.4;  // line height as a multiple of the font size
    double small_size = 8.5;
    double lead_size = 12;
    double h1_size = 18, h2_size = 13.5, h3_size = 11.5, h4_size = 10.5;
    double title_size = 28;
    double paragraph_space = 6;   // after a paragraph, points
    double section_space = 14;    // before a level-1 heading (when not at the top of a page)

    Color text{0.10, 0.10, 0.12};
    Color muted{0.33, 0.33, 0.36};
    Color accent{0.0, 0.32, 0.48};       // headings, rules, bars; ≥ 4.5:1 on white
    Color accent_text_on{1, 1, 1};        // text on accent fills
    Color shade{0.94, 0.95, 0.96};        // table row shading
    Color callout_fill{0.93, 0.96, 0.98};
    Color rule{0.75, 0.77, 0.80};
    Color bar{0.0, 0.32, 0.48};
    Color bar_alt{0.55, 0.62, 0.68};      // second series
    Color link{0.0, 0.32, 0.48};

    double content_width() const { return page_width - margin_left - margin_right; }
    double content_height() const { return page_height - margin_top - margin_bottom; }
};

// Applies the keys of a pdf-style.toml to the defaults. Unknown keys and bad values are
// reported in `error` (one line) and otherwise ignored.
Style parse_style(std::string_view toml_text, std::string& error);

}  // namespace sprout::pdf
