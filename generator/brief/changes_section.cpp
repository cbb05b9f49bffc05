#include "brief/changes_section.hpp"

#include <cctype>

#include "brief/select.hpp"
#include "diff/format.hpp"
#include "schema/schema.hpp"
#include "web/urls.hpp"

namespace sprout::brief {

namespace {

// What a brief's reader meets: the evidence and what is asked, not the toolkit's plumbing.
bool shown_in_briefs(const std::string& kind) {
    for (const char* k : {"intervention", "recommendation", "statistic", "example", "evidence-scale", "policy", "term", "page"})
        if (kind == k) return true;
    return false;
}

bool about_nation(const std::string& record_nation, const std::string& nation) {
    return record_nation.empty() || record_nation == "uk" || record_nation == nation;
}

bool nation_matches(const Ctx& c, const diff::RecordChange& r) {
    const auto& m = c.m;
    const std::string& n = c.nation.id;
    if (r.kind == "recommendation") {
        const auto* x = m.recommendation(r.id);
        return !x || x->nations.empty() || covers_nation(x->nations, n);
    }
    if (r.kind == "statistic") {
        const auto* x = m.statistic(r.id);
        return !x || about_nation(x->nation, n);
    }
    if (r.kind == "example") {
        const auto* x = m.example(r.id);
        return !x || about_nation(x->nation, n);
    }
    if (r.kind == "policy") {
        for (const auto& p : m.policies)
            if (p.id == r.id) return about_nation(p.nation, n);
    }
    return true;  // evidence on interventions and scales is not tied to a nation
}

bool audience_matches(const Ctx& c, const diff::RecordChange& r) {
    if (r.kind != "recommendation") return true;
    const auto* x = c.m.recommendation(r.id);
    return !x || addresses(*x, c.audience);
}

// "Where to read it": the record's page on the published site, when the site has an address.
std::string web_address(const Ctx& c, const diff::RecordChange& r) {
    if (c.md.base_url.empty() || r.status == diff::Status::Withdrawn) return {};
    const auto* kind = schema::builtin().kind(r.kind);
    if (!kind || kind->folder.empty()) return {};
    std::string nation;
    if (r.kind == "policy")
        for (const auto& p : c.m.policies)
            if (p.id == r.id) nation = p.nation;
    return web::urls::canonical(c.md.base_url, web::urls::record(kind->folder, r.id, nation));
}

}  // namespace

bool relevant_change(const Ctx& c, const model::BriefSection& s, const diff::RecordChange& r) {
    if (r.kind == "area") return c.area && r.id == c.area->id;
    if (!shown_in_briefs(r.kind)) return false;
    const bool nation = s.filter == "nation" || s.filter == "audience-and-nation";
    const bool audience = s.filter == "audience" || s.filter == "audience-and-nation";
    return (!nation || nation_matches(c, r)) && (!audience || audience_matches(c, r));
}

doc::Blocks changes_section(Ctx& c, const model::BriefSection& s) {
    doc::Blocks out;
    if (!c.changes) {
        out.push_back(absence("This edition is not compared with an earlier one."));
        return out;
    }
    std::vector<const diff::RecordChange*> picked;
    for (const auto& r : c.changes->records)
        if (relevant_change(c, s, r)) picked.push_back(&r);
    if (s.limit && picked.size() > static_cast<std::size_t>(*s.limit)) picked.resize(static_cast<std::size_t>(*s.limit));
    if (picked.empty()) {
        out.push_back(absence("Nothing in this brief's subjects changed in meaning since the edition of " +
                              c.changes->old_edition + "."));
        return out;
    }
    out.push_back(doc::para({doc::text("Changes in meaning since the edition of " + c.changes->old_edition + ":")}));
    // One list per kind, under the kind's heading, in the report's order.
    std::string kind;
    doc::List* list = nullptr;
    for (const auto* r : picked) {
        if (r->kind != kind) {
            kind = r->kind;
            out.push_back(doc::heading(2, {doc::text(diff::kind_heading(kind))}, c.unique_anchor("changes-" + kind)));
            out.push_back(doc::Block{doc::List{}, {}});
            list = &std::get<doc::List>(out.back().v);
        }
        doc::Blocks item;
        std::string status = diff::status_word(r->status);
        status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
        doc::Inlines head{doc::bold(status + ": "), doc::text(r->label)};
        if (const auto href = web_address(c, *r); !href.empty()) {
            head.push_back(doc::text(" ("));
            head.push_back(doc::link("on the website", href));
            head.push_back(doc::text(")"));
        }
        item.push_back(doc::para(head));
        for (const auto& ch : r->changes) {
            item.push_back(doc::para({doc::text(diff::headline(ch))}, doc::Paragraph::Role::Meta));
            // A word diff does not print well; the new wording does.
            if (ch.type == diff::ChangeType::Reworded && ch.after)
                item.push_back(doc::para({doc::text("Now reads: "), doc::italic(*ch.after)}, doc::Paragraph::Role::Meta));
        }
        list->items.push_back(std::move(item));
    }
    return out;
}

}  // namespace sprout::brief
