#include "catalog/url.hpp"

#include <gtest/gtest.h>

using ernte::catalog::percent_decode;
using ernte::catalog::url_encode;

TEST(UrlEncode, KeepsUnreservedAndEncodesEveryOtherByte) {
    EXPECT_EQ(url_encode("abc-XYZ_0.9~"), "abc-XYZ_0.9~");
    EXPECT_EQ(url_encode("id asc"), "id%20asc");
    EXPECT_EQ(url_encode("metadata_modified:[2026-11-01T00:00:00Z TO *]"),
              "metadata_modified%3A%5B2026-11-01T00%3A00%3A00Z%20TO%20%2A%5D");
    EXPECT_EQ(url_encode("Bäume&x=1"), "B%C3%A4ume%26x%3D1");
    EXPECT_EQ(url_encode(""), "");
}

TEST(PercentDecode, DecodesEscapesAndPlusOnlyWhenAsked) {
    EXPECT_EQ(percent_decode("B%C3%A4ume%26x%3d1", false), "Bäume&x=1");
    EXPECT_EQ(percent_decode("a+b", true), "a b");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode(url_encode("Straße 1/2?&=+%"), true), "Straße 1/2?&=+%");
}

TEST(PercentDecode, MalformedEscapesAreRefused) {
    EXPECT_FALSE(percent_decode("%", false));
    EXPECT_FALSE(percent_decode("abc%4", false));
    EXPECT_FALSE(percent_decode("%zz", false));
    EXPECT_FALSE(percent_decode("%4g", false));
    EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));  // the caller decides about NUL
}
