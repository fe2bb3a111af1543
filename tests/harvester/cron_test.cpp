#include "harvester/cron.hpp"

#include "catalog/time.hpp"

#include <gtest/gtest.h>

using namespace ernte::harvester;
using ernte::catalog::format_utc;
using ernte::catalog::parse_utc;

namespace {
std::string next_after(const char* expr, const char* when) {
    auto s = CronSchedule::parse(expr);
    EXPECT_TRUE(s.has_value()) << expr;
    return format_utc(s->next(*parse_utc(when)));
}
}  // namespace

TEST(Cron, NightlyRun) {
    EXPECT_EQ(next_after("0 2 * * *", "2026-11-22T01:30:00Z"), "2026-11-22T02:00:00Z");
    EXPECT_EQ(next_after("0 2 * * *", "2026-11-22T02:00:00Z"), "2026-11-23T02:00:00Z");
}

TEST(Cron, StepsListsRangesAndNames) {
    EXPECT_EQ(next_after("*/15 * * * *", "2026-11-22T10:16:00Z"), "2026-11-22T10:30:00Z");
    EXPECT_EQ(next_after("5,35 8-9 * * *", "2026-11-22T09:36:00Z"), "2026-11-23T08:05:00Z");
    // 2026-11-22 is a Sunday; the next Monday is the 23rd.
    EXPECT_EQ(next_after("0 3 * * mon", "2026-11-22T12:00:00Z"), "2026-11-23T03:00:00Z");
    EXPECT_EQ(next_after("0 0 1 jan *", "2026-11-22T12:00:00Z"), "2027-01-01T00:00:00Z");
    EXPECT_EQ(next_after("0 0 * * 7", "2026-11-22T12:00:00Z"), "2026-11-29T00:00:00Z");
}

TEST(Cron, BothDayFieldsRestrictedMeansEither) {
    // The 1st of the month or any Friday, as crontab(5) says.
    EXPECT_EQ(next_after("0 0 1 * fri", "2026-11-22T12:00:00Z"), "2026-11-27T00:00:00Z");
}

TEST(Cron, LeapDay) { EXPECT_EQ(next_after("0 0 29 2 *", "2026-03-01T00:00:00Z"), "2028-02-29T00:00:00Z"); }

TEST(Cron, InvalidExpressionsExplainWhy) {
    std::string error;
    EXPECT_FALSE(CronSchedule::parse("0 2 * *", &error));
    EXPECT_NE(error.find("5 fields"), std::string::npos);
    EXPECT_FALSE(CronSchedule::parse("60 * * * *", &error));
    EXPECT_NE(error.find("minute field '60'"), std::string::npos) << error;
    EXPECT_FALSE(CronSchedule::parse("* * * * xyz", &error));
    EXPECT_FALSE(CronSchedule::parse("*/0 * * * *", &error));
    EXPECT_FALSE(CronSchedule::parse("5-1 * * * *", &error));
}
