#include "model/time_text.hpp"

#include "base/calendar.hpp"
#include "model/beijing_time.hpp"

#include <cctype>
#include <cstdio>

namespace wall {

std::string isoBeijing(TimeMs utc_ms) {
    const CivilTime c = beijingCivil(utc_ms);
    const int ms = static_cast<int>(((utc_ms % 1000) + 1000) % 1000);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", c.year, c.month, c.day, c.hour,
                  c.minute, c.second, ms);
    return buf;
}

std::optional<TimeMs> parseTimeArg(std::string_view text) {
    if (text.empty()) return std::nullopt;
    bool all_digits = true;
    for (char ch : text) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(ch));
    if (all_digits && text.size() > 8) return std::stoll(std::string(text));
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char sep = 0;
    const std::string t(text);
    const int n = std::sscanf(t.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s);
    if (n != 3 && n < 6) return std::nullopt;
    if (n >= 4 && sep != 'T' && sep != ' ') return std::nullopt;
    if (!isCalendarDay(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
    return beijingToUtc(y, mo, d, h, mi, s);
}

} // namespace wall
