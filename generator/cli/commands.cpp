#include "cli/commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "build/build.hpp"
#include "check/checker.hpp"
#include "schema/editor.hpp"
#include "schema/scaffold.hpp"
#include "schema/schema.hpp"
#include "util/allocator.hpp"
#include "util/embedded.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::cli {

namespace {

void print_diagnostics(const Diagnostics& d, const std::string& format) {
    if (format == "json") {
        std::cout << format_json(d.all()) << "\n";
        return;
    }
    for (const auto& x : d.all()) std::cerr << format_text(x) << "\n";
}

std::string summary_line(const Diagnostics& d) {
    return std::to_string(d.error_count()) + " error" + (d.error_count() == 1 ? "" : "s") + ", " +
           std::to_string(d.warning_count()) + " warning" + (d.warning_count() == 1 ? "" : "s");
}

bool write_text_file(const fs::path& p, const std::string& data, std::string& error) {
    std::error_code ec;
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary);
    out << data;
    out.close();
    if (!out) {
        error = "cannot write " + p.string();
        return false;
    }
    return true;
}

}  // namespace

int check(const CheckArgs& a) {
    std::string err;
    auto tk = load::locate(a.dir, err);
    if (!tk) {
        std::cerr << "sprout check: " << err << "\n";
        return UsageError;
    }
    const check::Options opts{.strict = a.strict, .want_model = false};
    auto r = check::run(*tk, opts);
    print_diagnostics(r.diags, a.format);
    if (!a.quiet && a.format != "json") {
        std::cerr << (r.ok(opts) ? "ok: " : "failed: ") << r.records.size() << " records checked, "
                  << summary_line(r.diags) << (a.strict && r.diags.warning_count() ? " (warnings are errors with --strict)" : "")
                  << "\n";
    }
    return r.ok(opts) ? Ok : ContentError;
}

int build(const BuildArgs& a) {
    std::string err;
    auto tk = load::locate(a.source, err);
    if (!tk) {
        std::cerr << "sprout build: " << err << "\n";
        return UsageError;
    }
    build::Options o;
    o.out_dir = a.out.empty() ? build::default_out_dir(*tk) : a.out;
    o.strict = a.strict;
    o.quiet = a.quiet;
    o.incremental = !a.clean;
    o.since = a.since;
    util::exit_when_done();
    return build::run(*tk, o, std::cerr);
}

int new_record(const NewArgs& a) {
    const auto& s = schema::builtin();
    const auto* kind = s.kind(a.kind);
    if (!kind) kind = s.by_folder(a.kind);
    if (!kind) {
        auto c = text::closest(a.kind, s.kind_names());
        std::cerr << "sprout new: unknown kind '" << a.kind << "'"
                  << (c ? "; did you mean '" + *c + "'?" : "; kinds: " + text::join(s.kind_names(), ", ")) << "\n";
        return UsageError;
    }
    if (kind->folder.empty()) {
        std::cerr << "sprout new: " << kind->name << " is a single file (content/" << kind->file
                  << "); `sprout init` creates it\n";
        return UsageError;
    }
    if (auto why = schema::id_problem(a.id)) {
        std::cerr << "sprout new: '" << a.id << "' is not a valid id: it " << *why << "\n";
        return UsageError;
    }
    std::string err;
    auto tk = load::locate(a.source, err);
    if (!tk) {
        std::cerr << "sprout new: " << err << "\n";
        return UsageError;
    }
    const fs::path file = fs::path(tk->content_dir) / kind->folder / (a.id + "." + kind->extension);
    std::error_code ec;
    if (fs::exists(file, ec) && !a.force) {
        std::cerr << "sprout new: " << file.string() << " already exists (use --force to overwrite)\n";
        return UsageError;
    }
    // Point references at records that exist, so the scaffold checks clean as written.
    auto lookup = [&](const std::string& ref_kind) -> std::optional<std::string> {
        const auto* k = s.kind(ref_kind);
        if (!k || k->folder.empty()) return std::nullopt;
        std::vector<std::string> ids;
        for (fs::directory_iterator it(fs::path(tk->content_dir) / k->folder, ec), end; !ec && it != end; it.increment(ec)) {
            auto name = it->path().filename().string();
            const std::string ext = "." + k->extension;
            if (name.ends_with(ext)) ids.push_back(name.substr(0, name.size() - ext.size()));
        }
        std::sort(ids.begin(), ids.end());
        if (ids.empty()) return std::nullopt;
        return ids.front();
    };
    if (!write_text_file(file, schema::scaffold(*kind, lookup), err)) {
        std::cerr << "sprout new: " << err << "\n";
        return ContentError;
    }
    std::cerr << "created " << file.string() << "\n";
    return Ok;
}

int init(const InitArgs& a) {
    const fs::path dir(a.dir);
    std::error_code ec;
    if (fs::exists(dir / "content", ec)) {
        std::cerr << "sprout init: " << (dir / "content").string() << " already exists; not overwriting\n";
        return UsageError;
    }
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : embedded::starter_files()) files.emplace_back(std::string(f.path), std::string(f.data));
    // Editor support from the first edit: schemas and the Taplo configuration that maps to them.
    for (auto& [name, data] : schema::schema_files(schema::builtin())) files.emplace_back("schemas/" + name, std::move(data));
    files.emplace_back(".taplo.toml", schema::taplo_config(schema::builtin()));
    for (const auto& [path, data] : files) {
        std::string err;
        if (!write_text_file(dir / path, data, err)) {
            std::cerr << "sprout init: " << err << "\n";
            return ContentError;
        }
    }
    std::cerr << "created a starter toolkit in " << dir.string() << "\n"
              << "next: cd " << dir.string() << " && sprout check && sprout build\n";
    return Ok;
}

int schema(const SchemaArgs& a) {
    const auto& s = schema::builtin();
    if (a.format == "markdown") {
        std::cout << schema::markdown_reference(s);
        return Ok;
    }
    if (a.format == "taplo") {
        std::cout << schema::taplo_config(s);
        return Ok;
    }
    if (a.out_dir.empty()) {
        std::cout << schema::json_schema(s);
        return Ok;
    }
    for (const auto& [name, data] : schema::schema_files(s)) {
        std::string err;
        if (!write_text_file(fs::path(a.out_dir) / name, data, err)) {
            std::cerr << "sprout schema: " << err << "\n";
            return ContentError;
        }
    }
    std::cerr << "wrote " << s.kinds.size() + 1 << " schema files to " << a.out_dir << "\n";
    return Ok;
}

}  // namespace sprout::cli
