#include "catalog/text.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

using ernte::catalog::append_json_string;

namespace {

std::string json_string(std::string_view text) {
    std::string out = "x";  // appends, keeping what is there
    append_json_string(out, text);
    return out.substr(1);
}

}  // namespace

TEST(AppendJsonString, EscapesWhatJsonRequiresAndNothingElse) {
    EXPECT_EQ(json_string(""), "\"\"");
    EXPECT_EQ(json_string("Haushalt 2023"), "\"Haushalt 2023\"");
    EXPECT_EQ(json_string("Stra\xC3\x9F" "e"), "\"Stra\xC3\x9F" "e\"");  // UTF-8 as it is
    EXPECT_EQ(json_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(json_string("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
    EXPECT_EQ(json_string(std::string_view("\x01\x1f\0z", 4)), "\"\\u0001\\u001f\\u0000z\"");
    EXPECT_EQ(json_string("/ <script>"), "\"/ <script>\"");
}

TEST(AppendJsonString, EveryByteComesBackThroughAJsonParser) {
    std::string all;
    for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
    all += "\xC3\xBC \xE2\x80\x9E" "end\"";
    for (const std::string& text : {all, std::string(1000, '\\'), std::string("\"") + std::string(300, 'a')}) {
        rapidjson::Document doc;
        const std::string json = json_string(text);
        doc.Parse(json.c_str());
        ASSERT_FALSE(doc.HasParseError()) << json;
        ASSERT_TRUE(doc.IsString());
        EXPECT_EQ(std::string(doc.GetString(), doc.GetStringLength()), text);
    }
}

