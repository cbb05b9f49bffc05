// util/binary_io.hpp: what is written reads back the same, and a file that is not whole is
// refused rather than read as something else.
#include <catch2/catch.hpp>
#include <filesystem>
#include <limits>

#include "support.hpp"
#include "util/binary_io.hpp"

namespace fs = std::filesystem;
using namespace sprout;
using namespace sprout::test;

namespace binary_test {

enum class Colour { Red, Green = 7 };

struct Inner {
    std::string name;
    std::optional<std::int64_t> count;
    bool operator==(const Inner&) const = default;
};
auto members(util::MemberOf<Inner> auto& i) { return std::tie(i.name, i.count); }

struct Outer {
    std::string text;
    std::vector<Inner> items;
    std::vector<std::string> words;
    double value = 0;
    std::uint64_t big = 0;
    std::int32_t small = 0;
    Colour colour = Colour::Red;
    bool flag = false;
    bool operator==(const Outer&) const = default;
};
auto members(util::MemberOf<Outer> auto& o) {
    return std::tie(o.text, o.items, o.words, o.value, o.big, o.small, o.colour, o.flag);
}
static_assert(util::lists_every_member<Inner>() && util::lists_every_member<Outer>());

// A struct whose members() leaves one out is caught where it is declared.
struct Partial {
    std::string a, b;
};
auto members(util::MemberOf<Partial> auto& p) { return std::tie(p.a); }
static_assert(!util::lists_every_member<Partial>());

Outer sample() {
    Outer o;
    // Longer than two of the writer's blocks, with every byte value, so values cross blocks.
    for (std::size_t i = 0; i < 2 * util::BinaryWriter::kBlock + 12345; ++i) o.text += static_cast<char>(i * 7 % 256);
    o.items = {{"", std::nullopt}, {"nul\0inside", std::numeric_limits<std::int64_t>::min()}, {"é", -1}};
    o.items[1].name.assign("nul\0inside", 10);
    o.words = {"a", "", std::string(200, 'x')};
    o.value = -1234.5e-300;
    o.big = std::numeric_limits<std::uint64_t>::max();
    o.small = std::numeric_limits<std::int32_t>::min();
    o.colour = Colour::Green;
    o.flag = true;
    return o;
}

bool write_sample(const fs::path& file, const Outer& o) {
    return util::write_binary_file(file.string(), [&](util::BinaryWriter& w) { util::put(w, o); });
}

std::optional<Outer> read_sample(const fs::path& file) {
    Outer o;
    if (!util::read_binary_file(file.string(), [&](util::BinaryReader& r) {
            util::get(r, o);
            return r.ok();
        }))
        return std::nullopt;
    return o;
}

}  // namespace binary_test

using namespace binary_test;

TEST_CASE("values written in binary read back the same", "[binary-io]") {
    TempDir tmp;
    const auto file = tmp.path() / "sample.bin";
    const Outer o = sample();
    REQUIRE(write_sample(file, o));
    CHECK_FALSE(fs::exists(file.string() + ".tmp"));
    const auto back = read_sample(file);
    REQUIRE(back);
    CHECK(back->text == o.text);
    CHECK(*back == o);
    // Written again, the same bytes.
    const auto again = tmp.path() / "again.bin";
    REQUIRE(write_sample(again, *back));
    CHECK(read(again) == read(file));
}

TEST_CASE("a binary file that is cut short, altered or lengthened is refused", "[binary-io]") {
    TempDir tmp;
    const auto file = tmp.path() / "sample.bin";
    REQUIRE(write_sample(file, sample()));
    const std::string whole = read(file);
    const auto refused = [&](const std::string& bytes) {
        write(file, bytes);
        return !read_sample(file).has_value();
    };
    CHECK(refused(""));
    CHECK(refused(whole.substr(0, 7)));
    CHECK(refused(whole.substr(0, whole.size() / 2)));
    CHECK(refused(whole.substr(0, whole.size() - 1)));
    CHECK(refused(whole + "x"));
    for (const std::size_t at : {std::size_t{0}, whole.size() / 3, whole.size() - 3 * util::BinaryWriter::kBlock / 4, whole.size() - 2}) {
        std::string altered = whole;
        altered[at] = static_cast<char>(altered[at] ^ 0x10);
        INFO("byte " << at);
        CHECK(refused(altered));
    }
    CHECK_FALSE(refused(whole));
    fs::remove(file);
    CHECK_FALSE(read_sample(file));
}

TEST_CASE("a length larger than the file is refused without allocating it", "[binary-io]") {
    TempDir tmp;
    const auto file = tmp.path() / "lying.bin";
    // A string's length of 2^60, with a correct hash: the reader must not try to allocate it.
    REQUIRE(util::write_binary_file(file.string(), [](util::BinaryWriter& w) { w.varint(std::uint64_t{1} << 60); }));
    std::string s = "before";
    const bool read_whole = util::read_binary_file(file.string(), [&](util::BinaryReader& r) {
        r.string(s);
        return r.ok();
    });
    CHECK_FALSE(read_whole);
    CHECK(s.empty());
}

TEST_CASE("a binary file that cannot be written leaves nothing behind", "[binary-io]") {
    TempDir tmp;
    const auto file = tmp.path() / "missing-folder" / "x.bin";
    CHECK_FALSE(write_sample(file, Outer{}));
    CHECK_FALSE(fs::exists(file.parent_path()));
}

TEST_CASE("a reader told to stop gives up at its next block", "[binary-io]") {
    TempDir tmp;
    const auto file = tmp.path() / "long.bin";
    // Three blocks of strings: stopped after the first string, the reader fails before the end.
    const std::string piece(util::BinaryWriter::kBlock / 2, 'x');
    REQUIRE(util::write_binary_file(file.string(), [&](util::BinaryWriter& w) {
        for (int i = 0; i < 6; ++i) w.string(piece);
    }));
    std::atomic<bool> stop = false;
    int read = 0;
    const auto read_all = [&] {
        read = 0;
        return util::read_binary_file(file.string(), [&](util::BinaryReader& r) {
            std::string s;
            for (int i = 0; i < 6; ++i) {
                r.string(s);
                if (r.ok()) ++read;
                stop = true;  // from the first string on, as another thread would
            }
            return r.ok();
        }, &stop);
    };
    CHECK_FALSE(read_all());
    CHECK(read >= 1);
    CHECK(read < 6);
    // Not stopped, the same file reads whole.
    stop = false;
    const bool whole = util::read_binary_file(file.string(), [&](util::BinaryReader& r) {
        std::string s;
        for (int i = 0; i < 6; ++i) r.string(s);
        return r.ok() && s == piece;
    }, &stop);
    CHECK(whole);
}
