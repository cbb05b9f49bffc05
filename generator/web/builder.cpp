#include "web/builder.hpp"

#include <atomic>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "markdown/markdown.hpp"
#include "util/hash_mix.hpp"
#include "util/parallel.hpp"
#include "web/search_index.hpp"
#include "web/shared_json.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

struct NavEntry {
    const char* section;
    const char* title;
    const char* url;
};

// The main navigation, in reading order.
constexpr NavEntry kNav[] = {
    {"interventions", "Interventions", "interventions/index.html"},
    {"evidence", "Evidence scales", "evidence/index.html"},
    {"recommendations", "Recommendations", "recommendations/index.html"},
    {"examples", "Practice examples", "examples/index.html"},
    {"statistics", "Statistics", "statistics/index.html"},
    {"nations", "Nations", "nations/index.html"},
    {"audiences", "Audiences", "audiences/index.html"},
    {"sources", "Sources", "sources/index.html"},
    {"guides", "Guides", "pages/index.html"},
    {"glossary", "Glossary", "glossary/index.html"},
};

std::string trim_zeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (s.ends_with('0')) s.pop_back();
    if (s.ends_with('.')) s.pop_back();
    return s;
}

std::string with_thousands(const std::string& number) {
    const auto dot = number.find('.');
    std::string whole = number.substr(0, dot), frac = dot == std::string::npos ? "" : number.substr(dot);
    const bool negative = whole.starts_with('-');
    if (negative) whole.erase(0, 1);
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    return (negative ? "-" : "") + out + frac;
}

std::string age_text(int months) {
    if (months < 0) return "pregnancy";
    if (months == 0) return "birth";
    if (months % 12 == 0) return std::to_string(months / 12) + (months == 12 ? " year" : " years");
    return std::to_string(months) + (months == 1 ? " month" : " months");
}

}  // namespace

std::string humanise(const std::string& kebab) {
    std::string s = kebab;
    for (auto& c : s)
        if (c == '-' || c == '_') c = ' ';
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}


std::string text_join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

Builder::Builder(const model::Model& m, const Templates& t, output::Staging& out)
    : model(m), refs(m), templates_(t), out_(out), glossary_(m) {
    for (const auto& s : m.scales)
        for (const auto& l : s.levels) {
            Json badge = badge_base(s.id, l.id, "");
            Json rating = badge;
            rating["meaning_html"] = md(l.meaning);  // every rating on the level shows it
            const std::uint64_t badge_hash = json_hash(badge), rating_hash = json_hash(rating);
            level_bases_.try_emplace({s.id, l.id}, LevelBases{{std::move(badge), badge_hash}, {std::move(rating), rating_hash}});
        }
}

namespace {
// The templates of pages that list every intervention, or every rating of them.
const std::unordered_set<std::string> kListsEverything = {"compare", "crosswalk", "interventions-index", "audience",
                                                          "evidence-scale"};
}  // namespace

