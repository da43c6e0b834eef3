#pragma once
// Plain decoded video frame shared by streams/ (which fills it, without GL)
// and render/ (which uploads it, without FFmpeg). No GL or FFmpeg header may
// ever be included here: this is the seam that keeps the two layers apart.

#include <array>
#include <cstdint>
#include <memory>

namespace wall {

/// Layout of the planes of a frame. FFmpeg's YUVJ420P maps to Yuv420p with
/// ColorRange::Full.
enum class PixelFormat : std::uint8_t {
    Yuv420p,  ///< 3 planes: Y (w x h), U and V (ceil(w/2) x ceil(h/2)), 1 byte per texel
    Nv12,     ///< 2 planes: Y (w x h), interleaved UV (ceil(w/2) x ceil(h/2) texels of 2 bytes)
};

/// YUV -> RGB matrix; the CPU picks it, the shader gets it as a uniform.
enum class ColorMatrix : std::uint8_t { Bt601, Bt709 };

/// Limited (16-235 luma, 16-240 chroma) or full (0-255, JPEG) range.
enum class ColorRange : std::uint8_t { Limited, Full };

/// One plane of a frame, uploaded with its real stride.
struct VideoPlane {
    std::shared_ptr<const std::uint8_t[]> data;  ///< first byte of row 0; shared so a frame is cheap to copy and can alias a decoder buffer via a custom deleter
    int stride = 0;                              ///< bytes from one row to the next (>= width * bytes per texel, may be padded)
    int width = 0;                               ///< texels per row in this plane
    int height = 0;                              ///< rows in this plane
};

/// A decoded picture and the facts needed to show it correctly.
struct VideoFrame {
    PixelFormat format = PixelFormat::Yuv420p;   ///< plane layout
    int width = 0;                               ///< luma width in pixels
    int height = 0;                              ///< luma height in pixels
    std::array<VideoPlane, 3> planes{};          ///< planeCount(format) of them are used, the rest stay empty
    ColorMatrix matrix = ColorMatrix::Bt709;     ///< YUV -> RGB coefficients
    ColorRange range = ColorRange::Limited;      ///< value range of the samples
    std::int64_t pts_us = 0;                     ///< presentation time from the stream, microseconds
    std::int64_t decoded_at_us = 0;              ///< std::chrono::steady_clock time when decoding finished, microseconds
    std::uint64_t sequence = 0;                  ///< increases by one per frame of a stream; lets the renderer skip re-uploads
};

/// @brief Number of planes used by a pixel format.
constexpr int planeCount(PixelFormat format) {
    return format == PixelFormat::Nv12 ? 2 : 3;
}

/// @brief Bytes per texel of plane `index` of a pixel format.
constexpr int bytesPerTexel(PixelFormat format, int index) {
    return (format == PixelFormat::Nv12 && index == 1) ? 2 : 1;
}

/// @brief Expected texel size of plane `index` for a frame of `width` x `height` luma pixels.
constexpr std::array<int, 2> planeSize(int width, int height, int index) {
    if (index == 0) return {width, height};
    return {(width + 1) / 2, (height + 1) / 2};
}

/// @brief True when every used plane has data, a stride wide enough for its
/// width, and the size the format implies. The renderer refuses other frames.
inline bool isWellFormed(const VideoFrame& frame) {
    if (frame.width <= 0 || frame.height <= 0) return false;
    for (int i = 0; i < planeCount(frame.format); ++i) {
        const VideoPlane& plane = frame.planes[static_cast<std::size_t>(i)];
        const auto expected = planeSize(frame.width, frame.height, i);
        if (!plane.data || plane.width != expected[0] || plane.height != expected[1]) return false;
        if (plane.stride < plane.width * bytesPerTexel(frame.format, i)) return false;
    }
    return true;
}

}  // namespace wall
