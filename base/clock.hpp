#pragma once
// Wall-clock time as every layer stores it: epoch milliseconds, UTC.
// Measure durations with std::chrono::steady_clock instead: this clock jumps
// when the host's time is set.

#include <chrono>
#include <cstdint>

namespace wall {

/// Milliseconds since the Unix epoch (UTC). Used for every timestamp.
using TimeMs = std::int64_t;

/// @brief Current time in epoch ms (system clock).
inline TimeMs nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace wall
