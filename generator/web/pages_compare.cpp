// Compare: one pre-rendered table of every intervention (rows) against the things readers
// compare (columns), so it works without JavaScript; compare.js turns the 2 to 4 chosen in
// the form into a side-by-side table of those columns.
#include <set>

#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

// Scales shown as columns: only those some intervention is rated or grouped on.
std::vector<const model::EvidenceScale*> used_scales(const model::Model& m) {
    std::set<std::string> used;
    for (const auto& i : m.interventions)
        for (const auto& r : i.ratings) used.insert(r.scale);
    std::vector<const model::EvidenceScale*> out;
    for (const auto& s : m.scales)
        if (used.count(s.id)) out.push_back(&s);
    return out;
}

}  // namespace

void render_compare(Builder& b) {
    const auto& m = b.model;
    const auto scales = used_scales(m);
    Json columns = Json::array();
    for (const auto* s : scales)
        columns.push_back({{"name", s->short_name.empty() ? s->name : s->short_name},
                           {"url", urls::record("evidence-scales", s->id)},
                           {"is_grouping", s->kind == "grouping"}});
    Json rows = Json::array(), options = Json::array();
    for (const auto* ip : sorted_by_name(m.interventions, [](const auto& x) { return x.name; })) {
        const auto& i = *ip;
        Json cells = Json::array();
        for (const auto* s : scales) {
            Json levels = Json::array();
            for (const auto& r : i.ratings)
                if (r.scale == s->id) levels.push_back(b.badge(r));
            cells.push_back({{"levels", std::move(levels)}});
        }
        Json nations = Json::array();
        for (const auto& a : i.availability) nations.push_back({{"name", b.nation_name(a.nation)}, {"note", a.note}});
        std::vector<std::string> delivery;
        if (!i.delivery_who.empty()) delivery.push_back("By: " + i.delivery_who);
        if (!i.delivery_settings.empty()) delivery.push_back("Where: " + text::join(i.delivery_settings, ", "));
        if (!i.delivery_format.empty()) delivery.push_back("Format: " + i.delivery_format);
        if (!i.delivery_dose.empty()) delivery.push_back("Dose: " + i.delivery_dose);
        rows.push_back({{"id", i.id},
                        {"row_id", urls::anchor("compare", i.id)},
                        {"title", i.name},
                        {"url", urls::record("interventions", i.id)},
                        {"cells", std::move(cells)},
                        {"age", Builder::age_range(i.age_min_months, i.age_max_months)},
                        {"delivery", std::move(delivery)},
                        {"outcomes", i.outcomes},
                        {"availability", std::move(nations)}});
        options.push_back({{"id", i.id}, {"title", i.name}, {"input_id", urls::anchor("pick", i.id)}});
    }
    Json ctx = {{"columns", std::move(columns)}, {"rows", std::move(rows)}, {"options", std::move(options)}, {"has_rows", !m.interventions.empty()}};
    PageMeta meta("Compare interventions",
                  "Interventions side by side: evidence on each scale, ages, delivery, outcomes and where they are available.",
                  "interventions");
    meta.crumbs = {{"Interventions", "interventions/index.html"}};
    meta.scripts = {"compare.js"};
    b.page("compare", "compare.html", std::move(ctx), std::move(meta));
}

}  // namespace sprout::web
