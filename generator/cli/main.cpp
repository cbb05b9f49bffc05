// sprout: the command-line entry point. Parses arguments and routes to cli/commands.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"

// Read by jemalloc, which the executable links where it is installed (generator/CMakeLists.txt);
// ignored by any other allocator. jemalloc keeps freed pages for ten seconds by default, and a
// build frees large page contexts all the time: returning them after 200 ms lowered peak RSS
// at N = 10,000 from about 560 to 490 MiB at no measurable cost in time. The heap is asked for
// transparent huge pages because a build allocates and touches gigabytes over its run: with
// 4 KiB pages, page faults were a sixth of a build's CPU on a virtual machine (455,000 at
// N = 10,000; 70,000 with huge pages, and 25 % less wall time) for 5-10 % more peak memory
// (docs/PERFORMANCE.md). Where the kernel disables them, the option does nothing. One arena
// instead of four per core: each arena keeps its own partly used huge pages and freed memory,
// and a build's threads (the main one, two renderers) gain nothing measurable from separate
// arenas, while one arena lowered peak RSS at N = 10,000 from 364-389 to 309-313 MiB.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,dirty_decay_ms:200,muzzy_decay_ms:0,narenas:1";
}

int main(int argc, char** argv) {
    using namespace sprout::cli;
    CLI::App app{"Sprout builds evidence toolkit websites and PDF briefs from TOML records.\n"
                 "Run it in a toolkit folder (one with content/, and optionally templates/ and themes/)."};
    app.name("sprout");
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("sprout ") + SPROUT_VERSION + " (" + SPROUT_GIT_REV + ")");
    app.footer("Exit codes: 0 success, 1 content or build errors, 2 usage errors.\n"
               "Run `sprout COMMAND --help` for a command's options.");

    CheckArgs ca;
    auto* check_cmd = app.add_subcommand("check", "Check content and report every problem with file, line and field");
    check_cmd->add_option("dir", ca.dir, "Toolkit folder or its content/ folder")->capture_default_str();
    check_cmd->add_option("--format", ca.format, "Output format: text (stderr) or json (one array on stdout)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    check_cmd->add_flag("--strict", ca.strict, "Treat warnings as errors");
    check_cmd->add_flag("-q,--quiet", ca.quiet, "Print only diagnostics, no summary line");

    BuildArgs ba;
    auto* build_cmd = app.add_subcommand("build", "Check content, then write the website and every brief");
    build_cmd->add_option("--source,-s", ba.source, "Toolkit folder")->capture_default_str();
    build_cmd->add_option("--out,-o", ba.out, "Output folder (default: SOURCE/site)");
    build_cmd->add_flag("--strict", ba.strict, "Treat content warnings as errors");
    build_cmd->add_flag("-q,--quiet", ba.quiet, "No progress output");
    build_cmd->add_flag("--clean", ba.clean, "Rebuild everything, ignoring the incremental cache beside the output");
    build_cmd->add_option("--since", ba.since,
                          "Publish what changed since this git revision (overrides previous_edition in site.toml)");

    NewArgs na;
    auto* new_cmd = app.add_subcommand("new", "Create a record with every field present and explained");
    new_cmd->add_option("kind", na.kind, "Record kind, e.g. intervention, statistic, page")->required();
    new_cmd->add_option("id", na.id, "Record id (the file name), e.g. video-feedback")->required();
    new_cmd->add_option("--source,-s", na.source, "Toolkit folder")->capture_default_str();
    new_cmd->add_flag("--force", na.force, "Overwrite an existing file");

    InitArgs ia;
    auto* init_cmd = app.add_subcommand("init", "Create a small working toolkit to start from");
    init_cmd->add_option("dir", ia.dir, "Folder to create it in")->required();

    SchemaArgs sa;
    auto* schema_cmd = app.add_subcommand("schema", "Print the content JSON Schema (for editors such as Taplo)");
    schema_cmd->add_option("--out,-o", sa.out_dir, "Write one schema file per kind into this folder");
    schema_cmd->add_option("--format", sa.format,
                           "json, markdown (the docs/CONTENT.md field tables) or taplo (a .taplo.toml for editors)")
        ->check(CLI::IsMember({"json", "markdown", "taplo"}))
        ->capture_default_str();

    ServeArgs sv;
    auto* serve_cmd = app.add_subcommand("serve", "Build, serve the site locally and rebuild on every save (live reload)");
    serve_cmd->add_option("--source,-s", sv.source, "Toolkit folder")->capture_default_str();
    serve_cmd->add_option("--out,-o", sv.out, "Output folder (default: SOURCE/site)");
    serve_cmd->add_option("--port,-p", sv.port, "Port (0 picks a free one)")->check(CLI::Range(0, 65535))->capture_default_str();
    serve_cmd->add_option("--bind", sv.bind, "Address to listen on; the default is loopback only")->capture_default_str();
    serve_cmd->add_flag("--open", sv.open, "Open the site in a browser");
    serve_cmd->add_flag("-v,--verbose", sv.verbose, "Print each build's steps and timings, not just its total");

    DiffArgs da;
    auto* diff_cmd = app.add_subcommand("diff", "Report what changed in meaning between two editions of the content");
    diff_cmd->add_option("old", da.old_dir, "Older edition: a toolkit or content folder");
    diff_cmd->add_option("new", da.new_dir, "Newer edition: a toolkit or content folder");
    diff_cmd->add_option("--git", da.git, "Compare git revisions REV1 and REV2 (or REV1 and the working tree)")
        ->expected(1, 2);
    diff_cmd->add_option("--source,-s", da.source, "Toolkit folder whose git history --git reads")->capture_default_str();
    diff_cmd->add_option("--format", da.format, "text, json or html (a standalone \"What changed\" page)")
        ->check(CLI::IsMember({"text", "json", "html"}))
        ->capture_default_str();
    diff_cmd->footer("Exit codes: 0 the report was written (whether or not anything changed), 1 either edition has\n"
                     "content errors (they are printed), 2 usage errors.");

    BriefArgs bra;
    auto* brief_cmd = app.add_subcommand("brief", "Write one PDF brief for a nation and audience (and optionally a local area)");
    brief_cmd->add_option("--nation,-n", bra.nation, "Nation id, e.g. scotland (optional with --area)");
    brief_cmd->add_option("--audience,-a", bra.audience, "Audience id, e.g. commissioners");
    brief_cmd->add_option("--area", bra.area, "Area id for a local brief, e.g. leeds");
    brief_cmd->add_option("-o,--out", bra.out, "Output file (default: NATION-AUDIENCE[-AREA].pdf); a .html name writes the HTML version");
    brief_cmd->add_option("--source,-s", bra.source, "Toolkit folder")->capture_default_str();
    brief_cmd->add_flag("--list", bra.list, "List every nation x audience (x area) brief that `sprout build` writes");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line saying what is wrong, then the usage of the command concerned.
        std::cerr << "sprout: " << e.what() << "\n";
        const CLI::App* sub = nullptr;
        for (auto* s : app.get_subcommands()) sub = s;
        std::cerr << (sub ? sub->help() : app.help());
        return UsageError;
    }

    try {
        if (*check_cmd) return check(ca);
        if (*build_cmd) return build(ba);
        if (*new_cmd) return new_record(na);
        if (*init_cmd) return init(ia);
        if (*schema_cmd) return schema(sa);
        if (*serve_cmd) return serve(sv);
        if (*diff_cmd) return diff(da);
        if (*brief_cmd) return brief(bra);
    } catch (const std::exception& e) {
        std::cerr << "sprout: internal error: " << e.what() << "\n";
        return ContentError;
    }
    return UsageError;
}