void Builder::page(const std::string& tmpl, const std::string& path, Json ctx, PageMeta meta) {
    const auto& site = model.site;
    std::string root = urls::root_of(path);
    if (meta.absolute_links && !urls::canonical(site.base_url, "").empty()) root = urls::canonical(site.base_url, "");
    ctx["root"] = root;
    ctx["page_title"] = meta.title;
    ctx["meta_description"] = meta.description.empty() ? plain(site.description) : meta.description;
    ctx["canonical"] = urls::canonical(site.base_url, path);
    ctx["site"] = {{"title", site.title},         {"publisher", site.publisher}, {"licence", site.licence},
                   {"edition", site.edition},     {"language", site.language},   {"base_url", site.base_url}};
    if (changes) ctx["site"]["changes_url"] = "changes/index.html";
    ctx["is_home"] = path == "index.html";
    Json crumbs = Json::array();
    if (path != "index.html") {
        crumbs.push_back({{"title", "Home"}, {"url", "index.html"}});
        for (const auto& c : meta.crumbs) crumbs.push_back({{"title", c.title}, {"url", c.url}});
    }
    ctx["breadcrumbs"] = crumbs;
    Json nav = Json::array();
    for (const auto& n : kNav)
        nav.push_back({{"title", n.title}, {"url", n.url}, {"current", meta.section == n.section}});
    ctx["nav"] = nav;
    Json scripts = Json::array();
    for (const auto& s : meta.scripts) scripts.push_back({{"src", "assets/" + s}});
    ctx["scripts"] = scripts;
    // Kept until the search index and the cache are written: the search text (22 MB at
    // N = 10,000) in a temporary file, the description without the spare capacity left by the
    // appends that built it.
    const std::uint64_t search_hash = meta.search_kind.empty() ? 0 : search_entry_hash(path, meta);
    meta.search_body.spill_to(spill_);
    meta.description.shrink_to_fit();
    pages_.push_back({path, std::move(meta)});
    pages_.back().search_hash = search_hash;
    const std::uint64_t template_hash = pages_.back().template_hash = templates_.hash(tmpl);
    std::uint64_t* hash = &hashes_.emplace_back(0);
    if (reuse_) {
        *hash = context_hash(tmpl, template_hash, ctx);
        const auto* prev = reuse_->previous(path);
        const auto* recorded = prev && prev->input_hash == *hash ? out_.unchanged_record(path) : nullptr;
        if (recorded) {
            kept_.insert(path);
            link_later(std::move(path), *recorded);
            return;
        }
    }
    // Templating, glossary links and writing are most of a build's work and independent from
    // page to page, so they run on worker threads while the section renderers go on building
    // the next contexts (docs/PERFORMANCE.md). Templates and the glossary linker are only read.
    render_queue_.submit([this, tmpl, path, root = std::move(root), ctx = std::move(ctx), hash, template_hash]() mutable {
        if (*hash == 0) *hash = context_hash(tmpl, template_hash, ctx);
        // A page past a megabyte (list pages: the crosswalk is 17 MB at N = 10,000, 170 MB at
        // N = 100,000) is linked and written as it renders, a megabyte at a time, instead of
        // being held whole in memory that is fresh each time.
        constexpr std::size_t kStreamAbove = 1 << 20;
        std::string html, linked;
        std::optional<output::Staging::Stream> file;
        std::optional<GlossaryLinker::Pass> pass;
        mustache::Template::Output rendering{html, [&](std::string_view piece) {
            if (!file) {
                file.emplace(out_.open(path));
                pass.emplace(glossary_, root, path);
            }
            pass->feed(piece, linked);
            file->append(linked);
            linked.clear();
        }, kStreamAbove};
        templates_.page(tmpl, ctx, rendering);
        ctx = Json();  // the compare table's context is tens of megabytes: not kept beside its page
        if (file) {
            pass->feed(html, linked);
            pass->finish(linked);
            file->append(linked);
            file->close();
            return;
        }
        html = glossary_.apply(html, root, path);
        out_.write(path, html);
    });
    // A page listing the whole toolkit (megabytes of context and of HTML at N = 10,000) is
    // rendered before the next context is built: built back to back, three or four such
    // contexts and pages were held at once, the peak of a build.
    if (kListsEverything.count(tmpl)) render_queue_.wait();
}

bool Builder::keep_record_page(const std::string& folder, const std::string& id, const std::string& tmpl) {
    if (!reuse_ || reuse_->dirty.count(folder + "/" + id)) return false;
    std::string path = urls::record(folder, id);
    const auto* prev = reuse_->previous(path);
    if (!prev || prev->template_hash != templates_.hash(tmpl)) return false;
    const auto* recorded = out_.unchanged_record(path);
    if (!recorded) return false;
    keep(*prev, *recorded);
    return true;
}

void Reuse::set_previous(std::vector<WrittenPage> pages) {
    previous_pages_ = std::move(pages);
    previous_at_.clear();
    previous_at_.reserve(previous_pages_.size());
    for (std::size_t i = 0; i < previous_pages_.size(); ++i) previous_at_.emplace(previous_pages_[i].path, i);
}

