#include "pdf/flow.hpp"

#include <algorithm>
#include <set>

namespace sprout::pdf {

namespace {
constexpr double kEps = 0.01;
}

void Paginator::new_page() {
    pages_.emplace_back();
    y_ = frame_.top;
    page_empty_ = true;
}

void Paginator::put(const Item& it, bool at_top) {
    const double top = y_ + (at_top ? 0 : it.space_before);
    const int page = static_cast<int>(pages_.size()) - 1;
    PageBoxes& p = pages_.back();
    for (auto r : it.boxes.rects) {
        r.y += top;
        p.rects.push_back(r);
    }
    for (auto l : it.boxes.lines) {
        l.y1 += top;
        l.y2 += top;
        p.lines.push_back(l);
    }
    for (auto t : it.boxes.texts) {
        t.y += top;
        p.texts.push_back(std::move(t));
    }
    for (auto k : it.boxes.links) {
        k.y += top;
        p.links.push_back(std::move(k));
    }
    for (const auto& [id, off] : it.anchors) anchors_.emplace(id, Destination{page, top + off});
    for (const auto& o : it.outline) outline_.push_back(o);
    if (it.group >= 0) {
        auto key = std::make_pair(page, it.group);
        auto found = group_extent_.find(key);
        if (found == group_extent_.end()) {
            group_extent_[key] = {top, top + it.height};
        } else {
            found->second.first = std::min(found->second.first, top);
            found->second.second = std::max(found->second.second, top + it.height);
        }
    }
    y_ = top + it.height;
    page_empty_ = false;
}

void Paginator::place(const std::vector<Item>& items) {
    std::map<int, std::vector<const Item*>> headers;
    std::map<int, double> header_height;
    for (const auto& it : items) {
        if (it.table >= 0 && it.table_header) {
            headers[it.table].push_back(&it);
            header_height[it.table] += it.height;
        }
    }
    std::set<int> tables_started;
    const double bottom = frame_.top + frame_.height;
    new_page();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (it.page_break_before && !page_empty_) new_page();
        const bool continues_table = it.table >= 0 && !it.table_header && tables_started.count(it.table) > 0;
        // Height of the chain this item starts.
        double chain = it.height;
        for (std::size_t j = i; items[j].keep_with_next && j + 1 < items.size(); ++j) chain += items[j + 1].space_before + items[j + 1].height;
        const double repeat = continues_table ? header_height[it.table] : 0;
        const double sb = page_empty_ ? 0 : it.space_before;
        const bool chain_fits_here = y_ + sb + chain <= bottom + kEps;
        const bool chain_fits_fresh = repeat + chain <= frame_.height + kEps;
        const bool item_fits_here = y_ + sb + it.height <= bottom + kEps;
        if (!page_empty_ && ((!chain_fits_here && chain_fits_fresh) || !item_fits_here)) new_page();
        if (page_empty_ && continues_table) {
            for (const Item* h : headers[it.table]) put(*h, page_empty_);
        }
        put(it, page_empty_);
        if (it.table >= 0) tables_started.insert(it.table);
    }
    paint_groups();
}

void Paginator::paint_groups() {
    for (const auto& [key, ext] : group_extent_) {
        const auto& [page, group] = key;
        const Group& g = groups_[static_cast<std::size_t>(group)];
        auto& rects = pages_[static_cast<std::size_t>(page)].rects;
        std::vector<RectBox> bg{RectBox{g.x, ext.first, g.w, ext.second - ext.first, g.fill},
                                RectBox{g.x, ext.first, 3, ext.second - ext.first, g.bar}};
        rects.insert(rects.begin(), bg.begin(), bg.end());
    }
}

}  // namespace sprout::pdf
