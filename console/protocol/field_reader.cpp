#include "field_reader.hpp"

#include "base/calendar.hpp"
#include "json_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace wall::protocol {

void failAt(RejectReason reason, const JsonPath& path, const std::string& what) {
    throw FieldError{reason, path.str() + ": " + what};
}

std::string quoteForDetail(std::string_view s) {
    constexpr size_t kMaxShown = 48;
    auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
        size_t len = utf8SequenceLength(p + i, s.size() - i);
        if (len == 0) len = 1;
        if (i + len > kMaxShown) break;
        i += len;
    }
    std::string out;
    appendJsonString(out, s.substr(0, i));
    if (i < s.size()) out += "...";
    return out;
}

std::string numberForDetail(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

void checkString(std::string_view s, const JsonPath& path, StringRule rule) {
    if (s.empty() && !rule.allow_empty) failAt(RejectReason::BadValue, path, "must not be empty");
    if (s.size() > rule.max_bytes)
        failAt(RejectReason::BadValue, path,
               std::to_string(s.size()) + " bytes exceed the limit of " + std::to_string(rule.max_bytes) + " bytes");
    if (rule.max_bytes == kUncheckedRule.max_bytes) return;
    for (unsigned char c : s) {
        if (c >= 0x20 && c != 0x7F) continue;
        if (rule.allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", c);
        failAt(RejectReason::BadValue, path, std::string("control character ") + code + " not allowed");
    }
}

// A float that holds an integral value too big for 64 bits came from an
// integer literal out of range; any other float is the wrong type.
void failNotInteger(double d, const std::string& described, const JsonPath& path, const std::string& range) {
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) >= 9223372036854775808.0)
        failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + described);
    failAt(RejectReason::WrongFieldType, path, "expected an integer (no fraction or exponent), got " + described);
}

void checkChoice(const std::string& value, const JsonPath& path, std::string_view choices) {
    for (size_t at = 0; at <= choices.size();) {
        const size_t bar = std::min(choices.find('|', at), choices.size());
        if (choices.substr(at, bar - at) == value) return;
        at = bar + 1;
    }
    failAt(RejectReason::BadValue, path, "expected one of " + std::string(choices) + ", got " + quoteForDetail(value));
}

bool isCalendarDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](size_t at, size_t len) {
        int v = 0;
        for (size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = num(0, 4);
    return y >= 1970 && isCalendarDay(y, num(5, 2), num(8, 2));
}

} // namespace wall::protocol
