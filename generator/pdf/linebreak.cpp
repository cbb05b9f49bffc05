#include "pdf/linebreak.hpp"

#include <algorithm>
#include <cmath>

namespace sprout::pdf {

namespace {

struct RunStyle {
    Face face = Face::Regular;
    double size = 10;
    Color color;
    std::string href, target, anchor;
    bool operator==(const RunStyle&) const = default;
};

struct Part {
    std::string text;
    double width = 0;
    const RunStyle* style = nullptr;
};

struct Word {
    bool line_break = false;
    bool space_before = false;
    const RunStyle* space_style = nullptr;
    std::vector<Part> parts;
    double width = 0;
};

// Cuts inlines into words (runs between spaces), keeping each part's style.
class Tokens {
public:
    Tokens(const doc::Inlines& in, const TextSpec& spec, const FontSet& fonts) : fonts_(fonts) {
        styles_.reserve(in.size() + 1);
        bool pending_space = false;
        const RunStyle* space_style = nullptr;
        bool in_word = false;
        for (const auto& i : in) {
            if (i.kind == doc::Inline::Kind::LineBreak) {
                Word w;
                w.line_break = true;
                words_.push_back(std::move(w));
                pending_space = false;
                in_word = false;
                continue;
            }
            RunStyle st;
            st.face = face_of(i.bold || spec.bold, i.italic || spec.italic);
            st.size = i.cite ? spec.size * 0.8 : spec.size;
            st.color = i.cite ? spec.cite_color : (!i.href.empty() || !i.target.empty()) ? spec.link_color : spec.color;
            st.href = i.href;
            st.target = i.target;
            st.anchor = i.anchor;
            styles_.push_back(std::move(st));
            const RunStyle* sp = &styles_.back();
            const std::string s = fit_to_font(fonts_[sp->face], i.text);
            std::size_t pos = 0;
            while (pos < s.size()) {
                if (s[pos] == ' ') {
                    pending_space = true;
                    space_style = sp;
                    in_word = false;
                    ++pos;
                    continue;
                }
                const auto end = std::min(s.find(' ', pos), s.size());
                const std::string piece = s.substr(pos, end - pos);
                if (!in_word) {
                    Word w;
                    w.space_before = pending_space && !words_.empty() && !words_.back().line_break;
                    w.space_style = space_style ? space_style : sp;
                    words_.push_back(std::move(w));
                    pending_space = false;
                    in_word = true;
                }
                Part p{piece, text_width(fonts_[sp->face], piece, sp->size), sp};
                words_.back().width += p.width;
                words_.back().parts.push_back(std::move(p));
                pos = end;
            }
        }
    }
    std::vector<Word>& words() { return words_; }
    double space_width(const RunStyle* st) const { return text_width(fonts_[st->face], " ", st->size); }
    const FontSet& fonts() const { return fonts_; }

private:
    const FontSet& fonts_;
    std::vector<RunStyle> styles_;  // reserved up front: parts point into it
    std::vector<Word> words_;
};

class LineBuilder {
public:
    LineBuilder(const TextSpec& spec, const FontSet& fonts) : spec_(spec), fonts_(fonts) {}

    bool empty() const { return cur_.frags.empty(); }
    double width() const { return cur_.width; }

    void add(const std::string& text, double w, const RunStyle& st) {
        if (!cur_.frags.empty()) {
            Fragment& last = cur_.frags.back();
            if (last.face == st.face && last.size == st.size && last.color == st.color && last.href == st.href &&
                last.target == st.target && last.anchor == st.anchor) {
                last.text += text;
                last.width += w;
                cur_.width += w;
                return;
            }
        }
        Fragment f;
        f.text = text;
        f.x = cur_.width;
        f.width = w;
        f.size = st.size;
        f.face = st.face;
        f.color = st.color;
        f.href = st.href;
        f.target = st.target;
        f.anchor = st.anchor;
        cur_.frags.push_back(std::move(f));
        cur_.width += w;
    }

    void finish() {
        Line l = std::move(cur_);
        cur_ = Line{};
        l.size = spec_.size;
        l.height = spec_.size * spec_.leading;
        const auto& m = fonts_[face_of(spec_.bold, spec_.italic)];
        l.ascent = m.ascent() * spec_.size;
        l.descent = m.descent() * spec_.size;
        l.baseline = (l.height - (l.ascent + l.descent)) / 2 + l.ascent;
        lines_.push_back(std::move(l));
    }

