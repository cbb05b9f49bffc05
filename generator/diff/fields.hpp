#pragma once
// Each record kind as a flat list of named fields in schema order, with values rendered as
// readers see them, so one generic comparison covers every kind. Parts of a record with their
// own meaning (ratings, availability, age range) are compared separately (compare_intervention).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace sprout::diff {

enum class Shape {
    Text,      // one-line value compared as written (whitespace squashed)
    Markdown,  // compared by the words a reader sees; a change is "reworded"
    Figure,    // a number or what qualifies it (unit, period); a change is "value updated"
    List,      // items compared as a multiset, then by order
};

struct Field {
    std::string name;
    Shape shape = Shape::Text;
    std::optional<std::string> value;  // Text, Markdown, Figure; nullopt when absent or empty
    std::vector<std::string> items;    // List, each item rendered on one line
};

class Fields {
public:
    Fields& text(std::string name, const std::string& v);
    Fields& markdown(std::string name, const std::string& v);
    Fields& figure(std::string name, const std::string& v);
    Fields& number(std::string name, std::optional<double> v, Shape shape = Shape::Text);
    Fields& integer(std::string name, std::optional<std::int64_t> v, Shape shape = Shape::Text);
    Fields& flag(std::string name, bool v);
    Fields& list(std::string name, std::vector<std::string> items);
    Fields& cites(std::string name, const model::Cites& c);
    Fields& conflicts(std::string name, const std::vector<model::Conflict>& c);

    const std::vector<Field>& all() const { return fields_; }

private:
    Fields& add(std::string name, Shape shape, std::optional<std::string> value);
    std::vector<Field> fields_;
};

// A number as readers see it: shortest form, no trailing ".0".
std::string show_number(double v);
// A citation on one line: "source via doc: locator (lines)".
std::string show_cite(const model::Citation& c);

Fields fields_of(const model::Site& r);
Fields fields_of(const model::Source& r);
Fields fields_of(const model::Nation& r);
Fields fields_of(const model::Policy& r);
Fields fields_of(const model::Actor& r);
Fields fields_of(const model::Audience& r);
Fields fields_of(const model::Area& r);
Fields fields_of(const model::ServiceType& r);
Fields fields_of(const model::EvidenceScale& r);
Fields fields_of(const model::Intervention& r);  // without ratings, availability and ages
Fields fields_of(const model::Recommendation& r);
Fields fields_of(const model::Example& r);
Fields fields_of(const model::Statistic& r);
Fields fields_of(const model::Term& r);
Fields fields_of(const model::Page& r);

// What readers call a record.
std::string label_of(const model::Source& r);
std::string label_of(const model::Nation& r);
std::string label_of(const model::Policy& r);
std::string label_of(const model::Actor& r);
std::string label_of(const model::Audience& r);
std::string label_of(const model::Area& r);
std::string label_of(const model::ServiceType& r);
std::string label_of(const model::EvidenceScale& r);
std::string label_of(const model::Intervention& r);
std::string label_of(const model::Recommendation& r);
std::string label_of(const model::Example& r);
std::string label_of(const model::Statistic& r);
std::string label_of(const model::Term& r);
std::string label_of(const model::Page& r);

}  // namespace sprout::diff
