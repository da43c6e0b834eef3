// Camera tiles until live video is wired in: each tile shows the camera's
// name, site and that video is pending, so the wall layout is already real.
#pragma once

#include "panels/view.hpp"

namespace wall::app {

class PlaceholderCameraTiles final : public panels::CameraTileDrawer {
public:
    /// @brief The context gives the fonts, language and camera registry of this frame.
    void beginFrame(const panels::ViewContext* ctx) { ctx_ = ctx; }
    void drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, layouts::FitMode fit,
                  const std::string& caption_override) override;

private:
    const panels::ViewContext* ctx_ = nullptr; // valid during one frame
};

} // namespace wall::app
