#pragma once
// Private to streams/: where decoded AVFrames come from. Two kinds:
// a demuxer + decoder (network, files) and a lavfi graph (test: sources).
// Runs on the decoder thread only.

#include <memory>
#include <string>
#include <utility>

#include "streams/ffmpeg_error.hpp"
#include "streams/interrupt_gate.hpp"
#include "streams/overload_policy.hpp"
#include "streams/stream_config.hpp"

namespace wall::streams {

class MediaSource {
public:
    virtual ~MediaSource() = default;
    /// @brief Fills `frame` with the next picture (software format). False at end of input.
    /// Throws FfmpegError on failure. `frame->pts` is in microseconds afterwards.
    virtual bool next(AVFrame* frame) = 0;
    /// @brief Restarts a file at its beginning; false when the source cannot.
    virtual bool rewind() { return false; }
    /// @brief Frames must be paced at real time by pts (files, test:); live sources pace themselves.
    virtual bool paced() const = 0;
    /// @brief Nominal frame interval in seconds.
    virtual double frameInterval() const = 0;
    /// @brief Decoder name for --stats.
    virtual std::string codecName() const = 0;
    /// @brief True when a hardware decoder produces the frames.
    virtual bool hardware() const { return false; }
    /// @brief Why hardware decode is not used, when it was asked for.
    virtual std::string hardwareNote() const { return {}; }
    /// @brief Applies a level of shed work to the decoder.
    virtual void setOverload(OverloadLevel) {}
    /// @brief Drops packets up to the next keyframe (the source fell behind real time).
    virtual void skipToKeyframe() {}
    /// @brief Wall time spent inside decode calls since the last call (network waits excluded,
    /// time lost to other threads included: that is what "falling behind" means on a busy box).
    double takeDecodeSeconds() { return std::exchange(decode_seconds_, 0.0); }

protected:
    double decode_seconds_ = 0.0;  ///< accumulated by next(), reset by takeDecodeSeconds()
};

/// @brief Opens `config.url` with a demuxer and decoder; every blocking call is bounded by `gate`.
std::unique_ptr<MediaSource> openDemuxSource(const StreamConfig& config, InterruptGate& gate);
/// @brief Builds the lavfi graph of a `test:` URL.
std::unique_ptr<MediaSource> openTestSource(const StreamConfig& config);

}  // namespace wall::streams
