#include "web/glossary_links.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "markdown/markdown.hpp"
#include "util/text.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

constexpr std::size_t kMinFormLength = 3;  // shorter forms match too much ordinary text
constexpr std::size_t kMaxTooltip = 240;

// Elements whose text is never linked: links cannot nest, and headings, code and controls
// should read exactly as written.
const std::set<std::string, std::less<>> kSkip = {"a",  "h1",     "h2",    "h3",    "h4",     "h5",     "h6",
                                                   "code", "pre", "abbr",  "dfn",   "button", "th",     "svg",
                                                   "script", "style", "label", "option", "select", "textarea",
                                                   "summary", "nav", "figcaption", "caption"};

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80); }

// Whole words only; '&' and ';' bound character references such as "&amp;".
bool whole_word_at(std::string_view text, std::size_t pos, std::size_t len) {
    if (pos > 0 && (word_char(text[pos - 1]) || text[pos - 1] == '&' || text[pos - 1] == '#')) return false;
    const std::size_t end = pos + len;
    if (end < text.size() && (word_char(text[end]) || text[end] == ';')) return false;
    return true;
}

// The name of the tag from `lt` to `gt` ('<' and '>'), in lower case.
std::string tag_name(std::string_view html, std::size_t lt, std::size_t gt, bool& closing, bool& self_closing) {
    std::size_t i = lt + 1;
    closing = i < gt && html[i] == '/';
    if (closing) ++i;
    std::string name;
    while (i < gt && (std::isalnum(static_cast<unsigned char>(html[i])))) name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
    self_closing = html[gt - 1] == '/';
    return name;
}

std::vector<std::string> texts_of(const auto& forms) {
    std::vector<std::string> out;
    for (const auto& f : forms) out.push_back(f.text);
    return out;
}

}  // namespace

GlossaryLinker::GlossaryLinker(const model::Model& m) : search_({}) {
    for (const auto& t : m.terms) {
        const std::size_t idx = terms_.size();
        std::string def = markdown::to_plain_text(t.definition);
        std::replace(def.begin(), def.end(), '\n', ' ');
        if (def.size() > kMaxTooltip) {
            def.resize(kMaxTooltip);
            // Do not cut a UTF-8 sequence in half.
            while (!def.empty() && (static_cast<unsigned char>(def.back()) & 0xC0) == 0x80) def.pop_back();
            if (!def.empty() && static_cast<unsigned char>(def.back()) >= 0xC0) def.pop_back();
            def += "…";
        }
        terms_.push_back({t.id, t.term, def});
        // The markup apply() adds around a use, the page's root apart.
        link_room_ += 128 + t.id.size() + markdown::escape_html(def).size() + markdown::escape_html(t.term).size();
        auto add = [&](const std::string& text, bool abbreviation) {
            if (text.size() >= kMinFormLength) forms_.push_back({text, abbreviation, abbreviation, idx});
        };
        add(t.term, false);
        add(t.abbreviation, true);
        for (const auto& a : t.aliases) add(a, false);
    }
    std::stable_sort(forms_.begin(), forms_.end(), [](const Form& a, const Form& b) { return a.text.size() > b.text.size(); });
    search_ = util::MultiSearch(texts_of(forms_));
}

std::string GlossaryLinker::apply(const std::string& html, const std::string& root, const std::string& page_path) const {
    std::string out;
    // Room for the page and every term's link (each is linked once at most): grown by
    // doubling, the copy of a list page of several megabytes took up to twice its size.
    out.reserve(html.size() + link_room_ + terms_.size() * root.size());
    Pass pass(*this, root, page_path);
    pass.feed(html, out);
    pass.finish(out);
    return out;
}

GlossaryLinker::Pass::Pass(const GlossaryLinker& linker, const std::string& root, const std::string& page_path)
    : g_(linker),
      root_(root),
      where_(linker.forms_.empty() || page_path.starts_with("glossary/") ? Where::after_main : Where::before_main),
      used_(linker.terms_.size(), false) {}

void GlossaryLinker::Pass::feed(std::string_view html, std::string& out) {
    if (where_ == Where::after_main) {
        out += pending_;
        pending_.clear();
        out += html;
        return;
    }
    // Up to the last tag's start, every tag and text is whole; from there on, it may go on in
    // the next piece. Only that tail is copied aside.
    const bool from_pending = !pending_.empty();
    if (from_pending) pending_ += html;
    const std::string_view text = from_pending ? std::string_view(pending_) : html;
    const std::size_t last_tag = text.rfind('<');
    const std::size_t used = last_tag == std::string_view::npos ? 0 : link(text.substr(0, last_tag), out, false);
    if (from_pending)
        pending_.erase(0, used);
    else
        pending_.assign(text.substr(used));
}

