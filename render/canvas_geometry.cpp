#include "render/canvas_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace wall::render {

CanvasGeometry uniformWallGeometry(int rows, int columns, PixelSize panel, int bezelPx) {
    CanvasGeometry geometry;
    geometry.canvas = {columns * panel.width + (columns - 1) * bezelPx, rows * panel.height + (rows - 1) * bezelPx};
    geometry.output = {columns * panel.width, rows * panel.height};
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            PanelMapping mapping;
            mapping.canvas = {column * (panel.width + bezelPx), row * (panel.height + bezelPx), panel.width, panel.height};
            mapping.output = {column * panel.width, row * panel.height, panel.width, panel.height};
            geometry.panels.push_back(mapping);
        }
    }
    return geometry;
}

namespace {
std::string describe(const PixelRect& r) {
    return "(" + std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.width) + "x" +
           std::to_string(r.height) + ")";
}
bool inside(const PixelRect& r, PixelSize size) {
    return r.x >= 0 && r.y >= 0 && r.x + r.width <= size.width && r.y + r.height <= size.height;
}
}  // namespace

std::string validateGeometry(const CanvasGeometry& geometry) {
    if (geometry.canvas.width <= 0 || geometry.canvas.height <= 0) return "canvas size is not positive";
    if (geometry.output.width <= 0 || geometry.output.height <= 0) return "output size is not positive";
    if (geometry.panels.empty()) return "no panels";
    for (std::size_t i = 0; i < geometry.panels.size(); ++i) {
        const PanelMapping& p = geometry.panels[i];
        const std::string which = "panel " + std::to_string(i);
        if (p.canvas.width <= 0 || p.canvas.height <= 0) return which + ": empty canvas rect " + describe(p.canvas);
        if (p.output.width <= 0 || p.output.height <= 0) return which + ": empty output rect " + describe(p.output);
        if (!inside(p.canvas, geometry.canvas)) return which + ": canvas rect " + describe(p.canvas) + " leaves the canvas";
        if (!inside(p.output, geometry.output)) return which + ": output rect " + describe(p.output) + " leaves the output image";
    }
    return {};
}

FitTransform fitInto(PixelSize output, PixelSize target, bool allow_upscale) {
    FitTransform fit;
    if (output.width <= 0 || output.height <= 0 || target.width <= 0 || target.height <= 0) return fit;
    fit.scale = std::min(static_cast<double>(target.width) / output.width, static_cast<double>(target.height) / output.height);
    if (!allow_upscale) fit.scale = std::min(fit.scale, 1.0);
    fit.offset_x = (target.width - output.width * fit.scale) / 2.0;
    fit.offset_y = (target.height - output.height * fit.scale) / 2.0;
    return fit;
}

namespace {
PixelRect wholeOutputOr(const CanvasGeometry& geometry, PixelRect region) {
    return region.empty() ? PixelRect{0, 0, geometry.output.width, geometry.output.height} : region;
}
int roundToInt(double v) { return static_cast<int>(std::lround(v)); }
}  // namespace

std::optional<std::array<double, 2>> windowToCanvas(const CanvasGeometry& geometry, PixelSize window, double wx, double wy,
                                                    PixelRect region) {
    const PixelRect shown = wholeOutputOr(geometry, region);
    const FitTransform fit = fitInto({shown.width, shown.height}, window);
    const double ox = shown.x + (wx - fit.offset_x) / fit.scale;
    const double oy = shown.y + (wy - fit.offset_y) / fit.scale;
    if (!shown.contains(ox, oy)) return std::nullopt;
    for (const PanelMapping& p : geometry.panels) {
        if (!p.output.contains(ox, oy)) continue;
        const double u = (ox - p.output.x) / p.output.width;
        const double v = (oy - p.output.y) / p.output.height;
        return std::array<double, 2>{p.canvas.x + u * p.canvas.width, p.canvas.y + v * p.canvas.height};
    }
    return std::nullopt;
}

std::vector<PanelBlit> panelBlits(const CanvasGeometry& geometry, PixelRect region, PixelSize target) {
    std::vector<PanelBlit> blits;
    const PixelRect shown = wholeOutputOr(geometry, region);
    if (shown.empty() || target.width <= 0 || target.height <= 0) return blits;
    const FitTransform fit = fitInto({shown.width, shown.height}, target);
    for (const PanelMapping& p : geometry.panels) {
        const PixelRect part = p.output.intersection(shown);
        if (part.empty()) continue;
        // Part of the panel in canvas pixels (panels may be scaled between canvas and output).
        const double sx = static_cast<double>(p.canvas.width) / p.output.width;
        const double sy = static_cast<double>(p.canvas.height) / p.output.height;
        const int src_left = p.canvas.x + roundToInt((part.x - p.output.x) * sx);
        const int src_top = p.canvas.y + roundToInt((part.y - p.output.y) * sy);
        const int src_right = p.canvas.x + roundToInt((part.x + part.width - p.output.x) * sx);
        const int src_bottom = p.canvas.y + roundToInt((part.y + part.height - p.output.y) * sy);
        // Edges computed from output coordinates, so shared edges round the same way.
        const int left = roundToInt(fit.offset_x + (part.x - shown.x) * fit.scale);
        const int top = roundToInt(fit.offset_y + (part.y - shown.y) * fit.scale);
        const int right = roundToInt(fit.offset_x + (part.x + part.width - shown.x) * fit.scale);
        const int bottom = roundToInt(fit.offset_y + (part.y + part.height - shown.y) * fit.scale);
        if (right <= left || bottom <= top) continue;
        blits.push_back({{src_left, src_top, src_right - src_left, src_bottom - src_top}, {left, top, right - left, bottom - top}});
    }
    return blits;
}

}  // namespace wall::render
