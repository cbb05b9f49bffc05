#include "web/charts.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "web/builder.hpp"

namespace sprout::web {

namespace {

// Drawing units (the SVG scales to its container; CSS caps it at this width so text stays
// the size of body text on a desktop and readable on a phone).
constexpr double kWidth = 480;
constexpr double kLabelLine = 24;    // height of one line of label text
constexpr double kBar = 26;          // bar thickness
constexpr double kGap = 16;          // space after each bar
constexpr double kValueRoom = 100;   // space kept right of the longest bar for its value
constexpr double kSeriesGap = 20;
constexpr std::size_t kWrap = 42;    // characters per label line at the chart's type size

std::string num(double v) { return fmt::format("{:.1f}", v); }

// Splits a label into lines of at most kWrap characters at spaces (SVG text does not wrap).
std::vector<std::string> wrap(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t sp = text.find(' ', start);
        if (sp == std::string::npos) sp = text.size();
        const std::string word = text.substr(start, sp - start);
        if (!line.empty() && line.size() + 1 + word.size() > kWrap) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = sp + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace

nlohmann::json bar_chart(const model::Statistic& s, const std::string& id) {
    double max = 0;
    for (const auto& se : s.series)
        for (const auto& p : se.points) max = std::max(max, p.value);
    if (max <= 0) max = 1;
    const double scale = (kWidth - kValueRoom) / max;
    const bool named = s.series.size() > 1;

    nlohmann::json blocks = nlohmann::json::array();
    std::string alt;
    double y = 0;
    for (const auto& se : s.series) {
        nlohmann::json bars = nlohmann::json::array();
        nlohmann::json heading = "";
        if (named) {
            y += kLabelLine;
            heading = {{"text", se.name}, {"y", num(y - 6)}};
            y += 4;
        }
        std::string part;
        for (const auto& p : se.points) {
            nlohmann::json lines = nlohmann::json::array();
            for (const auto& l : wrap(p.label)) {
                y += kLabelLine;
                lines.push_back({{"text", l}, {"y", num(y - 6)}});
            }
            const double w = std::max(0.0, p.value) * scale;
            const std::string value = Builder::format_value(p.value, s.unit);
            bars.push_back({{"lines", lines},
                            {"bar_y", num(y)},
                            {"bar_w", num(std::max(w, 1.0))},
                            {"bar_h", num(kBar)},
                            {"value", value},
                            {"value_x", num(w + 8)},
                            {"value_y", num(y + kBar * 0.72)}});
            part += (part.empty() ? "" : "; ") + p.label + ": " + value;
            y += kBar + kGap;
        }
        alt += (named ? se.name + ": " : std::string()) + part + ". ";
        blocks.push_back({{"heading", heading}, {"bars", bars}});
        if (named) y += kSeriesGap;
    }

    // The data table: one row per label, one column per series.
    std::vector<std::string> labels;
    for (const auto& se : s.series)
        for (const auto& p : se.points)
            if (std::find(labels.begin(), labels.end(), p.label) == labels.end()) labels.push_back(p.label);
    nlohmann::json head = nlohmann::json::array(), rows = nlohmann::json::array();
    for (const auto& se : s.series) head.push_back({{"text", se.name.empty() ? s.measure : se.name}});
    for (const auto& l : labels) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& se : s.series) {
            std::string v = "–";
            for (const auto& p : se.points)
                if (p.label == l) v = Builder::format_value(p.value, s.unit);
            cells.push_back({{"text", v}});
        }
        rows.push_back({{"label", l}, {"cells", cells}});
    }
    return {{"id", id},
            {"title", s.title},
            {"alt", "Bar chart of " + s.measure + ". " + alt},
            {"width", num(kWidth)},
            {"height", num(y)},
            {"blocks", blocks},
            {"table_head", head},
            {"table_rows", rows}};
}

}  // namespace sprout::web
