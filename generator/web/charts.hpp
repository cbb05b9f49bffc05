#pragma once
// Bar charts for statistics with series, drawn at build time. The geometry is computed here;
// templates/partials/chart.mustache draws it as inline SVG, so every label is escaped by the
// template. Each chart carries a text alternative and the data table it was drawn from.
#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace sprout::web {

// Template context for a horizontal bar chart of `s.series` (one block per series).
// `id` must be unique in the page; it prefixes the SVG's title and description ids.
nlohmann::json bar_chart(const model::Statistic& s, const std::string& id);

}  // namespace sprout::web
