// The "What changed" page (changes/index.html): diff::compare's report of the changes since the
// previous edition, in the site's own layout and templates, each record linked to its page.
// Written only when site.toml names a previous edition (diff/previous.hpp).
#include "diff/format.hpp"
#include "schema/schema.hpp"
#include "web/sections.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

// Site-root URL of a record that is in this edition; "" when it has no page (withdrawn
// records, the site settings).
std::string record_url(const model::Model& m, const diff::RecordChange& r) {
    if (r.status == diff::Status::Withdrawn || r.kind == "site") return {};
    const auto* kind = schema::builtin().kind(r.kind);
    if (!kind || kind->folder.empty()) return {};
    if (r.kind == "policy") {
        for (const auto& p : m.policies)
            if (p.id == r.id) return urls::record(kind->folder, r.id, p.nation);
        return {};
    }
    return urls::record(kind->folder, r.id);
}

Json words_json(const std::vector<diff::Word>& words) {
    Json out = Json::array();
    for (const auto& w : words)
        out.push_back({{"text", w.text},
                       {"same", w.op == diff::Word::Op::Same},
                       {"removed", w.op == diff::Word::Op::Removed},
                       {"added", w.op == diff::Word::Op::Added},
                       {"gap", w.op == diff::Word::Op::Gap}});
    return out;
}

std::string count_text(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

void render_changes(Builder& b) {
    const auto& c = *b.changes;
    Json kinds = Json::array();
    std::string search_body;
    for (const auto& r : c.records) {
        if (kinds.empty() || kinds.back()["kind"] != r.kind)
            kinds.push_back({{"kind", r.kind},
                             {"id", urls::anchor("changes", r.kind)},
                             {"heading", diff::kind_heading(r.kind)},
                             {"records", Json::array()}});
        Json changes = Json::array();
        for (const auto& ch : r.changes) {
            const bool reworded = ch.type == diff::ChangeType::Reworded && !ch.words.empty();
            changes.push_back({{"headline", diff::headline(ch)}, {"words", reworded ? words_json(ch.words) : Json::array()}});
            search_body += diff::headline(ch) + " ";
        }
        const std::string status = diff::status_word(r.status);
        kinds.back()["records"].push_back({{"status", status},
                                           {"label", r.label},
                                           {"id", r.id},
                                           {"url", record_url(b.model, r)},
                                           {"changes", std::move(changes)}});
        search_body += r.label + " ";
    }
    for (auto& k : kinds) k["count"] = std::to_string(k["records"].size());
    Json ctx = {{"old_edition", c.old_edition},
                {"new_edition", c.new_edition},
                {"none", c.empty()},
                {"summary", count_text(c.count(diff::Status::Added), "record", "records") + " added, " +
                                std::to_string(c.count(diff::Status::Withdrawn)) + " withdrawn, " +
                                std::to_string(c.count(diff::Status::Changed)) + " changed"},
                {"kinds", std::move(kinds)}};
    PageMeta meta("What changed in this edition",
                  "What changed in meaning since the previous edition: ratings moved, recommendations reworded, figures updated, records added or withdrawn.",
                  "");
    meta.search_kind = "Changes";
    meta.search_body = search_body;
    b.page("changes", "changes/index.html", std::move(ctx), std::move(meta));
}

}  // namespace sprout::web