void GlossaryLinker::Pass::finish(std::string& out) {
    link(pending_, out, true);
    pending_.clear();
}

std::size_t GlossaryLinker::Pass::link(std::string_view html, std::string& out, bool last) {
    std::size_t i = 0;
    while (i < html.size()) {
        if (where_ == Where::before_main) {
            const std::size_t main = html.find("<main", i);
            out.append(html.substr(i, main == std::string_view::npos ? std::string_view::npos : main - i));
            if (main == std::string_view::npos) return html.size();
            i = main;
            where_ = Where::in_main;
        }
        if (where_ == Where::after_main || html.compare(i, 7, "</main>") == 0) {
            where_ = Where::after_main;
            out.append(html.substr(i));
            return html.size();
        }
        if (html[i] == '<') {
            const std::size_t gt = html.find('>', i);
            if (gt == std::string_view::npos) {
                if (!last) return i;  // the tag goes on in the next piece
                out.append(html.substr(i));
                return html.size();
            }
            bool closing = false, self_closing = false;
            const std::string name = tag_name(html, i, gt, closing, self_closing);
            if (kSkip.count(name) && !self_closing) skip_depth_ += closing ? -1 : 1;
            skip_depth_ = std::max(skip_depth_, 0);
            // Templates mark whole elements (source lines, for instance) with data-nogloss.
            if (!nogloss_tag_.empty() && name == nogloss_tag_ && !self_closing) {
                nogloss_depth_ += closing ? -1 : 1;
                if (nogloss_depth_ == 0) nogloss_tag_.clear();
            } else if (nogloss_tag_.empty() && !closing && !self_closing &&
                       html.substr(i, gt - i).find(" data-nogloss") != std::string_view::npos) {
                nogloss_tag_ = name;
                nogloss_depth_ = 1;
            }
            out.append(html.substr(i, gt + 1 - i));
            i = gt + 1;
            continue;
        }
        // A text runs to the next tag; in a piece not the last, html ends where a tag starts.
        const std::size_t next_tag = std::min(html.find('<', i), html.size());
        const std::string_view text = html.substr(i, next_tag - i);
        i = next_tag;
        if (skip_depth_ > 0 || !nogloss_tag_.empty())
            out += text;
        else
            link_text(text, out);
    }
    return i;
}

void GlossaryLinker::Pass::link_text(std::string_view text, std::string& out) {
    // Link the earliest first use in this run of text, then carry on after it; longer forms
    // come first and win ties. All forms are found in one pass over the text (a search per
    // form was a tenth of a big build, and a byte-by-byte scan per form once a quarter:
    // docs/PERFORMANCE.md). Matches come ordered by position, then form, so the first
    // usable one is the earliest and, among equals, the longest.
    const auto matches = g_.search_.find_all(text);
    std::size_t pos = 0;
    for (auto m = matches.begin(); m != matches.end(); ++m) {
        const Form& form = g_.forms_[m->pattern];
        const std::size_t best = m->start;
        if (best < pos || used_[form.term]) continue;
        if (form.case_sensitive && text.compare(best, form.text.size(), form.text) != 0) continue;
        if (!whole_word_at(text, best, form.text.size())) continue;
        const auto& t = g_.terms_[form.term];
        used_[form.term] = true;
        // A term inside the one just linked ("infant" in "infant mental health") is
        // defined by that link's page too; linking it again nearby is only noise.
        for (const auto& other : g_.forms_)
            if (!used_[other.term] && other.text.size() < form.text.size() &&
                text::to_lower(form.text).find(text::to_lower(other.text)) != std::string::npos)
                used_[other.term] = true;
        out.append(text, pos, best - pos);
        const std::string_view matched = text.substr(best, form.text.size());
        out += "<a class=\"term\" href=\"" + markdown::escape_html(root_ + urls::record("glossary", t.id)) + "\" title=\"" +
               markdown::escape_html(t.definition) + "\">";
        if (form.abbreviation) {
            out += "<abbr title=\"" + markdown::escape_html(t.name) + "\">";
            out += matched;
            out += "</abbr>";
        } else {
            out += matched;
        }
        out += "</a>";
        pos = best + form.text.size();
    }
    if (pos < text.size()) out.append(text, pos, std::string::npos);
}

}  // namespace sprout::web
