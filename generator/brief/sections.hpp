#pragma once
// Internal to the brief plan: one builder per section type. Each returns the blocks that
// follow the section's heading and introduction; plan.cpp adds those and orders the sections.
#include <set>
#include <string>

#include "brief/citations.hpp"
#include "brief/select.hpp"
#include "doc/document.hpp"
#include "doc/from_markdown.hpp"
#include "diff/diff.hpp"
#include "model/model.hpp"

namespace sprout::brief {

struct Ctx {
    const model::Model& m;
    const model::Nation& nation;
    const model::Audience& audience;
    const model::Area* area = nullptr;  // set for an area brief
    Citations cites;
    doc::MarkdownOptions md;
    std::set<std::string> anchors;
    const diff::Changes* changes = nullptr;  // since the previous edition, when site.toml names one
    const InterventionOrders& orders;

    std::string unique_anchor(const std::string& base);
    doc::Inlines inlines(const std::string& markdown) const;
    // Appends `markdown` as inlines to `in`, then the reference marks of `cite`.
    void append_cited(doc::Inlines& in, const std::string& markdown, const model::Cites& cite);
    doc::Blocks blocks(const std::string& markdown, int heading_base = 3) const;
    std::string nation_name(const std::string& id) const;
    std::string actor_name(const std::string& id) const;
};

// Appends inlines (reference marks) to the last paragraph of `blocks`, or adds a paragraph.
void append_to_last(doc::Blocks& blocks, const doc::Inlines& in);
// A "Sources disagree" note for a record with conflicts; nothing when there are none.
void add_conflicts(Ctx& c, doc::Blocks& out, const std::vector<model::Conflict>& conflicts);
// "We found nothing" in a consistent voice.
doc::Block absence(const std::string& sentence);

doc::Blocks key_messages_section(Ctx& c, const model::BriefSection& s);
doc::Blocks policy_context_section(Ctx& c, const model::BriefSection& s);
doc::Blocks key_figures_section(Ctx& c, const model::BriefSection& s);
doc::Blocks recommendations_section(Ctx& c, const model::BriefSection& s);
doc::Blocks interventions_section(Ctx& c, const model::BriefSection& s);
doc::Blocks examples_section(Ctx& c, const model::BriefSection& s);
doc::Blocks checklists_section(Ctx& c, const model::BriefSection& s);
doc::Blocks area_profile_section(Ctx& c, const model::BriefSection& s);
doc::Blocks area_need_section(Ctx& c, const model::BriefSection& s);
doc::Blocks area_gaps_section(Ctx& c, const model::BriefSection& s);
// `text` is everything else in the brief, searched for the terms it uses.
doc::Blocks glossary_section(Ctx& c, const model::BriefSection& s, const std::string& text);
doc::Blocks references_section(Ctx& c, const model::BriefSection& s);

// One statistic as a headline figure or, for a series, a bar chart.
doc::Block statistic_block(Ctx& c, const model::Statistic& st);

}  // namespace sprout::brief
