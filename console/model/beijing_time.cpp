#include "beijing_time.hpp"

#include <cstdio>
#include <cstdlib>

namespace wall {

using namespace std::chrono;

namespace {
int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
} // namespace

CivilTime beijingCivil(TimeMs utc_ms) {
    const int64_t local = utc_ms + kBeijingOffsetMs;
    const int64_t days = floorDiv(local, 86'400'000);
    const int64_t ms_of_day = local - days * 86'400'000;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    CivilTime c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    c.hour = static_cast<int>(ms_of_day / 3'600'000);
    c.minute = static_cast<int>(ms_of_day / 60'000 % 60);
    c.second = static_cast<int>(ms_of_day / 1000 % 60);
    c.weekday = static_cast<int>(weekday{sys_days{std::chrono::days{days}}}.c_encoding());
    return c;
}

TimeMs beijingToUtc(int year, int month, int day, int hour, int minute, int second) {
    const sys_days d{year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}}};
    const TimeMs local = d.time_since_epoch().count() * 86'400'000LL + hour * 3'600'000LL + minute * 60'000LL +
                         second * 1000LL;
    return local - kBeijingOffsetMs;
}

TimeMs beijingMidnight(TimeMs utc_ms) {
    const int64_t local = utc_ms + kBeijingOffsetMs;
    return floorDiv(local, 86'400'000) * 86'400'000 - kBeijingOffsetMs;
}

std::string formatClock(TimeMs utc_ms) {
    const CivilTime c = beijingCivil(utc_ms);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", c.hour, c.minute, c.second);
    return buf;
}

std::string formatHm(TimeMs utc_ms) {
    const CivilTime c = beijingCivil(utc_ms);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
    return buf;
}

std::string formatDate(TimeMs utc_ms) {
    const CivilTime c = beijingCivil(utc_ms);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

std::string formatDuration(TimeMs ms) {
    const bool negative = ms < 0;
    const int64_t s = std::llabs(ms) / 1000;
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld", negative ? "-" : "", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%s%02lld:%02lld", negative ? "-" : "", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return buf;
}

} // namespace wall
