#pragma once
// Plain geometry of walls and layouts (points, panel indices); the pixel
// rect and size are base/'s. No TOML, no GL.

#include "base/pixel_geometry.hpp"

namespace wall::layouts {

// The shared pixel types, under the names layouts' users already write (layouts::PixelRect).
using wall::PixelRect;
using wall::PixelSize;

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
