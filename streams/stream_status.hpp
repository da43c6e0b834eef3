#pragma once
// A snapshot of one stream for --stats, the tile overlay and the PUB feed.

#include <cstdint>
#include <string>

#include "streams/link_health.hpp"
#include "streams/overload_policy.hpp"

namespace wall::streams {

struct StreamStatus {
    LinkState state = LinkState::Connecting;  ///< link state now
    FailReason reason = FailReason::None;     ///< why not live (None when live)
    std::string detail;                       ///< FFmpeg's text for the last error
    int failures_in_row = 0;                  ///< failed opens/reads since the link was last live
    double retry_in_s = 0.0;                  ///< seconds to the next open attempt (Reconnecting/Failed)
    bool has_frame = false;                   ///< at least one frame was decoded
    double frame_age_s = 0.0;                 ///< seconds since the last new frame (0 without one)
    std::uint64_t frames_decoded = 0;         ///< frames whose timestamp advanced
    std::uint64_t frames_frozen = 0;          ///< frames whose timestamp did not advance
    std::uint64_t frames_dropped = 0;         ///< decoded but never shown (mailbox overflow, skipped)
    std::uint64_t reconnects = 0;             ///< open attempts after the first
    std::uint64_t state_changes = 0;          ///< link state transitions
    double load = 0.0;                        ///< decode time per frame / frame interval (1.0 = at real time)
    OverloadLevel overload = OverloadLevel::None;  ///< work being shed
    int width = 0;                            ///< picture size of the last frame
    int height = 0;
    double fps = 0.0;                         ///< nominal frame rate of the stream
    std::string codec;                        ///< decoder name, e.g. "h264"
    bool hardware = false;                    ///< frames come from a hardware decoder
    std::string hw_note;                      ///< why hardware decode is not used (when asked for)

    /// @brief True when the tile must show its last frame dimmed with 信号中断.
    bool signalLost() const { return state != LinkState::Live; }
};

}  // namespace wall::streams
