#pragma once
// Where a picture goes inside a tile: letterbox (all of it, bars around) or
// crop (fill the tile, cut the overflow). Pure geometry, unit-tested.

#include "base/pixel_geometry.hpp"

namespace wall::video {

/// The layout's fit mode itself (base/pixel_geometry.hpp), so a region's choice reaches the painter unconverted.
using wall::FitMode;

/// An axis-aligned rectangle; y grows downwards (ImGui/screen convention).
struct Rect {
    float x0 = 0, y0 = 0;  ///< top-left
    float x1 = 0, y1 = 0;  ///< bottom-right
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};

/// Where to draw and which part of the texture to sample.
struct FitResult {
    Rect quad;        ///< destination, inside the tile
    Rect texture{0, 0, 1, 1};  ///< normalised texture coordinates, (0,0) = first pixel of the first row
};

/// @brief Fits a `picture_width` x `picture_height` picture into `tile`; nothing drawn (empty quad) for empty input.
FitResult fitPicture(int picture_width, int picture_height, Rect tile, FitMode mode);

}  // namespace wall::video
