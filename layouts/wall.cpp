// Pure geometry of a WallSpec: canvas, output, and point mapping between them.
#include "layouts/wall.hpp"

#include <cmath>

namespace wall::layouts {

std::string_view outputMappingName(OutputMapping mapping) {
    return mapping == OutputMapping::PerMonitor ? "per_monitor" : "span";
}

PixelSize WallSpec::canvasSize() const {
    return {cols * panel_width + (cols - 1) * bezel_x, rows * panel_height + (rows - 1) * bezel_y};
}

PixelSize WallSpec::outputSize() const { return {cols * panel_width, rows * panel_height}; }

PixelRect WallSpec::panelCanvasRect(int row, int col) const {
    return {col * (panel_width + bezel_x), row * (panel_height + bezel_y), panel_width, panel_height};
}

PixelRect WallSpec::panelOutputRect(int row, int col) const {
    return {col * panel_width, row * panel_height, panel_width, panel_height};
}

namespace {

// Panel index along one axis for a canvas coordinate; -1 behind a bezel or outside.
int canvasAxisPanel(double v, int count, int panel, int bezel) {
    if (v < 0) return -1;
    const double pitch = panel + bezel;
    const int index = static_cast<int>(std::floor(v / pitch));
    if (index >= count) return -1;
    return v - index * pitch < panel ? index : -1;
}

int outputAxisPanel(double v, int count, int panel) {
    if (v < 0) return -1;
    const int index = static_cast<int>(std::floor(v / panel));
    return index < count ? index : -1;
}

}  // namespace

std::optional<PanelIndex> WallSpec::panelAtCanvas(Point canvas) const {
    const int col = canvasAxisPanel(canvas.x, cols, panel_width, bezel_x);
    const int row = canvasAxisPanel(canvas.y, rows, panel_height, bezel_y);
    if (col < 0 || row < 0) return std::nullopt;
    return PanelIndex{row, col};
}

std::optional<PanelIndex> WallSpec::panelAtOutput(Point output) const {
    const int col = outputAxisPanel(output.x, cols, panel_width);
    const int row = outputAxisPanel(output.y, rows, panel_height);
    if (col < 0 || row < 0) return std::nullopt;
    return PanelIndex{row, col};
}

// Within a panel the mapping is a pure shift by the bezels to its left/above,
// so canvas -> output -> canvas is exact.
std::optional<Point> WallSpec::canvasToOutput(Point canvas) const {
    const auto panel = panelAtCanvas(canvas);
    if (!panel) return std::nullopt;
    return Point{canvas.x - panel->col * bezel_x, canvas.y - panel->row * bezel_y};
}

std::optional<Point> WallSpec::outputToCanvas(Point output) const {
    const auto panel = panelAtOutput(output);
    if (!panel) return std::nullopt;
    return Point{output.x + panel->col * bezel_x, output.y + panel->row * bezel_y};
}

std::vector<PixelRect> WallSpec::visiblePieces(const PixelRect& canvas_rect) const {
    std::vector<PixelRect> pieces;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const PixelRect piece = canvas_rect.intersection(panelCanvasRect(r, c));
            if (!piece.empty()) pieces.push_back(piece);
        }
    }
    return pieces;
}

int WallSpec::monitorForPanel(int row, int col) const {
    const int index = row * cols + col;
    if (index >= 0 && index < static_cast<int>(monitor_order.size())) return monitor_order[index];
    return index;
}

std::string WallSpec::shapeName() const { return std::to_string(rows) + "x" + std::to_string(cols); }

}  // namespace wall::layouts
