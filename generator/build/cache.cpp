#include "build/cache.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fmt/format.h>
#include <iterator>
#include <fstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/version.hpp"
#include "model/model.hpp"
#include "util/hash_mix.hpp"
#include "util/listing.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::build {

namespace {

constexpr std::string_view kMagic = "sprout-cache 9";
// A file modified less than this before a scan may change again within the same mtime tick.
constexpr std::int64_t kRacyNs = 2'000'000'000;

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// One manifest line: "<tag> <hash> <size> <mtime> <path>", the path last so it may hold spaces.
struct Line {
    std::string_view tag, path;
    std::uint64_t hash = 0, size = 0;
    std::int64_t mtime = 0;
};

bool parse_line(std::string_view s, Line& l) {
    auto field = [&s]() {
        const auto sp = s.find(' ');
        std::string_view f = s.substr(0, sp);
        s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
        return f;
    };
    auto number = [](std::string_view f, auto& v, int base) {
        return std::from_chars(f.data(), f.data() + f.size(), v, base).ec == std::errc();
    };
    l.tag = field();
    if (!number(field(), l.hash, 16) || !number(field(), l.size, 10) || !number(field(), l.mtime, 10)) return false;
    l.path = s;
    return !l.path.empty();
}

// Page and reference lines hold free text: fields are tab-separated, with backslash, tab,
// newline and carriage return escaped, so every record stays on one line.
void put_field(std::string& out, std::string_view f) {
    out += '\t';
    // Runs of ordinary characters appended whole: the pages' search text makes the field
    // 28 MB at N = 10,000, written after every build (character by character this was a
    // tenth of a rebuild's CPU under `sprout serve`).
    while (!f.empty()) {
        std::size_t run = 0;
        while (run < f.size() && f[run] != '\\' && f[run] != '\t' && f[run] != '\n' && f[run] != '\r') ++run;
        out.append(f.substr(0, run));
        if (run == f.size()) return;
        const char c = f[run];
        out += '\\';
        out += c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        f.remove_prefix(run + 1);
    }
}

void append_reference(std::string& out, const std::string& from, const std::vector<std::string>& to) {
    out += "ref";
    put_field(out, from);
    for (const auto& t : to) put_field(out, t);
    out += '\n';
}

// The fields of a page or reference line, unescaped (put_field's reverse). Runs of ordinary
// characters are appended whole, as put_field writes them.
std::vector<std::string> split_fields(std::string_view line) {
    std::vector<std::string> fields(1);
    while (!line.empty()) {
        std::size_t run = 0;
        while (run < line.size() && line[run] != '\t' && line[run] != '\\') ++run;
        fields.back().append(line.substr(0, run));
        if (run == line.size()) break;
        if (line[run] == '\t') {
            fields.emplace_back();
        } else if (run + 1 < line.size()) {
            const char e = line[++run];
            fields.back() += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
        } else {
            fields.back() += '\\';  // a backslash ending the line stands for itself
        }
        line.remove_prefix(run + 1);
    }
    return fields;
}

// `body` is where its search text is in the cache's text file.
void put_page(std::string& out, const web::WrittenPage& p, web::TextSpill::Ref body) {
    const auto& m = p.meta;
    out += "page";
    for (const auto* f : {&p.path, &m.title, &m.description, &m.section, &m.search_kind}) put_field(out, *f);
    put_field(out, fmt::format("{:x}", body.offset));
    put_field(out, fmt::format("{:x}", body.size));
    put_field(out, fmt::format("{:x}", body.size ? m.search_body.hash() : 0));
    put_field(out, std::string(m.in_sitemap ? "s" : "") + (m.absolute_links ? "a" : ""));
    put_field(out, fmt::format("{:x}", p.input_hash));
    put_field(out, fmt::format("{:x}", p.template_hash));
    put_field(out, fmt::format("{:x}", p.search_hash));
    put_field(out, std::to_string(m.crumbs.size()));
    for (const auto& c : m.crumbs) {
        put_field(out, c.title);
        put_field(out, c.url);
    }
    for (const auto& s : m.scripts) put_field(out, s);
    out += '\n';
}

bool hex(const std::string& s, std::uint64_t& v) { return std::from_chars(s.data(), s.data() + s.size(), v, 16).ec == std::errc(); }

// A page line; its search text is read from `text` (holding `text_size` bytes) when needed.
bool parse_page(std::string_view line, web::WrittenPage& p, const std::shared_ptr<web::TextSpill>& text, std::uint64_t text_size) {
    auto f = split_fields(line);
    if (f.size() < 14) return false;
    auto& m = p.meta;
    p.path = std::move(f[1]);
    m.title = std::move(f[2]);
    m.description = std::move(f[3]);
    m.section = std::move(f[4]);
    m.search_kind = std::move(f[5]);
    web::TextSpill::Ref body;
    std::uint64_t body_hash = 0;
    if (!hex(f[6], body.offset) || !hex(f[7], body.size) || !hex(f[8], body_hash)) return false;
    if (body.size) {
        if (!text || body.offset > text_size || body.size > text_size - body.offset) return false;
        m.search_body = web::SpillableText(text, body, body_hash);
    }
    m.in_sitemap = f[9].find('s') != std::string::npos;
    m.absolute_links = f[9].find('a') != std::string::npos;
    std::size_t crumbs = 0;
    if (!hex(f[10], p.input_hash) || !hex(f[11], p.template_hash) || !hex(f[12], p.search_hash) ||
        std::from_chars(f[13].data(), f[13].data() + f[13].size(), crumbs).ec != std::errc() || 14 + 2 * crumbs > f.size())
        return false;
    for (std::size_t i = 0; i < crumbs; ++i) m.crumbs.push_back({std::move(f[14 + 2 * i]), std::move(f[15 + 2 * i])});
    m.scripts.assign(std::make_move_iterator(f.begin() + static_cast<std::ptrdiff_t>(14 + 2 * crumbs)), std::make_move_iterator(f.end()));
    return true;
}

std::string text_path(const fs::path& cache) { return cache.string() + ".text"; }
// Of one length whatever the id, so that the texts lie at the same offsets in every such file.
std::string text_header(std::uint64_t id) { return fmt::format("sprout-cache-text 1 {:016x}\n", id); }

// Puts every page's search text in the cache's text file and says where. Texts already there
// (pages kept from the build that wrote it) stay where they are, and the others are added at
// the end, while at least half of the file is in use; otherwise a new file is written whole
// and renamed into place. Then an edit writes the few kilobytes of the pages it rendered,
// where the whole cache held 22 MB of search text at N = 10,000 and was written again each
// time. nullopt when the file cannot be written.
std::optional<StoredText> store_texts(const fs::path& cache, const Manifest& m) {
    std::uint64_t in_use = 0;
    for (const auto& p : m.pages) in_use += p.meta.search_body.size();
    const std::string path = text_path(cache), fresh = path + ".tmp";
    const bool add = m.text && m.text->same_file_as(path) && m.text->size() <= 2 * in_use + (64 << 10);
    StoredText out;
    out.id = add ? m.text_id : util::random_id();
    out.file = add ? m.text : web::TextSpill::make_file(fresh, text_header(out.id));
    if (!out.file || !out.file->begin_adding()) return std::nullopt;
    bool ok = true;
    try {
        web::TextSpill::Window window;
        out.refs.reserve(m.pages.size());
        for (const auto& p : m.pages) {
            const auto& body = p.meta.search_body;
            web::TextSpill::Ref ref;
            if (body.spill() == out.file.get()) ref = body.ref();
            else if (body.size() && !out.file->add(body.view(window), ref)) ok = false;
            out.refs.push_back(ref);
        }
    } catch (const std::exception&) {  // a text that cannot be read back
        ok = false;
    }
    ok = out.file->end_adding() && ok;
    std::error_code ec;
    if (ok && !add) fs::rename(fresh, path, ec);
    if (!ok || ec) {
        if (!add) fs::remove(fresh, ec);
        return std::nullopt;
    }
    return out;
}

}  // namespace

