// Reading and validating wall description files (assets/walls/<name>.toml).
#include "layouts/toml_fields.hpp"
#include "layouts/wall.hpp"

#include <filesystem>
#include <set>

namespace wall::layouts {


namespace {

// Generous bounds: they exist to catch typos (an extra zero), not to limit real walls.
constexpr int64_t kMaxPanelsPerAxis = 32;
constexpr int64_t kMinPanelPixels = 16;
constexpr int64_t kMaxPanelPixels = 16384;
constexpr int64_t kMaxRefreshHz = 480;

WallSpec readWall(const toml::table& root, const std::string& file) {
    const FieldReader top{root, file, "", 1};
    top.rejectUnknownKeys({"name", "title", "rows", "cols", "refresh_hz", "panel", "bezel", "output"},
                          "in a wall file");

    WallSpec wall;
    wall.file = file;
    wall.name = top.string("name").value_or(std::filesystem::path(file).stem().string());
    if (wall.name.empty()) top.failKey("name", "'name' must not be empty");
    wall.title = top.string("title").value_or(wall.name);

    if (!top.has("rows")) top.fail(1, "missing 'rows' (panels down)");
    if (!top.has("cols")) top.fail(1, "missing 'cols' (panels across)");
    wall.rows = static_cast<int>(top.integerInRange("rows", 1, kMaxPanelsPerAxis, 1));
    wall.cols = static_cast<int>(top.integerInRange("cols", 1, kMaxPanelsPerAxis, 1));
    wall.refresh_hz = static_cast<int>(top.integerInRange("refresh_hz", 1, kMaxRefreshHz, 60));

    const toml::table* panel = top.subTable("panel");
    if (!panel) top.fail(1, "missing [panel] table with width and height in pixels");
    const FieldReader panel_fields{*panel, file, "", lineOf(*panel)};
    panel_fields.rejectUnknownKeys({"width", "height"}, "in [panel]");
    if (!panel_fields.has("width")) panel_fields.fail(panel_fields.table_line, "missing 'width' in [panel]");
    if (!panel_fields.has("height")) panel_fields.fail(panel_fields.table_line, "missing 'height' in [panel]");
    wall.panel_width = static_cast<int>(panel_fields.integerInRange("width", kMinPanelPixels, kMaxPanelPixels, 0));
    wall.panel_height = static_cast<int>(panel_fields.integerInRange("height", kMinPanelPixels, kMaxPanelPixels, 0));

    if (const toml::table* bezel = top.subTable("bezel")) {
        const FieldReader bezel_fields{*bezel, file, "", lineOf(*bezel)};
        bezel_fields.rejectUnknownKeys({"x", "y"}, "in [bezel]");
        // A bezel wider than a panel is certainly a typo.
        wall.bezel_x = static_cast<int>(bezel_fields.integerInRange("x", 0, wall.panel_width, 0));
        wall.bezel_y = static_cast<int>(bezel_fields.integerInRange("y", 0, wall.panel_height, 0));
    }

    if (const toml::table* output = top.subTable("output")) {
        const FieldReader out{*output, file, "", lineOf(*output)};
        out.rejectUnknownKeys({"mapping", "monitor_order"}, "in [output]");
        const std::string mapping = out.string("mapping").value_or("span");
        if (mapping == "span") {
            wall.mapping = OutputMapping::Span;
        } else if (mapping == "per_monitor") {
            wall.mapping = OutputMapping::PerMonitor;
        } else {
            out.failKey("mapping", "unknown output mapping '" + mapping + "'; use \"span\" or \"per_monitor\"");
        }
        if (const auto order = out.integerList("monitor_order")) {
            if (wall.mapping != OutputMapping::PerMonitor)
                out.failKey("monitor_order", "'monitor_order' only applies to mapping = \"per_monitor\"");
            if (static_cast<int>(order->size()) != wall.panelCount()) {
                out.failKey("monitor_order", "'monitor_order' lists " + std::to_string(order->size()) +
                                                 " monitors but the wall has " + std::to_string(wall.panelCount()) +
                                                 " panels (rows x cols, row by row)");
            }
            std::set<int64_t> seen;
            for (int64_t m : *order) {
                if (m < 0 || m >= 1024)
                    out.failKey("monitor_order", "monitor index " + std::to_string(m) + " must be 0..1023");
                if (!seen.insert(m).second)
                    out.failKey("monitor_order", "monitor " + std::to_string(m) + " is listed twice");
                wall.monitor_order.push_back(static_cast<int>(m));
            }
        }
    }
    return wall;
}

}  // namespace

WallSpec parseWall(std::string_view toml_text, const std::string& file_label) {
    const toml::table root = parseToml(toml_text, file_label);
    return readWall(root, file_label);
}

WallSpec loadWall(const std::string& path) { return parseWall(readTextFile(path), path); }

}  // namespace wall::layouts