bool Builder::keep_all_pages_but(const std::unordered_map<std::string, std::function<void()>>& render) {
    if (!reuse_ || !pages_.empty()) return false;
    const auto& order = reuse_->previous_pages();
    std::size_t to_render = 0;
    for (const auto& page : order) to_render += render.count(page.path);
    if (to_render != render.size()) return false;  // a page the previous build did not have
    // A stat of each of 27,000 pages at N = 10,000, shared by the cores.
    std::atomic<bool> all_kept = true;
    std::vector<const output::FileDigest*> recorded(order.size(), nullptr);
    util::parallel_for(order.size(), [&](std::size_t i) {
        const auto& path = order[i].path;
        if (!all_kept.load(std::memory_order_relaxed) || render.count(path)) return;
        recorded[i] = out_.unchanged_record(path);
        if (!recorded[i]) all_kept = false;
    });
    if (!all_kept) return false;
    pages_.reserve(order.size());
    kept_.reserve(order.size());
    moved_from_previous_.assign(order.size(), false);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (recorded[i]) {
            keep(reuse_->take_previous_page(i), *recorded[i]);
            moved_from_previous_[i] = true;
        } else {
            render.at(order[i].path)();
        }
    }
    return true;
}

void Builder::keep(const WrittenPage& previous, const output::FileDigest& recorded) { keep(WrittenPage(previous), recorded); }

void Builder::keep(WrittenPage&& previous, const output::FileDigest& recorded) {
    pages_.push_back(std::move(previous));
    auto& page = pages_.back();
    page.meta.search_body.spill_to(spill_);
    hashes_.push_back(page.input_hash);
    kept_.insert(page.path);
    link_later(page.path, recorded);
}

// An edit rebuild keeps most pages: 27,000 link() calls at N = 10,000, which on this thread
// held up the list pages. They run on the workers instead, a batch per task.
void Builder::link_later(std::string path, const output::FileDigest& recorded) {
    to_link_.emplace_back(std::move(path), &recorded);
    if (to_link_.size() >= 256) link_pending();
}

void Builder::link_pending() {
    if (to_link_.empty()) return;
    render_queue_.submit([this, batch = std::move(to_link_)] { out_.link_kept(batch); });
    to_link_.clear();
}

bool Builder::same_pages_as_before() const {
    if (!reuse_ || reuse_->previous_pages().size() != pages_.size()) return false;
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        if (i < moved_from_previous_.size() && moved_from_previous_[i]) continue;  // that very page
        const auto& prev = reuse_->previous_pages()[i];
        if (pages_[i].path != prev.path || !(prev.meta == pages_[i].meta)) return false;
    }
    return true;
}

bool Builder::folder_unchanged(const std::string& folder) const {
    if (!reuse_) return false;
    const std::string prefix = folder + "/";
    return std::none_of(reuse_->dirty.begin(), reuse_->dirty.end(), [&](const std::string& key) { return key.starts_with(prefix); });
}

bool Builder::keep_files(std::initializer_list<std::string> paths) {
    if (!reuse_) return false;
    for (const auto& p : paths)
        if (!out_.keep(p)) return false;
    return true;
}

void Builder::finish() {
    link_pending();
    render_queue_.wait();
    // Every page is written: the list entries they referred to can go (tens of megabytes at
    // N = 10,000).
    {
        std::lock_guard lock(items_mu_);
        for (ItemSlots* slots : {&intervention_items_, &recommendation_items_, &example_items_, &statistic_items_})
            ItemSlots().swap(*slots);
        std::unordered_map<const void*, std::unique_ptr<SharedItem>>().swap(other_items_);
    }
    for (std::size_t i = 0; i < pages_.size(); ++i) pages_[i].input_hash = hashes_[i];
}


namespace {
using util::hash_mix;

// Hashes a JSON value's type, structure and contents as it lies, without writing it out.
std::uint64_t hash_json(std::uint64_t h, const Json& j) {
    h = hash_mix(h, static_cast<std::uint64_t>(j.type()));
    switch (j.type()) {
        case Json::value_t::object:
            h = hash_mix(h, j.size());
            for (const auto& [k, v] : j.get_ref<const Json::object_t&>()) h = hash_json(hash_mix(h, util::content_hash(k)), v);
            return h;
        case Json::value_t::array:
            h = hash_mix(h, j.size());
            for (const auto& v : j) h = hash_json(h, v);
            return h;
        case Json::value_t::string:
            return hash_mix(h, util::content_hash(j.get_ref<const std::string&>()));
        case Json::value_t::boolean:
            return hash_mix(h, j.get<bool>() ? 1 : 0);
        case Json::value_t::number_integer:
            return hash_mix(h, static_cast<std::uint64_t>(j.get<std::int64_t>()));
        case Json::value_t::number_unsigned:
            return hash_mix(h, j.get<std::uint64_t>());
        case Json::value_t::number_float:
            return hash_mix(h, std::hash<double>{}(j.get<double>()));
        case Json::value_t::binary:
            // A shared list entry stands in the hash for the entry's contents (shared_json.hpp).
            if (shared_target(j)) return hash_mix(h, shared_hash(j));
            return hash_mix(h, util::content_hash({reinterpret_cast<const char*>(j.get_binary().data()), j.get_binary().size()}));
        default:
            return h;
    }
}
}  // namespace

