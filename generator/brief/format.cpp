#include "brief/format.hpp"

#include <cmath>
#include <cstdio>

namespace sprout::brief {

std::string format_number(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    double r = std::round(v * scale) / scale;
    if (r == 0) r = 0;  // no "-0"
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(r));
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    const auto dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
    std::string grouped;  // commas for numbers over 999, as GOV.UK style asks
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return (r < 0 ? "-" : "") + grouped + frac;
}

std::string format_value(double v, const std::string& unit) {
    if (unit == "percent") return format_number(v) + "%";
    if (unit == "gbp") return "\u00A3" + format_number(v, 2);
    if (unit == "years") return format_number(v) + (v == 1 ? " year" : " years");
    if (unit == "months") return format_number(v) + (v == 1 ? " month" : " months");
    if (unit == "weeks") return format_number(v) + (v == 1 ? " week" : " weeks");
    if (unit == "count") return format_number(v, 0);
    return format_number(v, 2);
}

std::string unit_label(const std::string& unit) {
    if (unit == "percent") return "Per cent";
    if (unit == "gbp") return "Pounds (\u00A3)";
    if (unit == "count") return "Number";
    if (unit == "years") return "Years";
    if (unit == "months") return "Months";
    if (unit == "weeks") return "Weeks";
    if (unit == "score") return "Score";
    if (unit == "ratio") return "Ratio";
    return {};
}

std::string human_date(const std::string& iso) {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return iso;
    return std::to_string(d) + " " + months[m - 1] + " " + std::to_string(y);
}

std::string replace_all(std::string text, const std::string& key, const std::string& value) {
    if (key.empty()) return text;
    std::size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
        text.replace(pos, key.size(), value);
        pos += value.size();
    }
    return text;
}

std::string in_sentence(const std::string& name) {
    if (name.size() >= 2 && name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'a' && name[1] <= 'z') {
        std::string out = name;
        out[0] = static_cast<char>(out[0] - 'A' + 'a');
        return out;
    }
    return name;
}

}  // namespace sprout::brief
