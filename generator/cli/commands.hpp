#pragma once
// The sprout commands. Each returns the process exit code: 0 success, 1 content or build
// errors, 2 usage errors. The CLI parser in main.cpp only routes to these.
#include <iosfwd>
#include <string>

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
    std::string format = "json";  // json | markdown
};
int schema(const SchemaArgs& a);

}  // namespace sprout::cli
