#include "model/time_text.hpp"

#include "base/calendar.hpp"
#include "model/beijing_time.hpp"

#include <cctype>
#include <cstdio>
#include <limits>

namespace wall {

std::string isoBeijing(TimeMs utc_ms) {
    const CivilTime c = beijingCivil(utc_ms);
    const int ms = static_cast<int>(((utc_ms % 1000) + 1000) % 1000);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", c.year, c.month, c.day, c.hour,
                  c.minute, c.second, ms);
    return buf;
}

std::string beijingSeconds(TimeMs utc_ms) { return formatDate(utc_ms) + " " + formatClock(utc_ms); }

namespace {

/// A cursor over the text: fixed-width digit fields and literal characters.
struct Cursor {
    std::string_view text;
    size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    bool peek(char c) const { return !done() && text[pos] == c; }
    bool take(char c) {
        if (!peek(c)) return false;
        ++pos;
        return true;
    }
    /// Exactly n digits; nullopt (pos unchanged) otherwise.
    std::optional<int> digits(size_t n) {
        if (text.size() - pos < n) return std::nullopt;
        int v = 0;
        for (size_t i = 0; i < n; ++i) {
            const char c = text[pos + i];
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
            v = v * 10 + (c - '0');
        }
        pos += n;
        return v;
    }
    std::string_view rest() const { return text.substr(pos); }
};

TimeArg refused(std::string error) { return {std::nullopt, std::move(error)}; }

std::string twoDigits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

} // namespace

TimeArg readTimeArg(std::string_view text) {
    if (text.empty()) return refused(std::string("the time is empty; expected ") + kTimeArgForms);
    // Appended, not "'" + std::string(text): GCC 12 warns falsely (-Wrestrict) on that form.
    std::string quoted = "'";
    quoted += text;
    quoted += '\'';
    bool all_digits = true;
    for (char ch : text) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(ch));
    if (all_digits) {
        // Eight digits or fewer would be a time before 1970-01-02: surely a date typed without dashes.
        if (text.size() <= 8)
            return refused(quoted + " is too short for epoch ms; a date is written YYYY-MM-DD");
        if (text.size() > 18) return refused(quoted + " is too large for epoch ms");
        return {std::stoll(std::string(text)), {}};
    }
    Cursor c{text};
    const auto y = c.digits(4);
    const bool dash1 = y && c.take('-');
    const auto mo = dash1 ? c.digits(2) : std::nullopt;
    const bool dash2 = mo && c.take('-');
    const auto d = dash2 ? c.digits(2) : std::nullopt;
    if (!d) return refused(quoted + ": expected " + kTimeArgForms);
    if (*mo < 1 || *mo > 12) return refused(quoted + ": month " + twoDigits(*mo) + " is out of range 01..12");
    if (!isCalendarDay(*y, *mo, *d))
        return refused(quoted + ": " + std::to_string(*y) + "-" + twoDigits(*mo) + "-" + twoDigits(*d) +
                       " is not a day of the calendar");
    int h = 0, mi = 0, s = 0, ms = 0;
    if (c.take('T') || c.take(' ')) {
        const auto hh = c.digits(2);
        const bool colon = hh && c.take(':');
        const auto mm = colon ? c.digits(2) : std::nullopt;
        if (!mm) return refused(quoted + ": expected HH:MM after the date (" + kTimeArgForms + ")");
        h = *hh;
        mi = *mm;
        if (c.take(':')) {
            const auto ss = c.digits(2);
            if (!ss) return refused(quoted + ": expected two digits of seconds after HH:MM:");
            s = *ss;
            if (c.take('.')) {
                int n = 0;
                while (n < 3 && !c.done() && std::isdigit(static_cast<unsigned char>(c.text[c.pos]))) {
                    ms = ms * 10 + (c.text[c.pos++] - '0');
                    ++n;
                }
                if (n == 0) return refused(quoted + ": expected milliseconds after the seconds' '.'");
                for (; n < 3; ++n) ms *= 10;  // ".5" is 500 ms
            }
        }
        if (h > 23) return refused(quoted + ": hour " + twoDigits(h) + " is out of range 00..23");
        if (mi > 59) return refused(quoted + ": minute " + twoDigits(mi) + " is out of range 00..59");
        if (s > 59) return refused(quoted + ": second " + twoDigits(s) + " is out of range 00..59");
    }
    if (!c.done()) {
        const std::string_view rest = c.rest();
        if (rest == "+08:00" || rest == "+0800") {
            // Beijing time, said explicitly: what isoBeijing prints.
        } else if (rest.front() == '+' || rest.front() == '-' || rest == "Z") {
            return refused(quoted + ": offset " + std::string(rest) +
                           " is not Beijing time; give Beijing time (+08:00 or none) or epoch ms");
        } else {
            return refused(quoted + ": unexpected '" + std::string(rest) + "' after the time (" + kTimeArgForms + ")");
        }
    }
    return {beijingToUtc(*y, *mo, *d, h, mi, s) + ms, {}};
}

std::optional<TimeMs> parseTimeArg(std::string_view text) { return readTimeArg(text).ms; }

} // namespace wall::wallctl
