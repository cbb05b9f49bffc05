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

std::string tag_name(const std::string& html, std::size_t lt, bool& closing, bool& self_closing) {
    std::size_t i = lt + 1;
    closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    std::string name;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])))) name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
    const std::size_t gt = html.find('>', lt);
    self_closing = gt != std::string::npos && gt > 0 && html[gt - 1] == '/';
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

bool GlossaryLinker::applies(const std::string& html, const std::string& page_path, std::size_t& main_open,
                             std::size_t& main_close) const {
    if (forms_.empty() || page_path.starts_with("glossary/")) return false;
    main_open = html.find("<main");
    main_close = html.rfind("</main>");
    return main_open != std::string::npos && main_close != std::string::npos && main_close >= main_open;
}

std::string GlossaryLinker::apply(const std::string& html, const std::string& root, const std::string& page_path) const {
    std::size_t main_open = 0, main_close = 0;
    if (!applies(html, page_path, main_open, main_close)) return html;
    std::string out;
    // Room for the page and every term's link (each is linked once at most): grown by
    // doubling, the copy of a list page of several megabytes took up to twice its size.
    out.reserve(html.size() + link_room_ + terms_.size() * root.size());
    link_terms(html, root, main_open, main_close, out, [](std::string&) {});
    return out;
}

void GlossaryLinker::apply_to(const std::string& html, const std::string& root, const std::string& page_path,
                              const std::function<void(std::string_view)>& emit) const {
    std::size_t main_open = 0, main_close = 0;
    if (!applies(html, page_path, main_open, main_close)) {
        emit(html);
        return;
    }
    constexpr std::size_t kPiece = 1 << 20;
    std::string out;
    out.reserve(kPiece + 64 * 1024);
    link_terms(html, root, main_open, main_close, out, [&](std::string& so_far) {
        if (so_far.size() < kPiece) return;
        emit(so_far);
        so_far.clear();
    });
    emit(out);
}

template <class Flush>
void GlossaryLinker::link_terms(const std::string& html, const std::string& root, std::size_t main_open,
                                std::size_t main_close, std::string& out, Flush&& flush) const {
    std::vector<bool> used(terms_.size(), false);
    out.append(html, 0, main_open);
    int skip_depth = 0;
    std::string nogloss_tag;
    int nogloss_depth = 0;
    std::size_t i = main_open;
    while (i < main_close) {
        flush(out);
        if (html[i] == '<') {
            const std::size_t gt = html.find('>', i);
            if (gt == std::string::npos || gt > main_close) break;
            bool closing = false, self_closing = false;
            const std::string name = tag_name(html, i, closing, self_closing);
            if (kSkip.count(name) && !self_closing) skip_depth += closing ? -1 : 1;
            skip_depth = std::max(skip_depth, 0);
            // Templates mark whole elements (source lines, for instance) with data-nogloss.
            if (!nogloss_tag.empty() && name == nogloss_tag && !self_closing) {
                nogloss_depth += closing ? -1 : 1;
                if (nogloss_depth == 0) nogloss_tag.clear();
            } else if (nogloss_tag.empty() && !closing && !self_closing &&
                       std::string_view(html).substr(i, gt - i).find(" data-nogloss") != std::string_view::npos) {
                nogloss_tag = name;
                nogloss_depth = 1;
            }
            out.append(html, i, gt + 1 - i);
            i = gt + 1;
            continue;
        }
        const std::size_t next_tag = std::min(html.find('<', i), main_close);
        const std::string_view text = std::string_view(html).substr(i, next_tag - i);
        i = next_tag;
        if (skip_depth > 0 || !nogloss_tag.empty()) {
            out += text;
            continue;
        }
        // Link the earliest first use in this run of text, then carry on after it; longer forms
        // come first and win ties. All forms are found in one pass over the text (a search per
        // form was a tenth of a big build, and a byte-by-byte scan per form once a quarter:
        // docs/PERFORMANCE.md). Matches come ordered by position, then form, so the first
        // usable one is the earliest and, among equals, the longest.
        const auto matches = search_.find_all(text);
        std::size_t pos = 0;
        for (auto m = matches.begin(); m != matches.end(); ++m) {
            const Form& form = forms_[m->pattern];
            const std::size_t best = m->start;
            if (best < pos || used[form.term]) continue;
            if (form.case_sensitive && text.compare(best, form.text.size(), form.text) != 0) continue;
            if (!whole_word_at(text, best, form.text.size())) continue;
            const auto& t = terms_[form.term];
            used[form.term] = true;
            // A term inside the one just linked ("infant" in "infant mental health") is
            // defined by that link's page too; linking it again nearby is only noise.
            for (const auto& other : forms_)
                if (!used[other.term] && other.text.size() < form.text.size() &&
                    text::to_lower(form.text).find(text::to_lower(other.text)) != std::string::npos)
                    used[other.term] = true;
            out.append(text, pos, best - pos);
            const std::string_view matched = text.substr(best, form.text.size());
            out += "<a class=\"term\" href=\"" + markdown::escape_html(root + urls::record("glossary", t.id)) + "\" title=\"" +
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
    out.append(html, i, std::string::npos);
}

}  // namespace sprout::web
