#include "build/build.hpp"

#include <chrono>
#include <ostream>

#include "check/checker.hpp"
#include "output/staging.hpp"

namespace sprout::build {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int run(const load::Toolkit& tk, const Options& o, std::ostream& log) {
    const auto t0 = std::chrono::steady_clock::now();
    const check::Options copts{o.strict};
    auto checked = check::run(tk, copts);
    for (const auto& d : checked.diags.all()) log << format_text(d) << "\n";
    if (!checked.ok(copts)) {
        log << "build failed: " << checked.diags.error_count() << " error(s)"
            << (o.strict ? " and " + std::to_string(checked.diags.warning_count()) + " warning(s)" : std::string())
            << "; " << o.out_dir << " was not changed\n";
        return 1;
    }
    if (!o.quiet) log << "checked " << checked.records.size() << " records in " << static_cast<int>(ms_since(t0)) << " ms\n";
    try {
        output::Staging out(o.out_dir);
        out.commit();
    } catch (const std::exception& e) {
        log << "build failed: " << e.what() << "; " << o.out_dir << " was not changed\n";
        return 1;
    }
    if (!o.quiet) log << "built " << o.out_dir << " in " << static_cast<int>(ms_since(t0)) << " ms\n";
    return 0;
}

}  // namespace sprout::build
