// The bundled evidence base: checks clean under --strict, keeps its size, and every claim is traceable.
#include <catch2/catch.hpp>

#include "check/checker.hpp"

using namespace sprout;

namespace {

const check::Result& bundled() {
    static const check::Result r = [] {
        std::string err;
        auto tk = load::locate(SPROUT_SOURCE_DIR, err);
        if (!tk) throw std::runtime_error(err);
        return check::run(*tk, {true});
    }();
    return r;
}

}  // namespace

TEST_CASE("the bundled content checks clean with --strict", "[content]") {
    const auto& r = bundled();
    for (const auto& d : r.diags.all()) UNSCOPED_INFO(format_text(d));
    CHECK(r.diags.error_count() == 0);
    CHECK(r.diags.warning_count() == 0);
    REQUIRE(r.model);
}

TEST_CASE("the bundled content does not silently shrink", "[content]") {
    const auto& m = *bundled().model;
    CHECK(m.interventions.size() >= 45);
    CHECK(m.recommendations.size() >= 80);
    CHECK(m.examples.size() >= 25);
    CHECK(m.statistics.size() >= 120);
    CHECK(m.sources.size() >= 60);
    CHECK(m.audiences.size() >= 5);
    CHECK(m.terms.size() >= 20);
    for (const char* n : {"england", "scotland", "wales", "northern-ireland"}) CHECK(m.nation(n) != nullptr);
}

TEST_CASE("every claim names a source and a locator, every rating a level on its scale", "[content]") {
    const auto& m = *bundled().model;
    auto traced = [&](const model::Cites& cites) {
        if (cites.empty()) return false;
        for (const auto& c : cites)
            if (!m.source(c.source) || c.locator.empty() || (!c.via.empty() && !m.source(c.via))) return false;
        return true;
    };
    for (const auto& x : m.interventions) {
        INFO(x.id);
        CHECK(traced(x.cite));
        for (const auto& r : x.ratings) {
            CHECK(traced(r.cite));
            const auto* scale = m.scale(r.scale);
            REQUIRE(scale);
            CHECK(scale->level(r.level) != nullptr);
        }
    }
    for (const auto& x : m.statistics) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.recommendations) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.examples) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.policies) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.terms) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.scales) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& x : m.nations) { INFO(x.id); CHECK(traced(x.cite)); }
    for (const auto& a : m.audiences)
        for (const auto& k : a.key_messages) { INFO(a.id); CHECK(traced(k.cite)); }
}

TEST_CASE("every seed document is a source of the bundled content", "[content]") {
    const auto& m = *bundled().model;
    for (const char* id : {"000_5a5b4b0df8e89064", "001_2f4fb0abfb1cbd4d", "002_be104250be14b96f", "003_4199ac7c54ee8d38",
                           "004_3ad37de0d8164200"}) {
        const auto* s = m.source(id);
        REQUIRE(s);
        CHECK(s->seed_file == std::string(id) + ".txt");
    }
}
