#pragma once
// Plain pixel sizes and rectangles shared by the window and the canvas.

namespace wall::render {

/// Width and height in pixels.
struct PixelSize {
    int width = 0;   ///< pixels across
    int height = 0;  ///< pixels down
    friend bool operator==(const PixelSize&, const PixelSize&) = default;
};

/// Axis-aligned pixel rectangle, origin at the top-left, y down.
struct IntRect {
    int x = 0;       ///< left edge
    int y = 0;       ///< top edge
    int width = 0;   ///< pixels across
    int height = 0;  ///< pixels down
    friend bool operator==(const IntRect&, const IntRect&) = default;
    /// @brief True when (px, py) lies inside (right and bottom edges exclusive).
    bool contains(double px, double py) const { return px >= x && py >= y && px < x + width && py < y + height; }
    /// @brief True when the rect covers no pixel.
    bool empty() const { return width <= 0 || height <= 0; }
};

/// @brief The overlap of two rects (empty when they do not meet).
constexpr IntRect intersect(const IntRect& a, const IntRect& b) {
    const int left = a.x > b.x ? a.x : b.x;
    const int top = a.y > b.y ? a.y : b.y;
    const int right = (a.x + a.width) < (b.x + b.width) ? (a.x + a.width) : (b.x + b.width);
    const int bottom = (a.y + a.height) < (b.y + b.height) ? (a.y + a.height) : (b.y + b.height);
    if (right <= left || bottom <= top) return {left, top, 0, 0};
    return {left, top, right - left, bottom - top};
}

}  // namespace wall::render
