// Camera tiles of a replay (复盘). Live video must never appear in a replay, so
// no stream is opened: each tile says 无录像 (no recording yet), the replay time,
// and the link state the camera last reported before that time.
#pragma once

#include "camera_tiles.hpp"

namespace wall::app {

class ReplayCameraTiles final : public WallTiles {
public:
    void upsertCamera(const Camera&) override {}
    void beginFrame(const panels::ViewContext* ctx) override { ctx_ = ctx; }
    void endFrame() override { ctx_ = nullptr; }
    bool hasNews() const override { return false; }
    void addStats(nlohmann::json& report) const override;
    void drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, FitMode fit,
                  const std::string& caption_override) override;

private:
    const panels::ViewContext* ctx_ = nullptr;  // valid during one frame
};

} // namespace wall::app