fs::path cache_path(const fs::path& out_dir) {
    fs::path d = out_dir;
    if (d.filename().empty()) d = d.parent_path();
    return fs::absolute(d).parent_path() / ("." + d.filename().string() + ".sprout-cache");
}

std::string check_memo_path(const fs::path& out_dir) { return cache_path(out_dir).string() + ".check"; }

fs::path spare_path(const fs::path& out_dir) { return cache_path(out_dir).string() + ".spare"; }

std::string check_memo_key(const load::Toolkit& tk) {
    // Messages and records' positions name files as the toolkit's display path shows them.
    return binary_identity() + "\n" + tk.content_dir + "\n" + tk.display;
}

// The cache file read a megabyte at a time, line by line: the 27 MB at N = 10,000 are never
// held whole (read whole, they were a twentieth of an edit's fresh memory, which this machine
// zeroes at a cost). The file is only ever replaced by a rename, so the open file stays the
// one that was checked whole.
class CacheLines {
public:
    explicit CacheLines(int fd) : fd_(fd) {}
    ~CacheLines() { ::close(fd_); }
    CacheLines(const CacheLines&) = delete;
    CacheLines& operator=(const CacheLines&) = delete;

    // The next line without its newline, valid until the next call; nullopt at the end.
    std::optional<std::string_view> line() {
        for (;;) {
            const auto nl = buf_.find('\n', at_);
            if (nl != std::string::npos) {
                const std::string_view l(buf_.data() + at_, nl - at_);
                at_ = nl + 1;
                return l;
            }
            if (!fill()) return std::nullopt;
        }
    }
    // The next `n` bytes as they are; false when the file ends first.
    bool bytes(std::size_t n, std::string& into) {
        while (buf_.size() - at_ < n)
            if (!fill()) return false;
        into.assign(buf_, at_, n);
        at_ += n;
        return true;
    }

private:
    bool fill() {
        constexpr std::size_t kBlock = 1 << 20;
        buf_.erase(0, at_);
        at_ = 0;
        const std::size_t old = buf_.size();
        buf_.resize(old + kBlock);
        const std::size_t got = text::read_at(fd_, offset_, buf_.data() + old, kBlock);
        buf_.resize(old + got);
        offset_ += got;
        return got > 0;
    }

