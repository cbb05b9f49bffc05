// Markdown from content can never inject script into the site.
#include <catch2/catch.hpp>

#include "markdown/markdown.hpp"

using namespace sprout::markdown;

TEST_CASE("raw HTML is not passed through", "[markdown][security]") {
    const auto html = to_html("Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(to_html("<div onclick=\"x()\">hi</div>").find("onclick") == std::string::npos);
}

TEST_CASE("unsafe link and image targets are removed", "[markdown][security]") {
    for (const char* md : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                           "[x](vbscript:msgbox)", "![i](javascript:alert(1))", "[x](file:///etc/passwd)", "<javascript:alert(1)>"}) {
        INFO(md);
        // Link text may mention a scheme; what matters is that no attribute carries one.
        std::string html = to_html(md);
        for (auto& c : html) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const char* bad : {"=\"javascript:", "=\"data:", "=\"vbscript:", "=\"file:"}) CHECK(html.find(bad) == std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
    }
}

TEST_CASE("safe links, tables and task lists render", "[markdown]") {
    CHECK(to_html("[a](https://example.org/x?y=1)").find("href=\"https://example.org/x?y=1\"") != std::string::npos);
    CHECK(to_html("[a](../sources/x.html#l2)").find("href=\"../sources/x.html#l2\"") != std::string::npos);
    CHECK(to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>") != std::string::npos);
    CHECK(to_html("- [ ] item\n").find("type=\"checkbox\"") != std::string::npos);
    CHECK(to_inline_html("Just *one* line") == "Just <em>one</em> line");
}

TEST_CASE("plain text drops markup", "[markdown]") {
    CHECK(to_plain_text("# Title\n\nSome **bold** [link](https://x.org).") == "Title\n\nSome bold link.");
}

TEST_CASE("escape_html escapes every special character", "[markdown][security]") {
    CHECK(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("is_safe_url allows only http, https, mailto and relative", "[markdown][security]") {
    CHECK(is_safe_url("https://a.org"));
    CHECK(is_safe_url("mailto:a@b.org"));
    CHECK(is_safe_url("../x.html"));
    CHECK(is_safe_url("#anchor"));
    CHECK(is_safe_url("page?x=a:b"));
    CHECK_FALSE(is_safe_url("javascript:alert(1)"));
    CHECK_FALSE(is_safe_url(" javascript:alert(1)"));
    CHECK_FALSE(is_safe_url("data:text/html,x"));
    CHECK_FALSE(is_safe_url("ftp://x"));
}

TEST_CASE("task-list checkboxes are named by their state for screen readers", "[markdown]") {
    const std::string html = to_html("- [ ] to do\n- [x] done\n");
    CHECK(html.find("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />") != std::string::npos);
    CHECK(html.find("checked=\"\" disabled=\"\" aria-label=\"Done\" />") != std::string::npos);
    CHECK(html.find("disabled=\"\" />") == std::string::npos);  // none left unnamed
}
