#include "load/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <system_error>

#include "util/hash_mix.hpp"
#include "util/listing.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::load {

SourcePos pos_of(const toml::node& n, const std::string& path) {
    const auto& s = n.source();
    return {path, s.begin.line ? s.begin.line : 1u, s.begin.column ? s.begin.column : 1u};
}

SourcePos pos_of(const toml::key& k, const std::string& path) {
    const auto& s = k.source();
    return {path, s.begin.line ? s.begin.line : 1u, s.begin.column ? s.begin.column : 1u};
}

std::optional<Toolkit> locate(const std::string& dir, std::string& error) {
    std::error_code ec;
    const fs::path p = dir.empty() ? fs::path(".") : fs::path(dir);
    if (!fs::is_directory(p, ec)) {
        error = "'" + p.string() + "' is not a folder";
        return std::nullopt;
    }
    const auto& s = schema::builtin();
    auto looks_like_content = [&](const fs::path& c) {
        if (fs::exists(c / "site.toml", ec)) return true;
        for (const auto& f : s.folder_names())
            if (fs::is_directory(c / f, ec)) return true;
        return false;
    };
    Toolkit tk;
    if (fs::is_directory(p / "content", ec)) {
        tk.root = p.string();
        tk.content_dir = (p / "content").string();
        tk.display = (p == fs::path(".") ? fs::path("content") : p / "content").string();
    } else if (looks_like_content(p)) {
        tk.root = p.parent_path().empty() ? "." : p.parent_path().string();
        tk.content_dir = p.string();
        tk.display = p.string();
    } else {
        error = "no content/ folder in '" + p.string() + "' (run `sprout init DIR` to start a toolkit)";
        return std::nullopt;
    }
    return tk;
}

namespace {

constexpr int kMaxKeyParts = 64;
// Far above any real record (the largest are tens of KiB); keeps a stray data dump from
// reaching the parser and the renderers.
constexpr std::uintmax_t kMaxRecordBytes = 8u * 1024 * 1024;

// Splits "+++\n<toml>\n+++\n<body>" front matter. Returns false when the markers are missing.
bool split_front_matter(std::string_view text, std::string_view& front, std::string_view& body,
                        std::uint32_t& body_line) {
    auto line_end = [&](std::size_t from) {
        auto e = text.find('\n', from);
        return e == std::string_view::npos ? text.size() : e;
    };
    std::size_t first_end = line_end(0);
    if (text::trim(text.substr(0, first_end)) != "+++") return false;
    std::size_t pos = first_end + 1;
    std::uint32_t line = 2;
    while (pos <= text.size()) {
        const std::size_t e = line_end(pos);
        if (text::trim(text.substr(pos, e - pos)) == "+++") {
            front = text.substr(first_end + 1, pos - first_end - 1);
            body = e < text.size() ? text.substr(e + 1) : std::string_view{};
            body_line = line + 1;
            return true;
        }
        if (e >= text.size()) break;
        pos = e + 1;
        ++line;
    }
    return false;
}

// Problems found before toml++ sees the text, each of which toml++ 3.3 mishandles:
// - a dotted key or table header of tens of thousands of parts: toml++ builds the tables
//   recursively and overflows the stack (arrays and inline tables it limits itself, to 256);
// - a non-ASCII character outside strings and comments (never valid TOML): toml++'s
//   whitespace test reaches an "unreachable" branch for many of them (U+00A1, U+2BCE…,
//   U+FEFE…), undefined behaviour that happens to work in Debian's build.
// Counts dots outside strings and comments since the last character that cannot occur in a key.
struct Prescan {
    std::uint32_t line = 0, column = 0;
    std::string message, hint;
};

std::optional<Prescan> prescan(std::string_view t, int max_key_parts) {
    std::uint32_t line = 1, col = 1;
    int dots = 0;
    std::size_t i = t.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte order mark is fine
    auto advance = [&](std::size_t n) {
        for (std::size_t k = 0; k < n && i < t.size(); ++k, ++i) {
            if (t[i] == '\n') { ++line; col = 1; }
            else if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) ++col;  // columns count characters
        }
    };
    // Skips a string; one-line strings end at the line's end even when unterminated (toml++
    // reports that), so a broken string does not swallow the rest of the file.
    auto skip_to = [&](std::string_view close, bool escapes, bool one_line) {
        while (i < t.size() && !t.substr(i).starts_with(close)) {
            if (one_line && t[i] == '\n') return;
            advance(escapes && t[i] == '\\' && i + 1 < t.size() && t[i + 1] != '\n' ? 2 : 1);
        }
        advance(close.size());
    };
    while (i < t.size()) {
        const char c = t[i];
        if (t.substr(i).starts_with("\"\"\"")) { advance(3); skip_to("\"\"\"", true, false); continue; }
        if (t.substr(i).starts_with("'''")) { advance(3); skip_to("'''", false, false); continue; }
        if (c == '"') { advance(1); skip_to("\"", true, true); continue; }
        if (c == '\'') { advance(1); skip_to("'", false, true); continue; }
        if (c == '#') { while (i < t.size() && t[i] != '\n') advance(1); continue; }
        if (static_cast<unsigned char>(c) >= 0x80)
            return Prescan{line, col, "TOML syntax error: a character other than ASCII outside a quoted string",
                           "keys may use only letters A-Z and a-z, digits, '-' and '_'; put text in quotes"};
        if (c == '.') {
            if (++dots >= max_key_parts)
                return Prescan{line, col, "key has more than " + std::to_string(max_key_parts) + " dotted parts",
                               "record fields are nested a few levels at most"};
        } else if (c == '=' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '\n') {
            dots = 0;
        }
        advance(1);
    }
    return std::nullopt;
}

