// `sprout diff`: what changed in meaning between two editions of the content, from two
// folders or two git revisions. Exit 0 whether or not anything changed (a report, not a test),
// 1 when either edition has content errors, 2 for usage errors.
#include <iostream>

#include "cli/commands.hpp"
#include "diff/diff.hpp"
#include "diff/editions.hpp"
#include "diff/format.hpp"

namespace sprout::cli {

namespace {

int usage(const std::string& message) {
    std::cerr << "sprout diff: " << message << "\nRun `sprout diff --help` for usage.\n";
    return UsageError;
}

// Prints an edition's errors (warnings do not stop a comparison); true if there were any.
bool report_errors(const diff::Edition& e) {
    if (e.diags.error_count() == 0) return false;
    std::cerr << "sprout diff: " << e.label << " has content errors:\n";
    for (const auto& d : e.diags.all())
        if (d.severity == Severity::Error) std::cerr << format_text(d) << "\n";
    return true;
}

}  // namespace

int diff(const DiffArgs& a) {
    const bool folders = !a.old_dir.empty() || !a.new_dir.empty();
    if (!a.git.empty() && folders) return usage("give two folders or --git REV1 [REV2], not both");
    if (a.git.empty() && (a.old_dir.empty() || a.new_dir.empty())) return usage("give two folders to compare: OLD and NEW");

    std::string err;
    std::optional<diff::Edition> old, neu;
    if (a.git.empty()) {
        old = diff::load_folder(a.old_dir, err);
        if (old) neu = diff::load_folder(a.new_dir, err);
    } else {
        old = diff::load_git(a.source, a.git[0], err);
        if (old) {
            if (a.git.size() == 2) {
                neu = diff::load_git(a.source, a.git[1], err);
            } else if ((neu = diff::load_folder(a.source, err))) {
                neu->label = "the working tree";
            }
        }
    }
    if (!old || !neu) return usage(err);

    const bool old_bad = report_errors(*old);
    const bool new_bad = report_errors(*neu);
    if (old_bad || new_bad || !old->model || !neu->model) return ContentError;

    const auto changes = diff::compare(*old->model, *neu->model);
    const diff::Labels labels{old->label, neu->label};
    if (a.format == "json") std::cout << diff::to_json(changes, labels);
    else if (a.format == "html") std::cout << diff::to_html_page(changes, labels);
    else std::cout << diff::to_text(changes, labels);
    return Ok;
}

}  // namespace sprout::cli
