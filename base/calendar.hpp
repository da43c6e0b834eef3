#pragma once
// Whether numbers typed or sent as a date name a real day. std::chrono knows
// the Gregorian calendar (month lengths, leap years); nothing here repeats it.

namespace wall {

/// @brief True when year-month-day is a real Gregorian day (2028-02-29 yes; 2026-02-29, 2026-02-31, 2026-13-01 no).
bool isCalendarDay(int year, int month, int day);

}  // namespace wall
