#include "web/data_export.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <stdexcept>
#include <string_view>

namespace sprout::web {

using J = nlohmann::json;

namespace {

template <class T>
J opt(const std::optional<T>& v) {
    return v ? J(*v) : J(nullptr);
}

J cites(const model::Cites& cs) {
    J out = J::array();
    for (const auto& c : cs) {
        J j = {{"source", c.source}, {"locator", c.locator}};
        if (!c.via.empty()) j["via"] = c.via;
        if (!c.lines.empty()) j["lines"] = c.lines;
        out.push_back(j);
    }
    return out;
}

J conflicts(const std::vector<model::Conflict>& cs) {
    J out = J::array();
    for (const auto& c : cs) out.push_back({{"note", c.note}, {"with", c.with}, {"cite", cites(c.cite)}});
    return out;
}

}  // namespace

J export_record(const model::Intervention& i) {
    J ratings = J::array(), availability = J::array();
    for (const auto& r : i.ratings)
        ratings.push_back({{"scale", r.scale}, {"level", r.level}, {"outcome", r.outcome}, {"note", r.note}, {"cite", cites(r.cite)}});
    for (const auto& a : i.availability) availability.push_back({{"nation", a.nation}, {"note", a.note}, {"cite", cites(a.cite)}});
    return J{{"name", i.name},
             {"short_name", i.short_name},
             {"aliases", i.aliases},
             {"kind", i.kind},
             {"summary", i.summary},
             {"description", i.description},
             {"age_min_months", opt(i.age_min_months)},
             {"age_max_months", opt(i.age_max_months)},
             {"target_group", i.target_group},
             {"delivery", {{"who", i.delivery_who}, {"settings", i.delivery_settings}, {"format", i.delivery_format}, {"dose", i.delivery_dose}}},
             {"outcomes", i.outcomes},
             {"availability", availability},
             {"audiences", i.audiences},
             {"ratings", ratings},
             {"related", i.related},
             {"cite", cites(i.cite)},
             {"conflicts", conflicts(i.conflicts)}};
}

J export_record(const model::Example& e) {
    J outcomes = J::array();
    for (const auto& o : e.outcomes)
        outcomes.push_back({{"text", o.text}, {"value", opt(o.value)}, {"unit", o.unit}, {"cite", cites(o.cite)}});
    return J{{"name", e.name},
             {"place", e.place},
             {"nation", e.nation},
             {"area", e.area},
             {"organisation", e.organisation},
             {"service_type", e.service_type},
             {"label", e.label},
             {"summary", e.summary},
             {"description", e.description},
             {"interventions", e.interventions},
             {"recommendations", e.recommendations},
             {"contacts", e.contacts},
             {"outcomes", outcomes},
             {"cite", cites(e.cite)},
             {"conflicts", conflicts(e.conflicts)}};
}

namespace {

using RecordSink = std::function<void(J&&)>;

// Hands each record to `sink` as JSON, one at a time, so an export never holds the whole kind
// as a JSON tree (at N = 10,000 that tree was larger than the model).
template <class T, class F>
void all(const std::vector<T>& records, F&& fn, const RecordSink& sink) {
    for (const auto& r : records) {
        J j = fn(r);
        j["id"] = r.id;
        sink(std::move(j));
    }
}

// Every record kind as JSON; keys follow the content files so the data reads like the source.
void each_record(const model::Model& m, const std::string& kind, const RecordSink& sink) {
    if (kind == "sources")
        return all(m.sources, [](const model::Source& s) {
            return J{{"citation", s.citation}, {"title", s.title},   {"kind", s.kind},       {"authors", s.authors},
                     {"publisher", s.publisher}, {"year", opt(s.year)}, {"url", s.url},     {"summary", s.summary},
                     {"seed_file", s.seed_file}, {"cited_in", cites(s.cited_in)}};
        }, sink);
    if (kind == "nations")
        return all(m.nations, [](const model::Nation& n) {
            return J{{"name", n.name}, {"order", n.order}, {"summary", n.summary}, {"coverage_note", n.coverage_note}, {"cite", cites(n.cite)}};
        }, sink);
    if (kind == "policies")
        return all(m.policies, [](const model::Policy& p) {
            return J{{"name", p.name},       {"nation", p.nation},    {"kind", p.kind},
                     {"period", p.period},   {"summary", p.summary},  {"cite", cites(p.cite)}, {"conflicts", conflicts(p.conflicts)}};
        }, sink);
    if (kind == "actors")
        return all(m.actors, [](const model::Actor& a) { return J{{"name", a.name}, {"summary", a.summary}}; }, sink);
    if (kind == "audiences")
        return all(m.audiences, [](const model::Audience& a) {
            J messages = J::array();
            for (const auto& k : a.key_messages) messages.push_back({{"text", k.text}, {"nations", k.nations}, {"cite", cites(k.cite)}});
            return J{{"name", a.name}, {"order", a.order}, {"summary", a.summary}, {"actors", a.actors}, {"key_messages", messages}};
        }, sink);
    if (kind == "areas")
        return all(m.areas, [](const model::Area& a) {
            J figures = J::array();
            for (const auto& f : a.figures)
                figures.push_back({{"label", f.label}, {"value", f.value}, {"unit", f.unit}, {"period", f.period}, {"cite", cites(f.cite)}});
            J births = a.births ? J{{"value", *a.births}, {"period", a.births_period}, {"cite", cites(a.births_cite)}} : J(nullptr);
            return J{{"name", a.name},         {"nation", a.nation},   {"kind", a.kind}, {"summary", a.summary},
                     {"annual_births", births}, {"services", a.services}, {"figures", figures}, {"near", a.near},
                     {"cite", cites(a.cite)}};
        }, sink);
    if (kind == "service-types")
        return all(m.service_types, [](const model::ServiceType& s) {
            return J{{"name", s.name}, {"summary", s.summary}, {"recommended", s.recommended}, {"cite", cites(s.cite)}};
        }, sink);
    if (kind == "evidence-scales")
        return all(m.scales, [](const model::EvidenceScale& s) {
            J levels = J::array();
            for (const auto& l : s.levels) levels.push_back({{"id", l.id}, {"label", l.label}, {"meaning", l.meaning}, {"rank", l.rank}});
            return J{{"name", s.name}, {"short_name", s.short_name}, {"kind", s.kind}, {"summary", s.summary}, {"levels", levels}, {"cite", cites(s.cite)}};
        }, sink);
    if (kind == "interventions") return all(m.interventions, [](const auto& i) { return export_record(i); }, sink);
    if (kind == "recommendations")
        return all(m.recommendations, [](const model::Recommendation& r) {
            return J{{"title", r.title},         {"number", r.number},       {"kind", r.kind},         {"group", r.group},
                     {"text", r.text},           {"questions", r.questions}, {"actors", r.actors},     {"nations", r.nations},
                     {"audiences", r.audiences}, {"service_types", r.service_types}, {"cite", cites(r.cite)},
                     {"conflicts", conflicts(r.conflicts)}};
        }, sink);
    if (kind == "examples") return all(m.examples, [](const auto& e) { return export_record(e); }, sink);
    if (kind == "statistics")
        return all(m.statistics, [](const model::Statistic& s) {
            J series = J::array();
            for (const auto& se : s.series) {
                J points = J::array();
                for (const auto& p : se.points) points.push_back({{"label", p.label}, {"value", p.value}});
                series.push_back({{"name", se.name}, {"points", points}});
            }
            return J{{"title", s.title},           {"measure", s.measure},     {"value", opt(s.value)},
                     {"value_text", s.value_text}, {"unit", s.unit},           {"population", s.population},
                     {"sample_size", opt(s.sample_size)}, {"nation", s.nation}, {"geography", s.geography},
                     {"period", s.period},         {"topics", s.topics},       {"key", s.key},
                     {"need_label", s.need_label}, {"series", series},         {"notes", s.notes},
                     {"cite", cites(s.cite)},      {"conflicts", conflicts(s.conflicts)}};
        }, sink);
    if (kind == "glossary")
        return all(m.terms, [](const model::Term& t) {
            return J{{"term", t.term}, {"abbreviation", t.abbreviation}, {"aliases", t.aliases}, {"definition", t.definition}, {"cite", cites(t.cite)}};
        }, sink);
    if (kind == "pages")
        return all(m.pages, [](const model::Page& p) {
            return J{{"title", p.title},     {"kind", p.kind},         {"summary", p.summary}, {"order", p.order},
                     {"audiences", p.audiences}, {"nations", p.nations}, {"cite", cites(p.cite)}, {"body", p.body}};
        }, sink);
    throw std::invalid_argument("unknown record kind for export: " + kind);
}

// Appends `text` to `out` with `extra` after every `c` in it.
void append_adding_after(std::string& out, std::string_view text, char c, std::string_view extra) {
    for (std::size_t from = 0;;) {
        const auto at = text.find(c, from);
        out.append(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at + 1 - from));
        if (at == std::string_view::npos) return;
        out.append(extra);
        from = at + 1;
    }
}

// Appends one CSV cell: lists of strings joined with "; ", other non-strings as compact JSON.
void append_csv_cell(std::string& out, const J& v) {
    std::string s;
    if (v.is_string()) {
        s = v.get_ref<const std::string&>();
    } else if (v.is_array() && std::all_of(v.begin(), v.end(), [](const J& x) { return x.is_string(); })) {
        for (const auto& x : v) {
            if (!s.empty()) s += "; ";
            s += x.get_ref<const std::string&>();
        }
    } else if (!v.is_null()) {
        s = v.dump();
    }
    // A spreadsheet would run a cell starting with these as a formula; a leading apostrophe
    // keeps it text (see docs/DATA.md).
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) s.insert(0, "'");
    if (s.find_first_of(",\"\n\r") == std::string::npos) {
        out += s;
        return;
    }
    out += '"';
    append_adding_after(out, s, '"', "\"");  // a quote inside a quoted cell is doubled
    out += '"';
}

