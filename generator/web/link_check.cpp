// Link checking over the staged site: every href and src in every HTML file must reach a file
// in the site, and every #fragment an id in that file. External links (http, https, mailto)
// are not fetched: the build must not depend on the network.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "util/hash_mix.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"
#include "web/web.hpp"

namespace fs = std::filesystem;

namespace sprout::web {

namespace {

constexpr std::size_t kMaxReported = 40;

// Values of attribute `name` (href, src, id) in an HTML text. Templates always quote
// attributes; both quote styles are accepted for toolkits' own templates.
std::vector<std::string_view> attribute_values(std::string_view html, const std::string& name) {
    std::vector<std::string_view> out;
    const std::string needle = name + "=";
    for (std::size_t pos = html.find(needle); pos != std::string::npos; pos = html.find(needle, pos + 1)) {
        // Must be a whole attribute name: preceded by whitespace.
        if (pos == 0 || !std::isspace(static_cast<unsigned char>(html[pos - 1]))) continue;
        const std::size_t q = pos + needle.size();
        if (q >= html.size() || (html[q] != '"' && html[q] != '\'')) continue;
        const std::size_t end = html.find(html[q], q + 1);
        if (end == std::string::npos) break;
        out.push_back(html.substr(q + 1, end - q - 1));
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string s(text);
    if (s.find('&') == std::string::npos) return s;
    static const std::pair<const char*, const char*> entities[] = {
        {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}};
    for (const auto& [from, to] : entities)
        for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, std::string(from).size(), to);
    return s;
}

bool is_external(const std::string& url) {
    for (const char* scheme : {"http://", "https://", "mailto:"})
        if (url.starts_with(scheme)) return true;
    return false;
}

// `dir` (a site folder ending in '/', or "") joined with relative `target`, with "." and ".."
// resolved as fs::path::lexically_normal would, but without building paths: a big site has
// millions of links. A ".." above the root is kept, so the caller sees the link leave the site.
std::string join_normal(std::string_view dir, std::string_view target) {
    std::vector<std::string_view> parts;
    bool trailing_slash = false;
    for (std::string_view whole : {dir, target}) {
        while (!whole.empty()) {
            const auto slash = whole.find('/');
            const std::string_view part = whole.substr(0, slash);
            whole = slash == std::string_view::npos ? std::string_view() : whole.substr(slash + 1);
            // "x/", "x/." and "x/.." name folders.
            trailing_slash = whole.empty() && (slash != std::string_view::npos || part == "." || part == "..");
            if (part.empty() || part == ".") continue;
            if (part == ".." && !parts.empty() && parts.back() != "..")
                parts.pop_back();
            else
                parts.push_back(part);
        }
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    if (trailing_slash && !out.empty()) out += '/';
    return out;
}

// "javascript:", "data:" and other schemes have no place in generated links.
bool has_scheme(const std::string& url) {
    const auto colon = url.find(':');
    return colon != std::string::npos && url.find_first_of("/?#") > colon;
}

// Site paths as 64-bit hashes in one flat, open-addressed table. Each link is looked up once
// or twice (over ten million links at N = 100,000): in a node-based set of 270,000 strings
// every lookup missed the processor's caches two or three times, while this table, 4 MB there,
// mostly stays in them. Two paths with the same hash would let a broken link through: with 64
// bits, about one chance in 10^13 per link.
class PathSet {
public:
    explicit PathSet(std::size_t expected) : slots_(std::bit_ceil(std::max<std::size_t>(16, expected * 2)), 0) {}

    // False when `path` was there already.
    bool insert(std::string_view path) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        return put(key(path));
    }
    bool contains(std::string_view path) const { return slots_[slot_of(key(path))] != 0; }

private:
    static std::uint64_t key(std::string_view path) {
        const std::uint64_t h = util::content_hash(path);
        return h == 0 ? 1 : h;  // 0 marks an empty slot
    }
    // The slot holding `k`, or the empty one where it would go.
    std::size_t slot_of(std::uint64_t k) const {
        std::size_t i = k & (slots_.size() - 1);
        while (slots_[i] != k && slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
        return i;
    }
    bool put(std::uint64_t k) {
        const std::size_t i = slot_of(k);
        if (slots_[i] == k) return false;
        slots_[i] = k;
        ++size_;
        return true;
    }
    void grow() {
        std::vector<std::uint64_t> old(slots_.size() * 2, 0);
        old.swap(slots_);
        size_ = 0;
        for (const std::uint64_t k : old)
            if (k != 0) put(k);
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

// The staged site, walked once. Links are resolved lexically against these sets instead of
// with filesystem calls per link: a site of 10,000 records has over a million links, and
// fs::relative plus two stats each made link checking the slowest step of the build.
struct SiteFiles {
    PathSet files;  // site-relative, '/'-separated
    PathSet dirs;   // the folders they are in
};

class Checker {
public:
    Checker(const SiteFiles& site, const output::Staging& out) : site_(site), out_(out) {}

    // Checks one page (site-relative path); returns its broken links in document order.
    std::vector<std::string> check_file(const std::string& page) {
        std::vector<std::string> broken;
        const auto html = text::read_file(out_.staged_path(page).string());
        if (!html) return broken;
        Page p{page, *html, std::nullopt};
        for (const char* attr : {"href", "src"})
            for (const auto& raw : attribute_values(*html, attr)) check_link(p, unescape(raw), broken);
        return broken;
    }

private:
    // The page being checked. Every page links to its own "#main", so its ids come from the
    // text in hand: reading each page again, and keeping every page's ids in ids_, cost a
    // second read of the whole site and grew faster than the site.
    struct Page {
        const std::string& path;
        std::string_view html;
        std::optional<std::set<std::string>> ids;
    };

    static std::set<std::string> ids_in(std::string_view html) {
        std::set<std::string> ids;
        for (const auto& id : attribute_values(html, "id")) ids.insert(unescape(id));
        return ids;
    }

    bool has_id(Page& p, const std::string& rel, const std::string& fragment) {
        if (rel != p.path) return ids_of(rel).count(fragment) > 0;
        if (!p.ids) p.ids = ids_in(p.html);
        return p.ids->count(fragment) > 0;
    }

    // Ids in another page, read once per page and shared by the threads.
    const std::set<std::string>& ids_of(const std::string& rel) {
        {
            std::lock_guard lock(mu_);
            if (auto it = ids_.find(rel); it != ids_.end()) return it->second;
        }
        std::set<std::string> ids;
        if (auto html = text::read_file(out_.staged_path(rel).string())) ids = ids_in(*html);
        std::lock_guard lock(mu_);
        return ids_.emplace(rel, std::move(ids)).first->second;  // std::map: references stay valid
    }

    void check_link(Page& p, const std::string& link, std::vector<std::string>& broken) {
        const std::string& page = p.path;
        auto report = [&](const std::string& l, const std::string& why) { broken.push_back(page + ": " + l + ": " + why); };
        if (link.empty()) return report("(empty)", "empty link");
        if (is_external(link)) return;
        if (has_scheme(link)) return report(link, "links may only use http, https or mailto, or be relative");
        std::string target = link, fragment;
        if (auto hash = target.find('#'); hash != std::string::npos) {
            fragment = target.substr(hash + 1);
            target.resize(hash);
        }
        if (auto q = target.find('?'); q != std::string::npos) target.resize(q);
        if (target.starts_with('/')) return report(link, "root-relative links break when the site is opened from disk");
        std::string rel = page;
        bool as_folder = false;  // "x/": only a folder can match
        if (!target.empty()) {
            const auto slash = page.rfind('/');
            rel = join_normal(std::string_view(page).substr(0, slash == std::string::npos ? 0 : slash + 1), target);
            while (rel.ends_with('/')) {
                rel.pop_back();
                as_folder = true;
            }
            if (rel == ".") rel.clear();
        }
        if (rel.starts_with("..")) return report(link, "points outside the site");
        if (rel.empty() || site_.dirs.contains(rel))
            return report(link, "points to a folder; link to its index.html so it works from disk");
        if (as_folder || !site_.files.contains(rel)) return report(link, "no such file " + rel);
        if (!fragment.empty() && rel.ends_with(".html") && !has_id(p, rel, fragment))
            return report(link, "no element with id \"" + fragment + "\" in " + rel);
    }

    const SiteFiles& site_;
    const output::Staging& out_;
    std::mutex mu_;
    std::map<std::string, std::set<std::string>> ids_;
};

}  // namespace

void check_links(const output::Staging& out, const std::unordered_set<std::string>& skip) {
    // Every file of the new site is one the staging recorded (some, kept in place, are not in
    // its folder): listed from that record rather than the folder.
    const output::Digests files = out.digests();
    SiteFiles site{PathSet(files.size()), PathSet(files.size() / 16)};
    std::vector<std::string> pages;
    for (const auto& [rel, digest] : files) {
        site.files.insert(rel);
        const std::string_view path = rel;
        for (auto slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1))
            if (!site.dirs.insert(path.substr(0, slash))) break;  // and so are the folders above it
        if (rel.ends_with(".html") && !skip.count(rel)) pages.push_back(rel);
    }
    // In path order ('/' before any other character), so reports come in the same order as ever.
    std::sort(pages.begin(), pages.end(), [](const std::string& a, const std::string& b) {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            const auto key = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c); };
            return key(x) < key(y);
        });
    });
    Checker checker(site, out);
    std::vector<std::vector<std::string>> per_page(pages.size());
    util::parallel_for(pages.size(), [&](std::size_t i) { per_page[i] = checker.check_file(pages[i]); });
    std::vector<std::string> broken;
    for (auto& b : per_page) broken.insert(broken.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
    if (broken.empty()) return;
    std::string msg = std::to_string(broken.size()) + " broken internal link(s):";
    for (std::size_t i = 0; i < broken.size() && i < kMaxReported; ++i) msg += "\n  " + broken[i];
    if (broken.size() > kMaxReported) msg += "\n  … and " + std::to_string(broken.size() - kMaxReported) + " more";
    throw std::runtime_error(msg);
}

}  // namespace sprout::web
