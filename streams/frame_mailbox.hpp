#pragma once
// Bounded hand-off of decoded frames from a decoder thread to the GL thread.
// When full, the oldest frame is dropped: a decoder never waits on the UI and
// latency never grows. The reader takes only the newest frame.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "render/video_frame.hpp"

namespace wall::streams {

class FrameMailbox {
public:
    /// @brief A mailbox holding at most `depth` frames (clamped to 1..8).
    explicit FrameMailbox(std::size_t depth = 2);

    /// @brief Adds a frame; drops the oldest when full. Never blocks on the reader.
    void push(VideoFrame frame);
    /// @brief Removes every queued frame and returns the newest; the older ones count as dropped.
    std::optional<VideoFrame> takeNewest();
    /// @brief Frames dropped so far (overflow + skipped by takeNewest).
    std::uint64_t dropped() const;
    /// @brief Frames queued now.
    std::size_t size() const;

private:
    mutable std::mutex mutex_;       ///< guards the fields below
    std::deque<VideoFrame> frames_;  ///< oldest first, at most depth_
    std::size_t depth_;              ///< capacity
    std::uint64_t dropped_ = 0;      ///< frames never shown
};

}  // namespace wall::streams
