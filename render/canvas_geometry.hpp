#pragma once
// Plain geometry of the wall canvas and its output image. No GL here, so the
// mapping rules can be unit tested and reused by layouts/ callers.
//
// CANVAS: one big image including the bezel gaps (content continues behind
//         bezels, so a line crossing panels stays straight).
// OUTPUT: what the panels actually show, stitched edge to edge; the strips
//         behind bezels are cut out.

#include "base/pixel_geometry.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace wall::render {

/// One display panel: the part of the canvas it shows and where that lands in the output image.
struct PanelMapping {
    PixelRect canvas;  ///< source rectangle in canvas pixels
    PixelRect output;  ///< destination rectangle in output-image pixels (same size unless the wall scales panels)
};

/// Everything WallCanvas needs to know about a wall, computed by layouts/ (or by hand in tests).
struct CanvasGeometry {
    PixelSize canvas;                  ///< canvas size, bezel gaps included
    PixelSize output;                  ///< output image size, bezels cut out
    std::vector<PanelMapping> panels;  ///< one entry per display panel
};

/// @brief A rows x columns wall of equal panels with a uniform bezel gap in pixels (for tests, the 1x1 laptop case, and defaults).
CanvasGeometry uniformWallGeometry(int rows, int columns, PixelSize panel, int bezelPx);

/// @brief Error text naming the first problem (empty rect, rect outside canvas/output), or empty when valid.
std::string validateGeometry(const CanvasGeometry& geometry);

/// Where the output image lands inside a framebuffer: uniformly scaled to fit, centred (letterboxed).
struct FitTransform {
    double scale = 1.0;    ///< framebuffer pixels per output pixel
    double offset_x = 0;   ///< framebuffer x of output x = 0
    double offset_y = 0;   ///< framebuffer y of output y = 0 (top-down)
};

/// @brief Fits `output` into `target` keeping the aspect ratio; never scales up past 1 unless `allow_upscale`.
FitTransform fitInto(PixelSize output, PixelSize target, bool allow_upscale = false);

/// @brief Maps a window point to canvas coordinates through the fit and the panel that shows it; nullopt over letterbox bars.
/// `region` is the part of the output image the window shows; empty = all of it.
std::optional<std::array<double, 2>> windowToCanvas(const CanvasGeometry& geometry, PixelSize window, double wx, double wy,
                                                    PixelRect region = {});

/// One copy from the canvas to a target, top-down pixel rects.
struct PanelBlit {
    PixelRect source;  ///< in canvas pixels
    PixelRect target;  ///< in target pixels
};

/// @brief The copies that show `region` of the output image (empty = all) in a target of `target` pixels,
/// fitted and centred; neighbouring panels share rounded edges so no seam opens.
std::vector<PanelBlit> panelBlits(const CanvasGeometry& geometry, PixelRect region, PixelSize target);

}  // namespace wall::render
