#include "build/build.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <ostream>
#include <sstream>
#include <unordered_set>

#include "assets/assets.hpp"
#include "brief/briefs.hpp"
#include "build/cache.hpp"
#include "build/incremental.hpp"
#include "check/checker.hpp"
#include "diff/previous.hpp"
#include "output/staging.hpp"
#include "web/own_page_fields.hpp"
#include "web/web.hpp"
#include "util/allocator.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;

namespace sprout::build {

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

output::Commit commit_mode(const Options& o) { return o.update_in_place ? output::Commit::InPlace : output::Commit::Swap; }

std::string cache_key(const Options& o) { return binary_identity() + (o.strict ? " strict" : "") + (o.since.empty() ? "" : " since"); }

// A build that compares with a previous edition reads more than its inputs (a git revision that
// may move, a folder outside the toolkit), so it is never taken as a no-op: this mark in the
// cache key makes the next build run in full (unchanged files are still linked, not rewritten).
constexpr const char* kComparedMark = " +previous-edition";
// Likewise a build that left files for later (Options::site_first), in the cache file until
// they are written: killed before then, the next build must not keep them as they are.
constexpr const char* kPendingMark = " +files-to-follow";

// A no-op: same binary and options, every input byte-identical, and the site still as written.
bool up_to_date(const Manifest& previous, const Manifest& next, const Options& o) {
    return previous.key == next.key && previous.inputs.size() == next.inputs.size() &&
           std::equal(previous.inputs.begin(), previous.inputs.end(), next.inputs.begin(),
                      [](const InputFile& a, const InputFile& b) { return a.path == b.path && a.hash == b.hash; }) &&
           site_intact(o.out_dir, previous.outputs);
}

bool same_paths(const std::vector<InputFile>& a, const std::vector<InputFile>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const InputFile& x, const InputFile& y) { return x.path == y.path; });
}

// Each record file's hash from the check's reading of it, by path (absolute and normal, as
// scan_inputs lists files).
std::unordered_map<std::string, std::uint64_t> hashes_read(const std::vector<load::RawRecord>& records) {
    std::unordered_map<std::string, std::uint64_t> out;
    out.reserve(records.size());
    for (const auto& r : records)
        if (r.bytes_hash) out.emplace(r.file, *r.bytes_hash);
    return out;
}

}  // namespace

std::string default_out_dir(const load::Toolkit& tk) { return (fs::path(tk.root) / "site").string(); }

std::vector<fs::path> input_roots(const load::Toolkit& tk) {
    return {tk.content_dir, fs::path(tk.root) / "templates", fs::path(tk.root) / "themes"};
}

