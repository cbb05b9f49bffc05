#include "brief/briefs.hpp"

#include <algorithm>
#include <atomic>
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

namespace {
std::string render_html(const Plan& plan) {
    doc::HtmlOptions o;
    o.pdf_href = plan.target.stem() + ".pdf";
    return doc::write_html(plan.doc, o);
}
}  // namespace

Rendered render(const Plan& plan, const pdf::Style& style) {
    Rendered r;
    r.pdf = pdf::write_pdf(plan.doc, style);
    r.html = render_html(plan);
    return r;
}

Summary write_all_briefs(const model::Model& m, const assets::Assets& assets, output::Staging& out, std::ostream* log,
                         const diff::Changes* changes, Keep keep) {
    const auto t0 = std::chrono::steady_clock::now();
    std::string warning;
    const pdf::Style style = load_style(assets, warning);
    if (!warning.empty() && log) *log << "warning: " << warning << "\n";
    pdf::system_fonts();  // fail early, once, with the clear message when fonts are missing

    const auto targets = all_targets(m);
    const InterventionOrders orders = order_interventions(m);
    std::vector<std::string> errors(targets.size());
    std::atomic<std::size_t> kept = 0;
    // On every core ($SPROUT_JOBS limits it); each brief is independent: its own libharu document.
    util::parallel_for(targets.size(), [&](std::size_t i) {
        try {
            const auto& t = targets[i];
            const std::string pdf_path = "briefs/" + t.stem() + ".pdf", html_path = "briefs/" + t.stem() + ".html";
            if (keep == Keep::All && out.unchanged_since(pdf_path) && out.unchanged_since(html_path)) {
                out.link_kept(pdf_path);
                out.link_kept(html_path);
                ++kept;
                return;
            }
            const Plan plan = plan_brief(m, t.nation, t.audience, t.area.empty() ? std::nullopt : std::optional(t.area), changes, &orders);
            if (keep != Keep::Nothing) {
                const std::string html = render_html(plan);
                if (out.matches_previous(html_path, html) && out.keep(pdf_path)) {
                    out.write(html_path, html);  // the same bytes: linked from the previous site
                    ++kept;
                    return;
                }
            }
            const Rendered r = render(plan, style);
            out.write(pdf_path, r.pdf);  // Staging::write is thread-safe
            out.write(html_path, r.html);
        } catch (const std::exception& e) {
            errors[i] = e.what();
        }
    });
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (!errors[i].empty()) throw std::runtime_error("brief " + targets[i].stem() + ": " + errors[i]);
    Summary s;
    s.count = targets.size();
    s.kept = kept;
    s.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

}  // namespace sprout::brief
