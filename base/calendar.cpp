#include "base/calendar.hpp"

#include <chrono>

namespace wall {

bool isCalendarDay(int year, int month, int day) {
    // Out-of-range parts are refused before the casts: month{} and day{} keep only a byte.
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    if (year < static_cast<int>(std::chrono::year::min()) || year > static_cast<int>(std::chrono::year::max())) return false;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    return ymd.ok();
}

}  // namespace wall