std::uint64_t Builder::json_hash(const Json& j) { return hash_json(0, j); }

std::uint64_t Builder::context_hash(const std::string& tmpl, std::uint64_t template_hash, const Json& ctx) {
    return hash_json(hash_mix(util::content_hash(tmpl), template_hash), ctx) | 1;  // never 0, which means "not yet hashed"
}

namespace {
// Links out of the site (cmark writes `<a href="...`) get rel="noopener noreferrer", so the
// page they open cannot reach back to this one, and a class the print stylesheet uses.
std::string tidy_links(std::string html) {
    for (const char* scheme : {"<a href=\"http://", "<a href=\"https://"}) {
        const std::string from = scheme;
        const std::string to = "<a class=\"external\" rel=\"noopener noreferrer\" href=\"" + from.substr(9);
        for (auto p = html.find(from); p != std::string::npos; p = html.find(from, p + to.size())) html.replace(p, from.size(), to);
    }
    // markdown.hpp empties unsafe targets (javascript: and the like); keep the text, drop the link.
    const std::string empty = "<a href=\"\"";
    for (auto p = html.find(empty); p != std::string::npos; p = html.find(empty, p)) html.replace(p, empty.size(), "<a");
    return html;
}
}  // namespace

std::string Builder::md(const std::string& markdown) {
    return markdown.empty() ? std::string() : tidy_links(markdown::to_html(markdown));
}
std::string Builder::md_inline(const std::string& markdown) {
    return markdown.empty() ? std::string() : tidy_links(markdown::to_inline_html(markdown));
}
std::string Builder::plain(const std::string& markdown) {
    std::string s = markdown::to_plain_text(markdown);
    for (auto& c : s)
        if (c == '\n') c = ' ';
    while (s.ends_with(' ')) s.pop_back();
    return s;
}

Json Builder::cites(const model::Cites& cs) const {
    Json out = Json::array();
    std::set<std::tuple<std::string, std::string, std::string>> seen;  // the same place cited twice reads as one
    for (const auto& c : cs) {
        if (!seen.insert({c.source, c.via, c.locator}).second) continue;
        const auto* src = model.source(c.source);
        Json j = {{"citation", src ? src->citation : c.source},
                  {"url", urls::record("sources", c.source)},
                  {"locator", c.locator},
                  {"lines", c.lines},
                  {"via", ""},
                  {"via_url", ""}};
        if (!c.via.empty() && c.via != c.source) {
            const auto* via = model.source(c.via);
            j["via"] = via ? via->citation : c.via;
            j["via_url"] = urls::record("sources", c.via);
        }
        out.push_back(j);
    }
    return out;
}

Json Builder::conflicts(const std::vector<model::Conflict>& cs) const {
    Json out = Json::array();
    for (const auto& c : cs) {
        Json with = Json::array();
        for (const auto& w : c.with) {
            const auto slash = w.find('/');
            if (slash == std::string::npos) continue;
            const auto r = describe(model, w.substr(0, slash), w.substr(slash + 1));
            with.push_back({{"title", r.title}, {"url", r.url}});
        }
        out.push_back({{"note_html", md(c.note)}, {"with", with}, {"cites", cites(c.cite)}});
    }
    return out;
}

std::optional<Json> Builder::over_level(const model::Rating& r, SharedItem LevelBases::*part) const {
    const auto base = level_bases_.find({r.scale, r.level});
    if (base == level_bases_.end()) return std::nullopt;
    const SharedItem& shared = base->second.*part;
    return Json{{"outcome", r.outcome}, {std::string(kBaseKey), share(shared.json, shared.hash)}};
}

