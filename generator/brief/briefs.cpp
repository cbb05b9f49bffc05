#include "brief/briefs.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <ostream>

#include "doc/html_writer.hpp"
#include "pdf/writer.hpp"
#include "util/parallel.hpp"

namespace sprout::brief {

pdf::Style load_style(const assets::Assets& assets, std::string& warning) {
    for (const auto& a : assets.theme()) {
        if (a.path == "pdf-style.toml") {
            std::string err;
            pdf::Style st = pdf::parse_style(a.data, err);
            if (!err.empty()) warning = a.origin + ": " + err;
            return st;
        }
    }
    return pdf::Style{};
}

Rendered render(const Plan& plan, const pdf::Style& style) {
    Rendered r;
    r.pdf = pdf::write_pdf(plan.doc, style);
    doc::HtmlOptions o;
    o.pdf_href = plan.target.stem() + ".pdf";
    r.html = doc::write_html(plan.doc, o);
    return r;
}

Summary write_all_briefs(const model::Model& m, const assets::Assets& assets, output::Staging& out, std::ostream* log) {
    const auto t0 = std::chrono::steady_clock::now();
    std::string warning;
    const pdf::Style style = load_style(assets, warning);
    if (!warning.empty() && log) *log << "warning: " << warning << "\n";
    pdf::system_fonts();  // fail early, once, with the clear message when fonts are missing

    const auto targets = all_targets(m);
    std::vector<std::string> errors(targets.size());
    // On every core ($SPROUT_JOBS limits it); each brief is independent: its own libharu document.
    util::parallel_for(targets.size(), [&](std::size_t i) {
        try {
            const auto& t = targets[i];
            const Rendered r = render(plan_brief(m, t.nation, t.audience, t.area.empty() ? std::nullopt : std::optional(t.area)), style);
            out.write("briefs/" + t.stem() + ".pdf", r.pdf);  // Staging::write is thread-safe
            out.write("briefs/" + t.stem() + ".html", r.html);
        } catch (const std::exception& e) {
            errors[i] = e.what();
        }
    });
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (!errors[i].empty()) throw std::runtime_error("brief " + targets[i].stem() + ": " + errors[i]);
    Summary s;
    s.count = targets.size();
    s.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

}  // namespace sprout::brief
