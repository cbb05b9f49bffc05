// `sprout brief`: write one PDF (or HTML) brief for a nation × audience (× area), or list
// the combinations a build writes.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "assets/assets.hpp"
#include "brief/briefs.hpp"
#include "brief/plan.hpp"
#include "brief/select.hpp"
#include "build/build.hpp"
#include "check/checker.hpp"
#include "diff/previous.hpp"
#include "doc/html_writer.hpp"
#include "pdf/writer.hpp"
#include "cli/commands.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::cli {

namespace {

// Writes through a temporary file in the same folder and renames it over the target, so a
// reader never sees a half-written brief.
bool write_atomically(const fs::path& target, const std::string& data, std::string& error) {
    std::error_code ec;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
        error = "folder " + dir.string() + " does not exist";
        return false;
    }
    const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.close();
        if (!out) {
            fs::remove(tmp, ec);
            error = "cannot write " + tmp.string();
            return false;
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        error = "cannot replace " + target.string() + ": " + ec.message();
        return false;
    }
    return true;
}

int list(const model::Model& m) {
    const auto targets = brief::all_targets(m);
    std::cout << "nation\taudience\tarea\tfile\n";
    for (const auto& t : targets)
        std::cout << t.nation << "\t" << t.audience << "\t" << (t.area.empty() ? "-" : t.area) << "\tbriefs/" << t.stem() << ".pdf\n";
    std::cerr << targets.size() << " briefs (" << brief::brief_nations(m).size() << " nations x " << m.audiences.size()
              << " audiences, plus area briefs)\n";
    return Ok;
}

}  // namespace

int brief(const BriefArgs& a) {
    std::string err;
    auto tk = load::locate(a.source, err);
    if (!tk) {
        std::cerr << "sprout brief: " << err << "\n";
        return UsageError;
    }
    if (!a.list && (a.audience.empty() || (a.nation.empty() && a.area.empty()))) {
        std::cerr << "sprout brief: give --nation and --audience (and optionally --area), or --list to see every combination\n";
        return UsageError;
    }
    const check::Options copts{false};
    // Through what the last `sprout build` of the toolkit's site checked, when it is there: a
    // third of the command's time went to reading and parsing every record (docs/PERFORMANCE.md).
    auto checked = build::check_as_built(*tk, copts, build::default_out_dir(*tk));
    if (!checked.ok(copts) || !checked.model) {
        for (const auto& d : checked.diags.all())
            if (d.severity == Severity::Error) std::cerr << format_text(d) << "\n";
        std::cerr << "sprout brief: the content has " << checked.diags.error_count()
                  << " error(s); run `sprout check` and fix them first\n";
        return ContentError;
    }
    const model::Model& m = *checked.model;
    if (a.list) return list(m);

    std::string nation = a.nation;
    if (!a.area.empty() && nation.empty()) {
        if (const model::Area* ar = m.area(a.area)) nation = ar->nation;
    }
    // The same comparison as `sprout build`, for the brief's `changes` sections.
    std::optional<diff::Previous> edition;
    try {
        edition = diff::changes_since_previous(*tk, m);
    } catch (const std::exception& e) {
        std::cerr << "sprout brief: " << e.what() << "\n";
        return ContentError;
    }
    brief::Plan plan;
    try {
        plan = brief::plan_brief(m, nation.empty() ? a.nation : nation, a.audience, a.area.empty() ? std::nullopt : std::optional(a.area),
                                 edition ? &edition->changes : nullptr);
    } catch (const brief::UnknownId& e) {
        std::cerr << "sprout brief: " << e.what();
        if (!e.suggestion.empty()) std::cerr << "; did you mean '" << e.suggestion << "'?";
        else if (!e.known.empty()) std::cerr << "; " << e.kind << "s: " << text::join(e.known, ", ");
        std::cerr << "\n";
        return UsageError;
    }
    if (!a.area.empty()) {
        const model::Audience* aud = m.audience(a.audience);
        if (aud && !brief::has_area_sections(*aud))
            std::cerr << "sprout brief: note: the " << a.audience << " brief has no area sections, so --area only changes its cover\n";
    }

    const auto t0 = std::chrono::steady_clock::now();
    const fs::path out = a.out.empty() ? fs::path(plan.target.stem() + ".pdf") : fs::path(a.out);
    const std::string ext = text::to_lower(out.extension().string());
    const bool html = ext == ".html" || ext == ".htm";
    std::string data;
    try {
        std::string warning;
        const pdf::Style style = brief::load_style(assets::Assets(tk->root), warning);
        if (!warning.empty()) std::cerr << "sprout brief: warning: " << warning << "\n";
        // Only the format asked for; a lone HTML file has no PDF beside it to link to.
        data = html ? doc::write_html(plan.doc) : pdf::write_pdf(plan.doc, style);
    } catch (const std::exception& e) {
        std::cerr << "sprout brief: " << e.what() << "\n";
        return ContentError;
    }
    if (!write_atomically(out, data, err)) {
        std::cerr << "sprout brief: " << err << "\n";
        return ContentError;
    }
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "wrote " << out.string() << " (" << (data.size() + 1023) / 1024 << " KB) in " << static_cast<int>(ms) << " ms\n";
    return Ok;
}

}  // namespace sprout::cli
