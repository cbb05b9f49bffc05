#include "pdf/style.hpp"

#include <cmath>
#include <map>
#include <toml++/toml.h>

namespace sprout::pdf {

bool parse_color(std::string_view hex, Color& out) {
    if (hex.size() != 7 || hex[0] != '#') return false;
    int v[3];
    for (int i = 0; i < 3; ++i) {
        int x = 0;
        for (int k = 0; k < 2; ++k) {
            const char c = hex[static_cast<std::size_t>(1 + 2 * i + k)];
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else return false;
            x = x * 16 + d;
        }
        v[i] = x;
    }
    out = {v[0] / 255.0, v[1] / 255.0, v[2] / 255.0};
    return true;
}

double contrast_ratio(const Color& a, const Color& b) {
    auto lum = [](const Color& c) {
        auto ch = [](double x) { return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
    };
    double la = lum(a), lb = lum(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

Style parse_style(std::string_view toml_text, std::string& error) {
    Style s;
    toml::table t;
    try {
        t = toml::parse(toml_text, std::string_view{"pdf-style.toml"});
    } catch (const toml::parse_error& e) {
        error = std::string("pdf-style.toml: ") + std::string(e.description());
        return s;
    }
    constexpr double mm = 72.0 / 25.4;
    const std::map<std::string, double*> lengths_mm = {
        {"page.width_mm", &s.page_width},          {"page.height_mm", &s.page_height},
        {"page.margin_top_mm", &s.margin_top},     {"page.margin_bottom_mm", &s.margin_bottom},
        {"page.margin_left_mm", &s.margin_left},   {"page.margin_right_mm", &s.margin_right},
        {"page.header_mm", &s.header_offset},      {"page.footer_mm", &s.footer_offset},
    };
    const std::map<std::string, double*> points = {
        {"type.body", &s.body_size},  {"type.leading", &s.leading}, {"type.small", &s.small_size},
        {"type.lead", &s.lead_size},  {"type.h1", &s.h1_size},      {"type.h2", &s.h2_size},
        {"type.h3", &s.h3_size},      {"type.h4", &s.h4_size},      {"type.title", &s.title_size},
        {"type.paragraph_space", &s.paragraph_space},               {"type.section_space", &s.section_space},
    };
    const std::map<std::string, Color*> colours = {
        {"colours.text", &s.text},       {"colours.muted", &s.muted},   {"colours.accent", &s.accent},
        {"colours.on_accent", &s.accent_text_on},                         {"colours.shade", &s.shade},
        {"colours.callout", &s.callout_fill},                             {"colours.rule", &s.rule},
        {"colours.bar", &s.bar},         {"colours.bar_alt", &s.bar_alt}, {"colours.link", &s.link},
    };
    std::string problems;
    auto note = [&problems](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
    for (const auto& [section, node] : t) {
        const auto* tbl = node.as_table();
        if (!tbl) {
            note("'" + std::string(section.str()) + "' should be a table");
            continue;
        }
        for (const auto& [key, value] : *tbl) {
            const std::string k = std::string(section.str()) + "." + std::string(key.str());
            if (k == "page.margin_mm") {
                if (auto v = value.value<double>()) s.margin_top = s.margin_bottom = s.margin_left = s.margin_right = *v * mm;
                else note(k + " should be a number");
            } else if (auto it = lengths_mm.find(k); it != lengths_mm.end()) {
                if (auto v = value.value<double>()) *it->second = *v * mm;
                else note(k + " should be a number");
            } else if (auto ip = points.find(k); ip != points.end()) {
                if (auto v = value.value<double>()) *ip->second = *v;
                else note(k + " should be a number");
            } else if (auto ic = colours.find(k); ic != colours.end()) {
                auto v = value.value<std::string>();
                if (!v || !parse_color(*v, *ic->second)) note(k + " should be a colour like \"#00527a\"");
            } else {
                note("unknown key " + k);
            }
        }
    }
    if (s.body_size < 4 || s.leading < 1 || s.content_width() < 100 || s.content_height() < 100) {
        note("sizes or margins leave no room for text; using the defaults");
        s = Style{};
    }
    if (!problems.empty()) error = "pdf-style.toml: " + problems;
    return s;
}

}  // namespace sprout::pdf
