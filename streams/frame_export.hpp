#pragma once
// Private to streams/: turns a decoded AVFrame into a plain wall::VideoFrame.
// YUV420P, YUVJ420P and NV12 pass through without a copy (the planes keep a
// reference on the AVFrame); other formats take the slow path: one sws_scale
// to YUV420P here on the decoder thread, never on the display path.

#include <memory>

#include "render/video_frame.hpp"
#include "streams/ffmpeg_error.hpp"

struct SwsContext;

namespace wall::streams {

class FrameExport {
public:
    FrameExport();
    ~FrameExport();
    FrameExport(const FrameExport&) = delete;
    FrameExport& operator=(const FrameExport&) = delete;

    /// @brief Moves the picture out of `frame` (left empty) into a VideoFrame.
    VideoFrame take(AVFrame* frame);
    /// @brief True once a frame needed the sws_scale slow path.
    bool usedSlowPath() const { return slow_path_; }

private:
    SwsContext* sws_ = nullptr;  ///< cached converter for the slow path
    bool slow_path_ = false;     ///< some frame needed conversion
};

/// @brief Colour matrix of a frame: its tag, else BT.601 below 720 lines and BT.709 from 720.
ColorMatrix colorMatrixOf(const AVFrame* frame);
/// @brief Colour range of a frame (YUVJ formats are full range).
ColorRange colorRangeOf(const AVFrame* frame);

}  // namespace wall::streams
