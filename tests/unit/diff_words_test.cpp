// Word-level diffs: what readers would notice, shortened around the changes.
#include <catch2/catch.hpp>

#include "diff/words.hpp"

using namespace sprout::diff;

namespace {

std::string show(const std::vector<Word>& ws) {
    std::string out;
    for (const auto& w : ws) {
        if (!out.empty()) out += ' ';
        switch (w.op) {
        case Word::Op::Same: out += w.text; break;
        case Word::Op::Gap: out += "…"; break;
        case Word::Op::Removed: out += "[-" + w.text + "-]"; break;
        case Word::Op::Added: out += "{+" + w.text + "+}"; break;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("words split on any whitespace; squash_space normalises it", "[diff][words]") {
    CHECK(split_words("  a\tb\n\nc  ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(squash_space(" a \n b ") == "a b");
    CHECK(squash_space("") == "");
}

TEST_CASE("reader_text ignores Markdown markup and wrapping", "[diff][words]") {
    CHECK(reader_text("Some **bold**\ntext") == reader_text("Some __bold__ text"));
    CHECK(reader_text("- one\n- two") == reader_text("* one\n* two"));
    CHECK(reader_text("one") != reader_text("two"));
}

TEST_CASE("word diff marks replacements as removal then addition", "[diff][words]") {
    CHECK(show(word_diff("the cat sat", "the dog sat")) == "the [-cat-] {+dog+} sat");
    CHECK(show(word_diff("a b", "a b c")) == "a b {+c+}");
    CHECK(show(word_diff("x y z", "")) == "[-x y z-]");
    CHECK(show(word_diff("", "new words")) == "{+new words+}");
}

TEST_CASE("word diff keeps a few words of context and elides the rest", "[diff][words]") {
    const std::string a = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    const std::string b = "one two three four five six SEVEN eight nine ten eleven twelve thirteen fourteen";
    CHECK(show(word_diff(a, b, 2)) == "… five six [-seven-] {+SEVEN+} eight nine …");
    // Two changes far apart: one gap between them.
    const std::string c = "ONE two three four five six seven eight nine ten eleven twelve thirteen FOURTEEN";
    CHECK(show(word_diff(a, c, 1)) == "[-one-] {+ONE+} two … thirteen [-fourteen-] {+FOURTEEN+}");
}

TEST_CASE("word diff of long texts stays bounded", "[diff][words]") {
    std::string a, b;
    for (int i = 0; i < 5000; ++i) {
        a += "w" + std::to_string(i) + " ";
        b += "v" + std::to_string(i) + " ";
    }
    const auto d = word_diff(a, b);
    REQUIRE(d.size() == 2);
    CHECK(d[0].op == Word::Op::Removed);
    CHECK(d[1].op == Word::Op::Added);
}
