#include "frame_pacer.hpp"

#include <algorithm>

namespace wall::app {

FramePacer::FramePacer(int refresh_hz, bool trust_swap, Clock::time_point now)
    : interval_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / std::max(1, refresh_hz)))),
      pacing_(!trust_swap), last_end_(now), next_start_(now) {}

FramePacer::Clock::time_point FramePacer::nextFrameAt(Clock::time_point now) {
    if (!pacing_) {
        const bool early = now - last_end_ < std::chrono::duration_cast<Clock::duration>(interval_ * kEarlyShare);
        early_in_row_ = early ? early_in_row_ + 1 : 0;
        last_end_ = now;
        if (early_in_row_ < kEarlyFramesToPace) return now;
        pacing_ = true;
        next_start_ = now;
    }
    last_end_ = now;
    next_start_ += interval_;
    // A frame slower than the interval: start the next one at once, and do not
    // try to catch up with a burst of short frames.
    if (next_start_ < now) next_start_ = now;
    return next_start_;
}

} // namespace wall::app
