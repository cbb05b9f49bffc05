#pragma once
// The sprout commands. Each returns the process exit code: 0 success, 1 content or build
// errors, 2 usage errors. The CLI parser in main.cpp only routes to these.
#include <iosfwd>
#include <string>
#include <vector>

namespace sprout::cli {

enum Exit : int { Ok = 0, ContentError = 1, UsageError = 2 };

struct CheckArgs {
    std::string dir = ".";
    std::string format = "text";  // text | json
    bool strict = false;
    bool quiet = false;
};
int check(const CheckArgs& a);

struct BuildArgs {
    std::string source = ".";
    std::string out;  // default: <source>/site
    bool strict = false;
    bool quiet = false;
    bool clean = false;  // ignore the incremental cache
    std::string since;   // git revision to compare with, overriding site.toml's previous_edition
};
int build(const BuildArgs& a);

struct NewArgs {
    std::string kind, id, source = ".";
    bool force = false;
};
int new_record(const NewArgs& a);

struct InitArgs {
    std::string dir;
};
int init(const InitArgs& a);

struct SchemaArgs {
    std::string out_dir;          // one file per kind when set
    std::string format = "json";  // json | markdown | taplo
};
int schema(const SchemaArgs& a);

struct ServeArgs {
    std::string source = ".";
    std::string out;  // default: <source>/site
    std::string bind = "127.0.0.1";
    int port = 1313;
    bool open = false;
    bool verbose = false;  // print each build's steps, as `sprout build` does
};
int serve(const ServeArgs& a);

struct DiffArgs {
    std::string old_dir, new_dir;       // OLD and NEW toolkit or content folders
    std::vector<std::string> git;       // REV1 [REV2]; without REV2 the working tree is NEW
    std::string source = ".";           // toolkit folder whose git history --git reads
    std::string format = "text";        // text | json | html
};
int diff(const DiffArgs& a);

struct BriefArgs {
    std::string source = ".";
    std::string nation, audience, area;  // ids
    std::string out;                     // file; .html writes the HTML twin; default ./<stem>.pdf
    bool list = false;                   // print every combination a build writes
};
int brief(const BriefArgs& a);

}  // namespace sprout::cli
