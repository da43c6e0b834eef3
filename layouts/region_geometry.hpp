#pragma once
// Turning a region's rect in fractions or panel units into canvas pixels.
//
// Rules (same on both axes):
//  - unit "panel": coordinate p lies in panel floor(p), at (p - floor(p)) of its
//    width. A whole-number LEFT/TOP edge is the start of that panel; a
//    whole-number RIGHT/BOTTOM edge is the end of the panel before it, so
//    x=1,w=1 is exactly panel column 1 and x=0,w=2 covers columns 0 and 1 plus
//    the bezel between them.
//  - unit "fraction": coordinate f is at f * canvas size.
//  - An edge that falls inside a bezel gap moves out of it (a left/top edge to
//    the start of the next panel, a right/bottom edge to the end of the panel
//    before): pixels behind a bezel are never shown, and this keeps a region's
//    frame visible and makes fractions like 0.25 on a 4-column wall panel-exact.
//  - Edges round to whole pixels; two regions sharing an edge value never overlap.

#include "layouts/geometry.hpp"
#include "layouts/layout.hpp"
#include "layouts/wall.hpp"

namespace wall::layouts {

/// @brief Canvas pixel rect of `rect` given in `unit` on `wall` (no range checks; callers validate first).
PixelRect resolveCanvasRect(const WallSpec& wall, RegionUnit unit, const UnitRect& rect);

}  // namespace wall::layouts