bool is_inside(const fs::path& child, const fs::path& parent) {
    std::error_code ec;
    const auto c = fs::weakly_canonical(child, ec);
    const auto p = fs::weakly_canonical(parent, ec);
    auto [pe, ce] = std::mismatch(p.begin(), p.end(), c.begin(), c.end());
    return pe == p.end();
}

}  // namespace

bool parse_record(std::string_view text, const std::string& path, const schema::KindSpec& kind, RawRecord& out,
                  Diagnostics& diags) {
    if (!text::is_valid_utf8(text)) {
        diags.error({path, 1, 1}, "", "file is not valid UTF-8", "save it as UTF-8");
        return false;
    }
    if (text.find('\0') != std::string_view::npos) {
        diags.error({path, 1, 1}, "", "file contains a NUL byte", "remove it; records are plain text");
        return false;
    }
    std::string_view toml_text = text;
    std::uint32_t line_offset = 0;
    if (kind.extension == "md") {
        std::string_view front, body;
        std::uint32_t body_line = 1;
        if (!split_front_matter(text, front, body, body_line)) {
            diags.error({path, 1, 1}, "", "page has no TOML front matter",
                        "start the file with a line '+++', the fields, and another '+++'");
            return false;
        }
        toml_text = front;
        line_offset = 1;
        out.body = std::string(body);
        out.body_line = body_line;
    }
    if (auto bad = prescan(toml_text, kMaxKeyParts)) {
        diags.error({path, bad->line + line_offset, bad->column}, "", bad->message, bad->hint);
        return false;
    }
    try {
        out.table = toml::parse(toml_text, path);
    } catch (const toml::parse_error& e) {
        const auto& src = e.source();
        diags.error({path, src.begin.line + line_offset, src.begin.column}, "",
                    "TOML syntax error: " + std::string(e.description()));
        return false;
    }
    if (line_offset) {
        // Front matter starts on line 2: shift every position so messages point into the file.
        std::function<void(toml::node&)> shift = [&](toml::node& n) {
            auto& s = const_cast<toml::source_region&>(n.source());
            if (s.begin.line) s.begin.line += line_offset;
            if (s.end.line) s.end.line += line_offset;
            if (auto* t = n.as_table()) for (auto&& [k, v] : *t) shift(v);
            if (auto* a = n.as_array()) for (auto& v : *a) shift(v);
        };
        shift(out.table);
    }
    out.kind = &kind;
    out.path = path;
    return true;
}

