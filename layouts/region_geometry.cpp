// Region rect (fractions or panel units) -> canvas pixels; rules in region_geometry.hpp.
#include "layouts/region_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace wall::layouts {

namespace {

enum class Edge { Begin, End };  // left/top vs right/bottom edge

constexpr double kEps = 1e-7;

// Panel units along one axis. Whole numbers are panel boundaries; which side of
// the bezel they land on depends on the edge.
double panelUnitsToCanvas(double p, int panel, int bezel, Edge edge) {
    const double pitch = panel + bezel;
    const double whole = std::round(p);
    if (std::abs(p - whole) < kEps) {
        const double k = whole;
        return edge == Edge::Begin ? k * pitch : std::max(0.0, k * pitch - bezel);
    }
    const double k = std::floor(p);
    return k * pitch + (p - k) * panel;
}

// Moves an edge that lies in a bezel gap to the panel edge on the region's side.
double snapOutOfBezel(double v, int count, int panel, int bezel, Edge edge) {
    if (bezel <= 0) return v;
    const double pitch = panel + bezel;
    const double k = std::floor(v / pitch);
    if (k < 0 || k >= count) return v;
    const double offset = v - k * pitch;
    if (edge == Edge::Begin) {
        if (offset >= panel - kEps && k < count - 1) return (k + 1) * pitch;
    } else {
        if (offset > panel + kEps) return k * pitch + panel;
        if (offset < kEps && k > 0) return (k - 1) * pitch + panel;
    }
    return v;
}

// Rounds away floating-point noise first (0.1 + 0.2 ...), so edges written the
// same way in two regions always land on the same pixel.
int toPixel(double v, int limit) {
    const double cleaned = std::round(v * 1e4) / 1e4;
    return static_cast<int>(std::clamp<long>(std::lround(cleaned), 0L, static_cast<long>(limit)));
}

double axisEdge(double value, RegionUnit unit, int count, int panel, int bezel, int canvas, Edge edge) {
    const double raw = unit == RegionUnit::Panel ? panelUnitsToCanvas(value, panel, bezel, edge) : value * canvas;
    return snapOutOfBezel(raw, count, panel, bezel, edge);
}

}  // namespace

PixelRect resolveCanvasRect(const WallSpec& wall, RegionUnit unit, const UnitRect& rect) {
    const PixelSize canvas = wall.canvasSize();
    const int left = toPixel(axisEdge(rect.x, unit, wall.cols, wall.panel_width, wall.bezel_x, canvas.width, Edge::Begin),
                             canvas.width);
    const int right = toPixel(
        axisEdge(rect.x + rect.w, unit, wall.cols, wall.panel_width, wall.bezel_x, canvas.width, Edge::End),
        canvas.width);
    const int top = toPixel(
        axisEdge(rect.y, unit, wall.rows, wall.panel_height, wall.bezel_y, canvas.height, Edge::Begin), canvas.height);
    const int bottom = toPixel(
        axisEdge(rect.y + rect.h, unit, wall.rows, wall.panel_height, wall.bezel_y, canvas.height, Edge::End),
        canvas.height);
    return {left, top, std::max(0, right - left), std::max(0, bottom - top)};
}

}  // namespace wall::layouts
