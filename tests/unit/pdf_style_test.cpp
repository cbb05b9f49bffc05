// The brief style: the theme's pdf-style.toml gives A4, 20 mm margins, body 10-11 pt on
// 1.35-1.45 leading and an accent with at least 4.5:1 contrast on white; bad keys are reported.
#include <catch2/catch.hpp>

#include "assets/assets.hpp"
#include "brief/briefs.hpp"
#include "pdf/style.hpp"

using namespace sprout;

TEST_CASE("the default theme's brief style", "[pdf][style]") {
    std::string warning;
    const pdf::Style st = brief::load_style(assets::Assets(SPROUT_SOURCE_DIR), warning);
    CHECK(warning.empty());
    constexpr double mm = 72.0 / 25.4;
    CHECK(st.page_width == Approx(210 * mm));
    CHECK(st.page_height == Approx(297 * mm));
    for (double m : {st.margin_left, st.margin_right, st.margin_top, st.margin_bottom}) CHECK(m == Approx(20 * mm));
    CHECK(st.body_size >= 10);
    CHECK(st.body_size <= 11);
    CHECK(st.leading >= 1.35);
    CHECK(st.leading <= 1.45);
    const pdf::Color white{1, 1, 1};
    CHECK(pdf::contrast_ratio(st.accent, white) >= 4.5);
    CHECK(pdf::contrast_ratio(st.accent, st.callout_fill) >= 4.5);  // headings of key-message boxes
    CHECK(pdf::contrast_ratio(st.accent_text_on, st.accent) >= 4.5);  // table headers, cover
    CHECK(pdf::contrast_ratio(st.text, st.shade) >= 4.5);
    CHECK(pdf::contrast_ratio(st.muted, white) >= 4.5);
}

TEST_CASE("pdf-style.toml: values apply, bad keys are named", "[pdf][style]") {
    std::string err;
    auto st = pdf::parse_style("[page]\nmargin_mm = 25\n[colours]\naccent = \"#112233\"\n", err);
    CHECK(err.empty());
    CHECK(st.margin_left == Approx(25 * 72.0 / 25.4));
    CHECK(st.accent.g == Approx(0x22 / 255.0));
    st = pdf::parse_style("[type]\nbodysize = 11\n[colours]\naccent = \"blue\"\n", err);
    CHECK(err.find("unknown key type.bodysize") != std::string::npos);
    CHECK(err.find("colours.accent should be a colour") != std::string::npos);
    err.clear();
    (void)pdf::parse_style("not toml = = =", err);
    CHECK_FALSE(err.empty());
}
