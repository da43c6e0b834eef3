// Keeps the frame loop at the wall's refresh rate when nothing else does:
// headless runs, and windows whose buffer swap does not wait for vblank (Xvfb,
// a driver with vsync forced off), where the loop would otherwise redraw at
// 100-150 Hz and burn a core for pictures nobody can see. A swap that does wait
// is left alone: sleeping on top of it would miss vblanks.
#pragma once

#include <chrono>

namespace wall::app {

class FramePacer {
public:
    using Clock = std::chrono::steady_clock;

    /// @brief `trust_swap`: a window that should wait for vblank (pacing starts only
    /// once its frames prove too short); false = pace from the first frame (headless).
    FramePacer(int refresh_hz, bool trust_swap, Clock::time_point now);

    /// @brief Called once per frame after presenting: when to start the next frame
    /// (`now` or later). Pure bookkeeping, no sleeping, so it is unit-tested with made-up times.
    Clock::time_point nextFrameAt(Clock::time_point now);
    /// @brief True once the loop paces itself (always when the swap is not trusted).
    bool pacing() const { return pacing_; }

    /// Frames in a row shorter than this share of an interval mean the swap does not wait.
    static constexpr double kEarlyShare = 0.7;
    static constexpr int kEarlyFramesToPace = 30;

private:
    Clock::duration interval_;         ///< 1 / refresh rate
    bool pacing_;                      ///< sleeping to keep the rate
    int early_in_row_ = 0;             ///< consecutive frames much shorter than interval_ (before pacing)
    Clock::time_point last_end_;       ///< previous call's `now`
    Clock::time_point next_start_;     ///< pacing: the next frame's due time
};

} // namespace wall::app
