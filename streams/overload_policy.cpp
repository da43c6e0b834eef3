#include "streams/overload_policy.hpp"

namespace wall::streams {

OverloadLevel OverloadPolicy::onFrame(double decode_seconds, double frame_interval_seconds, bool small_tile) {
    if (frame_interval_seconds <= 0.0) frame_interval_seconds = 1.0 / 25.0;
    const double sample = decode_seconds / frame_interval_seconds;
    load_ = has_load_ ? load_ + tuning_.smoothing * (sample - load_) : sample;
    has_load_ = true;

    over_ = load_ > tuning_.raise_above ? over_ + 1 : 0;
    under_ = load_ < tuning_.lower_below ? under_ + 1 : 0;
    int level = static_cast<int>(level_);
    if (over_ >= tuning_.frames_to_change && level < 3) {
        ++level;
        // Skipping the loop filter is only worth its blockiness on a small tile.
        if (level == 1 && !small_tile) level = 2;
        over_ = 0;
        has_load_ = false;  // measure the new level afresh
    } else if (under_ >= tuning_.frames_to_change && level > 0) {
        --level;
        if (level == 1 && !small_tile) level = 0;
        under_ = 0;
        has_load_ = false;
    }
    level_ = static_cast<OverloadLevel>(level);
    return level_;
}

void OverloadPolicy::reset() {
    *this = OverloadPolicy(tuning_);
}

}  // namespace wall::streams
