// Beijing time (UTC+8, no daylight saving) without a time-zone database: the
// wall always shows China Standard Time, whatever the host's TZ says.
#pragma once

#include "base/clock.hpp"
#include "model.hpp"

#include <chrono>
#include <string>

namespace wall {

constexpr TimeMs kBeijingOffsetMs = 8 * 3600 * 1000;

struct CivilTime {
    int year = 1970, month = 1, day = 1;
    int hour = 0, minute = 0, second = 0;
    int weekday = 4;  // 0 = Sunday (1970-01-01 was a Thursday)
};

/// @brief Splits an epoch time into Beijing calendar fields.
CivilTime beijingCivil(TimeMs utc_ms);
/// @brief Epoch ms of a Beijing wall-clock time.
TimeMs beijingToUtc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
/// @brief Epoch ms of Beijing midnight starting the day that contains utc_ms.
TimeMs beijingMidnight(TimeMs utc_ms);

std::string formatClock(TimeMs utc_ms);   // "14:05:09"
std::string formatHm(TimeMs utc_ms);      // "14:05"
std::string formatDate(TimeMs utc_ms);    // "2026-07-15"
/// @brief A duration as "1:05:09" or "05:09" (negative durations get a leading '-').
std::string formatDuration(TimeMs ms);

} // namespace wall
