#include "pdf/writer.hpp"

#include <hpdf.h>

#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "pdf/font_subset.hpp"
#include "pdf/layout.hpp"
#include "pdf/tounicode.hpp"
#include "util/text.hpp"

namespace sprout::pdf {

namespace {

struct HaruError {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<HaruError*>(user);
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

// Owns the libharu document.
class Doc {
public:
    Doc() : pdf_(HPDF_New(on_error, &err_)) {
        if (!pdf_) throw std::runtime_error("libharu could not create a document");
    }
    ~Doc() { HPDF_Free(pdf_); }
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;
    HPDF_Doc get() const { return pdf_; }
    void check(const char* what) const {
        if (err_.code != 0) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u) while %s", static_cast<unsigned>(err_.code),
                          static_cast<unsigned>(err_.detail), what);
            throw std::runtime_error(buf);
        }
    }

private:
    HaruError err_;
    HPDF_Doc pdf_;
};

// "2026-11-23" → HPDF_Date at midnight UTC; nullopt-like (year 0) when unparsable.
HPDF_Date date_of(const std::string& iso) {
    HPDF_Date d{};
    int y = 0, m = 0, day = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &day) == 3 && y > 1900 && m >= 1 && m <= 12 && day >= 1 && day <= 31) {
        d.year = y;
        d.month = m;
        d.day = day;
        d.ind = 'Z';
    }
    return d;
}

// Replaces libharu's faulty ToUnicode stream of a UTF-8 font with a correct one.
void fix_tounicode(HPDF_Doc pdf, HPDF_Font font, const std::set<char32_t>& used) {
    const std::string cmap = tounicode_cmap(used);
    auto* existing = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    HPDF_Dict stream = existing;
    if (stream) {
        HPDF_MemStream_FreeData(stream->stream);
        // Drop the encoding CMap's own keys (looked up by walking the list: HPDF_Dict_GetItem
        // with the wrong class sets the document's error state).
        std::vector<std::string> drop;
        for (HPDF_UINT i = 0; i < stream->list->count; ++i) {
            auto* e = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(stream->list, i));
            const std::string key = e->key;
            if (key == "CIDSystemInfo" || key == "CMapName" || key == "Type" || key == "WMode" || key == "UseCMap") drop.push_back(key);
        }
        for (const auto& key : drop) HPDF_Dict_RemoveElement(stream, key.c_str());
    } else {
        stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
        if (!stream) return;
        HPDF_Dict_Add(font, "ToUnicode", stream);
    }
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()), static_cast<HPDF_UINT>(cmap.size()));
}

void set_rgb_fill(HPDF_Page page, const Color& c) {
    HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(c.r), static_cast<HPDF_REAL>(c.g), static_cast<HPDF_REAL>(c.b));
}

HPDF_REAL f(double v) { return static_cast<HPDF_REAL>(v); }

// An anonymous in-memory file holding bytes, for libharu 2.3, which loads fonts only by path.
class MemoryFile {
public:
    explicit MemoryFile(const std::string& bytes) : fd_(memfd_create("sprout-font", MFD_CLOEXEC)) {
        if (fd_ < 0) return;
        if (!text::write_all(fd_, bytes)) {
            ::close(fd_);
            fd_ = -1;
            return;
        }
        path_ = "/proc/self/fd/" + std::to_string(fd_);
        if (::access(path_.c_str(), R_OK) != 0) path_.clear();  // no /proc
    }
    ~MemoryFile() {
        if (fd_ >= 0) ::close(fd_);  // libharu opened its own handle
    }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return path_; }  // empty when the file could not be made

private:
    int fd_;
    std::string path_;
};

// Loads face `i` cut down to the characters the document writes in it (pdf/font_subset.hpp),
// or the whole font file when that cannot be made. Returns libharu's font name.
const char* load_font(HPDF_Doc pdf, const FontSet& fonts, std::size_t i, const std::set<char32_t>& used) {
    if (const auto cut = font_for_characters(fonts.files[i].bytes(), fonts.metrics[i], used)) {
        const MemoryFile file(*cut);
        if (!file.path().empty()) return HPDF_LoadTTFontFromFile(pdf, file.path().c_str(), HPDF_TRUE);
    }
    return HPDF_LoadTTFontFromFile(pdf, fonts.paths[i].c_str(), HPDF_TRUE);
}

}  // namespace

