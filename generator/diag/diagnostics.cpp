#include "diag/diagnostics.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

namespace sprout {

void Diagnostics::error(SourcePos pos, std::string field, std::string message, std::string hint) {
    items_.push_back({Severity::Error, std::move(pos), std::move(field), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourcePos pos, std::string field, std::string message, std::string hint) {
    items_.push_back({Severity::Warning, std::move(pos), std::move(field), std::move(message), std::move(hint)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
                                                  [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
    });
}

static const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

// Control characters (C0, DEL and the UTF-8 encoded C1 range) from file names or quoted content
// would reach the terminal as escape sequences or split a diagnostic over lines: show them as \xNN.
static std::string printable(std::string s) {
    auto is_control = [&](std::size_t i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) return 1;
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9f)
            return 2;
        return 0;
    };
    bool any = false;
    for (std::size_t i = 0; i < s.size() && !any; ++i) any = is_control(i) != 0;
    if (!any) return s;
    static const char* const hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const int n = is_control(i);
        if (!n) {
            out += s[i];
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(n) - 1]);
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
        i += static_cast<std::size_t>(n) - 1;
    }
    return out;
}

std::string format_text(const Diagnostic& d) {
    std::string out = d.pos.file;
    if (d.pos.line) {
        out += ':' + std::to_string(d.pos.line);
        if (d.pos.column) out += ':' + std::to_string(d.pos.column);
    }
    out += ": ";
    out += severity_name(d.severity);
    out += ": ";
    if (!d.field.empty()) out += "field '" + d.field + "': ";
    out += d.message;
    if (!d.hint.empty()) out += "; " + d.hint;
    return printable(std::move(out));
}

std::string format_json(const std::vector<Diagnostic>& ds) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : ds) {
        arr.push_back({{"file", d.pos.file},
                       {"line", d.pos.line},
                       {"column", d.pos.column},
                       {"severity", severity_name(d.severity)},
                       {"field", d.field},
                       {"message", d.message},
                       {"hint", d.hint}});
    }
    // Invalid UTF-8 in a message (quoted from bad content) is replaced rather than thrown on.
    return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sprout
