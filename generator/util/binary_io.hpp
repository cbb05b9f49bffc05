#pragma once
// A compact binary form for caches that only the binary that wrote them reads back (the check
// memo, check::Memo::save): integers as varints, strings and lists prefixed with their
// length, optionals and shared pointers with a flag, and a struct as the members() its own header or source lists,
// in that order. Files are written a megabyte block at a time with a running hash of the blocks
// at the end, through a temporary file renamed into place: a file cut short, altered or from a
// half-finished write is refused as a whole, never read as something else.
#include <atomic>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sprout::util {

class BinaryWriter {
public:
    explicit BinaryWriter(int fd) : fd_(fd) { buf_.reserve(kBlock * 2); }
    // Into memory, for a value kept encoded inside a larger file (see BinaryReader::of_bytes):
    // take() gives the bytes; nothing is written or hashed.
    BinaryWriter() = default;
    std::string take() { return std::move(buf_); }
    void bytes(const void* data, std::size_t n);
    void varint(std::uint64_t v);
    void string(std::string_view s) {
        varint(s.size());
        bytes(s.data(), s.size());
    }
    // Writes what is buffered and the hash of every block; false if any write failed.
    bool finish();

    static constexpr std::size_t kBlock = 1 << 20;

private:
    void write_blocks(bool last);
    int fd_ = -1;  // -1: into memory
    std::string buf_;
    std::uint64_t hash_ = 0;
    bool ok_ = true;
};

// Reads what a BinaryWriter wrote. A read past the end, or a length longer than what is left,
// marks the reader failed and yields zeros and empty values from then on: callers check ok()
// (or finish()) once at the end rather than after every value.
class BinaryReader {
public:
    // With `stop`: once it is set, the reader fails at its next block (a megabyte), so that a
    // reader no longer wanted gives up within a few milliseconds.
    BinaryReader(int fd, std::uint64_t file_size, const std::atomic<bool>* stop = nullptr);
    // Reads what a BinaryWriter() wrote into memory; ok() at the end says it was whole.
    static BinaryReader of_bytes(std::string bytes);
    void bytes(void* into, std::size_t n);
    std::uint64_t varint();
    void string(std::string& s);
    // A count of items about to be read, each at least one byte: one larger than what is left
    // fails here rather than as an allocation of that many items.
    std::size_t count();
    bool ok() const { return ok_; }
    bool at_end() const { return consumed_ == payload_ && at_ == buf_.size(); }
    // True when everything before the hash was read and it matches.
    bool finish();

private:
    bool refill();
    int fd_;
    const std::atomic<bool>* stop_;
    std::uint64_t payload_ = 0;   // bytes before the trailing hash
    std::uint64_t consumed_ = 0;  // bytes of the payload moved into buf_ so far
    std::string buf_;
    std::size_t at_ = 0;
    std::uint64_t hash_ = 0;
    bool ok_ = true;
};

// Writes `fill`'s output to `path` through `path`.tmp renamed over it. False (and `path` as it
// was, the temporary file removed) when it cannot.
bool write_binary_file(const std::string& path, const std::function<void(BinaryWriter&)>& fill);
// Reads `path` with `read`; false when the file is missing, is not whole, or `read` returns
// false or leaves the reader failed (or `stop` was set: see BinaryReader).
bool read_binary_file(const std::string& path, const std::function<bool(BinaryReader&)>& read,
                      const std::atomic<bool>* stop = nullptr);

// `T` is `U`, const or not: one members(MemberOf<U> auto&) serves writing (const) and reading.
template <class T, class U>
concept MemberOf = std::same_as<std::remove_const_t<T>, U>;

// Any value of the kinds above, or a struct with a members() function (found by argument-
// dependent lookup) returning std::tie of its fields.
template <class T>
void put(BinaryWriter& w, const T& v);
template <class T>
void get(BinaryReader& r, T& v);

