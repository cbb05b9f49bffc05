#include "diff/fields.hpp"

#include <fmt/format.h>

#include "diff/words.hpp"
#include "util/text.hpp"

namespace sprout::diff {

namespace {

std::optional<std::string> present(std::string s) {
    if (s.empty()) return std::nullopt;
    return s;
}

// Sub-items of tables are rendered as one line each; Markdown parts by their words, so
// rewrapping a key message or a conflict note is not a change.
std::string cites_suffix(const model::Cites& cs) {
    if (cs.empty()) return {};
    std::vector<std::string> parts;
    for (const auto& c : cs) parts.push_back(show_cite(c));
    return " [" + text::join(parts, "; ") + "]";
}

std::string join_or_none(const std::vector<std::string>& v) { return v.empty() ? "" : " (" + text::join(v, ", ") + ")"; }

}  // namespace

std::string show_number(double v) { return fmt::format("{}", v); }

std::string show_cite(const model::Citation& c) {
    std::string s = c.source;
    if (!c.via.empty()) s += " via " + c.via;
    s += ": " + squash_space(c.locator);
    if (!c.lines.empty()) s += " (" + c.lines + ")";
    return s;
}

Fields& Fields::add(std::string name, Shape shape, std::optional<std::string> value) {
    Field f;
    f.name = std::move(name);
    f.shape = shape;
    f.value = std::move(value);
    fields_.push_back(std::move(f));
    return *this;
}

Fields& Fields::text(std::string name, const std::string& v) { return add(std::move(name), Shape::Text, present(squash_space(v))); }
Fields& Fields::markdown(std::string name, const std::string& v) { return add(std::move(name), Shape::Markdown, present(v)); }
Fields& Fields::figure(std::string name, const std::string& v) { return add(std::move(name), Shape::Figure, present(squash_space(v))); }

Fields& Fields::number(std::string name, std::optional<double> v, Shape shape) {
    return add(std::move(name), shape, v ? std::optional(show_number(*v)) : std::nullopt);
}

Fields& Fields::integer(std::string name, std::optional<std::int64_t> v, Shape shape) {
    return add(std::move(name), shape, v ? std::optional(std::to_string(*v)) : std::nullopt);
}

Fields& Fields::flag(std::string name, bool v) { return add(std::move(name), Shape::Text, v ? "true" : "false"); }

Fields& Fields::list(std::string name, std::vector<std::string> items) {
    add(std::move(name), Shape::List, std::nullopt);
    fields_.back().items = std::move(items);
    return *this;
}

Fields& Fields::cites(std::string name, const model::Cites& c) {
    std::vector<std::string> items;
    for (const auto& x : c) items.push_back(show_cite(x));
    return list(std::move(name), std::move(items));
}

Fields& Fields::conflicts(std::string name, const std::vector<model::Conflict>& cs) {
    std::vector<std::string> items;
    for (const auto& c : cs) {
        std::string s = reader_text(c.note);
        if (!c.with.empty()) s += " (with " + text::join(c.with, ", ") + ")";
        items.push_back(s + cites_suffix(c.cite));
    }
    return list(std::move(name), std::move(items));
}

// ------------------------------------------------------------------ kinds, in schema order

Fields fields_of(const model::Site& r) {
    Fields f;
    f.text("title", r.title).text("publisher", r.publisher).markdown("description", r.description)
        .text("base_url", r.base_url).text("language", r.language).text("edition", r.edition)
        .text("licence", r.licence).markdown("about", r.about);
    return f;
}

Fields fields_of(const model::Source& r) {
    Fields f;
    f.text("citation", r.citation).text("title", r.title).text("kind", r.kind).list("authors", r.authors)
        .text("publisher", r.publisher).integer("year", r.year).text("url", r.url).markdown("summary", r.summary)
        .text("seed_file", r.seed_file).cites("cited_in", r.cited_in);
    return f;
}

Fields fields_of(const model::Nation& r) {
    Fields f;
    f.text("name", r.name).integer("order", r.order).markdown("summary", r.summary)
        .markdown("coverage_note", r.coverage_note).cites("cite", r.cite);
    return f;
}

Fields fields_of(const model::Policy& r) {
    Fields f;
    f.text("name", r.name).text("nation", r.nation).text("kind", r.kind).text("period", r.period)
        .markdown("summary", r.summary).cites("cite", r.cite).conflicts("conflicts", r.conflicts);
    return f;
}

Fields fields_of(const model::Actor& r) {
    Fields f;
    f.text("name", r.name).markdown("summary", r.summary);
    return f;
}

Fields fields_of(const model::Audience& r) {
    std::vector<std::string> messages, sections;
    for (const auto& m : r.key_messages)
        messages.push_back(reader_text(m.text) + join_or_none(m.nations) + cites_suffix(m.cite));
    for (const auto& s : r.brief_sections) {
        std::string line = s.type + ": " + squash_space(s.title) + " (filter " + s.filter + ", order " + s.order;
        if (s.limit) line += ", limit " + std::to_string(*s.limit);
        if (!s.pages.empty()) line += ", pages " + text::join(s.pages, " ");
        line += ")";
        if (!s.intro.empty()) line += " " + reader_text(s.intro);
        sections.push_back(line);
    }
    Fields f;
    f.text("name", r.name).integer("order", r.order).markdown("summary", r.summary).list("actors", r.actors)
        .list("key_messages", messages).text("brief.title", r.brief_title).list("brief.sections", sections);
    return f;
}

Fields fields_of(const model::Area& r) {
    std::vector<std::string> figures;
    for (const auto& x : r.figures) {
        std::string line = squash_space(x.label) + ": " + show_number(x.value) + " " + x.unit;
        if (!x.period.empty()) line += " (" + x.period + ")";
        figures.push_back(line + cites_suffix(x.cite));
    }
    Fields f;
    f.text("name", r.name).text("nation", r.nation).text("kind", r.kind).markdown("summary", r.summary)
        .integer("annual_births.value", r.births, Shape::Figure).figure("annual_births.period", r.births_period)
        .cites("annual_births.cite", r.births_cite).list("services", r.services).list("figures", figures)
        .list("near", r.near).cites("cite", r.cite);
    return f;
}

Fields fields_of(const model::ServiceType& r) {
    Fields f;
    f.text("name", r.name).markdown("summary", r.summary).flag("recommended", r.recommended).cites("cite", r.cite);
    return f;
}

Fields fields_of(const model::EvidenceScale& r) {
    std::vector<std::string> levels;
    for (const auto& l : r.levels)
        levels.push_back(l.id + " (rank " + std::to_string(l.rank) + "): " + squash_space(l.label) + " — " +
                         reader_text(l.meaning));
    Fields f;
    f.text("name", r.name).text("short_name", r.short_name).text("kind", r.kind).markdown("summary", r.summary)
        .list("levels", levels).cites("cite", r.cite);
    return f;
}

Fields fields_of(const model::Intervention& r) {
    Fields f;
    f.text("name", r.name).text("short_name", r.short_name).list("aliases", r.aliases).text("kind", r.kind)
        .markdown("summary", r.summary).markdown("description", r.description).text("target_group", r.target_group)
        .text("delivery.who", r.delivery_who).list("delivery.settings", r.delivery_settings)
        .text("delivery.format", r.delivery_format).text("delivery.dose", r.delivery_dose)
        .list("outcomes", r.outcomes).list("audiences", r.audiences).list("related", r.related)
        .cites("cite", r.cite).conflicts("conflicts", r.conflicts);
    return f;
}

Fields fields_of(const model::Recommendation& r) {
    Fields f;
    f.text("title", r.title).text("number", r.number).text("kind", r.kind).text("group", r.group)
        .markdown("text", r.text).list("questions", r.questions).list("actors", r.actors).list("nations", r.nations)
        .list("audiences", r.audiences).list("service_types", r.service_types).cites("cite", r.cite)
        .conflicts("conflicts", r.conflicts);
    return f;
}

Fields fields_of(const model::Example& r) {
    std::vector<std::string> outcomes;
    for (const auto& o : r.outcomes) {
        std::string line = squash_space(o.text);
        if (o.value) line += ": " + show_number(*o.value) + (o.unit.empty() ? "" : " " + o.unit);
        outcomes.push_back(line + cites_suffix(o.cite));
    }
    Fields f;
    f.text("name", r.name).text("place", r.place).text("nation", r.nation).text("area", r.area)
        .text("organisation", r.organisation).text("service_type", r.service_type).text("label", r.label)
        .markdown("summary", r.summary).markdown("description", r.description).list("interventions", r.interventions)
        .list("recommendations", r.recommendations).list("contacts", r.contacts).list("outcomes", outcomes)
        .cites("cite", r.cite).conflicts("conflicts", r.conflicts);
    return f;
}

Fields fields_of(const model::Statistic& r) {
    std::vector<std::string> series;
    for (const auto& s : r.series) {
        std::vector<std::string> points;
        for (const auto& p : s.points) points.push_back(squash_space(p.label) + " = " + show_number(p.value));
        series.push_back(squash_space(s.name) + ": " + text::join(points, ", "));
    }
    Fields f;
    f.text("title", r.title).text("measure", r.measure).number("value", r.value, Shape::Figure)
        .figure("value_text", r.value_text).figure("unit", r.unit).text("population", r.population)
        .integer("sample_size", r.sample_size, Shape::Figure).text("nation", r.nation).text("geography", r.geography)
        .figure("period", r.period).list("topics", r.topics).flag("key", r.key).text("need_label", r.need_label)
        .list("series", series).markdown("notes", r.notes).cites("cite", r.cite).conflicts("conflicts", r.conflicts);
    return f;
}

Fields fields_of(const model::Term& r) {
    Fields f;
    f.text("term", r.term).text("abbreviation", r.abbreviation).list("aliases", r.aliases)
        .markdown("definition", r.definition).cites("cite", r.cite);
    return f;
}

Fields fields_of(const model::Page& r) {
    Fields f;
    f.text("title", r.title).text("kind", r.kind).markdown("summary", r.summary).integer("order", r.order)
        .list("audiences", r.audiences).list("nations", r.nations).cites("cite", r.cite).markdown("body", r.body);
    return f;
}

// ------------------------------------------------------------------ labels

std::string label_of(const model::Source& r) { return r.citation; }
std::string label_of(const model::Nation& r) { return r.name; }
std::string label_of(const model::Policy& r) { return r.name; }
std::string label_of(const model::Actor& r) { return r.name; }
std::string label_of(const model::Audience& r) { return r.name; }
std::string label_of(const model::Area& r) { return r.name; }
std::string label_of(const model::ServiceType& r) { return r.name; }
std::string label_of(const model::EvidenceScale& r) { return r.name; }
std::string label_of(const model::Intervention& r) { return r.name; }
std::string label_of(const model::Recommendation& r) { return r.title; }
std::string label_of(const model::Example& r) { return r.name; }
std::string label_of(const model::Statistic& r) { return r.title; }
std::string label_of(const model::Term& r) { return r.term; }
std::string label_of(const model::Page& r) { return r.title; }

}  // namespace sprout::diff
