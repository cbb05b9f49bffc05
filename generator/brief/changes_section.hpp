#pragma once
// The `changes` section of a brief: what changed since the previous edition (diff::compare,
// the same report as the site's "What changed" page), narrowed to what this brief's readers use.
#include "brief/sections.hpp"

namespace sprout::brief {

// Whether a changed record belongs in this brief's `changes` section, by the section's filter:
// `nation` keeps records about the brief's nation or the UK (or no nation), `audience` keeps
// recommendations addressed to the audience, `audience-and-nation` both, `all` everything.
// Kinds a brief does not show (actors, audiences, sources, site settings...) are left out,
// except the brief's own area; withdrawn records are kept, as their old fields are not known.
bool relevant_change(const Ctx& c, const model::BriefSection& s, const diff::RecordChange& r);

doc::Blocks changes_section(Ctx& c, const model::BriefSection& s);

}  // namespace sprout::brief
