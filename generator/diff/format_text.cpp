// The terminal report: a summary line, then each kind with its added, withdrawn and changed
// records, one line per change.
#include <sstream>

#include "diff/format.hpp"

namespace sprout::diff {

namespace {

std::string words_text(const std::vector<Word>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        switch (w.op) {
        case Word::Op::Same:
        case Word::Op::Gap: out += w.text; break;
        case Word::Op::Removed: out += "[-" + w.text + "-]"; break;
        case Word::Op::Added: out += "{+" + w.text + "+}"; break;
        }
    }
    return out;
}

std::string side(const std::string& name, const std::string& edition) {
    return edition.empty() ? name : name + " (edition " + edition + ")";
}

}  // namespace

std::string to_text(const Changes& c, const Labels& l) {
    std::ostringstream os;
    const std::string span = side(l.old_name, c.old_edition) + " to " + side(l.new_name, c.new_edition);
    if (c.empty()) {
        os << "No changes in meaning from " << span << ".\n";
        return os.str();
    }
    os << "Changes from " << span << ": " << c.count(Status::Added) << " added, " << c.count(Status::Withdrawn)
       << " withdrawn, " << c.count(Status::Changed) << " changed\n";
    std::string kind;
    for (const auto& r : c.records) {
        if (r.kind != kind) {
            kind = r.kind;
            os << "\n" << kind_heading(kind) << "\n";
        }
        std::string status = status_word(r.status);
        status.resize(10, ' ');
        os << "  " << status << " " << r.id << " — " << r.label << "\n";
        for (const auto& ch : r.changes) {
            os << "      - " << headline(ch);
            if (ch.type == ChangeType::Reworded) os << ": " << words_text(ch.words);
            os << "\n";
        }
    }
    return os.str();
}

}  // namespace sprout::diff