    int fd_;
    std::uint64_t offset_ = 0;  // of the end of buf_ in the file
    std::string buf_;
    std::size_t at_ = 0;  // next unread byte of buf_
};

std::optional<Manifest> load_manifest(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    auto lines = std::make_shared<CacheLines>(fd);
    // Written whole and renamed into place, so a file without its last line was cut short.
    struct stat st {};
    char tail[5] = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 5 ||
        text::read_at(fd, static_cast<std::uint64_t>(st.st_size) - 5, tail, 5) != 5 || std::string_view(tail, 5) != "\nend\n")
        return std::nullopt;
    Manifest m;
    m.file = file;
    const auto next = [&]() { return lines->line().value_or(std::string_view("\n")); };  // "\n": never a valid line
    if (next() != kMagic) return std::nullopt;
    const std::string_view key = next();
    if (!key.starts_with("key ")) return std::nullopt;
    m.key = key.substr(4);
    const std::string_view scanned = next();
    if (!scanned.starts_with("scanned ") ||
        std::from_chars(scanned.data() + 8, scanned.data() + scanned.size(), m.scanned_at_ns).ec != std::errc())
        return std::nullopt;
    // Inputs and outputs, then the log: all a no-op rebuild needs.
    for (;;) {
        const auto got = lines->line();
        if (!got) return std::nullopt;
        const std::string_view l = *got;
        if (l.starts_with("log ")) {  // the next n bytes, byte for byte
            std::size_t n = 0;
            if (std::from_chars(l.data() + 4, l.data() + l.size(), n).ec != std::errc() || !lines->bytes(n, m.log))
                return std::nullopt;
            break;
        }
        Line p;
        if (!parse_line(l, p)) return std::nullopt;
        if (p.tag == "in")
            m.inputs.push_back({std::string(p.path), p.size, p.mtime, p.hash});
        else if (p.tag == "out")
            m.outputs[std::string(p.path)] = {p.hash, p.size, p.mtime};
        else
            return std::nullopt;
    }
    m.unread = std::move(lines);
    return m;
}

