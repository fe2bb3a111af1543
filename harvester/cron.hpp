#pragma once
/// Cron expressions for source schedules: five fields (minute, hour, day of
/// month, month, day of week) with `*`, lists, ranges, steps and the names of
/// months and weekdays, as in crontab(5). Times are UTC.

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ernte::harvester {

class CronSchedule {
public:
    /// Parse; nullopt and `error` set when the expression is invalid.
    static std::optional<CronSchedule> parse(std::string_view expression, std::string* error = nullptr);

    /// The first matching minute strictly after `after`.
    std::chrono::system_clock::time_point next(std::chrono::system_clock::time_point after) const;

    const std::string& expression() const { return m_expression; }

private:
    std::string m_expression;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;      // 1..31
    std::bitset<13> m_months;    // 1..12
    std::bitset<7> m_weekdays;   // 0 = Sunday
    bool m_days_restricted = false;
    bool m_weekdays_restricted = false;
};

}  // namespace ernte::harvester
