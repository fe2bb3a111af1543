#include "catalog/web/html.hpp"

#include <gtest/gtest.h>

using namespace ernte::catalog::web;

TEST(EscapeHtml, ReplacesEveryCharacterThatCouldEndTextOrAnAttribute) {
    EXPECT_EQ(escape_html(R"(<script>alert("x" & 'y')</script>)"),
              "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    EXPECT_EQ(escape_html("Bäume in Moers"), "Bäume in Moers");
}

TEST(IsWebUrl, OnlyAbsoluteHttpAndHttpsUrls) {
    EXPECT_TRUE(is_web_url("https://www.offenesdatenportal.de/dataset/baeume"));
    EXPECT_TRUE(is_web_url("HTTP://example.org/a.csv"));
    EXPECT_FALSE(is_web_url("javascript:alert(1)"));
    EXPECT_FALSE(is_web_url("JavaScript:alert(1)"));
    EXPECT_FALSE(is_web_url("data:text/html,<script>alert(1)</script>"));
    EXPECT_FALSE(is_web_url("ftp://example.org/a.csv"));
    EXPECT_FALSE(is_web_url("//example.org/a.csv"));
    EXPECT_FALSE(is_web_url("https://"));
    EXPECT_FALSE(is_web_url("https://example.org/a b.csv"));
    EXPECT_FALSE(is_web_url(" https://example.org/"));
    EXPECT_FALSE(is_web_url("https://example.org/\nx"));
}

TEST(JsonForScript, NothingCanEndTheScriptElement) {
    const std::string json = R"({"name":"</script><script>alert(1)</script><!--","d":"a & b)" "\xE2\x80\xA8" R"("})";
    const std::string safe = json_for_script(json);
    EXPECT_EQ(safe.find('<'), std::string::npos);
    EXPECT_EQ(safe.find('>'), std::string::npos);
    EXPECT_EQ(safe.find('&'), std::string::npos);
    EXPECT_EQ(safe.find("\xE2\x80\xA8"), std::string::npos);
    EXPECT_NE(safe.find(R"(\u003c/script\u003e)"), std::string::npos);
    EXPECT_NE(safe.find(R"(\u2028)"), std::string::npos);
}

TEST(HtmlWriter, EscapesTextAndAttributeValues) {
    HtmlWriter w;
    w.open("p", {{"title", "\"onmouseover=\"alert(1)"}}).text("<b>fett</b>").close("p");
    EXPECT_EQ(w.str(), "<p title=\"&quot;onmouseover=&quot;alert(1)\">&lt;b&gt;fett&lt;/b&gt;</p>");
}

TEST(HtmlWriter, ExternalLinksOnlyForHttpUrls) {
    HtmlWriter ok;
    ok.external_link("https://example.org/a.csv?x=1&y=2");
    EXPECT_EQ(ok.str(), "<a href=\"https://example.org/a.csv?x=1&amp;y=2\" rel=\"nofollow noopener noreferrer\" "
                        "class=\"url\">https://example.org/a.csv?x=1&amp;y=2</a>");
    HtmlWriter refused;
    refused.external_link("javascript:alert(1)");
    EXPECT_EQ(refused.str(), "<span class=\"url\">javascript:alert(1)</span>");
    EXPECT_EQ(refused.str().find("href"), std::string::npos);
}

TEST(HtmlWriter, JsonLdIsWrittenSafely) {
    HtmlWriter w;
    w.json_ld(R"({"name":"</script><script>alert(1)</script>"})");
    EXPECT_EQ(w.str(), "<script type=\"application/ld+json\">{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003e"
                       "alert(1)\\u003c/script\\u003e\"}</script>");
}
