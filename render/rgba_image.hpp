#pragma once
// A CPU-side RGBA8 picture, rows top to bottom, no padding.

#include <array>
#include <cstdint>
#include <vector>

namespace wall::render {

/// Tightly packed RGBA8 pixels, row 0 at the top.
struct RgbaImage {
    int width = 0;                    ///< pixels across
    int height = 0;                   ///< pixels down
    std::vector<std::uint8_t> pixels; ///< width * height * 4 bytes

    /// @brief The pixel at (x, y) as {r, g, b, a}; caller keeps x, y in range.
    std::array<std::uint8_t, 4> at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
        return {pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
    }
};

}  // namespace wall::render
