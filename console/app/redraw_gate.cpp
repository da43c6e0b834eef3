#include "redraw_gate.hpp"

namespace wall::app {

bool RedrawGate::shouldDraw(const RedrawTriggers& now) {
    // A new video picture changes only its tile; input and events may move the
    // layout, which ImGui settles a frame or two later.
    const bool reshapes = now.input || now.events || now.requested;
    const bool triggered = reshapes || now.video;
    if (reshapes) settle_ = kSettleFrames + 1;
    const bool draw = always_ || first_ || triggered || settle_ > 0 || now.blink_on != last_blink_on_ ||
                      now.second != last_second_;
    if (!draw) {
        ++skipped_;
        return false;
    }
    if (settle_ > 0) --settle_;
    first_ = false;
    last_blink_on_ = now.blink_on;
    last_second_ = now.second;
    return true;
}

} // namespace wall::app
