// Time as the console and wallctl read and print it: Beijing time, ISO 8601 with milliseconds.
#pragma once

#include "model/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wall {

/// @brief "2026-07-15T14:05:09.123+08:00" for an epoch time.
std::string isoBeijing(TimeMs utc_ms);

/// @brief Parses epoch milliseconds ("1752559509123") or a Beijing time
/// ("2026-07-15", "2026-07-15T14:05", "2026-07-15 14:05:09"); nullopt when neither.
std::optional<TimeMs> parseTimeArg(std::string_view text);

} // namespace wall
