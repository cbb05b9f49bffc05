#pragma once
// Numbered references. Each distinct citation (source, via, locator) gets a number; the text
// carries "[n]" marks linking to the numbered entry under References. While the brief is built
// numbers follow first use; group_by_work() then renumbers so that the places cited in one work
// (as read in one document) are consecutive, and References names each work once with the
// numbered places in it beneath — compact, and every number still leads to a work and a place.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "doc/document.hpp"
#include "model/model.hpp"

namespace sprout::brief {

class Citations {
public:
    explicit Citations(const model::Model& m) : m_(m) {}

    // Numbers the citations (reusing numbers already given) and returns their marks,
    // preceded by a no-break space: " [3][4]". Empty for no citations.
    doc::Inlines mark(const model::Cites& cites);
    int number(const model::Citation& c);

    // "Source: NHS Digital (2018), read in Royal College of Psychiatrists (2023), Rationale, point 1 [3]"
    // for the first citation, with marks for every one.
    doc::Inlines source_line(const model::Cites& cites, const std::string& prefix = "Source: ");

    std::size_t size() const { return order_.size(); }
    // Renumbers by work (works in order of first use, places within a work in order of first
    // use). Returns old number → new number for renumber_marks.
    std::map<int, int> group_by_work();
    // The references: for each work one paragraph naming it, then its numbered places run on
    // one after another, each number carrying the anchor "ref-N".
    doc::Blocks references() const;

    static std::string anchor(int n) { return "ref-" + std::to_string(n); }

private:
    std::string work(const std::string& source_id) const;  // "Title (Author, Year)" or the id

    const model::Model& m_;
    std::map<std::tuple<std::string, std::string, std::string>, int> numbers_;
    std::vector<model::Citation> order_;
};

// Rewrites the reference marks in `blocks` (text and link target) with new numbers.
void renumber_marks(doc::Blocks& blocks, const std::map<int, int>& renumber);

}  // namespace sprout::brief
