// Maps checked TOML records to the typed model. Checking has already guaranteed types and
// required fields, so absent optional fields simply keep their defaults.
#include <algorithm>
#include <iterator>

#include "load/loader.hpp"

namespace sprout::load {

namespace {

using namespace sprout::model;

std::string str(const toml::table& t, std::string_view k) { return t[k].value_or(std::string{}); }

std::string date_str(const toml::table& t, std::string_view k) {
    if (auto d = t[k].value<toml::date>()) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d->year), static_cast<int>(d->month),
                      static_cast<int>(d->day));
        return buf;
    }
    return {};
}

std::vector<std::string> strs(const toml::table& t, std::string_view k) {
    std::vector<std::string> out;
    if (const auto* a = t[k].as_array())
        for (const auto& v : *a) out.push_back(v.value_or(std::string{}));
    return out;
}

template <class F>
void each_table(const toml::table& t, std::string_view k, F&& f) {
    if (const auto* a = t[k].as_array())
        for (const auto& v : *a)
            if (const auto* sub = v.as_table()) f(*sub);
}

std::optional<int> opt_int(const toml::table& t, std::string_view k) {
    if (auto v = t[k].value<std::int64_t>()) return static_cast<int>(*v);
    return std::nullopt;
}

std::optional<double> opt_double(const toml::table& t, std::string_view k) { return t[k].value<double>(); }

Cites cites(const toml::table& t, std::string_view k = "cite") {
    Cites out;
    each_table(t, k, [&](const toml::table& c) {
        out.push_back({str(c, "source"), str(c, "via"), str(c, "locator"), str(c, "lines")});
    });
    return out;
}

std::vector<Conflict> conflicts(const toml::table& t) {
    std::vector<Conflict> out;
    each_table(t, "conflicts", [&](const toml::table& c) { out.push_back({str(c, "note"), strs(c, "with"), cites(c)}); });
    return out;
}

template <class R>
R base(const RawRecord& r) {
    R rec;
    rec.id = r.id;
    rec.pos = {r.path, 1, 1};
    return rec;
}