    std::vector<Line> take() {
        if (!cur_.frags.empty()) finish();
        return std::move(lines_);
    }

private:
    const TextSpec& spec_;
    const FontSet& fonts_;
    Line cur_;
    std::vector<Line> lines_;
};

// Splits a word wider than the measure into pieces that fit, preferring to cut after '/' or '-'.
void set_long_word(const Word& w, double max_width, LineBuilder& lb, const FontSet& fonts) {
    struct Ch {
        std::string s;
        double w;
        const RunStyle* st;
    };
    std::vector<Ch> chars;
    for (const auto& p : w.parts) {
        for (char32_t c : decode_utf8(p.text)) {
            std::string s;
            append_utf8(s, c);
            chars.push_back({s, text_width(fonts[p.style->face], s, p.style->size), p.style});
        }
    }
    std::size_t i = 0;
    while (i < chars.size()) {
        double room = max_width - lb.width();
        std::size_t j = i;
        double acc = 0;
        std::size_t last_soft = 0;
        while (j < chars.size() && acc + chars[j].w <= room) {
            acc += chars[j].w;
            if (chars[j].s == "/" || chars[j].s == "-") last_soft = j + 1;
            ++j;
        }
        if (j < chars.size() && last_soft > i) j = last_soft;
        if (j == i) {
            if (!lb.empty()) {
                lb.finish();
                continue;
            }
            j = i + 1;  // a single character wider than the line: set it anyway
        }
        for (std::size_t k = i; k < j; ++k) lb.add(chars[k].s, chars[k].w, *chars[k].st);
        i = j;
        if (i < chars.size()) lb.finish();
    }
}

}  // namespace

std::vector<Line> break_lines(const doc::Inlines& in, const TextSpec& spec, double max_width, const FontSet& fonts) {
    Tokens tokens(in, spec, fonts);
    LineBuilder lb(spec, fonts);
    constexpr double eps = 1e-6;
    for (const auto& w : tokens.words()) {
        if (w.line_break) {
            lb.finish();
            continue;
        }
        const double sw = (!lb.empty() && w.space_before) ? tokens.space_width(w.space_style) : 0;
        if (lb.width() + sw + w.width > max_width + eps) {
            if (!lb.empty() && w.width <= max_width + eps) {
                lb.finish();
            } else if (w.width > max_width + eps) {
                if (!lb.empty()) {
                    if (w.space_before) lb.add(" ", tokens.space_width(w.space_style), *w.space_style);
                    // Start the long word on this line only if a useful piece fits.
                    if (max_width - lb.width() < max_width * 0.25) lb.finish();
                }
                set_long_word(w, max_width, lb, tokens.fonts());
                continue;
            }
        }
        if (!lb.empty() && w.space_before) lb.add(" ", sw, *w.space_style);
        for (const auto& p : w.parts) lb.add(p.text, p.width, *p.style);
    }
    auto lines = lb.take();
    // A trailing space can only come from a long word's line; trim it.
    for (auto& l : lines) {
        while (!l.frags.empty() && !l.frags.back().text.empty() && l.frags.back().text.back() == ' ') {
            auto& f = l.frags.back();
            const double sw = text_width(fonts[f.face], " ", f.size);
            f.text.pop_back();
            f.width -= sw;
            l.width -= sw;
            if (f.text.empty()) l.frags.pop_back();
        }
    }
    return lines;
}

TextExtent measure_extent(const doc::Inlines& in, const TextSpec& spec, const FontSet& fonts) {
    Tokens tokens(in, spec, fonts);
    TextExtent e;
    double line = 0;
    for (const auto& w : tokens.words()) {
        if (w.line_break) {
            e.max = std::max(e.max, line);
            line = 0;
            continue;
        }
        e.min = std::max(e.min, w.width);
        if (line > 0 && w.space_before) line += tokens.space_width(w.space_style);
        line += w.width;
    }
    e.max = std::max(e.max, line);
    return e;
}

void emit_lines(const std::vector<Line>& lines, double x, double y, PageBoxes& page, double align_width, doc::Align align) {
    double top = y;
    for (const auto& l : lines) {
        double off = 0;
        if (align_width >= 0 && align == doc::Align::Right) off = std::max(0.0, align_width - l.width);
        if (align_width >= 0 && align == doc::Align::Center) off = std::max(0.0, (align_width - l.width) / 2);
        for (const auto& f : l.frags) {
            TextBox t;
            t.x = x + off + f.x;
            t.y = top + l.baseline;
            t.width = f.width;
            t.size = f.size;
            t.ascent = l.ascent * f.size / l.size;
            t.descent = l.descent * f.size / l.size;
            t.face = f.face;
            t.color = f.color;
            t.text = f.text;
            page.texts.push_back(std::move(t));
            if (!f.href.empty() || !f.target.empty()) {
                LinkBox lk{x + off + f.x, top, f.width, l.height, f.href, f.target};
                if (!page.links.empty()) {
                    auto& prev = page.links.back();
                    if (prev.uri == lk.uri && prev.anchor == lk.anchor && std::abs(prev.y - lk.y) < 0.01 &&
                        std::abs(prev.x + prev.w - lk.x) < 0.01) {
                        prev.w += lk.w;
                        continue;
                    }
                }
                page.links.push_back(std::move(lk));
            }
        }
        top += l.height;
    }
}

}  // namespace sprout::pdf
