#pragma once
// Which of a camera's streams (main or sub) a tile uses, and which decoders
// must be open: pure logic fed with tile size, visibility and time, so the
// hysteresis, hold time, grace period and "no black frame" rule are unit-tested.

#include <chrono>
#include <cstdint>
#include <optional>

#include "streams/link_health.hpp"

namespace wall::streams {

enum class StreamKind : std::uint8_t { Main, Sub };

/// Tunables of the choice.
struct SelectionTuning {
    float main_from_px = 540.0f;   ///< tile height (pixels) from which the main stream is worth decoding
    float hysteresis = 0.15f;      ///< switch up above main_from_px*(1+h), down below main_from_px*(1-h)
    Clock::duration min_hold = std::chrono::seconds(3);      ///< no second switch within this time
    Clock::duration hidden_grace = std::chrono::seconds(3);  ///< hidden this long = decoders close
};

/// What the selector sees each frame.
struct SelectionInput {
    bool visible = false;          ///< the tile is in the active layout this frame
    float tile_height_px = 0.0f;   ///< rendered tile height in framebuffer pixels
    bool has_sub = false;          ///< the camera has a sub-stream URL
    bool main_has_frame = false;   ///< the open main decoder delivered a frame
    bool sub_has_frame = false;    ///< the open sub decoder delivered a frame
};

/// What the owner must do.
struct SelectionOutput {
    bool open_main = false;                 ///< keep/open the main decoder
    bool open_sub = false;                  ///< keep/open the sub decoder
    std::optional<StreamKind> display;      ///< whose frame to show; nullopt when closed
};

class StreamSelector {
public:
    explicit StreamSelector(SelectionTuning tuning = {}) : tuning_(tuning) {}

    /// @brief Decides for this frame.
    SelectionOutput update(const SelectionInput& input, Clock::time_point now);
    /// @brief The stream the tile wants (nullopt when hidden past the grace period).
    std::optional<StreamKind> target() const { return target_; }

private:
    StreamKind choose(const SelectionInput& input) const;

    SelectionTuning tuning_;                 ///< tunables
    std::optional<StreamKind> target_;       ///< wanted stream
    std::optional<StreamKind> previous_;     ///< stream shown until target_ has a frame
    Clock::time_point last_switch_{};        ///< when target_ last changed
    Clock::time_point last_visible_{};       ///< last frame the tile was visible
};

}  // namespace wall::streams