void add(Model& m, const RawRecord& r) {
    const auto& t = r.table;
    const std::string& k = r.kind->name;
    if (k == "site") {
        const toml::table* prev = t["previous_edition"].as_table();
        m.site = {str(t, "title"), str(t, "publisher"), str(t, "description"), str(t, "base_url"),
                  t["language"].value_or(std::string("en-GB")), date_str(t, "edition"), str(t, "licence"),
                  str(t, "about"), {prev ? str(*prev, "git") : "", prev ? str(*prev, "folder") : ""}};
    } else if (k == "source") {
        auto s = base<Source>(r);
        s.citation = str(t, "citation");
        s.title = str(t, "title");
        s.kind = str(t, "kind");
        s.publisher = str(t, "publisher");
        s.url = str(t, "url");
        s.summary = str(t, "summary");
        s.seed_file = str(t, "seed_file");
        s.authors = strs(t, "authors");
        s.year = opt_int(t, "year");
        s.cited_in = cites(t, "cited_in");
        m.sources.push_back(std::move(s));
    } else if (k == "nation") {
        auto n = base<Nation>(r);
        n.name = str(t, "name");
        n.summary = str(t, "summary");
        n.coverage_note = str(t, "coverage_note");
        n.order = opt_int(t, "order").value_or(0);
        n.cite = cites(t);
        m.nations.push_back(std::move(n));
    } else if (k == "policy") {
        auto p = base<Policy>(r);
        p.name = str(t, "name");
        p.nation = str(t, "nation");
        p.kind = str(t, "kind");
        p.period = str(t, "period");
        p.summary = str(t, "summary");
        p.cite = cites(t);
        p.conflicts = conflicts(t);
        m.policies.push_back(std::move(p));
    } else if (k == "actor") {
        auto a = base<Actor>(r);
        a.name = str(t, "name");
        a.summary = str(t, "summary");
        m.actors.push_back(std::move(a));
    } else if (k == "audience") {
        auto a = base<Audience>(r);
        a.name = str(t, "name");
        a.summary = str(t, "summary");
        a.order = opt_int(t, "order").value_or(0);
        a.actors = strs(t, "actors");
        each_table(t, "key_messages", [&](const toml::table& km) {
            a.key_messages.push_back({str(km, "text"), strs(km, "nations"), cites(km)});
        });
        if (const auto* b = t["brief"].as_table()) {
            a.brief_title = str(*b, "title");
            each_table(*b, "sections", [&](const toml::table& s) {
                BriefSection sec;
                sec.type = str(s, "type");
                sec.title = str(s, "title");
                sec.intro = str(s, "intro");
                sec.order = s["order"].value_or(std::string("document"));
                sec.filter = s["filter"].value_or(std::string("all"));
                sec.limit = opt_int(s, "limit");
                sec.pages = strs(s, "pages");
                a.brief_sections.push_back(std::move(sec));
            });
        }
        m.audiences.push_back(std::move(a));
    } else if (k == "area") {
        auto a = base<Area>(r);
        a.name = str(t, "name");
        a.nation = str(t, "nation");
        a.kind = str(t, "kind");
        a.summary = str(t, "summary");
        if (const auto* b = t["annual_births"].as_table()) {
            a.births = (*b)["value"].value<std::int64_t>();
            a.births_period = str(*b, "period");
            a.births_cite = cites(*b);
        }
        a.services = strs(t, "services");
        a.near = strs(t, "near");
        each_table(t, "figures", [&](const toml::table& f) {
            a.figures.push_back({str(f, "label"), str(f, "unit"), str(f, "period"), opt_double(f, "value").value_or(0), cites(f)});
        });
        a.cite = cites(t);
        m.areas.push_back(std::move(a));
    } else if (k == "service-type") {
        auto s = base<ServiceType>(r);
        s.name = str(t, "name");
        s.summary = str(t, "summary");
        s.recommended = t["recommended"].value_or(false);
        s.cite = cites(t);
        m.service_types.push_back(std::move(s));
    } else if (k == "evidence-scale") {
        auto s = base<EvidenceScale>(r);
        s.name = str(t, "name");
        s.short_name = str(t, "short_name");
        s.kind = str(t, "kind");
        s.summary = str(t, "summary");
        each_table(t, "levels", [&](const toml::table& l) {
            s.levels.push_back({str(l, "id"), str(l, "label"), str(l, "meaning"), opt_int(l, "rank").value_or(0)});
        });
        // Strongest first, as scales are read.
        std::stable_sort(s.levels.begin(), s.levels.end(), [](const Level& a, const Level& b) { return a.rank > b.rank; });
        s.cite = cites(t);
        m.scales.push_back(std::move(s));
    } else if (k == "intervention") {
        auto i = base<Intervention>(r);
        i.name = str(t, "name");
        i.short_name = str(t, "short_name");
        i.kind = str(t, "kind");
        i.summary = str(t, "summary");
        i.description = str(t, "description");
        i.target_group = str(t, "target_group");
        i.aliases = strs(t, "aliases");
        i.outcomes = strs(t, "outcomes");
        i.audiences = strs(t, "audiences");
        i.related = strs(t, "related");
        i.age_min_months = opt_int(t, "age_min_months");
        i.age_max_months = opt_int(t, "age_max_months");
        if (const auto* d = t["delivery"].as_table()) {
            i.delivery_who = str(*d, "who");
            i.delivery_format = str(*d, "format");
            i.delivery_dose = str(*d, "dose");
            i.delivery_settings = strs(*d, "settings");
        }
        each_table(t, "availability", [&](const toml::table& a) {
            i.availability.push_back({str(a, "nation"), str(a, "note"), cites(a)});
        });
        each_table(t, "ratings", [&](const toml::table& a) {
            i.ratings.push_back({str(a, "scale"), str(a, "level"), str(a, "outcome"), str(a, "note"), cites(a)});
        });
        i.cite = cites(t);
        i.conflicts = conflicts(t);
        m.interventions.push_back(std::move(i));
    } else if (k == "recommendation") {
        auto x = base<Recommendation>(r);
        x.title = str(t, "title");
        x.number = str(t, "number");
        x.kind = str(t, "kind");
        x.group = str(t, "group");
        x.text = str(t, "text");
        x.questions = strs(t, "questions");
        x.actors = strs(t, "actors");
        x.nations = strs(t, "nations");
        x.audiences = strs(t, "audiences");
        x.service_types = strs(t, "service_types");
        x.cite = cites(t);
        x.conflicts = conflicts(t);
        m.recommendations.push_back(std::move(x));
    } else if (k == "example") {
        auto e = base<Example>(r);
        e.name = str(t, "name");
        e.place = str(t, "place");
        e.nation = str(t, "nation");
        e.area = str(t, "area");
        e.organisation = str(t, "organisation");
        e.service_type = str(t, "service_type");
        e.label = str(t, "label");
        e.summary = str(t, "summary");
        e.description = str(t, "description");
        e.interventions = strs(t, "interventions");
        e.recommendations = strs(t, "recommendations");
        e.contacts = strs(t, "contacts");
        each_table(t, "outcomes", [&](const toml::table& o) {
            e.outcomes.push_back({str(o, "text"), str(o, "unit"), opt_double(o, "value"), cites(o)});
        });
        e.cite = cites(t);
        e.conflicts = conflicts(t);
        m.examples.push_back(std::move(e));
    } else if (k == "statistic") {
        auto s = base<Statistic>(r);
        s.title = str(t, "title");
        s.measure = str(t, "measure");
        s.value_text = str(t, "value_text");
        s.unit = str(t, "unit");
        s.population = str(t, "population");
        s.nation = str(t, "nation");
        s.geography = str(t, "geography");
        s.period = str(t, "period");
        s.need_label = str(t, "need_label");
        s.notes = str(t, "notes");
        s.value = opt_double(t, "value");
        s.sample_size = t["sample_size"].value<std::int64_t>();
        s.topics = strs(t, "topics");
        s.key = t["key"].value_or(false);
        each_table(t, "series", [&](const toml::table& se) {
            Series series{str(se, "name"), {}};
            each_table(se, "points", [&](const toml::table& p) {
                series.points.push_back({str(p, "label"), opt_double(p, "value").value_or(0)});
            });
            s.series.push_back(std::move(series));
        });
        s.cite = cites(t);
        s.conflicts = conflicts(t);
        m.statistics.push_back(std::move(s));
    } else if (k == "term") {
        auto x = base<Term>(r);
        x.term = str(t, "term");
        x.abbreviation = str(t, "abbreviation");
        x.definition = str(t, "definition");
        x.aliases = strs(t, "aliases");
        x.cite = cites(t);
        m.terms.push_back(std::move(x));
    } else if (k == "page") {
        auto p = base<Page>(r);
        p.title = str(t, "title");
        p.kind = str(t, "kind");
        p.summary = str(t, "summary");
        p.body = r.body;
        p.body_line = r.body_line;
        p.order = opt_int(t, "order").value_or(0);
        p.audiences = strs(t, "audiences");
        p.nations = strs(t, "nations");
        p.cite = cites(t);
        m.pages.push_back(std::move(p));
    }
}

