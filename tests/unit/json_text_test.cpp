// text::append_json_string writes strings into the search index directly; the index must stay
// what nlohmann::json wrote, byte for byte, whatever the text holds.
#include <catch2/catch.hpp>
#include <string>

#include <nlohmann/json.hpp>

#include "util/text.hpp"

using namespace sprout;

TEST_CASE("JSON strings are escaped exactly as nlohmann::json escapes them", "[text][json]") {
    std::string every_control;
    for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
    const std::string cases[] = {
        "",
        "plain words",
        "quote \" backslash \\ slash / tab\tnewline\nreturn\r",
        every_control,
        "\x7f delete is left alone",
        "Parent\xe2\x80\x93infant, na\xc3\xafve, \xf0\x9f\x91\xb6 and \xe2\x80\x9cquotes\xe2\x80\x9d",
        "<script>alert(1)</script> & </main>",
        "ends with a backslash \\",
    };
    for (const auto& s : cases) {
        std::string mine;
        text::append_json_string(mine, s);
        INFO(s);
        CHECK(mine == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        CHECK(nlohmann::json::parse(mine).get<std::string>() == s);
    }
}
