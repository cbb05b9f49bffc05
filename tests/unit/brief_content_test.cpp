// Briefs of the bundled content: every nation × audience brief is planned, and the text is
// tailored (a Scotland brief carries Scotland's policy context, not another nation's; a
// commissioners' brief carries recommendations addressed to commissioners).
#include <catch2/catch.hpp>
#include <algorithm>

#include "brief/briefs.hpp"
#include "brief/plan.hpp"
#include "brief/select.hpp"
#include "check/checker.hpp"
#include "markdown/markdown.hpp"
#include "pdf/layout.hpp"

using namespace sprout;

namespace {

const model::Model* bundled() {
    static const std::shared_ptr<const model::Model> m = []() -> std::shared_ptr<const model::Model> {
        std::string err;
        auto tk = load::locate(SPROUT_SOURCE_DIR, err);
        if (!tk) return nullptr;
        auto r = check::run(*tk, {false});
        return r.ok({false}) ? r.model : nullptr;
    }();
    return m.get();
}

}  // namespace

TEST_CASE("every nation x audience brief of the bundled content is planned and tailored", "[brief][content]") {
    const model::Model* m = bundled();
    if (!m) {
        WARN("the bundled content does not check clean; see the [content] tests");
        return;
    }
    const auto targets = brief::all_targets(*m);
    std::size_t nation_briefs = 0;
    for (const auto& t : targets) nation_briefs += t.area.empty() ? 1 : 0;
    CHECK(nation_briefs == 4 * m->audiences.size());
    for (const auto& t : targets) {
        INFO(t.stem());
        const auto plan = brief::plan_brief(*m, t.nation, t.audience, t.area.empty() ? std::nullopt : std::optional(t.area));
        CHECK(plan.doc.body.size() > 5);
        const std::string text = doc::plain(plan.doc.body);
        // The nation's own summary is there (when the brief has a policy context); no other nation's is.
        const auto& secs = m->audience(t.audience)->brief_sections;
        const bool has_context = std::any_of(secs.begin(), secs.end(), [](const auto& s) { return s.type == "policy-context"; });
        if (has_context) CHECK(text.find(markdown::to_plain_text(m->nation(t.nation)->summary).substr(0, 60)) != std::string::npos);
        for (const auto* other : brief::brief_nations(*m)) {
            if (other->id == t.nation) continue;
            CHECK(text.find(markdown::to_plain_text(other->summary).substr(0, 60)) == std::string::npos);
        }
    }
}

TEST_CASE("a commissioners' brief carries recommendations addressed to commissioners", "[brief][content]") {
    const model::Model* m = bundled();
    if (!m || !m->audience("commissioners")) {
        WARN("no clean bundled content with a commissioners audience");
        return;
    }
    const auto& aud = *m->audience("commissioners");
    const auto plan = brief::plan_brief(*m, "england", "commissioners");
    const std::string text = doc::plain(plan.doc.body);
    int found = 0;
    for (const auto& s : aud.brief_sections) {
        if (s.type != "recommendations") continue;
        for (const auto* r : brief::recommendations(*m, aud, "england", s)) {
            CHECK(brief::addresses(*r, aud));
            CHECK(text.find(r->title) != std::string::npos);
            ++found;
        }
    }
    CHECK(found > 0);
    // And none addressed only to others.
    for (const auto& r : m->recommendations)
        if (!brief::addresses(r, aud) && r.kind != "suggested-action" && r.title.size() > 25)
            CHECK(text.find("\n" + r.title + "\n") == std::string::npos);
}

TEST_CASE("the bundled Scotland commissioners' brief lays out within its margins", "[brief][content][pdf]") {
    const model::Model* m = bundled();
    if (!m || !m->nation("scotland") || !m->audience("commissioners")) {
        WARN("no clean bundled content");
        return;
    }
    const auto plan = brief::plan_brief(*m, "scotland", "commissioners");
    const pdf::Style st;
    const auto l = pdf::layout_document(plan.doc, st, pdf::system_fonts());
    CHECK(l.pages.size() > 5);
    for (std::size_t p = 0; p < l.pages.size(); ++p)
        for (const auto& t : l.pages[p].texts) {
            INFO("page " << p + 1 << ": " << t.text);
            CHECK(t.x >= st.margin_left - 0.01);
            CHECK(t.x + t.width <= st.page_width - st.margin_right + 0.01);
        }
}
