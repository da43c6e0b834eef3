// Dates typed at wallctl or sent by a backend must name a real day: a drill
// review "since 2026-02-31" has to be refused, not silently read as 3 March.
#include "base/calendar.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

TEST(CalendarDay, RealDaysPass) {
    EXPECT_TRUE(isCalendarDay(2026, 7, 15));
    EXPECT_TRUE(isCalendarDay(2026, 1, 31));
    EXPECT_TRUE(isCalendarDay(2026, 12, 31));
    EXPECT_TRUE(isCalendarDay(2028, 2, 29));  // leap year
    EXPECT_TRUE(isCalendarDay(2000, 2, 29));  // divisible by 400
}

TEST(CalendarDay, ImpossibleDaysFail) {
    EXPECT_FALSE(isCalendarDay(2026, 2, 31));
    EXPECT_FALSE(isCalendarDay(2026, 13, 1));
    EXPECT_FALSE(isCalendarDay(2026, 2, 29));  // 2026 is no leap year
    EXPECT_FALSE(isCalendarDay(2100, 2, 29));  // divisible by 100, not by 400
    EXPECT_FALSE(isCalendarDay(2026, 4, 31));
    EXPECT_FALSE(isCalendarDay(2026, 0, 1));
    EXPECT_FALSE(isCalendarDay(2026, 1, 0));
    EXPECT_FALSE(isCalendarDay(2026, 1, 256 + 1));  // would wrap to day 1 in a byte
    EXPECT_FALSE(isCalendarDay(2026, -1, 1));
}

}  // namespace
}  // namespace wall