std::optional<FileStamp> stamp_of(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return FileStamp{static_cast<std::uint64_t>(st.st_size), static_cast<std::uint64_t>(st.st_ino), util::mtime_ns(st)};
}

bool read_pages(Manifest& m) {
    if (!m.unread) return false;
    const auto lines = std::move(m.unread);
    m.unread.reset();
    web::ExportLayout* exporting = nullptr;  // the export the next "xrec" lines belong to
    m.pages.reserve(m.outputs.size());  // every page is one of the files written
    // The pages' search text: a "text" line with the text file's id and how much of it they use.
    std::uint64_t text_size = 0;
    {
        const auto f = split_fields(lines->line().value_or(""));
        if (f.size() != 3 || f[0] != "text" || !hex(f[1], m.text_id) || !hex(f[2], text_size)) return false;
        m.text = web::TextSpill::open_file(text_path(m.file), text_header(m.text_id), text_size);
        if (!m.text) return false;
    }
    while (const auto got = lines->line()) {
        const std::string_view l = *got;
        if (l == "end") return true;
        if (l.starts_with("page\t")) {
            web::WrittenPage page;
            if (!parse_page(l, page, m.text, text_size)) return false;
            m.pages.push_back(std::move(page));
        } else if (l.starts_with("shown\t")) {
            const auto f = split_fields(l);
            std::uint64_t hash = 0;
            if (f.size() != 3 || !hex(f[2], hash)) return false;
            m.shown_elsewhere.emplace_hint(m.shown_elsewhere.end(), f[1], hash);
        } else if (l.starts_with("export\t")) {
            const auto f = split_fields(l);
            auto& layout = m.exports[f.size() > 1 ? f[1] : ""];
            if (f.size() != 6 || !hex(f[2], layout.json_hash) || !hex(f[3], layout.csv_hash) || !hex(f[4], layout.json_start) ||
                !hex(f[5], layout.csv_start))
                return false;
            exporting = &layout;
        } else if (l.starts_with("xrec\t")) {
            const auto f = split_fields(l);
            web::ExportLayout::Record r;
            r.id = f.size() > 1 ? f[1] : "";
            if (!exporting || f.size() != 5 || !hex(f[2], r.made_from) || !hex(f[3], r.json_end) || !hex(f[4], r.csv_end)) return false;
            exporting->records.push_back(std::move(r));
        } else if (l.starts_with("ref\t")) {
            auto f = split_fields(l);
            if (f.size() < 2) return false;
            m.references[std::move(f[1])] = std::make_shared<const std::vector<std::string>>(std::make_move_iterator(f.begin() + 2),
                                                                                   std::make_move_iterator(f.end()));
        } else {
            return false;
        }
    }
    return false;
}

std::string encode_references(const check::References& refs) {
    std::string out;
    for (const auto& [from, to] : refs) append_reference(out, from, *to);
    return out;
}