Json Builder::badge(const model::Rating& r) const {
    if (auto j = over_level(r, &LevelBases::badge)) return std::move(*j);
    return badge_base(r.scale, r.level, r.outcome);
}

Json Builder::badge_base(const std::string& scale_id, const std::string& level_id, const std::string& outcome) const {
    const auto* scale = model.scale(scale_id);
    const auto* level = scale ? scale->level(level_id) : nullptr;
    return {{"scale_id", scale_id},
            {"scale_name", scale ? (scale->short_name.empty() ? scale->name : scale->short_name) : scale_id},
            {"scale_full_name", scale ? scale->name : scale_id},
            {"scale_url", urls::record("evidence-scales", scale_id)},
            {"scale_kind", scale ? scale->kind : ""},
            {"is_grouping", scale && scale->kind == "grouping"},
            {"level_id", level_id},
            {"level_label", level ? level->label : level_id},
            {"level_anchor", urls::anchor("level", level_id)},
            {"outcome", outcome}};
}

Json Builder::rating(const model::Rating& r) const {
    Json j;
    if (auto shared = over_level(r, &LevelBases::rating)) {
        j = std::move(*shared);
    } else {
        j = badge_base(r.scale, r.level, r.outcome);
        j["meaning_html"] = "";  // a level the scale does not define has no meaning to show
    }
    j["note_html"] = md(r.note);
    j["cites"] = cites(r.cite);
    return j;
}

void Builder::add_ratings(Json& ctx, const model::Intervention& i, bool full) const {
    Json ratings = Json::array(), groupings = Json::array();
    for (const auto& r : i.ratings) {
        const auto* scale = model.scale(r.scale);
        (scale && scale->kind == "grouping" ? groupings : ratings).push_back(full ? rating(r) : badge(r));
    }
    ctx["ratings"] = std::move(ratings);
    ctx["groupings"] = std::move(groupings);
}

Json Builder::link(const std::string& folder, const std::string& id) const {
    const auto r = describe(model, folder, id);
    return {{"title", r.title}, {"url", r.url}, {"id", id}};
}

Json Builder::links(const std::string& folder, const std::vector<std::string>& ids) const {
    Json out = Json::array();
    for (const auto& id : ids) out.push_back(link(folder, id));
    return out;
}

std::string Builder::nation_name(const std::string& id) const {
    const auto* n = model.nation(id);
    return n ? n->name : id;
}

template <class T, class Make>
const Builder::SharedItem& Builder::shared_item(const std::vector<T>& records, const T& record, ItemSlots& slots,
                                                Make make) const {
    std::unique_ptr<SharedItem>* slot = nullptr;
    {
        std::lock_guard lock(items_mu_);
        if (const std::size_t at = model::position_in(records, record); at < records.size()) {
            if (slots.empty()) slots.resize(records.size());  // once: slots never move after
            slot = &slots[at];
        } else {
            slot = &other_items_[&record];  // a map's values stay where they are
        }
        if (*slot) return **slot;
    }
    Json item = make();
    const std::uint64_t hash = json_hash(item);
    std::lock_guard lock(items_mu_);
    if (!*slot) *slot = std::make_unique<SharedItem>(SharedItem{std::move(item), hash});
    return **slot;
}

namespace {
Json reference_to(const auto& item) { return share(item.json, item.hash); }
}  // namespace

Json Builder::intervention_item(const model::Intervention& i) const {
    return shared_item(model.interventions, i, intervention_items_, [&] { return make_intervention_item(i); }).json;
}
Json Builder::intervention_entry(const model::Intervention& i) const {
    return reference_to(shared_item(model.interventions, i, intervention_items_, [&] { return make_intervention_item(i); }));
}
Json Builder::recommendation_item(const model::Recommendation& r) const {
    return shared_item(model.recommendations, r, recommendation_items_, [&] { return make_recommendation_item(r); }).json;
}
Json Builder::recommendation_entry(const model::Recommendation& r) const {
    return reference_to(shared_item(model.recommendations, r, recommendation_items_, [&] { return make_recommendation_item(r); }));
}
Json Builder::example_item(const model::Example& e) const {
    return shared_item(model.examples, e, example_items_, [&] { return make_example_item(e); }).json;
}
Json Builder::example_entry(const model::Example& e) const {
    return reference_to(shared_item(model.examples, e, example_items_, [&] { return make_example_item(e); }));
}
Json Builder::statistic_item(const model::Statistic& s) const {
    return shared_item(model.statistics, s, statistic_items_, [&] { return make_statistic_item(s); }).json;
}
Json Builder::statistic_entry(const model::Statistic& s) const {
    return reference_to(shared_item(model.statistics, s, statistic_items_, [&] { return make_statistic_item(s); }));
}

