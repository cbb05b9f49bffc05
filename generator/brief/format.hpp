#pragma once
// How briefs print numbers, units and dates.
#include <optional>
#include <string>

namespace sprout::brief {

// 12345.0 → "12,345"; 5.5 → "5.5"; at most `decimals` decimals, trailing zeros dropped.
std::string format_number(double v, int decimals = 1);
// A value in a statistic or figure unit: "5.5%", "£3,000", "4 years", "12,000".
std::string format_value(double v, const std::string& unit);
// A unit as a chart axis note: "Per cent", "Number", "Pounds (£)"…; "" for plain numbers.
std::string unit_label(const std::string& unit);
// "2026-11-23" → "23 November 2026" (the input unchanged if it is not an ISO date).
std::string human_date(const std::string& iso);
// A name as it reads inside a sentence: "Parents and carers" → "parents and carers", while
// "NHS leaders" (an initialism) is left alone.
std::string in_sentence(const std::string& name);
// Replaces every "{key}" in `text`.
std::string replace_all(std::string text, const std::string& key, const std::string& value);

}  // namespace sprout::brief
