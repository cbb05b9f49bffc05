// web::TextSpill keeps pages' search text in a temporary file while a site renders; whatever
// goes in must come back byte for byte, from any thread, whether still buffered or written.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "web/text_spill.hpp"

using namespace sprout::web;

namespace {

// Texts of every size around the spill's one-megabyte buffer, with every byte value in them.
std::vector<std::string> sample_texts() {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < 600; ++i) {
        std::string t(i * 37 % 9001, '\0');
        for (std::size_t j = 0; j < t.size(); ++j) t[j] = static_cast<char>((i * 131 + j * 7) & 0xff);
        texts.push_back(std::move(t));
    }
    texts.push_back(std::string(3 << 20, 'x'));  // larger than the buffer on its own
    texts.push_back("");
    texts.push_back("last");
    return texts;
}

}  // namespace

TEST_CASE("spilled texts read back exactly, buffered or written, from several threads", "[text-spill]") {
    const auto spill = TextSpill::create();
    REQUIRE(spill);
    const auto texts = sample_texts();
    std::vector<SpillableText> kept(texts.begin(), texts.end());
    for (auto& k : kept) k.spill_to(spill);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        INFO("text " << i);
        REQUIRE(kept[i].size() == texts[i].size());
        REQUIRE(kept[i].str() == texts[i]);
    }
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t)
        readers.emplace_back([&, t] {
            for (std::size_t i = t; i < texts.size(); i += 4) wrong[t] += kept[i].str() != texts[i];
        });
    for (auto& r : readers) r.join();
    CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("a spilled text equals the same text kept in memory, and only the same text", "[text-spill]") {
    const auto spill = TextSpill::create();
    REQUIRE(spill);
    SpillableText a(std::string("Shared reading with infants"));
    SpillableText b(std::string("Shared reading with infants"));
    SpillableText c(std::string("Shared reading with infantS"));
    a.spill_to(spill);
    CHECK(a == b);
    CHECK(b == a);
    CHECK_FALSE(a == c);
    c.spill_to(spill);
    CHECK_FALSE(a == c);
    b.spill_to(spill);
    CHECK(a == b);
    // Assigning a new text brings it back into memory.
    a = std::string("other");
    CHECK(a.str() == "other");
    CHECK_FALSE(a == b);
}

TEST_CASE("without a spill a text stays in memory", "[text-spill]") {
    SpillableText t(std::string("kept"));
    t.spill_to(nullptr);
    CHECK(t.str() == "kept");
    CHECK(t == SpillableText(std::string("kept")));
}

TEST_CASE("spilled texts read through a window come back exactly, in order or not", "[text-spill]") {
    const auto spill = TextSpill::create();
    REQUIRE(spill);
    const auto texts = sample_texts();
    std::vector<SpillableText> kept(texts.begin(), texts.end());
    for (auto& k : kept) k.spill_to(spill);
    TextSpill::Window window;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        INFO("text " << i);
        REQUIRE(kept[i].view(window) == texts[i]);  // the last ones still in the buffer
    }
    for (std::size_t i = texts.size(); i-- > 0;) {
        INFO("backwards, text " << i);
        REQUIRE(kept[i].view(window) == texts[i]);
    }
    // A window reads from whichever spill each text is in.
    const auto other = TextSpill::create();
    REQUIRE(other);
    SpillableText elsewhere(std::string("in another spill"));
    elsewhere.spill_to(other);
    CHECK(kept[3].view(window) == texts[3]);
    CHECK(elsewhere.view(window) == "in another spill");
    CHECK(kept[4].view(window) == texts[4]);
    // Texts of more spills than a window keeps, interleaved.
    std::vector<std::shared_ptr<TextSpill>> spills;
    std::vector<SpillableText> many, fillers;
    for (int i = 0; i < 30; ++i) {
        if (i % 5 == 0) spills.push_back(TextSpill::create());
        many.emplace_back(std::string(static_cast<std::size_t>(100 + i), static_cast<char>('a' + i % 26)));
        many.back().spill_to(spills.back());
        if (i % 5 == 4) {  // pushes this spill's five texts out of its buffer into its file
            fillers.emplace_back(std::string((1 << 20) + 1, 'f'));
            fillers.back().spill_to(spills.back());
        }
    }
    for (int round = 0; round < 2; ++round)
        for (std::size_t i = 0; i < many.size(); i += (i % 2 ? 7 : 3)) {
            INFO("interleaved text " << i);
            CHECK(many[i].view(window) == many[i].str());
            CHECK(kept[i % texts.size()].view(window) == texts[i % texts.size()]);
        }
    // Not spilled: the text itself.
    SpillableText here(std::string("in memory"));
    CHECK(here.view(window) == "in memory");
}