// Every input's hash by absolute path, for the check's memo; inputs not hashed yet are left out.
std::unordered_map<std::string, std::uint64_t> scanned_hashes(const std::vector<InputFile>& inputs,
                                                              const std::vector<std::size_t>& unhashed) {
    std::vector<char> pending(inputs.size(), 0);
    for (auto i : unhashed) pending[i] = 1;
    std::unordered_map<std::string, std::uint64_t> out;
    out.reserve(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (!pending[i]) out.emplace(inputs[i].path, inputs[i].hash);
    return out;
}

check::Result check_as_built(const load::Toolkit& tk, const check::Options& o, const std::string& out_dir) {
    const auto previous = load_manifest(cache_path(out_dir));
    check::Memo memo;
    if (!previous || !memo.load(check_memo_path(out_dir), check_memo_key(tk))) return check::run(tk, o);
    std::int64_t scanned_at_ns = 0;
    memo.expect(scanned_hashes(scan_inputs(input_roots(tk), &*previous, scanned_at_ns), {}));
    return check::run(tk, o, &memo);
}

// The hashes of the inputs among `told`.
std::unordered_map<std::string, std::uint64_t> told_hashes(const std::vector<InputFile>& inputs, const std::set<std::string>& told) {
    std::unordered_map<std::string, std::uint64_t> out;
    for (const auto& path : told) {
        const auto it = std::lower_bound(inputs.begin(), inputs.end(), path, [](const InputFile& f, const std::string& p) { return f.path < p; });
        if (it != inputs.end() && it->path == path) out.emplace(path, it->hash);
    }
    return out;
}

Session::~Session() { wait_for_cache(); }

void Session::inputs_changed(const std::vector<std::string>& files) {
    if (changed_inputs) changed_inputs->insert(files.begin(), files.end());
}

void Session::wait_for_cache() {
    if (saving.joinable()) saving.join();
    if (stored && manifest) adopt_stored_text(*manifest, std::move(*stored));
    stored.reset();
}

// The last build's cache: the session's own copy while the file is still the one it wrote.
// `own`, when given, says which it was.
std::optional<Manifest> last_manifest(const fs::path& cache, Session* session, bool* own = nullptr) {
    if (own) *own = false;
    if (session && session->manifest) {
        auto kept = std::move(session->manifest);
        session->manifest.reset();
        if (session->written && stamp_of(cache) == session->written) {
            if (own) *own = true;
            return kept;
        }
    }
    // Stamped before reading: should the file change in between, the next build reads it again.
    if (session) session->written = stamp_of(cache);
    return load_manifest(cache);
}

// What write_pending wrote, for its log line.
std::string followed(const Session::Pending& p, const brief::Summary& briefs) {
    std::vector<std::string> parts;
    if (p.keep != brief::Keep::All)
        parts.push_back(std::to_string(briefs.count) + " briefs (PDF and HTML; " + std::to_string(briefs.kept) + " unchanged)");
    if (!p.later.exports.empty())
        parts.push_back("the data exports of " + text::join(std::vector<std::string>(p.later.exports.begin(), p.later.exports.end()), ", "));
    if (p.later.search) parts.push_back("the search index, sitemap and feed");
    return text::join(parts, ", ");
}

// Writes the session's manifest to the cache file on a thread, so that the preview reloads
// without waiting for it (0.12 s at N = 10,000). Every build through the session waits for it.
void save_in_background(Session& session, const fs::path& cache, const char* key_mark) {
    session.saving = std::thread([&session, cache, key_mark] {
        save_manifest(cache, *session.manifest, key_mark, &session.stored.emplace());
        session.written = stamp_of(cache);
    });
}

// Saves a single build's check memo (check::Memo::save) on a thread, and waits for it when it
// goes out of scope. The memo is saved whether or not the build succeeds: what it holds is by
// each file's bytes, whatever the build made of them. Nothing to do under a session (no memo).
class MemoSaver {
public:
    MemoSaver(std::unique_ptr<check::Memo> memo, const std::string& file, const std::string& key) {
        if (!memo) return;
        saving_ = std::jthread([m = std::move(memo), file, key]() mutable {
            try {
                m->save(file, key);
            } catch (const std::exception&) {
                // Out of memory: the next build reads every file again.
            }
            util::free_or_leave_to_exit(m);
        });
    }

private:
    std::jthread saving_;
};

// Whether a build renders every page again (no plan), the pages of an edited template (as
// many as the site has, for the layout), or more than a tenth of the pages for records: enough
// fresh memory that huge pages pay (util::allow_huge_pages).
bool renders_much(const std::optional<web::Reuse>& reuse) {
    return !reuse || reuse->template_changed || reuse->dirty.size() * 10 > reuse->previous_pages().size();
}

// How the files a build did not write again got into its site, for its log line.
std::string reuse_note(const output::Staging& out, const Options& o) {
    const std::string unchanged = std::to_string(out.reused()) + " unchanged";
    if (o.update_in_place) return unchanged + ", left in place";
    if (!out.recycled()) return unchanged + ", linked from the previous site";
    return unchanged + ": " + std::to_string(out.already_in_place()) + " already in place from the last build, " +
           std::to_string(out.reused() - out.already_in_place()) + " linked from the previous site";
}

// When a build leaves the cache file as it was, the session keeps the cache it read from it.
void keep_for_next_build(Session* session, std::optional<Manifest>&& previous) {
    if (session && previous) session->manifest = std::move(previous);
}

int run(const load::Toolkit& tk, const Options& o, std::ostream& log, Session* session) {
    const auto t0 = std::chrono::steady_clock::now();
    if (session) session->wait_for_cache();
    const fs::path cache = cache_path(o.out_dir);
    std::optional<Manifest> previous;
    bool own_cache = false;
    if (o.incremental) previous = last_manifest(cache, session, &own_cache);
    // A single build with a cache mostly reads what the last one left, touching each page of
    // memory once: faster in small pages (util::allow_huge_pages), until the plan shows much to
    // render. A session's memory stays in use between its builds.
    const bool small_pages = previous && !session;
    if (small_pages) util::allow_huge_pages(false);
    // A session's check memo is in memory; a single build reads the last build's from its file,
    // when there is a last build whose cache can give the scan the hashes of unchanged files.
    // On a thread, from now: it took 0.1 s at N = 10,000, as long as the scan of the inputs
    // beside it, and is stopped when the scan finds nothing changed.
    // A build without a cache (a clean build, a deployment's from a fresh clone) neither uses
    // nor saves one: checking through a memo and saving it cost a full build at N = 100,000
    // about 5 s (4 %) for a file nothing may read again. The next build, with a cache, makes it.
    const std::string memo_file = check_memo_path(o.out_dir), memo_key = check_memo_key(tk);
    std::unique_ptr<check::Memo> memo_from_file;
    std::atomic<bool> memo_unwanted = false;
    std::future<void> memo_loaded;
    if (!session && previous) {
        memo_from_file = std::make_unique<check::Memo>();
        memo_loaded = std::async(std::launch::async, [m = memo_from_file.get(), &memo_file, &memo_key, &memo_unwanted] {
            m->load(memo_file, memo_key, &memo_unwanted);
        });
    }
    Manifest next;
    next.key = cache_key(o);
    // Without a cache whose hashes the scan can take (scan_inputs), nothing can be a no-op and
    // checking reads every content file: their hashes come from that read instead of a first
    // one here (0.8 s of a full build at N = 10,000 went to reading the inputs twice).
    std::vector<std::size_t> unhashed;
    // What changed since the session's own cache was made, when its watcher said.
    const std::set<std::string>* told = own_cache && session->changed_inputs ? &*session->changed_inputs : nullptr;
    next.inputs = told ? rescan_inputs(*previous, *told, next.scanned_at_ns)
                       : scan_inputs(input_roots(tk), previous ? &*previous : nullptr, next.scanned_at_ns, &unhashed);
    if (previous && up_to_date(*previous, next, o)) {
        memo_unwanted = true;
        log << previous->log;
        if (!o.quiet) log << o.out_dir << " is up to date (nothing changed) [" << static_cast<int>(ms_since(t0)) << " ms]\n";
        keep_for_next_build(session, std::move(previous));
        return 0;
    }

    // Files a build left for later and that were never written are stale: this build does not
    // keep them as they are. The marker stays until a build has written them; its model goes
    // now, as the memo patches its model in place only when nothing else holds it.
    const bool pending_before = session && session->pending;
    const auto pending_keep = pending_before ? session->pending->keep : brief::Keep::All;
    const auto stale = pending_before ? session->pending->later : web::Deferred{};
    if (pending_before) session->pending->model.reset();
    // Not a no-op. The same files as the build before (only edits): the check's last listing of
    // the content still holds. Only the build before, whose check the memo holds: after a
    // failed one the files may be as the cache says but not as the memo saw them.
    const bool same_files = told && session->checked_manifest_inputs && same_paths(previous->inputs, next.inputs);
    // An edit rebuild allocates and frees the same memory phase after phase (the cache, the
    // memo, the pages kept): returned to the system after the executable's 200 ms, it was
    // faulted in and zeroed again, a fifth of a one-record edit's samples at N = 10,000. Kept,
    // the edit took 1.1-1.3 s instead of 1.7 s, peaking 10-15 MB higher, and an edit that
    // renders every page 20-30 MB higher (docs/PERFORMANCE.md). Not in a build without a
    // cache, whose peak keeping freed memory raised by half; nor under `sprout serve`, whose
    // memory stays in use between builds anyway, and where giving back what was kept at the
    // end of each build made the reload slower (A/B medians 484 -> 573 ms).
    std::optional<util::KeepFreedMemory> keep_freed;
    if (previous && !session) keep_freed.emplace(std::chrono::seconds(5));
    // The rest of the cache, to find what the change touched (a session's is whole).
    if (previous && previous->unread && !read_pages(*previous)) previous.reset();
    if (memo_loaded.valid()) memo_loaded.get();
    const check::Options copts{o.strict};
    check::Memo* memo = session ? &session->checked : memo_from_file.get();
    if (memo && same_files) memo->expect_only(told_hashes(next.inputs, *told));
    else if (memo) memo->expect(scanned_hashes(next.inputs, unhashed));
    if (session) session->checked_manifest_inputs = false;  // until this build succeeds
    auto checked = check::run(tk, copts, memo);
    const std::size_t reused = memo ? memo->reused() : 0;  // the memo from the file is gone once saved
    // Saved now, on a thread beside rendering (an edit's waits mostly on the kernel's links),
    // so that what the memo holds besides the model (each file's facts: some 600 MB at
    // N = 100,000) is freed before the build's peak: held to the end of the build, it raised a
    // full one's peak at N = 100,000 by a third.
    MemoSaver memo_saver(std::move(memo_from_file), memo_file, memo_key);
    std::ostringstream diagnostics;  // kept in the cache, so a no-op rebuild prints them again
    for (const auto& d : checked.diags.all()) diagnostics << format_text(d) << "\n";
    log << diagnostics.str();
    if (!checked.ok(copts)) {
        log << "build failed: " << checked.diags.error_count() << " error(s)"
            << (o.strict ? " and " + std::to_string(checked.diags.warning_count()) + " warning(s)" : std::string())
            << "; " << o.out_dir << " was not changed\n";
        keep_for_next_build(session, std::move(previous));
        return 1;
    }
    if (!o.quiet) {
        log << "checked " << checked.records.size() << " records in " << static_cast<int>(ms_since(t0)) << " ms";
        if (reused) log << " (" << reused << " unchanged since the last build, not read again)";
        log << "\n";
    }
    if (!unhashed.empty()) complete_hashes(next.inputs, unhashed, hashes_read(checked.records));
    // Making the model freed the parsed TOML; the records' ids and paths go too before rendering.
    std::vector<load::RawRecord>().swap(checked.records);
    try {
        output::Staging out(o.out_dir, commit_mode(o), spare_path(o.out_dir));
        const assets::Assets assets(tk.root);
        auto step = std::chrono::steady_clock::now();
        // Before anything is written, so a previous edition that cannot be loaded fails the build.
        const auto edition = diff::changes_since_previous(tk, *checked.model, o.since);
        if (edition) {
            next.key += kComparedMark;
            if (!o.quiet)
                log << "compared with the previous edition (" << edition->label << "): " << edition->changes.records.size()
                    << " record(s) changed in " << static_cast<int>(ms_since(step)) << " ms\n";
            step = std::chrono::steady_clock::now();
        }
        const diff::Changes* changes = edition ? &edition->changes : nullptr;
        // Pages may show what changed since the previous edition, which no record's own
        // change predicts: with a previous edition every page is rendered.
        auto reuse = previous && !edition ? plan_reuse(*previous, next, checked.references, *checked.model, tk) : std::nullopt;
        if (!reuse) next.shown_elsewhere = web::shown_elsewhere_hashes(*checked.model);
        if (small_pages && renders_much(reuse)) util::allow_huge_pages(true);
        const bool site_first = o.site_first && session && !edition;
        if (reuse) {
            reuse->later = site_first;
            reuse->stale = stale;
            reuse->previous_exports = std::move(previous->exports);
        }
        // Nothing but the cache reads the references after planning: kept in its file's form,
        // or as they are for a session's next build.
        if (session) next.references = std::move(checked.references);
        else next.encoded_references = encode_references(checked.references);
        check::References().swap(checked.references);
        const bool had_previous = previous.has_value();
        if (previous) {
            out.reuse_from(std::move(previous->outputs));
            next.text = std::move(previous->text);  // the kept pages' search text is there
            next.text_id = previous->text_id;
        }
        previous.reset();  // the old pages' metadata is tens of megabytes at N = 10,000
        auto site = web::render_site(*checked.model, assets, out, changes, reuse ? &*reuse : nullptr,
                                     record_input_hashes(tk, next.inputs));
        if (!o.quiet) {
            log << "rendered the website in " << static_cast<int>(ms_since(step)) << " ms";
            if (reuse) log << " (" << site.pages.size() - site.kept.size() << " of " << site.pages.size() << " pages; the rest unchanged)";
            log << "\n";
        }
        auto keep_briefs = !reuse ? brief::Keep::Nothing : reuse->own_pages_only ? brief::Keep::All : brief::Keep::Unchanged;
        // Briefs still pending from the build before are stale: never all kept as they are.
        if (pending_before) keep_briefs = std::min({keep_briefs, pending_keep, brief::Keep::Unchanged});
        const bool later = site_first && had_previous && keep_briefs != brief::Keep::All;
        // Later: every brief that still has its files is kept as it is for now (a new one is written).
        const auto briefs = brief::write_all_briefs(*checked.model, assets, out, &log, changes, later ? brief::Keep::All : keep_briefs);
        std::optional<Session::Pending> pending;  // what this build leaves for later, once it is in place
        if (later || !site.later.empty())
            pending = Session::Pending{checked.model, later ? keep_briefs : brief::Keep::All, std::move(site.later)};
        if (!o.quiet) {
            log << "wrote " << briefs.count << " briefs (PDF and HTML) in " << static_cast<int>(briefs.ms) << " ms";
            if (reuse || later) log << " (" << briefs.kept << " unchanged" << (later ? " for now: the rest follow" : "") << ")";
            log << "\n";
        }
        next.pages = std::move(site.pages);
        next.exports = std::move(site.exports);
        checked.model.reset();  // nothing after the briefs reads it: 80 MB at N = 10,000
        step = std::chrono::steady_clock::now();
        web::check_links(out, site.kept);  // after everything that writes pages (briefs too), so links to them count
        if (!o.quiet) log << "checked links in " << static_cast<int>(ms_since(step)) << " ms\n";
        // The old cache describes the old site: drop it before the swap, so that a build killed
        // between the swap and the new cache leaves no cache rather than a wrong one.
        std::error_code ec;
        fs::remove(cache, ec);
        out.commit();
        next.outputs = out.take_digests();
        next.log = diagnostics.str();
        if (!o.quiet)
            log << "wrote " << next.outputs.size() << " files (" << reuse_note(out, o) << ")\n";
        if (session) {
            session->manifest = std::move(next);
            session->checked_manifest_inputs = true;
            if (session->watched) session->changed_inputs.emplace();  // nothing since this build, until told
            session->pending = std::move(pending);
            save_in_background(*session, cache, session->pending ? kPendingMark : "");
        } else {
            save_manifest(cache, next);
            util::free_or_leave_to_exit(next);
        }
        util::free_or_leave_to_exit(reuse);
        util::free_or_leave_to_exit(site);
    } catch (const std::exception& e) {
        log << "build failed: " << e.what() << "; " << o.out_dir << " was not changed\n";
        return 1;
    }
    if (!o.quiet) log << "built " << o.out_dir << " in " << static_cast<int>(ms_since(t0)) << " ms\n";
    return 0;
}

int write_pending(const load::Toolkit& tk, const Options& o, std::ostream& log, Session& session) {
    if (!session.pending || !session.pending->model) return 0;
    const auto t0 = std::chrono::steady_clock::now();
    // Without the session's own whole record of the last build (one read back from the cache
    // file has no pages until read_pages), the next build writes what is pending.
    if (!session.manifest || session.manifest->unread) {
        log << "the rest of the site is left for the next build: this session's record of the last one is gone\n";
        return 1;
    }
    // The last build's record, which the session may still be writing to the cache file on a
    // thread (0.15 s at N = 10,000): only read until that is done.
    const Manifest& last = *session.manifest;
    const fs::path cache = cache_path(o.out_dir);
    const auto pending = *session.pending;
    session.pending->model.reset();  // should this fail, the next build writes them
    try {
        output::Staging out(o.out_dir, commit_mode(o), spare_path(o.out_dir));
        const assets::Assets assets(tk.root);
        std::unordered_set<std::string> kept;
        for (const auto& [file, digest] : last.outputs)
            if (!file.starts_with("briefs/") && !pending.later.covers(file)) kept.insert(file);
        out.reuse_from(last.outputs);
        // Every other file as it is. Not looked at again: the build that just ran found each of
        // them still as written (or wrote it), and every later build looks at a file's size and
        // mtime before it trusts the record (a second look at 27,000 files was a fifth of this
        // at N = 10,000).
        for (const auto& file : kept) out.link_kept(file);
        auto exports = last.exports;
        web::write_deferred(*pending.model, last.pages, pending.later, out, record_input_hashes(tk, last.inputs), exports);
        const auto briefs = brief::write_all_briefs(*pending.model, assets, out, &log, nullptr, pending.keep);
        web::check_links(out, kept);
        // The site is not as the build before left it when its cache file is not the one the
        // session wrote (another build wrote both): the next build writes what is pending.
        session.wait_for_cache();
        if (!session.written || stamp_of(cache) != session.written) {
            log << "another build changed " << o.out_dir << " meanwhile: the rest of the site is left for the next build\n";
            return 1;
        }
        std::error_code ec;
        fs::remove(cache, ec);
        out.commit();
        session.manifest->outputs = out.take_digests();
        session.manifest->exports = std::move(exports);
        if (!o.quiet) log << "then wrote " << followed(pending, briefs) << " in " << static_cast<int>(ms_since(t0)) << " ms\n";
    } catch (const std::exception& e) {
        // The marker stays: the next build writes them.
        log << "could not write the rest of the site: " << e.what() << "; the previous files are still in " << o.out_dir << "\n";
        return 1;
    }
    session.pending.reset();
    save_in_background(session, cache, "");
    return 0;
}

}  // namespace sprout::build
