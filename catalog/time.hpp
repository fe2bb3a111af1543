#pragma once
/// Timestamps as ernte stores and prints them: ISO 8601 UTC with seconds.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ernte::catalog {

/// "2026-11-22T02:00:00Z"
std::string format_utc(std::chrono::system_clock::time_point t);

/// Today's date in UTC, "2026-11-22": what the plausibility checks of an
/// assessment compare dates with.
std::string today_utc();

/// Parse "YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)" or "YYYY-MM-DD hh:mm:ss"
/// (taken as UTC); nullopt when it is not such a timestamp or lies outside
/// the years 1678 to 2261 that the system clock can hold.
std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);

}  // namespace ernte::catalog
