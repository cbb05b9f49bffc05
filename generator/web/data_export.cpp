#include "web/data_export.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>

#include "util/text.hpp"
#include "web/previous_file.hpp"

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

// Each record with a way to make its JSON: a spliced export makes only the changed ones'.
using RecordSink = std::function<void(const model::Record&, const std::function<J()>& make)>;

// Hands each record to `sink`, one at a time, so an export never holds the whole kind as a JSON
// tree (at N = 10,000 that tree was larger than the model).
template <class T, class F>
void all(const std::vector<T>& records, F&& fn, const RecordSink& sink) {
    for (const auto& r : records)
        sink(r, [&] {
            J j = fn(r);
            j["id"] = r.id;
            return j;
        });
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

namespace {

// The two files of one kind's export as they are written, and where each record went.
class ExportFiles {
public:
    ExportFiles(output::Staging& out, const std::string& kind)
        : kind_(kind), json_(out.open("data/" + kind + ".json")), csv_(out.open("data/" + kind + ".csv")) {}

    output::Staging::Stream& json() { return json_; }
    output::Staging::Stream& csv() { return csv_; }

    // The record made afresh: its JSON element and CSV row (the header first, before the first).
    void add(const J& r) {
        if (columns_.empty()) {
            // Every record of a kind has the same fields (each kind's are fixed above), so the
            // first one's keys are the header that to_csv would make from all of them.
            columns_ = csv_columns(J::array({r}));
            if (!started_) {
                json_.append("[");
                std::string header;
                append_csv_header(header, columns_);
                csv_.append(header);
                mark_start();
            }
        } else if (r.size() != columns_.size()) {
            throw std::logic_error("data export: records of " + kind_ + " differ in their fields");
        }
        append_json_element(piece_, r, layout_.records.empty());
        json_.append(piece_);
        piece_.clear();
        append_csv_row(piece_, columns_, r);
        csv_.append(piece_);
        piece_.clear();
    }
    // After the header (written, or copied from the previous files), before the first record.
    void mark_start() {
        layout_.json_start = json_.size();
        layout_.csv_start = csv_.size();
        started_ = true;
    }
    // Notes where the record just written ends, `json_to_come` and `csv_to_come` bytes on from
    // what the files have been given so far (copies waiting to be made).
    void mark_end(const model::Record& r, std::uint64_t made_from, std::uint64_t json_to_come = 0, std::uint64_t csv_to_come = 0) {
        layout_.records.push_back({r.id, made_from, json_.size() + json_to_come, csv_.size() + csv_to_come});
    }
    ExportLayout finish() {
        if (layout_.records.empty()) {
            std::string header;
            append_csv_header(header, {"id"});
            csv_.append(header);
            json_.append("[]\n");
        } else {
            json_.append("\n]\n");
        }
        layout_.json_hash = json_.close().hash;
        layout_.csv_hash = csv_.close().hash;
        return std::move(layout_);
    }

private:
    std::string kind_;
    output::Staging::Stream json_, csv_;
    std::vector<std::string> columns_;
    std::string piece_;
    bool started_ = false;
    ExportLayout layout_;
};

std::uint64_t hash_of(const RecordHash& made_from, const model::Record& r) { return made_from ? made_from(r) : 0; }

// What each record of the kind was made from (RecordHash), and whether it can be copied from
// `previous`: the same ids in the same order, and the same hash. `copy` is empty when nothing
// can be copied.
struct Reusable {
    std::vector<std::uint64_t> made_from;
    std::vector<char> copy;
};
Reusable reusable_records(const model::Model& m, const std::string& kind, const RecordHash& made_from,
                          const ExportLayout& previous) {
    Reusable r;
    r.made_from.reserve(previous.records.size());
    r.copy.reserve(previous.records.size());
    bool any = false, aligned = true;
    each_record(m, kind, [&](const model::Record& rec, const std::function<J()>&) {
        const std::size_t i = r.copy.size();
        const std::uint64_t hash = hash_of(made_from, rec);
        aligned = aligned && i < previous.records.size() && previous.records[i].id == rec.id;
        const bool same = aligned && previous.records[i].made_from != 0 && previous.records[i].made_from == hash;
        any = any || same;
        r.made_from.push_back(hash);
        r.copy.push_back(same);
    });
    if (!aligned || r.copy.size() != previous.records.size() || !any) r.copy.clear();
    return r;
}

// write_data from the previous files: nullopt (nothing kept) when they cannot be used.
std::optional<ExportLayout> splice(const model::Model& m, const ExportKind& k, output::Staging& out,
                                   const RecordHash& made_from, const ExportLayout& previous) {
    const auto reusable = reusable_records(m, k.name, made_from, previous);
    if (reusable.copy.empty()) return std::nullopt;
    const std::string json_name = "data/" + k.name + ".json", csv_name = "data/" + k.name + ".csv";
    PreviousFile old_json(out, json_name), old_csv(out, csv_name);
    if (!old_json.is(previous.json_hash) || !old_csv.is(previous.csv_hash)) return std::nullopt;
    try {
        ExportFiles files(out, k.name);
        old_json.copy(0, previous.json_start, files.json());
        old_csv.copy(0, previous.csv_start, files.csv());
        old_json.flush();
        old_csv.flush();
        files.mark_start();
        std::size_t i = 0;
        each_record(m, k.name, [&](const model::Record& r, const std::function<J()>& make) {
            const auto& was = previous.records[i];
            if (reusable.copy[i]) {
                old_json.copy(i ? previous.records[i - 1].json_end : previous.json_start, was.json_end, files.json());
                old_csv.copy(i ? previous.records[i - 1].csv_end : previous.csv_start, was.csv_end, files.csv());
            } else {
                old_json.flush();
                old_csv.flush();
                files.add(make());
            }
            files.mark_end(r, reusable.made_from[i], old_json.pending(), old_csv.pending());
            ++i;
        });
        old_json.flush();
        old_csv.flush();
        return files.finish();
    } catch (const std::runtime_error&) {
        return std::nullopt;  // a previous file changed under us: written whole instead
    }
}

}  // namespace

ExportLayout write_data(const model::Model& m, const ExportKind& k, output::Staging& out, const RecordHash& made_from,
                        const ExportLayout* previous) {
    // Streamed record by record: the interventions' export alone is 80 MB at N = 10,000.
    if (previous)
        if (auto spliced = splice(m, k, out, made_from, *previous)) return std::move(*spliced);
    ExportFiles files(out, k.name);
    each_record(m, k.name, [&](const model::Record& r, const std::function<J()>& make) {
        files.add(make());
        files.mark_end(r, hash_of(made_from, r));
    });
    return files.finish();
}

void write_site_data(const model::Model& m, output::Staging& out) {
    const auto& s = m.site;
    const J site = {{"title", s.title},     {"publisher", s.publisher}, {"description", s.description}, {"base_url", s.base_url},
                    {"language", s.language}, {"edition", s.edition},  {"licence", s.licence},         {"about", s.about}};
    out.write("data/site.json", site.dump(2, ' ', false, J::error_handler_t::replace) + "\n");
}

}  // namespace sprout::web
