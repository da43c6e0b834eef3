#pragma once
// A layout: named regions on the wall canvas, each showing one view. Loaded from
// assets/layouts/<name>.toml and resolved against one WallSpec, so every region
// carries its canvas rect in whole pixels. See assets/layouts/README.md for the
// file format.

#include "layouts/geometry.hpp"
#include "layouts/wall.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wall::layouts {

/// What a region shows.
enum class ViewKind {
    Camera,           ///< one camera ("camera")
    CameraGrid,       ///< a grid of cameras: a list and/or a camera group ("camera_grid")
    AlarmBoard,       ///< alarms by warning level ("alarm_board")
    DutyRoster,       ///< current and next shift ("duty_roster")
    TaskBoard,        ///< on-site commander tasks ("task_board")
    StatusBar,        ///< clock, date, link states, counts, active layout ("status_bar")
    IncidentSummary,  ///< the incident in focus ("incident_summary")
    Linkage,          ///< camera region reserved for alarm-linked cameras ("linkage")
    CallMatrix,       ///< 叫应 matrix of the open warnings, by township and village ("call_matrix")
};
constexpr int kViewKindCount = 9;

/// How a call matrix groups its warnings.
enum class CallGrouping {
    Township,  ///< one block per township (the default)
    Village,   ///< one block per township/village
};

/// @brief The TOML spelling of a view, e.g. "alarm_board".
std::string_view viewKindName(ViewKind view);
/// @brief Parses the TOML spelling; nullopt for an unknown view.
std::optional<ViewKind> viewKindFromName(std::string_view name);
/// @brief True for views that show video (camera, camera_grid, linkage).
bool isCameraView(ViewKind view);

/// Unit of a region's x, y, w, h.
enum class RegionUnit {
    Fraction,  ///< fractions of the canvas, 0..1 (the default)
    Panel,     ///< panels: x=1,w=2 covers panel columns 1 and 2 and the bezel between them
};

/// How a video fills a tile: base/'s, named here as the layout files spell it (layouts::FitMode).
using wall::FitMode;

/// A region's rect as written in the file, in its unit.
struct UnitRect {
    double x = 0;  ///< left edge
    double y = 0;  ///< top edge
    double w = 0;  ///< width
    double h = 0;  ///< height
};

/// One placed view. View parameters that do not apply to `view` stay empty.
struct Region {
    std::string name;               ///< unique within the layout, e.g. "alarms"
    ViewKind view = ViewKind::StatusBar;  ///< what it shows
    std::string title;              ///< caption override; empty = the view's default caption
    std::string title_hant;         ///< 繁體 caption for --lang zh-Hant; empty = use `title` / the default
    std::string title_en;           ///< English caption for --lang en; empty = use `title` / the default
    RegionUnit unit = RegionUnit::Fraction;  ///< unit of `rect`
    UnitRect rect;                  ///< as written in the file
    PixelRect canvas_rect;          ///< resolved on the wall canvas, whole pixels, edges snapped out of bezel gaps
    int line = 0;                   ///< line of the region's [[region]] header, for messages

    std::string camera;                ///< camera: the camera id; linkage: camera shown until an alarm links one
    std::vector<std::string> cameras;  ///< camera_grid: explicit camera ids, shown first
    std::string group;                 ///< camera_grid: a camera group whose cameras follow the list
    int columns = 0;                   ///< camera_grid: tiles per row; 0 = choose from the tile count and aspect
    FitMode fit = FitMode::Letterbox;  ///< camera views: letterbox or crop
    bool history = false;              ///< alarm_board: also list cleared alarms (warning history)
    bool linkage_takeover = false;     ///< camera_grid: a red warning's linked cameras may take the whole grid over
    CallGrouping group_by = CallGrouping::Township;  ///< call_matrix: block per township or per village
};

/// A loaded, validated layout resolved against one wall.
struct Layout {
    std::string file;         ///< file it was loaded from (or a label)
    std::string name;         ///< short name, e.g. "duty" (defaults to the file stem)
    std::string title;        ///< shown to people, e.g. "值班模式"
    std::string title_hant;   ///< 繁體 title for --lang zh-Hant, e.g. "值班模式"; empty = use `title`
    std::string title_en;     ///< English title for --lang en, e.g. "Duty"; empty = use `title`
    std::string description;  ///< one line for menus and --help; may be empty
    int hotkey = 0;           ///< function key: 1 = F1 .. 12 = F12; 0 = none
    int hotkey_line = 0;      ///< line of the hotkey key, for duplicate-hotkey messages
    bool is_default = false;  ///< `default = true`: the layout a console starts in
    bool for_replay = false;  ///< `replay = true`: a review layout; the live wall opens a replay for it instead
    std::string variant;      ///< wall variant used ("3x4" ...); empty = the general regions
    std::vector<Region> regions;  ///< in file order; none overlap, all inside the canvas

    /// @brief Region by name, or nullptr.
    const Region* findRegion(std::string_view region_name) const;
    /// @brief "F1".."F12", or "" when there is no hotkey.
    std::string hotkeyName() const;
};

/// @brief Reads a layout file and resolves it on `wall`; throws LayoutError naming file, line and region.
Layout loadLayout(const std::string& path, const WallSpec& wall);

/// @brief Parses layout TOML text and resolves it on `wall`; `file_label` is used in errors. Throws LayoutError.
Layout parseLayout(std::string_view toml_text, const std::string& file_label, const WallSpec& wall);

/// @brief Parses "F1".."F12" (case-insensitive); nullopt otherwise.
std::optional<int> parseHotkey(std::string_view text);

}  // namespace wall::layouts
