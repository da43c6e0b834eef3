#pragma once
// The YUV -> RGB conversion the fragment shader applies, chosen on the CPU
// from a frame's colour matrix and range (mpv style). Pure: no GL, so the
// numbers are unit-tested on their own.

#include <array>

#include "render/video_frame.hpp"

namespace wall::video {

/// rgb = matrix * yuv + offset, with yuv the texture samples in [0,1].
struct YuvToRgb {
    std::array<float, 9> matrix{};  ///< column-major 3x3 (glUniformMatrix3fv with transpose = GL_FALSE)
    std::array<float, 3> offset{};  ///< added after the multiply
};

/// @brief The conversion for BT.601 or BT.709 at limited or full range.
YuvToRgb yuvToRgb(ColorMatrix matrix, ColorRange range);

/// @brief Applies `c` to one 8-bit sample triple; returns RGB in [0,1] (unclamped). For tests and tools.
std::array<float, 3> convert(const YuvToRgb& c, int y, int u, int v);

}  // namespace wall::video