template <class T>
void sort_by_id(std::vector<T>& v) {
    const auto by_id = [](const T& a, const T& b) { return a.id < b.id; };
    // A model patched by `sprout serve`'s check is in order but for the few records just put
    // at the end: those are sorted and merged in, rather than all 10,000 records moved about
    // by a full sort.
    const auto tail = std::is_sorted_until(v.begin(), v.end(), by_id);
    if (tail == v.end()) return;
    if (v.end() - tail > static_cast<std::ptrdiff_t>(v.size() / 8)) {
        std::sort(v.begin(), v.end(), by_id);
        return;
    }
    std::sort(tail, v.end(), by_id);
    std::inplace_merge(v.begin(), tail, v.end(), by_id);
}

// Calls f(a.list, b.list) for each of the models' lists of records (every kind but the site).
template <class A, class B, class F>
void each_list(A& a, B& b, F&& f) {
    f(a.sources, b.sources);
    f(a.nations, b.nations);
    f(a.policies, b.policies);
    f(a.actors, b.actors);
    f(a.audiences, b.audiences);
    f(a.areas, b.areas);
    f(a.service_types, b.service_types);
    f(a.scales, b.scales);
    f(a.interventions, b.interventions);
    f(a.recommendations, b.recommendations);
    f(a.examples, b.examples);
    f(a.statistics, b.statistics);
    f(a.terms, b.terms);
    f(a.pages, b.pages);
}

}  // namespace

void add_to_model(Model& m, RawRecord& r) {
    add(m, r);
    free_parsed(r);
}

void replace_records(Model& m, const std::unordered_set<std::string>& files, Model&& records, bool with_site) {
    if (!files.empty())
        each_list(m, m, [&](auto& list, auto&) { std::erase_if(list, [&](const auto& rec) { return files.count(rec.pos.file) > 0; }); });
    if (with_site) m.site = std::move(records.site);
    each_list(m, records, [](auto& to, auto& list) { std::move(list.begin(), list.end(), std::back_inserter(to)); });
    finish_model(m);
}

model::Model copy_records(const model::Model& m, const std::unordered_set<std::string>& files) {
    Model out;
    each_list(out, m, [&](auto& to, const auto& list) {
        for (const auto& rec : list)
            if (files.count(rec.pos.file)) to.push_back(rec);
    });
    return out;
}

void free_parsed(RawRecord& r) {
    r.table.clear();
    std::string().swap(r.body);
}

void finish_model(Model& m) {
    each_list(m, m, [](auto& list, auto&) { sort_by_id(list); });
}

model::Model to_model(std::vector<RawRecord>& records) {
    Model m;
    for (auto& r : records) add_to_model(m, r);
    finish_model(m);
    return m;
}

}  // namespace sprout::load