void save_manifest(const fs::path& file, const Manifest& m, std::string_view key_mark, StoredText* stored) {
    auto texts = store_texts(file, m);
    if (!texts) return;  // no cache is fine; the next build is a full one
    const fs::path tmp = file.string() + ".tmp";
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    // Written a megabyte at a time: the whole file (28 MB at N = 10,000) was the build's last
    // large allocation, made while its other memory was still held.
    constexpr std::size_t kChunk = 1 << 20;
    std::string text;
    text.reserve(kChunk + 64 * 1024);
    const auto spill = [&] {
        if (text.size() < kChunk) return;
        out << text;
        text.clear();
    };
    text.append(kMagic).append("\nkey ").append(m.key).append(key_mark).append("\nscanned ").append(std::to_string(m.scanned_at_ns));
    text += '\n';
    auto line = [&](const char* tag, std::uint64_t hash, std::uint64_t size, std::int64_t mtime, const std::string& path) {
        if (path.find('\n') != std::string::npos) return;  // cannot be recorded: that file is never reused
        fmt::format_to(std::back_inserter(text), "{} {:x} {} {} {}\n", tag, hash, size, mtime, path);
    };
    for (const auto& f : m.inputs) {
        line("in", f.hash, f.size, f.mtime_ns, f.path);
        spill();
    }
    // Sorted, so the same build writes the same manifest.
    std::vector<const output::Digests::value_type*> outs;
    outs.reserve(m.outputs.size());
    for (const auto& kv : m.outputs) outs.push_back(&kv);
    std::sort(outs.begin(), outs.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* kv : outs) {
        line("out", kv->second.hash, kv->second.size, kv->second.mtime_ns, kv->first);
        spill();
    }
    text.append("log ").append(std::to_string(m.log.size())) += '\n';
    text += m.log;
    text.append(fmt::format("text\t{:x}\t{:x}\n", texts->id, texts->file->size()));
    for (std::size_t i = 0; i < m.pages.size(); ++i) {
        put_page(text, m.pages[i], texts->refs[i]);
        spill();
    }
    for (const auto& [key, hash] : m.shown_elsewhere) {
        text += "shown";
        put_field(text, key);
        put_field(text, fmt::format("{:x}", hash));
        text += '\n';
        spill();
    }
    for (const auto& [kind, layout] : m.exports) {
        text += "export";
        put_field(text, kind);
        for (auto n : {layout.json_hash, layout.csv_hash, layout.json_start, layout.csv_start}) put_field(text, fmt::format("{:x}", n));
        text += '\n';
        for (const auto& r : layout.records) {
            text += "xrec";
            put_field(text, r.id);
            for (auto n : {r.made_from, r.json_end, r.csv_end}) put_field(text, fmt::format("{:x}", n));
            text += '\n';
            spill();
        }
    }
    if (!m.encoded_references.empty()) {
        out << text << m.encoded_references;
        text.clear();
    } else {
        for (const auto& [from, to] : m.references) {
            append_reference(text, from, *to);
            spill();
        }
    }
    text += "end\n";
    out << text;
    out.close();
    std::error_code ec;
    if (!out) {  // no cache is fine; the next build is a full one
        fs::remove(tmp, ec);
        return;
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
    else if (stored) *stored = std::move(*texts);
}

void adopt_stored_text(Manifest& m, StoredText&& stored) {
    if (stored.refs.size() != m.pages.size()) return;
    for (std::size_t i = 0; i < m.pages.size(); ++i)
        if (stored.refs[i].size) m.pages[i].meta.search_body.moved_to(stored.file, stored.refs[i]);
    m.text = std::move(stored.file);
    m.text_id = stored.id;
}

bool hashes_reusable(const Manifest& m) {
    const std::string id = binary_identity();
    return m.key.starts_with(id) && (m.key.size() == id.size() || m.key[id.size()] == ' ');  // options follow a space
}

std::vector<InputFile> scan_inputs(const std::vector<fs::path>& roots, const Manifest* previous,
                                   std::int64_t& scanned_at_ns, std::vector<std::size_t>* unhashed) {
    scanned_at_ns = now_ns();
    if (previous && !hashes_reusable(*previous)) previous = nullptr;
    std::vector<InputFile> files;
    std::error_code ec;
    for (const auto& root : roots) {
        if (!fs::is_directory(root, ec)) continue;
        for (auto& f : util::walk_files(fs::absolute(root).lexically_normal().string()))
            files.push_back({std::move(f.path), f.size, f.mtime_ns, 0, f.link});
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    // Both lists are sorted by path: walk them together.
    std::vector<std::size_t> to_hash;
    std::size_t j = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto& f = files[i];
        if (previous) {
            const auto& old = previous->inputs;
            while (j < old.size() && old[j].path < f.path) ++j;
            if (j < old.size() && old[j].path == f.path && old[j].size == f.size && old[j].mtime_ns == f.mtime_ns &&
                f.mtime_ns < previous->scanned_at_ns - kRacyNs) {
                f.hash = old[j].hash;
                continue;
            }
        }
        to_hash.push_back(i);
    }
    if (unhashed && !previous) *unhashed = std::move(to_hash);
    else complete_hashes(files, to_hash, {});
    return files;
}

std::vector<InputFile> rescan_inputs(const Manifest& previous, const std::set<std::string>& changed,
                                     std::int64_t& scanned_at_ns) {
    scanned_at_ns = now_ns();
    // Both sorted by path: a merge, the changed ones looked at afresh.
    std::vector<InputFile> files;
    files.reserve(previous.inputs.size() + changed.size());
    std::vector<std::size_t> to_hash;
    auto next = changed.begin();
    const auto look_at = [&](const std::string& path) {
        auto f = util::file_at(path);
        if (!f) return;  // gone, or no longer a file
        to_hash.push_back(files.size());
        files.push_back({std::move(f->path), f->size, f->mtime_ns, 0, f->link});
    };
    for (const auto& f : previous.inputs) {
        for (; next != changed.end() && *next < f.path; ++next) look_at(*next);
        const bool told = next != changed.end() && *next == f.path;
        if (told) ++next;
        if (told || f.link) look_at(f.path);
        else files.push_back(f);
    }
    for (; next != changed.end(); ++next) look_at(*next);
    complete_hashes(files, to_hash, {});
    return files;
}

void complete_hashes(std::vector<InputFile>& files, const std::vector<std::size_t>& unhashed,
                     const std::unordered_map<std::string, std::uint64_t>& known) {
    // Opening a file costs more than hashing it here (about 40 us each on the benchmark's
    // machine, mostly in the kernel): both cores share the ones left.
    util::parallel_for(unhashed.size(), [&](std::size_t k) {
        auto& f = files[unhashed[k]];
        if (const auto it = known.find(f.path); it != known.end()) {
            f.hash = it->second;
            return;
        }
        const auto data = text::read_file(f.path);
        f.hash = data ? util::content_hash(*data) : 0;
    });
}

web::RecordHash record_input_hashes(const load::Toolkit& tk, const std::vector<InputFile>& inputs) {
    // A record's position names its file as the loader showed it (load::list_records): the
    // toolkit's display path of the content folder, then the folder and file inside it.
    std::string shown = tk.display, content = fs::absolute(tk.content_dir).lexically_normal().string();
    if (!shown.ends_with('/')) shown += '/';
    if (!content.ends_with('/')) content += '/';
    return [&inputs, shown = std::move(shown), content = std::move(content)](const model::Record& r) -> std::uint64_t {
        if (!r.pos.file.starts_with(shown)) return 0;
        const std::string path = content + r.pos.file.substr(shown.size());
        const auto it = std::lower_bound(inputs.begin(), inputs.end(), path, [](const InputFile& f, const std::string& p) { return f.path < p; });
        return it != inputs.end() && it->path == path ? it->hash : 0;
    };
}

bool site_intact(const fs::path& dir, const output::Digests& outputs) {
    std::string path;
    for (const auto& [rel, d] : outputs) {
        path.assign(dir.string()).append("/").append(rel);
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || static_cast<std::uint64_t>(st.st_size) != d.size || util::mtime_ns(st) != d.mtime_ns)
            return false;
    }
    return true;
}

std::string binary_identity() {
    std::string id = std::string(SPROUT_VERSION) + "+" + SPROUT_GIT_REV;
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0)
        id += " exe " + std::to_string(st.st_size) + ":" + std::to_string(util::mtime_ns(st));
    else
        id += " exe unknown " + std::to_string(now_ns());  // never matches: no reuse across runs
    return id;
}

}  // namespace sprout::build