Json Builder::make_intervention_item(const model::Intervention& i) const {
    std::string levels;
    for (const auto& r : i.ratings) levels += (levels.empty() ? "" : " ") + r.scale + ":" + r.level;
    std::string settings, nations, audiences;
    for (const auto& s : i.delivery_settings) settings += (settings.empty() ? "" : " ") + urls::slug(s);
    for (const auto& a : i.availability) nations += (nations.empty() ? "" : " ") + a.nation;
    for (const auto& a : i.audiences) audiences += (audiences.empty() ? "" : " ") + a;
    Json item = {{"id", i.id},
            {"title", i.name},
            {"url", urls::record("interventions", i.id)},
            {"kind", i.kind},
            {"kind_label", humanise(i.kind)},
            {"summary_html", md_inline(i.summary)},
            {"age", age_range(i.age_min_months, i.age_max_months)},
            {"target_group", i.target_group},
            {"has_conflicts", !i.conflicts.empty()},
            // Filter data for the script; the list itself is complete without it.
            {"data_age_min", i.age_min_months ? std::to_string(*i.age_min_months) : ""},
            {"data_age_max", i.age_max_months ? std::to_string(*i.age_max_months) : ""},
            {"data_levels", levels},
            {"data_settings", settings},
            {"data_nations", nations},
            {"data_audiences", audiences},
            {"data_target", i.target_group}};
    add_ratings(item, i, false);
    return item;
}

Json Builder::make_recommendation_item(const model::Recommendation& r) const {
    return {{"id", r.id},
            {"title", r.title},
            {"url", urls::record("recommendations", r.id)},
            {"number", r.number},
            {"kind", r.kind},
            {"summary_html", md_inline(r.text)},
            {"actors", links("actors", r.actors)},
            {"has_conflicts", !r.conflicts.empty()}};
}

Json Builder::make_example_item(const model::Example& e) const {
    return {{"id", e.id},
            {"title", e.name},
            {"url", urls::record("examples", e.id)},
            {"place", e.place},
            {"nation", e.nation.empty() ? "" : nation_name(e.nation)},
            {"label", e.label},
            {"summary_html", md_inline(e.summary)},
            {"has_conflicts", !e.conflicts.empty()}};
}

Json Builder::make_statistic_item(const model::Statistic& s) const {
    return {{"id", s.id},
            {"title", s.title},
            {"url", urls::record("statistics", s.id)},
            {"figure", figure_text(s)},
            {"measure", s.measure},
            {"period", s.period},
            {"place", s.nation.empty() ? s.geography : nation_name(s.nation)},
            {"is_series", !s.series.empty()},
            {"cites", cites(s.cite)},
            {"has_conflicts", !s.conflicts.empty()}};
}

std::string Builder::format_value(double v, const std::string& unit) {
    std::string n = trim_zeros(fmt::format("{:.2f}", v));
    if (unit == "count" || unit == "number" || unit == "gbp") n = with_thousands(n);
    if (unit == "percent") return n + "%";
    if (unit == "gbp") return "£" + n;
    if (unit == "years" || unit == "months" || unit == "weeks") {
        std::string u = unit;
        if (std::fabs(v - 1.0) < 1e-9) u.pop_back();
        return n + " " + u;
    }
    return n;
}

std::string Builder::figure_text(const model::Statistic& s) {
    if (!s.value_text.empty()) return s.value_text;
    if (s.value) return format_value(*s.value, s.unit);
    return {};
}

std::string Builder::age_range(const std::optional<int>& lo, const std::optional<int>& hi) {
    if (lo && hi) return age_text(*lo) + " to " + age_text(*hi);
    if (lo) return "from " + age_text(*lo);
    if (hi) return "up to " + age_text(*hi);
    return {};
}

}  // namespace sprout::web
