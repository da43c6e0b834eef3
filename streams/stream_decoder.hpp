#pragma once
// One camera stream: a named demux+decode thread that keeps the newest frames
// in a drop-oldest mailbox and tracks the link's health. FFmpeg stays behind
// the pimpl so users of this header never see its types.

#include <memory>
#include <optional>

#include "render/video_frame.hpp"
#include "streams/stream_config.hpp"
#include "streams/stream_status.hpp"

namespace wall::streams {

class StreamDecoder {
public:
    /// @brief Starts the thread; it opens `config.url` and retries with backoff until destroyed.
    explicit StreamDecoder(StreamConfig config);
    /// @brief Stops and joins the thread; bounded by the interrupt callback (well under a second).
    ~StreamDecoder();
    StreamDecoder(const StreamDecoder&) = delete;
    StreamDecoder& operator=(const StreamDecoder&) = delete;

    /// @brief The newest decoded frame since the last call, or nullopt. Never blocks on decoding.
    std::optional<VideoFrame> takeFrame();
    /// @brief True when a picture waits in the mailbox (takeFrame() would return one).
    bool hasNewFrame() const;
    /// @brief The link state now (time-based transitions applied): status() without copying the rest.
    LinkState linkState() const;
    /// @brief Snapshot of link state, counters and load; also advances time-based states.
    StreamStatus status() const;
    /// @brief Tells the overload policy the tile is small (skipping the loop filter is acceptable).
    void setSmallTile(bool small);
    /// @brief Asks the thread to stop without waiting; the destructor then joins quickly.
    void requestStop();
    /// @brief The settings this stream was made with.
    const StreamConfig& config() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;  ///< thread, FFmpeg state and status
};

}  // namespace wall::streams
