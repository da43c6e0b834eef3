#pragma once
// Decides how much decode work a stream sheds when it falls behind real time.
// Pure: fed with measured decode times, it returns a level; StreamDecoder maps
// the level onto AVCodecContext skip settings. Latency never grows: the
// decoder sheds work, it never queues.

#include <cstdint>

namespace wall::streams {

/// Work shed, in the order the issue asks for.
enum class OverloadLevel : std::uint8_t {
    None = 0,            ///< decode everything
    SkipLoopFilter = 1,  ///< skip_loop_filter = ALL (only when the tile is small: artefacts are visible on big tiles)
    SkipNonRef = 2,      ///< + skip_frame = NONREF
    KeyframesOnly = 3,   ///< + skip_frame = NONKEY: the frame rate drops to the GOP rate
};

/// Tunables.
struct OverloadTuning {
    double raise_above = 0.9;   ///< load (decode time / frame interval) above which work is shed
    double lower_below = 0.5;   ///< load below which shedding is relaxed (hysteresis)
    int frames_to_change = 25;  ///< consecutive frames over/under a bound before the level moves
    double smoothing = 0.1;     ///< EMA weight of the newest sample
};

class OverloadPolicy {
public:
    explicit OverloadPolicy(OverloadTuning tuning = {}) : tuning_(tuning) {}

    /// @brief Feeds one decoded frame: its decode time and the stream's frame interval (seconds).
    /// Returns the level to use from now on.
    OverloadLevel onFrame(double decode_seconds, double frame_interval_seconds, bool small_tile);
    /// @brief Smoothed load: decode time per frame / frame interval (1.0 = exactly real time).
    double load() const { return load_; }
    /// @brief Current level.
    OverloadLevel level() const { return level_; }
    /// @brief Back to None (after a reconnect: a new stream has new costs).
    void reset();

private:
    OverloadTuning tuning_;                     ///< tunables
    double load_ = 0.0;                         ///< EMA of decode/interval
    bool has_load_ = false;                     ///< load_ holds a sample
    int over_ = 0;                              ///< consecutive frames above raise_above
    int under_ = 0;                             ///< consecutive frames below lower_below
    OverloadLevel level_ = OverloadLevel::None; ///< current level
};

}  // namespace wall::streams
