#pragma once
// The typed model, and the diagnostics that go with it, in util/binary_io's form: the check
// memo kept between builds (check::Memo::save) holds both.
#include <tuple>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"
#include "util/binary_io.hpp"

namespace sprout {

auto members(util::MemberOf<SourcePos> auto& p) { return std::tie(p.file, p.line, p.column); }
auto members(util::MemberOf<Diagnostic> auto& d) { return std::tie(d.severity, d.pos, d.field, d.message, d.hint); }

namespace model {
void write(util::BinaryWriter& w, const Model& m);
// Into an empty model; `r` tells whether it read a whole one.
void read(util::BinaryReader& r, Model& m);
}  // namespace model

}  // namespace sprout
