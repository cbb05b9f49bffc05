#pragma once
// The document tree of a brief: one model, two writers (pdf::write_pdf and doc::write_html),
// as pandoc has one AST and a writer per target. Built by brief::plan_brief from the content
// model and from Markdown fields (doc::from_markdown); it holds no layout or rendering detail.
#include <string>
#include <variant>
#include <vector>

namespace sprout::doc {

// A run of text with one style. Links are either external (`href`) or internal (`target`,
// the `anchor` of a block elsewhere in the document).
struct Inline {
    enum class Kind { Text, LineBreak };
    Kind kind = Kind::Text;
    std::string text;  // UTF-8
    bool bold = false;
    bool italic = false;
    bool cite = false;   // a reference mark such as "3" in "[3]": set smaller, in the accent colour
    std::string href;    // external link (http, https, mailto)
    std::string target;  // internal link to an anchor
    std::string anchor;  // a link target inside a paragraph (one numbered place in the references)
};
using Inlines = std::vector<Inline>;

struct Block;
using Blocks = std::vector<Block>;

struct Heading {
    int level = 1;  // 1 = section; 2, 3, 4 below it
    Inlines text;
    bool in_contents = true;  // listed in the contents page (levels 1 and 2 only) and the outline
};

struct Paragraph {
    enum class Role { Body, Lead, Note, Meta };  // Lead: larger intro; Note: small print; Meta: muted detail line
    Inlines text;
    Role role = Role::Body;
};

struct List {
    bool ordered = false;
    int start = 1;
    bool tasks = false;           // a checklist: items are shown with tick boxes
    std::vector<Blocks> items;
    std::vector<std::string> item_anchors;  // optional anchor per item (references list)
};

enum class Align { Left, Right, Center };

struct Column {
    Inlines header;
    Align align = Align::Left;
    double weight = 0;  // share of the table width; 0 on every column = sized to the content
};

using Cell = Inlines;
struct Table {
    Inlines caption;  // shown above the table
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
    Inlines source;   // "Source: …" under the table
};

struct Callout {
    enum class Kind { Info, Key, Caution };
    Kind kind = Kind::Info;
    Inlines title;
    Blocks body;
};

struct Bar {
    std::string label;
    double value = 0;
    std::string value_text;  // the value as printed beside the bar, e.g. "5.5%"
};
struct BarGroup {
    std::string name;  // series name ("" when there is only one)
    std::vector<Bar> bars;
};
struct BarChart {
    Inlines title;
    std::string unit_label;  // e.g. "Per cent"
    std::vector<BarGroup> groups;
    Inlines source;
};

// A headline figure: a big number and what it measures.
struct Figure {
    std::string value;  // e.g. "5.5%" or "almost half"
    Inlines label;      // the statistic's headline
    Inlines detail;     // measure, population, period
    Inlines source;
};

struct Rule {};
struct PageBreak {};
struct Contents {};  // where the contents list goes

struct Block {
    std::variant<Heading, Paragraph, List, Table, Callout, BarChart, Figure, Rule, PageBreak, Contents> v;
    std::string anchor;  // target for internal links; headings always get one
};

// What the cover, metadata and running header say.
struct Meta {
    std::string title;      // cover title with {nation}/{area} replaced
    std::string subtitle;   // e.g. "A brief for commissioners and local system leaders"
    std::string nation;     // display name
    std::string audience;   // display name
    std::string area;       // display name, "" for a nation brief
    std::string date;       // human date, e.g. "23 November 2026"
    std::string date_iso;   // "2026-11-23"
    std::string publisher;
    std::string site_title;
    std::string language = "en-GB";
    std::string subject;
    std::string keywords;
    std::string licence;
};

struct Document {
    Meta meta;
    Blocks body;
};

// Helpers for building trees.
Inline text(std::string s);
Inline bold(std::string s);
Inline italic(std::string s);
Inline link(std::string label, std::string href);
Inline line_break();
Block heading(int level, Inlines text, std::string anchor);
Block para(Inlines text, Paragraph::Role role = Paragraph::Role::Body);

// The text of inlines with all styling removed.
std::string plain(const Inlines& in);
// Every piece of text in the blocks (headings, paragraphs, cells…), separated by newlines.
std::string plain(const Blocks& blocks);

// A readable anchor id from a title: lower-case ASCII letters and digits joined by '-'.
std::string slug(std::string_view title);

}  // namespace sprout::doc