namespace {

// What the listing knows of a record before it is read.
void describe(const RecordFile& f, RawRecord& r) {
    r.id = f.id;
    r.kind = f.kind;
    r.path = f.display;
    r.file = f.file;
}

// Reads one file into `r`; false when it is not a record at all (a link out of the folder).
bool load_record(const RecordFile& f, const std::string& content, RawRecord& r, Diagnostics& found) {
    if (f.symlink && !is_inside(f.file, content)) {
        found.error({f.display, 0, 0}, "", "symbolic link points outside the content folder",
                    "copy the file into content/ instead of linking to it");
        return false;
    }
    describe(f, r);
    // One open and one fstat: at N = 10,000 the three stat calls of asking first were a tenth
    // of checking. A FIFO or device would block the read or never end: only regular files are
    // records.
    auto read = text::read_regular_file(r.file, kMaxRecordBytes);
    using Status = text::RegularFile::Status;
    switch (read.status) {
        case Status::Ok: break;
        case Status::NotRegular:
            found.error({f.display, 0, 0}, "", "not a regular file", "records are plain text files");
            break;
        case Status::TooLarge:
            found.error({f.display, 0, 0}, "",
                        "file is too large (" + std::to_string(read.size / (1024 * 1024)) + " MiB; a record may have at most " +
                            std::to_string(kMaxRecordBytes / (1024 * 1024)) + " MiB)",
                        "split the text into several records or pages");
            break;
        case Status::Unreadable:
            found.error({f.display, 0, 0}, "", "cannot read file", "check its permissions");
            break;
    }
    const auto& data = read.data;
    if (data) r.bytes_hash = util::content_hash(*data);
    r.parsed = data && parse_record(*data, f.display, *f.kind, r, found);
    return true;
}

}  // namespace