// The CSV header: every key of the records, `id` first, then sorted.
std::vector<std::string> csv_columns(const J& records) {
    std::set<std::string> keys;
    for (const auto& r : records)
        for (const auto& [k, _] : r.items())
            if (k != "id") keys.insert(k);
    std::vector<std::string> columns = {"id"};
    columns.insert(columns.end(), keys.begin(), keys.end());
    return columns;
}

void append_csv_row(std::string& out, const std::vector<std::string>& columns, const J& record) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        if (const auto it = record.find(columns[i]); it != record.end()) append_csv_cell(out, *it);
    }
    out += "\r\n";
}

void append_csv_header(std::string& out, const std::vector<std::string>& columns) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        append_csv_cell(out, J(columns[i]));
    }
    out += "\r\n";
}

// Appends `record` as it would appear in the kind's JSON array pretty-printed with an indent of
// two: JSON strings escape their newlines, so every newline of the dump is the layout's.
void append_json_element(std::string& out, const J& record, bool first) {
    out += first ? "\n  " : ",\n  ";
    append_adding_after(out, record.dump(2, ' ', false, J::error_handler_t::replace), '\n', "  ");
}

}  // namespace

std::vector<ExportKind> export_kinds(const model::Model& m) {
    return {{"sources", "Sources", m.sources.size()},
            {"nations", "Nations", m.nations.size()},
            {"policies", "Policies", m.policies.size()},
            {"actors", "Actors", m.actors.size()},
            {"audiences", "Audiences", m.audiences.size()},
            {"areas", "Areas", m.areas.size()},
            {"service-types", "Service types", m.service_types.size()},
            {"evidence-scales", "Evidence scales", m.scales.size()},
            {"interventions", "Interventions", m.interventions.size()},
            {"recommendations", "Recommendations", m.recommendations.size()},
            {"examples", "Practice examples", m.examples.size()},
            {"statistics", "Statistics", m.statistics.size()},
            {"glossary", "Glossary terms", m.terms.size()},
            {"pages", "Pages", m.pages.size()}};
}

