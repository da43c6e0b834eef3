#pragma once
// The physical video wall: rows x cols of equal panels, bezel gaps, and how the
// panels map onto monitors. Loaded from assets/walls/<name>.toml.
//
// Wall names are rows x cols: "3x4" is 3 rows by 4 columns (12 panels).
//
// Two pixel spaces:
//   CANVAS  one image that includes the bezel gaps. Content continues behind a
//           bezel, so a straight line crossing panels stays straight on the wall.
//           Layout regions are placed on the canvas.
//   OUTPUT  what the panels actually show, stitched edge to edge
//           (cols*panel_w x rows*panel_h). Panel (r,c)'s output image is its
//           canvas rect; the strips behind the bezels are never shown.

#include "layouts/geometry.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wall::layouts {

/// How the output image reaches the monitors.
enum class OutputMapping {
    Span,        ///< one borderless window spanning all monitors (one big desktop)
    PerMonitor,  ///< one window per monitor, all sharing one GL context
};

/// @brief "span" / "per_monitor".
std::string_view outputMappingName(OutputMapping mapping);

/// A loaded, validated wall description. Plain data; the geometry methods are pure.
struct WallSpec {
    std::string file;          ///< file it was loaded from ("" or a label when parsed from text)
    std::string name;          ///< short name, e.g. "3x4" (defaults to the file stem)
    std::string title;         ///< human title, e.g. "指挥大厅主屏 3行×4列"
    int rows = 1;              ///< panels down
    int cols = 1;              ///< panels across
    int panel_width = 1920;    ///< pixels across one panel
    int panel_height = 1080;   ///< pixels down one panel
    int bezel_x = 0;           ///< hidden pixels between two panels side by side (bezel compensation)
    int bezel_y = 0;           ///< hidden pixels between two panels one above the other
    int refresh_hz = 60;       ///< frame rate the wall runs at; headless frames are paced to it
    OutputMapping mapping = OutputMapping::Span;  ///< span window or one window per monitor
    std::vector<int> monitor_order;  ///< per_monitor: monitor of each panel, row by row; empty = panel i on monitor i

    /// @brief rows*cols.
    int panelCount() const { return rows * cols; }
    /// @brief Canvas size including the bezel gaps: cols*pw + (cols-1)*bezel_x by rows*ph + (rows-1)*bezel_y.
    PixelSize canvasSize() const;
    /// @brief Output size with bezels cut out: cols*pw by rows*ph.
    PixelSize outputSize() const;
    /// @brief The part of the canvas panel (row, col) shows.
    PixelRect panelCanvasRect(int row, int col) const;
    /// @brief Where panel (row, col) lands in the output image.
    PixelRect panelOutputRect(int row, int col) const;
    /// @brief Panel under a canvas point; nullopt behind a bezel or outside the canvas.
    std::optional<PanelIndex> panelAtCanvas(Point canvas) const;
    /// @brief Panel under an output point; nullopt outside the output image.
    std::optional<PanelIndex> panelAtOutput(Point output) const;
    /// @brief Canvas point to output point; nullopt behind a bezel (it is never shown) or outside.
    std::optional<Point> canvasToOutput(Point canvas) const;
    /// @brief Output point (e.g. a mouse position in the span window) to canvas point; nullopt outside.
    std::optional<Point> outputToCanvas(Point output) const;
    /// @brief The parts of a canvas rect that panels show (one per panel it touches, row by row),
    /// e.g. to keep the items of a status bar that spans panels off the bezels.
    std::vector<PixelRect> visiblePieces(const PixelRect& canvas_rect) const;
    /// @brief Monitor that shows panel (row, col) in per_monitor mapping (monitor_order, or row*cols+col).
    int monitorForPanel(int row, int col) const;
    /// @brief "<rows>x<cols>", e.g. "3x4" — the shape, whatever the wall is named.
    std::string shapeName() const;
};

/// @brief Reads and validates a wall file; throws LayoutError naming file and line.
WallSpec loadWall(const std::string& path);

/// @brief Parses and validates wall TOML text; `file_label` is used in errors. Throws LayoutError.
WallSpec parseWall(std::string_view toml_text, const std::string& file_label);

}  // namespace wall::layouts