Listing list_records(const Toolkit& tk) {
    const auto& s = schema::builtin();
    std::error_code ec;
    std::string content = fs::absolute(tk.content_dir).lexically_normal().string();
    if (!content.ends_with('/')) content += '/';
    const std::string shown = tk.display.ends_with('/') ? tk.display : tk.display + "/";
    Listing listing;
    auto& diags = listing.diags;
    auto read_one = [](Listing& into, std::string file, std::string display, const schema::KindSpec& kind, std::string id, bool symlink) {
        into.through_links = into.through_links || symlink;
        into.files.push_back({std::move(file), std::move(display), &kind, std::move(id), symlink});
    };

    // Single-file kinds (site.toml).
    for (const auto& k : s.kinds) {
        if (k.file.empty()) continue;
        const fs::path f = content + k.file;
        if (fs::exists(f, ec)) read_one(listing, f.string(), shown + k.file, k, k.name, fs::is_symlink(f, ec));
        else diags.error({shown + k.file, 0, 0}, "", "missing " + k.title + " file",
                         "create content/" + k.file + " (`sprout new " + k.name + "` writes one)");
    }

    // Everything else at the top level must be a kind folder. Each folder is listed on its own
    // core (27,000 files at N = 10,000 took 25 ms on one), and what each found is merged in
    // the folders' order.
    const auto top = util::list_folder(content, ec);
    if (ec) diags.error({tk.display, 0, 0}, "", "cannot list the content folder: " + ec.message());
    std::vector<Listing> each(top.size());
    util::parallel_for(top.size(), [&](std::size_t t) {
        const auto& e = top[t];
        const std::string& name = e.name;
        if (name.starts_with('.')) return;
        auto& part = each[t];
        const std::string display = shown + name;
        const auto* single = [&]() -> const schema::KindSpec* {
            for (const auto& k : s.kinds) if (k.file == name) return &k;
            return nullptr;
        }();
        if (single) return;
        const auto* kind = s.by_folder(name);
        if (!kind || !e.is_dir) {
            std::string hint = "record folders are: " + text::join(s.folder_names(), ", ");
            if (auto c = text::closest(name, s.folder_names())) hint = "did you mean '" + *c + "'?";
            part.diags.error({display, 0, 0}, "", "'" + name + "' is not a record folder", hint);
            return;
        }
        const std::string folder = content + name + "/";
        if (e.is_link && !is_inside(content + name, tk.content_dir)) {
            part.diags.error({display, 0, 0}, "", "symbolic link points outside the content folder");
            return;
        }
        part.through_links = e.is_link;
        const std::string ext = "." + kind->extension;
        std::error_code folder_ec;
        const auto files = util::list_folder(folder, folder_ec);
        if (folder_ec) part.diags.error({display, 0, 0}, "", "cannot list the folder: " + folder_ec.message());
        for (const auto& f : files) {
            const std::string& fname = f.name;
            if (fname.starts_with('.') || fname.ends_with('~')) continue;  // editor backups and dotfiles
            std::string fdisplay = display + "/" + fname;
            if (f.is_dir) {
                part.diags.error({fdisplay, 0, 0}, "", "sub-folders are not allowed in " + name + "/",
                                 "put one record per file directly in content/" + name + "/");
                continue;
            }
            if (!fname.ends_with(ext)) {
                part.diags.error({fdisplay, 0, 0}, "", "files in " + name + "/ must end in " + ext);
                continue;
            }
            std::string id = fname.substr(0, fname.size() - ext.size());
            if (auto why = schema::id_problem(id)) {
                const std::string lowered = text::to_lower(id);
                part.diags.error({fdisplay, 0, 0}, "", "file name '" + id + "' is not a valid id: it " + *why,
                                 schema::id_problem(lowered) ? "rename the file" : "rename the file to '" + lowered + ext + "'");
                continue;
            }
            read_one(part, folder + fname, std::move(fdisplay), *kind, std::move(id), f.is_link);
        }
    });
    for (auto& part : each) {
        for (const auto& d : part.diags.all()) diags.add(d);
        listing.through_links = listing.through_links || part.through_links;
        listing.files.insert(listing.files.end(), std::make_move_iterator(part.files.begin()), std::make_move_iterator(part.files.end()));
    }
    return listing;
}

std::vector<RawRecord> read_tree(const Toolkit& tk, Diagnostics& diags) {
    return read_records(tk, diags, [](RawRecord&, Diagnostics&) {});
}

std::vector<RawRecord> read_records(const Toolkit& tk, Diagnostics& diags,
                                    const std::function<void(RawRecord&, Diagnostics&)>& each, const Known& known) {
    return read_records(tk, list_records(tk), diags, each, known);
}

std::vector<RawRecord> read_records(const Toolkit& tk, const Listing& listing, Diagnostics& diags,
                                    const std::function<void(RawRecord&, Diagnostics&)>& each, const Known& known) {
    // Files are listed first and read and parsed afterwards, on all cores: parsing is most of
    // the check of a large toolkit and each file is independent (docs/PERFORMANCE.md).
    for (const auto& d : listing.diags.all()) diags.add(d);
    const auto& files = listing.files;
    std::vector<RawRecord> records(files.size());
    std::vector<Diagnostics> found(files.size());
    std::vector<char> is_record(files.size(), 0);
    util::parallel_for(files.size(), [&](std::size_t i) {
        // A link is read every time: where it leads out of the folder is decided by reading it.
        if (known && !files[i].symlink) {
            describe(files[i], records[i]);
            if (known(records[i], found[i])) {
                is_record[i] = 1;
                return;
            }
        }
        is_record[i] = load_record(files[i], tk.content_dir, records[i], found[i]);
        if (is_record[i]) each(records[i], found[i]);
    });
    // Merged in listing order, so the result does not depend on thread timing.
    std::vector<RawRecord> out;
    out.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (const auto& d : found[i].all()) diags.add(d);
        if (is_record[i]) out.push_back(std::move(records[i]));
    }
    return out;
}

}  // namespace sprout::load
