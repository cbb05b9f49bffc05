// The "What changed" page: plain, accessible HTML that needs no script or stylesheet of the
// site's. Status and word changes are spelled out in text (visually hidden where the styling
// already shows them), never conveyed by colour alone.
#include <algorithm>
#include <sstream>

#include "diff/format.hpp"
#include "markdown/markdown.hpp"

namespace sprout::diff {

namespace {

using markdown::escape_html;

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string words_html(const std::vector<Word>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        switch (w.op) {
        case Word::Op::Same: out += escape_html(w.text); break;
        case Word::Op::Gap:
            out += "<span aria-hidden=\"true\">…</span><span class=\"visually-hidden\">(unchanged words left out)</span>";
            break;
        case Word::Op::Removed:
            out += "<del><span class=\"visually-hidden\">[removed: </span>" + escape_html(w.text) +
                   "<span class=\"visually-hidden\">]</span></del>";
            break;
        case Word::Op::Added:
            out += "<ins><span class=\"visually-hidden\">[added: </span>" + escape_html(w.text) +
                   "<span class=\"visually-hidden\">]</span></ins>";
            break;
        }
    }
    return out;
}

constexpr const char* page_style = R"(body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff;margin:0}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}h2{font-size:1.5rem;margin:2.5rem 0 .75rem;border-top:1px solid #b1b4b6;padding-top:1rem}
h3{font-size:1.1875rem;margin:1.25rem 0 .25rem}
a{color:#1d70b8}a:focus,.skip:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
.skip{position:absolute;left:-9999px}.skip:focus{position:static;display:inline-block;padding:.5rem}
.status{display:inline-block;border:2px solid currentColor;border-radius:2px;padding:0 .35em;font-size:.875rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;margin-right:.4em;vertical-align:.1em}
.status-added{color:#005a30}.status-withdrawn{color:#942514}.status-changed{color:#0b0c0c}
.record-id{font-weight:400;color:#505a5f;font-size:.9em}
ul.changes{margin:.25rem 0 0;padding-left:1.25rem}ul.changes li{margin:.25rem 0}
.words{display:block;margin-top:.25rem;padding-left:.75rem;border-left:4px solid #b1b4b6}
del{text-decoration:line-through;background:#f6d7d2}ins{text-decoration:underline;background:#cce2d8}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
@media print{a{color:#0b0c0c}del,ins{background:none}})";

}  // namespace

std::string to_html_section(const Changes& c, int heading_level) {
    const int h = std::clamp(heading_level, 2, 5);
    const std::string h_open = "<h" + std::to_string(h), h_close = "</h" + std::to_string(h) + ">";
    const std::string sub_open = "<h" + std::to_string(h + 1), sub_close = "</h" + std::to_string(h + 1) + ">";
    std::ostringstream os;
    os << "<div class=\"changes-report\">\n";
    if (c.empty()) {
        os << "<p>No changes in meaning between these editions.</p>\n</div>\n";
        return os.str();
    }
    os << "<p>" << plural(c.count(Status::Added), "record", "records") << " added, "
       << c.count(Status::Withdrawn) << " withdrawn, " << c.count(Status::Changed) << " changed.</p>\n";

    // Contents, so a long report can be skimmed by kind.
    std::vector<std::pair<std::string, std::size_t>> kinds;
    for (const auto& r : c.records) {
        if (kinds.empty() || kinds.back().first != r.kind) kinds.emplace_back(r.kind, 0);
        ++kinds.back().second;
    }
    os << "<nav aria-label=\"Kinds of record changed\"><ul>\n";
    for (const auto& [kind, n] : kinds)
        os << "<li><a href=\"#changes-" << escape_html(kind) << "\">" << escape_html(kind_heading(kind)) << "</a> ("
           << n << ")</li>\n";
    os << "</ul></nav>\n";

    std::string kind;
    for (const auto& r : c.records) {
        if (r.kind != kind) {
            if (!kind.empty()) os << "</ul>\n</section>\n";
            kind = r.kind;
            os << "<section aria-labelledby=\"changes-" << escape_html(kind) << "\">\n"
               << h_open << " id=\"changes-" << escape_html(kind) << "\">" << escape_html(kind_heading(kind)) << h_close
               << "\n<ul class=\"records\" role=\"list\">\n";
        }
        const std::string status = status_word(r.status);
        os << "<li>" << sub_open << "><span class=\"status status-" << status << "\">" << status << "</span> "
           << escape_html(r.label) << " <span class=\"record-id\">(" << escape_html(r.id) << ")</span>" << sub_close
           << "\n";
        if (!r.changes.empty()) {
            os << "<ul class=\"changes\">\n";
            for (const auto& ch : r.changes) {
                os << "<li>" << escape_html(headline(ch));
                if (ch.type == ChangeType::Reworded) os << "<span class=\"words\">" << words_html(ch.words) << "</span>";
                os << "</li>\n";
            }
            os << "</ul>\n";
        }
        os << "</li>\n";
    }
    os << "</ul>\n</section>\n</div>\n";
    return os.str();
}

std::string to_html_page(const Changes& c, const Labels& l) {
    auto side = [](const std::string& name, const std::string& edition) {
        return edition.empty() ? escape_html(name) : "edition " + escape_html(edition) + " (" + escape_html(name) + ")";
    };
    const std::string title = c.title.empty() ? "What changed" : "What changed: " + c.title;
    std::ostringstream os;
    os << "<!DOCTYPE html>\n<html lang=\"" << escape_html(c.language.empty() ? "en-GB" : c.language) << "\">\n<head>\n"
       << "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>" << escape_html(title) << "</title>\n<style>\n" << page_style << "\n</style>\n</head>\n<body>\n"
       << "<a class=\"skip\" href=\"#main\">Skip to the changes</a>\n<main id=\"main\">\n"
       << "<h1>What changed</h1>\n<p>" << (c.title.empty() ? "" : escape_html(c.title) + ": ") << "changes from "
       << side(l.old_name, c.old_edition) << " to " << side(l.new_name, c.new_edition) << ".</p>\n"
       << to_html_section(c, 2) << "</main>\n</body>\n</html>\n";
    return os.str();
}

}  // namespace sprout::diff