std::string to_csv(const nlohmann::json& records) {
    const auto columns = csv_columns(records);
    std::string out;
    append_csv_header(out, columns);
    for (const auto& r : records) append_csv_row(out, columns, r);
    return out;
}

void write_data(const model::Model& m, const ExportKind& k, output::Staging& out) {
    // Streamed record by record: the interventions' export alone is 80 MB at N = 10,000.
    auto json = out.open("data/" + k.name + ".json");
    auto csv = out.open("data/" + k.name + ".csv");
    std::string piece = "[";
    std::vector<std::string> columns;
    std::size_t n = 0;
    // Every record of a kind has the same fields (each kind's are fixed above), so the first
    // one's keys are the header that to_csv would make from all of them.
    each_record(m, k.name, [&](J&& r) {
        if (n == 0) {
            columns = csv_columns(J::array({r}));
            std::string header;
            append_csv_header(header, columns);
            csv.append(header);
        } else if (r.size() != columns.size()) {
            throw std::logic_error("data export: records of " + k.name + " differ in their fields");
        }
        append_json_element(piece, r, n++ == 0);
        json.append(piece);
        piece.clear();
        append_csv_row(piece, columns, r);
        csv.append(piece);
        piece.clear();
    });
    if (n == 0) {
        std::string header;
        append_csv_header(header, {"id"});
        csv.append(header);
        json.append("[]\n");
    } else {
        json.append("\n]\n");
    }
    json.close();
    csv.close();
}

void write_site_data(const model::Model& m, output::Staging& out) {
    const auto& s = m.site;
    const J site = {{"title", s.title},     {"publisher", s.publisher}, {"description", s.description}, {"base_url", s.base_url},
                    {"language", s.language}, {"edition", s.edition},  {"licence", s.licence},         {"about", s.about}};
    out.write("data/site.json", site.dump(2, ' ', false, J::error_handler_t::replace) + "\n");
}

}  // namespace sprout::web
