// Decides whether the wall draws this loop turn or keeps the picture it shows.
// A calm wall (one 25 fps camera, no input, no events) need not redraw at 60 Hz:
// every redraw costs a full-canvas fill, which under a software rasteriser is
// most of the console's CPU. Anything that changes what the wall shows is a
// trigger; the clock's second and the blink phase are triggers too, so the
// wall never shows a picture more than a second old even for a change nobody
// reported.
#pragma once

#include <cstdint>

namespace wall::app {

/// What the loop turn saw since the last drawn frame.
struct RedrawTriggers {
    bool input = false;        ///< mouse, keys, a window uncovered or resized
    bool events = false;       ///< committed events were applied
    bool video = false;        ///< a shown tile has a new picture or its link changed state
    bool requested = false;    ///< a layout switch or anything else asked for a frame
    bool blink_on = false;     ///< blink phase now (unacked alarms, overdue countdowns)
    std::int64_t second = 0;   ///< wall-clock second now (clocks, countdowns, ages)
};

class RedrawGate {
public:
    /// @brief `always`: draw every turn (headless tests and benchmarks count frames).
    explicit RedrawGate(bool always) : always_(always) {}

    /// @brief True when this turn must draw; remembers what it drew.
    bool shouldDraw(const RedrawTriggers& now);
    /// @brief True when every turn draws (then no trigger needs computing).
    bool drawsAlways() const { return always_; }
    /// @brief Turns skipped so far.
    std::uint64_t skipped() const { return skipped_; }

    /// Frames drawn after input or events: ImGui settles hover and layout a frame late.
    static constexpr int kSettleFrames = 2;

private:
    bool always_;
    bool first_ = true;            ///< nothing drawn yet
    int settle_ = 0;               ///< frames still to draw after the last trigger
    bool last_blink_on_ = false;   ///< blink phase of the last drawn frame
    std::int64_t last_second_ = 0; ///< second of the last drawn frame
    std::uint64_t skipped_ = 0;    ///< turns that kept the picture
};

} // namespace wall::app
