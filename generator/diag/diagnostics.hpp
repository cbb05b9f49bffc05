#pragma once
// Diagnostics: every problem Sprout finds, with where it is and how to fix it.
#include <cstdint>
#include <string>
#include <vector>

namespace sprout {

// A place in a source file. Line and column are 1-based; 0 means "whole file".
struct SourcePos {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool operator==(const SourcePos&) const = default;
};

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourcePos pos;
    std::string field;    // dotted path of the offending field, e.g. "ratings[1].level"; may be empty
    std::string message;  // what is wrong, one sentence, no trailing full stop
    std::string hint;     // how to fix it (e.g. "did you mean 'summary'?"); may be empty
    bool operator==(const Diagnostic&) const = default;
};

class Diagnostics {
public:
    void error(SourcePos pos, std::string field, std::string message, std::string hint = {});
    void warning(SourcePos pos, std::string field, std::string message, std::string hint = {});
    void add(Diagnostic d);

    const std::vector<Diagnostic>& all() const { return items_; }
    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool empty() const { return items_.empty(); }

    // Orders by file, line, column so output is stable whatever order checks ran in.
    void sort();

private:
    std::vector<Diagnostic> items_;
};

// "path:line:col: error: message (field) hint" — the compiler-style line editors understand.
std::string format_text(const Diagnostic& d);
// One JSON array of objects {file, line, column, severity, field, message, hint}.
std::string format_json(const std::vector<Diagnostic>& ds);

}  // namespace sprout
