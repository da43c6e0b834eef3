#include "streams/stream_selection.hpp"

namespace wall::streams {

StreamKind StreamSelector::choose(const SelectionInput& input) const {
    if (!input.has_sub) return StreamKind::Main;
    const float up = tuning_.main_from_px * (1.0f + tuning_.hysteresis);
    const float down = tuning_.main_from_px * (1.0f - tuning_.hysteresis);
    if (!target_) return input.tile_height_px >= tuning_.main_from_px ? StreamKind::Main : StreamKind::Sub;
    if (*target_ == StreamKind::Sub && input.tile_height_px > up) return StreamKind::Main;
    if (*target_ == StreamKind::Main && input.tile_height_px < down) return StreamKind::Sub;
    return *target_;
}

SelectionOutput StreamSelector::update(const SelectionInput& input, Clock::time_point now) {
    if (input.visible) {
        last_visible_ = now;
        const StreamKind wanted = choose(input);
        if (!target_) {
            target_ = wanted;
            previous_.reset();
            last_switch_ = now;
        } else if (wanted != *target_ && now - last_switch_ >= tuning_.min_hold) {
            // Keep what is on screen until the new stream shows its first frame;
            // a switch back before that simply cancels the pending one.
            previous_ = (previous_ == wanted) ? std::nullopt : std::optional<StreamKind>(*target_);
            target_ = wanted;
            last_switch_ = now;
        }
    } else if (target_ && now - last_visible_ >= tuning_.hidden_grace) {
        target_.reset();
        previous_.reset();
    }

    SelectionOutput out;
    if (!target_) return out;
    const auto has_frame = [&](StreamKind kind) {
        return kind == StreamKind::Main ? input.main_has_frame : input.sub_has_frame;
    };
    if (previous_ && has_frame(*target_)) previous_.reset();  // the new stream is up: close the old one
    out.display = *target_;
    if (previous_ && has_frame(*previous_)) out.display = *previous_;
    out.open_main = *target_ == StreamKind::Main || previous_ == StreamKind::Main;
    out.open_sub = *target_ == StreamKind::Sub || previous_ == StreamKind::Sub;
    return out;
}

}  // namespace wall::streams
