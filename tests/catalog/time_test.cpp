#include "catalog/time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

TEST(Time, TodayIsTheUtcDateOfNow) {
    const std::string before = ernte::catalog::format_utc(std::chrono::system_clock::now()).substr(0, 10);
    const std::string today = ernte::catalog::today_utc();
    const std::string after = ernte::catalog::format_utc(std::chrono::system_clock::now()).substr(0, 10);
    ASSERT_EQ(today.size(), 10u);
    EXPECT_TRUE(today == before || today == after) << today;  // midnight may pass in between
    EXPECT_EQ(today[4], '-');
    EXPECT_EQ(today[7], '-');
    EXPECT_TRUE(ernte::catalog::parse_utc(today + "T00:00:00Z").has_value());
}

TEST(Time, FormatAndParseAgree) {
    using namespace std::chrono;
    const sys_seconds t = sys_days{year{2026} / 11 / 22} + hours{2};
    EXPECT_EQ(ernte::catalog::format_utc(t), "2026-11-22T02:00:00Z");
    EXPECT_EQ(ernte::catalog::parse_utc("2026-11-22T03:00:00+01:00"), t);
    EXPECT_FALSE(ernte::catalog::parse_utc("22.11.2026").has_value());
}

TEST(Time, YearsTheClockCannotHoldAreRefused) {
    EXPECT_FALSE(ernte::catalog::parse_utc("2999-01-01T00:00:00Z"));
    EXPECT_FALSE(ernte::catalog::parse_utc("1600-01-01T00:00:00Z"));
    ASSERT_TRUE(ernte::catalog::parse_utc("2261-12-31T23:59:59Z"));
    EXPECT_EQ(ernte::catalog::format_utc(*ernte::catalog::parse_utc("2261-12-31T23:59:59Z")), "2261-12-31T23:59:59Z");
}