std::string render_pdf(const Layout& l, const doc::Meta& meta, const Style& st, const FontSet& fonts) {
    Doc doc;
    HPDF_Doc pdf = doc.get();
    pdf->pdf_version = HPDF_VER_14;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    doc.check("setting up the document");

    // Fonts: only the faces the pages use, each cut down to the characters written in it.
    std::array<bool, 4> needed{};
    std::array<std::set<char32_t>, 4> used;
    for (const auto& p : l.pages) {
        for (const auto& t : p.texts) {
            const auto i = static_cast<std::size_t>(t.face);
            needed[i] = true;
            for (char32_t ch : decode_utf8(t.text)) used[i].insert(ch);
        }
    }
    std::array<HPDF_Font, 4> font{};
    for (std::size_t i = 0; i < 4; ++i) {
        if (!needed[i]) continue;
        const char* name = load_font(pdf, fonts, i, used[i]);
        doc.check(("loading font " + fonts.paths[i]).c_str());
        font[i] = HPDF_GetFont(pdf, name, "UTF-8");
        doc.check("selecting a font");
    }

    const double H = st.page_height;
    std::vector<HPDF_Page> pages;
    for (const auto& p : l.pages) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(page, f(st.page_width));
        HPDF_Page_SetHeight(page, f(H));
        pages.push_back(page);
        for (const auto& r : p.rects) {
            set_rgb_fill(page, r.fill);
            HPDF_Page_Rectangle(page, f(r.x), f(H - r.y - r.h), f(r.w), f(r.h));
            HPDF_Page_Fill(page);
        }
        for (const auto& ln : p.lines) {
            HPDF_Page_SetRGBStroke(page, f(ln.color.r), f(ln.color.g), f(ln.color.b));
            HPDF_Page_SetLineWidth(page, f(ln.width));
            if (ln.dotted) {
                static const HPDF_UINT16 dash[] = {1, 3};  // 1 pt squares, 3 pt apart (libharu refuses 0-length dashes)
                HPDF_Page_SetDash(page, dash, 2, 0);
            }
            HPDF_Page_MoveTo(page, f(ln.x1), f(H - ln.y1));
            HPDF_Page_LineTo(page, f(ln.x2), f(H - ln.y2));
            HPDF_Page_Stroke(page);
            if (ln.dotted) HPDF_Page_SetDash(page, nullptr, 0, 0);
        }
        if (!p.texts.empty()) {
            HPDF_Page_BeginText(page);
            int cur_face = -1;
            double cur_size = -1;
            Color cur_color{-1, -1, -1};
            for (const auto& t : p.texts) {
                if (t.text.empty()) continue;
                if (static_cast<int>(t.face) != cur_face || t.size != cur_size) {
                    HPDF_Page_SetFontAndSize(page, font[static_cast<std::size_t>(t.face)], f(t.size));
                    cur_face = static_cast<int>(t.face);
                    cur_size = t.size;
                }
                if (!(t.color == cur_color)) {
                    set_rgb_fill(page, t.color);
                    cur_color = t.color;
                }
                HPDF_Page_TextOut(page, f(t.x), f(H - t.y), t.text.c_str());
            }
            HPDF_Page_EndText(page);
        }
        doc.check("drawing a page");
    }

    // Destinations for every anchor, then links and the outline that use them.
    std::map<std::string, HPDF_Destination> dests;
    for (const auto& [id, d] : l.anchors) {
        if (d.page < 0 || d.page >= static_cast<int>(pages.size())) continue;
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[static_cast<std::size_t>(d.page)]);
        HPDF_Destination_SetXYZ(dst, 0, f(std::min(H, H - d.y + 6)), 1);
        // Zoom 0 means "keep the reader's zoom" (PDF 1.7, 12.3.2.2); libharu only accepts 0.08-32.
        if (auto* zoom = static_cast<HPDF_Real>(HPDF_Array_GetItem(dst, 4, HPDF_OCLASS_REAL))) zoom->value = 0;
        dests[id] = dst;
    }
    for (std::size_t i = 0; i < l.pages.size(); ++i) {
        for (const auto& k : l.pages[i].links) {
            const HPDF_Rect rect{f(k.x), f(H - k.y - k.h), f(k.x + k.w), f(H - k.y)};
            HPDF_Annotation a = nullptr;
            if (!k.uri.empty()) {
                a = HPDF_Page_CreateURILinkAnnot(pages[i], rect, k.uri.c_str());
            } else if (auto it = dests.find(k.anchor); it != dests.end()) {
                a = HPDF_Page_CreateLinkAnnot(pages[i], rect, it->second);
            }
            if (a) {
                HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
                HPDF_LinkAnnot_SetHighlightMode(a, HPDF_ANNOT_INVERT_BOX);
            }
        }
    }
    doc.check("adding links");
    std::vector<std::pair<int, HPDF_Outline>> stack;  // level, outline item
    for (const auto& o : l.outline) {
        auto it = dests.find(o.anchor);
        if (it == dests.end()) continue;
        while (!stack.empty() && stack.back().first >= o.level) stack.pop_back();
        HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
        HPDF_Outline item = HPDF_CreateOutline(pdf, parent, o.title.c_str(), utf8);
        HPDF_Outline_SetDestination(item, it->second);
        HPDF_Outline_SetOpened(item, o.level <= 1 ? HPDF_TRUE : HPDF_FALSE);
        stack.emplace_back(o.level, item);
    }
    if (!l.outline.empty()) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    doc.check("building the outline");

    // Document information; fixed dates so the same content gives the same bytes.
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, meta.title.c_str());
    if (!meta.publisher.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, meta.publisher.c_str());
    if (!meta.subject.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, meta.subject.c_str());
    if (!meta.keywords.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, meta.keywords.c_str());
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Sprout");
    const HPDF_Date date = date_of(meta.date_iso);
    if (date.year > 0) {
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    }
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, meta.language.c_str(), nullptr));
    if (HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr)) {
        HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
        HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
    }
    doc.check("setting document information");

    for (std::size_t i = 0; i < 4; ++i)
        if (font[i]) fix_tounicode(pdf, font[i], used[i]);
    doc.check("writing the ToUnicode maps");

    HPDF_SaveToStream(pdf);
    doc.check("saving");
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    std::string out(size, '\0');
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    doc.check("reading the saved document");
    return out;
}

std::string write_pdf(const doc::Document& d, const Style& st) {
    const FontSet& fonts = system_fonts();
    return render_pdf(layout_document(d, st, fonts), d.meta, st, fonts);
}

}  // namespace sprout::pdf
