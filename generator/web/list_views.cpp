#include "web/sections.hpp"

namespace sprout::web {

void write_list_view(Builder& b, const std::string& page_template, const std::string& section,
                     const std::vector<ListView>& views, std::size_t current, PageMeta meta, Json ctx) {
    Json switcher = Json::array();
    for (std::size_t i = 0; i < views.size(); ++i)
        switcher.push_back({{"title", views[i].title}, {"url", views[i].path}, {"current", i == current}});
    if (current != 0) meta.crumbs = {{section, views[0].path}};
    ctx["view_title"] = views[current].title;
    ctx["views"] = std::move(switcher);
    b.page(page_template, views[current].path, std::move(ctx), std::move(meta));
}

}  // namespace sprout::web
