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
bool whole_word_at(const std::string& text, std::size_t pos, std::size_t len) {
    if (pos > 0 && (word_char(text[pos - 1]) || text[pos - 1] == '&' || text[pos - 1] == '#')) return false;
    const std::size_t end = pos + len;
    if (end < text.size() && (word_char(text[end]) || text[end] == ';')) return false;
    return true;
}

// ASCII lower case, as std::tolower in the "C" locale: bytes of UTF-8 sequences are kept.
std::string fold(const std::string& s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
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

}  // namespace

GlossaryLinker::GlossaryLinker(const model::Model& m) {
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
        auto add = [&](const std::string& text, bool abbreviation) {
            if (text.size() >= kMinFormLength) forms_.push_back({text, fold(text), abbreviation, abbreviation, idx});
        };
        add(t.term, false);
        add(t.abbreviation, true);
        for (const auto& a : t.aliases) add(a, false);
    }
    std::stable_sort(forms_.begin(), forms_.end(), [](const Form& a, const Form& b) { return a.text.size() > b.text.size(); });
}

std::string GlossaryLinker::apply(const std::string& html, const std::string& root, const std::string& page_path) const {
    if (forms_.empty() || page_path.starts_with("glossary/")) return html;
    const std::size_t main_open = html.find("<main");
    const std::size_t main_close = html.rfind("</main>");
    if (main_open == std::string::npos || main_close == std::string::npos || main_close < main_open) return html;

    std::vector<bool> used(terms_.size(), false);
    std::string out(html, 0, main_open);
    int skip_depth = 0;
    std::string nogloss_tag;
    int nogloss_depth = 0;
    std::size_t i = main_open;
    while (i < main_close) {
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
        std::string text = html.substr(i, next_tag - i);
        i = next_tag;
        if (skip_depth > 0 || !nogloss_tag.empty()) {
            out += text;
            continue;
        }
        // Link the earliest first use in this run of text, then carry on after it. Each form is
        // found with string::find (memchr and memcmp) in the text, or in its folded copy for
        // forms that ignore case; a character-by-character scan per form was a quarter of the
        // build (docs/PERFORMANCE.md). Longer forms come first and win ties.
        const std::string folded = fold(text);
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t best = std::string::npos;
            const Form* form = nullptr;
            for (const auto& f : forms_) {
                if (used[f.term]) continue;
                const std::string& hay = f.case_sensitive ? text : folded;
                const std::string& needle = f.case_sensitive ? f.text : f.folded;
                for (std::size_t p = hay.find(needle, pos); p != std::string::npos && (best == std::string::npos || p < best);
                     p = hay.find(needle, p + 1))
                    if (whole_word_at(text, p, needle.size())) {
                        best = p;
                        form = &f;
                        break;
                    }
            }
            if (!form) break;
            const auto& t = terms_[form->term];
            used[form->term] = true;
            // A term inside the one just linked ("infant" in "infant mental health") is
            // defined by that link's page too; linking it again nearby is only noise.
            for (const auto& other : forms_)
                if (!used[other.term] && other.text.size() < form->text.size() &&
                    text::to_lower(form->text).find(text::to_lower(other.text)) != std::string::npos)
                    used[other.term] = true;
            out.append(text, pos, best - pos);
            const std::string matched = text.substr(best, form->text.size());
            out += "<a class=\"term\" href=\"" + markdown::escape_html(root + urls::record("glossary", t.id)) + "\" title=\"" +
                   markdown::escape_html(t.definition) + "\">";
            if (form->abbreviation)
                out += "<abbr title=\"" + markdown::escape_html(t.name) + "\">" + matched + "</abbr>";
            else
                out += matched;
            out += "</a>";
            pos = best + form->text.size();
        }
        if (pos < text.size()) out.append(text, pos, std::string::npos);
    }
    out.append(html, i, std::string::npos);
    return out;
}

}  // namespace sprout::web
