#include "harvester/cron.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace ernte::harvester {

namespace {

struct FieldSpec {
    const char* name;
    int min;
    int max;
    const char* const* names;  // aliases starting at `min`, or nullptr
};

constexpr const char* month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* weekday_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

bool parse_number(std::string_view text, const FieldSpec& spec, int& out) {
    if (spec.names && text.size() == 3) {
        const int count = spec.max - spec.min + 1;
        for (int i = 0; i < count && i < 12; ++i) {
            std::string_view alias = spec.names[i];
            bool same = true;
            for (std::size_t k = 0; k < 3; ++k)
                same = same && std::tolower(static_cast<unsigned char>(text[k])) == alias[k];
            if (same) {
                out = spec.min + i;
                return true;
            }
        }
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

// Parses one field into `bits` (index = value). Weekday 7 is Sunday.
template <std::size_t N>
bool parse_field(std::string_view field, const FieldSpec& spec, std::bitset<N>& bits, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = std::string(spec.name) + " field '" + std::string(field) + "': " + why;
        return false;
    };
    if (field.empty()) return fail("empty");
    const int max = spec.max;
    std::size_t pos = 0;
    while (pos <= field.size()) {
        std::size_t comma = field.find(',', pos);
        if (comma == std::string_view::npos) comma = field.size();
        std::string_view part = field.substr(pos, comma - pos);
        if (part.empty()) return fail("empty list element");
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string_view::npos) {
            if (!parse_number(part.substr(slash + 1), FieldSpec{spec.name, 1, max, nullptr}, step) || step < 1)
                return fail("step must be a positive number");
            part = part.substr(0, slash);
        }
        int lo = spec.min;
        int hi = max;
        if (part != "*") {
            auto dash = part.find('-');
            if (dash == std::string_view::npos) {
                if (!parse_number(part, spec, lo)) return fail("'" + std::string(part) + "' is not a number");
                hi = (step > 1) ? max : lo;
            } else {
                if (!parse_number(part.substr(0, dash), spec, lo) || !parse_number(part.substr(dash + 1), spec, hi))
                    return fail("'" + std::string(part) + "' is not a range");
            }
        }
        const int upper = (spec.names == weekday_names) ? 7 : max;
        if (lo < spec.min || hi > upper || lo > hi)
            return fail("values must lie between " + std::to_string(spec.min) + " and " + std::to_string(max));
        for (int v = lo; v <= hi; v += step) bits.set(static_cast<std::size_t>((spec.names == weekday_names && v == 7) ? 0 : v));
        pos = comma + 1;
        if (comma == field.size()) break;
    }
    return true;
}

}  // namespace

std::optional<CronSchedule> CronSchedule::parse(std::string_view expression, std::string* error) {
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < expression.size()) {
        while (i < expression.size() && std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
        std::size_t start = i;
        while (i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
        if (i > start) fields.push_back(expression.substr(start, i - start));
    }
    if (fields.size() != 5) {
        if (error)
            *error = "a cron expression has 5 fields (minute hour day-of-month month day-of-week), found " +
                     std::to_string(fields.size());
        return std::nullopt;
    }
    CronSchedule s;
    s.m_expression = std::string(expression);
    if (!parse_field(fields[0], {"minute", 0, 59, nullptr}, s.m_minutes, error)) return std::nullopt;
    if (!parse_field(fields[1], {"hour", 0, 23, nullptr}, s.m_hours, error)) return std::nullopt;
    if (!parse_field(fields[2], {"day-of-month", 1, 31, nullptr}, s.m_days, error)) return std::nullopt;
    if (!parse_field(fields[3], {"month", 1, 12, month_names}, s.m_months, error)) return std::nullopt;
    if (!parse_field(fields[4], {"day-of-week", 0, 6, weekday_names}, s.m_weekdays, error)) return std::nullopt;
    s.m_days_restricted = fields[2] != "*";
    s.m_weekdays_restricted = fields[4] != "*";
    return s;
}

std::chrono::system_clock::time_point CronSchedule::next(std::chrono::system_clock::time_point after) const {
    using namespace std::chrono;
    auto t = floor<minutes>(after) + minutes(1);
    // Search minute by minute at worst over ~5 years (leap days, rare dates).
    const auto limit = t + days(366 * 5);
    while (t < limit) {
        const auto day = floor<days>(t);
        const year_month_day ymd{day};
        const unsigned month = static_cast<unsigned>(ymd.month());
        if (!m_months.test(month)) {
            // Jump to the first day of the next month.
            const auto first_next = sys_days{year_month_day{ymd.year() / ymd.month() / 1} + months(1)};
            t = time_point_cast<minutes>(first_next);
            continue;
        }
        const unsigned dom = static_cast<unsigned>(ymd.day());
        const unsigned dow = weekday{day}.c_encoding();
        const bool dom_ok = m_days.test(dom);
        const bool dow_ok = m_weekdays.test(dow);
        // crontab(5): when both day fields are restricted, either may match.
        const bool day_ok = (m_days_restricted && m_weekdays_restricted) ? (dom_ok || dow_ok) : (dom_ok && dow_ok);
        if (!day_ok) {
            t = time_point_cast<minutes>(day + days(1));
            continue;
        }
        const hh_mm_ss hms{t - day};
        const auto hour = static_cast<std::size_t>(hms.hours().count());
        if (!m_hours.test(hour)) {
            t = time_point_cast<minutes>(day + hours(hour + 1));
            continue;
        }
        const auto minute = static_cast<std::size_t>(hms.minutes().count());
        if (!m_minutes.test(minute)) {
            t += minutes(1);
            continue;
        }
        return t;
    }
    return limit;
}

}  // namespace ernte::harvester
