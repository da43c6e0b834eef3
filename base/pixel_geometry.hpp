#pragma once
// Plain pixel geometry shared by walls, layouts, the canvas and the window,
// and how a picture fills a tile. No TOML, no GL.

#include <algorithm>
#include <cstdint>

namespace wall {

/// Width and height in whole pixels.
struct PixelSize {
    int width = 0;   ///< pixels across
    int height = 0;  ///< pixels down
    friend bool operator==(const PixelSize&, const PixelSize&) = default;
};

/// Axis-aligned rectangle in whole pixels, origin top-left, y down; right/bottom edges exclusive.
struct PixelRect {
    int x = 0;       ///< left edge
    int y = 0;       ///< top edge
    int width = 0;   ///< pixels across
    int height = 0;  ///< pixels down

    constexpr int right() const { return x + width; }    ///< first column past the rect
    constexpr int bottom() const { return y + height; }  ///< first row past the rect
    constexpr bool empty() const { return width <= 0 || height <= 0; }
    /// @brief True when (px, py) lies inside (right and bottom edges exclusive).
    constexpr bool contains(double px, double py) const { return px >= x && py >= y && px < right() && py < bottom(); }
    /// @brief True when `inner` lies fully inside this rect.
    constexpr bool contains(const PixelRect& inner) const {
        return inner.x >= x && inner.y >= y && inner.right() <= right() && inner.bottom() <= bottom();
    }
    /// @brief The common part of two rects; empty (width or height 0) when they only touch or are apart.
    constexpr PixelRect intersection(const PixelRect& o) const {
        const int l = std::max(x, o.x), t = std::max(y, o.y);
        const int r = std::min(right(), o.right()), b = std::min(bottom(), o.bottom());
        return r > l && b > t ? PixelRect{l, t, r - l, b - t} : PixelRect{l, t, 0, 0};
    }
    friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

/// How a video fills a tile whose aspect ratio differs from the stream's.
enum class FitMode : std::uint8_t {
    Letterbox,  ///< whole picture visible, aspect kept, bars where it does not fill the tile (the default)
    Crop,       ///< tile filled, aspect kept, picture edges cut
};

}  // namespace wall