// Whether members(T&) lists every member of T: laying the listed members out in order, as the
// compiler does, gives T's size only then, unless one is missing that would have sat in the
// padding after another small member (a new int beside an int): tests that round-trip real
// data catch those.
template <class T>
constexpr bool lists_every_member() {
    using Tie = decltype(members(std::declval<T&>()));
    return []<std::size_t... I>(std::index_sequence<I...>) {
        std::size_t at = 0;
        const auto place = [&at](std::size_t size, std::size_t align) { at = (at + align - 1) / align * align + size; };
        (place(sizeof(std::remove_reference_t<std::tuple_element_t<I, Tie>>),
               alignof(std::remove_reference_t<std::tuple_element_t<I, Tie>>)),
         ...);
        return (at + alignof(T) - 1) / alignof(T) * alignof(T) == sizeof(T);
    }(std::make_index_sequence<std::tuple_size_v<Tie>>{});
}

namespace binary_detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_shared_ptr : std::false_type {};
template <class T>
struct is_shared_ptr<std::shared_ptr<T>> : std::true_type {};
}  // namespace binary_detail

template <class T>
void put(BinaryWriter& w, const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        w.string(v);
    } else if constexpr (std::is_same_v<T, bool>) {
        w.varint(v ? 1 : 0);
    } else if constexpr (std::is_enum_v<T>) {
        w.varint(static_cast<std::uint64_t>(v));
    } else if constexpr (std::unsigned_integral<T>) {
        w.varint(v);
    } else if constexpr (std::signed_integral<T>) {
        const auto s = static_cast<std::int64_t>(v);  // zigzag: small negatives stay short
        w.varint((static_cast<std::uint64_t>(s) << 1) ^ static_cast<std::uint64_t>(s >> 63));
    } else if constexpr (std::is_same_v<T, double>) {
        w.bytes(&v, sizeof v);
    } else if constexpr (binary_detail::is_optional<T>::value || binary_detail::is_shared_ptr<T>::value) {
        w.varint(v ? 1 : 0);
        if (v) put(w, *v);
    } else if constexpr (binary_detail::is_vector<T>::value) {
        w.varint(v.size());
        for (const auto& item : v) put(w, item);
    } else {
        std::apply([&w](const auto&... m) { (put(w, m), ...); }, members(v));
    }
}

template <class T>
void get(BinaryReader& r, T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        r.string(v);
    } else if constexpr (std::is_same_v<T, bool>) {
        v = r.varint() != 0;
    } else if constexpr (std::is_enum_v<T>) {
        v = static_cast<T>(r.varint());
    } else if constexpr (std::unsigned_integral<T>) {
        v = static_cast<T>(r.varint());
    } else if constexpr (std::signed_integral<T>) {
        const auto z = r.varint();
        v = static_cast<T>(static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1));
    } else if constexpr (std::is_same_v<T, double>) {
        r.bytes(&v, sizeof v);
    } else if constexpr (binary_detail::is_optional<T>::value) {
        v.reset();
        if (r.varint() != 0) get(r, v.emplace());
    } else if constexpr (binary_detail::is_shared_ptr<T>::value) {
        v.reset();
        if (r.varint() != 0) {
            auto made = std::make_shared<std::remove_const_t<typename T::element_type>>();
            get(r, *made);
            v = std::move(made);
        }
    } else if constexpr (binary_detail::is_vector<T>::value) {
        v.clear();
        v.resize(r.count());
        for (auto& item : v) get(r, item);
    } else {
        std::apply([&r](auto&... m) { (get(r, m), ...); }, members(v));
    }
}

// A value encoded on its own, to be kept encoded until it is needed (decode).
template <class T>
std::string encode(const T& v) {
    BinaryWriter w;
    put(w, v);
    return w.take();
}
// Decodes what encode wrote; false when the bytes are not exactly one T.
template <class T>
bool decode(std::string_view bytes, T& v) {
    auto r = BinaryReader::of_bytes(std::string(bytes));
    get(r, v);
    return r.ok() && r.at_end();
}

}  // namespace sprout::util
