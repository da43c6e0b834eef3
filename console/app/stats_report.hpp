// --stats: one JSON report at exit. The wall adds what it drew and how fast;
// the data source adds its own figures (source::WallSource::addStats).
#pragma once

#include "frame_stats.hpp"
#include "panels/view.hpp"
#include "render/glyph_atlas.hpp"
#include "camera_tiles.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace wall::app {

/// What the wall knows at exit.
struct WallFigures {
    const FrameStats& frames;
    uint64_t redraw_skipped = 0;
    double first_frame_ms = -1;
    const panels::UiModel& model;
    const render::GlyphAtlas& glyphs;
    const WallTiles& tiles;             // live video or a replay's record of the cameras
    std::string layout;
    std::string wall;
    std::string renderer;
    std::string wall_fault;             // the status bar's fault line, as drawn
    const nlohmann::json& linkage_log;  // linkage.show events as the wall applied them
    TimeMs now_ms = 0;                  // the source's clock
    const std::vector<layouts::Region>& layout_regions;  // where each panel is on the canvas
};

/// @brief The wall's part of the report.
nlohmann::json wallStats(const WallFigures& figures);
/// @brief Writes the report; false (logged) when the file cannot be written.
bool writeStatsFile(const std::string& path, const nlohmann::json& report);

} // namespace wall::app
