// Time as the console and wallctl read and print it: Beijing time, ISO 8601 with milliseconds.
#pragma once

#include "model/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wall {

/// @brief "2026-07-15T14:05:09.123+08:00" for an epoch time.
std::string isoBeijing(TimeMs utc_ms);

/// @brief "2026-07-15 14:05:09": Beijing time to the second, as reviewers read it (and spreadsheets parse it).
std::string beijingSeconds(TimeMs utc_ms);

/// A time argument read: the time, or what is wrong with the text.
struct TimeArg {
    std::optional<TimeMs> ms;
    std::string error;  // empty when ms is set; else names the fault, e.g. "hour 24 is out of range 00..23"
};

/// @brief Reads epoch milliseconds ("1752559509123") or a Beijing time: "2026-07-15",
/// "2026-07-15T14:05", "2026-07-15 14:05:09", "2026-07-15T14:05:09.123", optionally with "+08:00"
/// (so what isoBeijing prints reads back). Any other offset, a day not in the calendar, a field out of
/// range or trailing text is refused with the reason.
TimeArg readTimeArg(std::string_view text);

/// @brief readTimeArg's time; nullopt when the text is not one.
std::optional<TimeMs> parseTimeArg(std::string_view text);

/// @brief The forms readTimeArg accepts, for usage lines and errors.
inline constexpr const char* kTimeArgForms = "epoch ms or Beijing YYYY-MM-DD[THH:MM[:SS[.mmm]]][+08:00]";

} // namespace wall
