#pragma once
// Blink timing for unacknowledged alarms. Pure functions of time, so every
// panel blinks in step and a replay at time T looks the same as it did live.

#include <cmath>

namespace wall::render {

/// @brief True during the "on" part of a blink cycle at `seconds` (any clock, e.g. ImGui::GetTime()).
inline bool blinkOn(double seconds, double period_seconds = 1.0, double on_fraction = 0.5) {
    if (period_seconds <= 0) return true;
    const double phase = seconds / period_seconds - std::floor(seconds / period_seconds);
    return phase < on_fraction;
}

/// @brief Smooth 0..1..0 pulse (raised cosine) over one period, for glows that should not strobe.
inline float blinkPulse(double seconds, double period_seconds = 1.0) {
    if (period_seconds <= 0) return 1.0f;
    const double phase = seconds / period_seconds - std::floor(seconds / period_seconds);
    return static_cast<float>(0.5 - 0.5 * std::cos(phase * 2.0 * 3.14159265358979323846));
}

}  // namespace wall::render
