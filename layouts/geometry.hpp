#pragma once
// Plain pixel geometry shared by walls and layouts. No TOML, no GL.

#include <algorithm>

namespace wall::layouts {

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

    int right() const { return x + width; }    ///< first column past the rect
    int bottom() const { return y + height; }  ///< first row past the rect
    bool empty() const { return width <= 0 || height <= 0; }
    /// @brief True when (px, py) lies inside (right and bottom edges exclusive).
    bool contains(double px, double py) const { return px >= x && py >= y && px < right() && py < bottom(); }
    /// @brief True when `inner` lies fully inside this rect.
    bool contains(const PixelRect& inner) const {
        return inner.x >= x && inner.y >= y && inner.right() <= right() && inner.bottom() <= bottom();
    }
    /// @brief The common part of two rects; empty (width or height 0) when they only touch or are apart.
    PixelRect intersection(const PixelRect& o) const {
        const int l = std::max(x, o.x), t = std::max(y, o.y);
        const int r = std::min(right(), o.right()), b = std::min(bottom(), o.bottom());
        return r > l && b > t ? PixelRect{l, t, r - l, b - t} : PixelRect{l, t, 0, 0};
    }
    friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

/// A point in (sub)pixel coordinates, e.g. a mouse position. Whether it is a canvas or an
/// output point is told by the function that takes or returns it.
struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

/// One display panel of the wall, counted from the top-left.
struct PanelIndex {
    int row = 0;  ///< 0 = top row
    int col = 0;  ///< 0 = left column
    friend bool operator==(const PanelIndex&, const PanelIndex&) = default;
};

}  // namespace wall::layouts
