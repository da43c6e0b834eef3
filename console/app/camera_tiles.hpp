// Camera tiles: live video from the stream pool, uploaded per plane and
// converted to RGB in the shader. A tile that is not live can never pass for
// live: a stalled stream keeps its last picture dimmed under 信号中断 and its
// age, with a red frame; a tile without a picture says why.
#pragma once

#include "panels/view.hpp"
#include "render/video/video_painter.hpp"
#include "render/video/video_texture.hpp"
#include "streams/stream_pool.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>

namespace wall::app {

/// The wall's camera tiles as the frame loop sees them: live video, or a replay's record of the cameras.
class WallTiles : public panels::CameraTileDrawer {
public:
    /// @brief Registers or updates a camera's stream URLs (from camera.upsert or recovery).
    virtual void upsertCamera(const Camera& camera) = 0;
    /// @brief Starts a frame; the context gives fonts, language and the camera registry.
    virtual void beginFrame(const panels::ViewContext* ctx) = 0;
    virtual void endFrame() = 0;
    /// @brief A shown tile has a new picture or link state since the last frame: a redraw is due.
    virtual bool hasNews() const = 0;
    /// @brief The tiles' part of the --stats report.
    virtual void addStats(nlohmann::json& report) const = 0;
};

/// @brief A tile's caption: the layout's override or the camera's name, then its site.
std::string tileCaption(const panels::ViewContext& ctx, const std::string& camera_id, const std::string& caption_override);

class CameraTiles final : public WallTiles {
public:
    explicit CameraTiles(streams::PoolConfig config = {});

    void upsertCamera(const Camera& camera) override;
    void beginFrame(const panels::ViewContext* ctx) override;
    /// @brief Ends a frame: cameras not drawn close after the grace period.
    void endFrame() override;
    bool hasNews() const override { return pool_->hasNews(); }
    /// @brief "streams" (one row per stream) and "open_decoders".
    void addStats(nlohmann::json& report) const override;
    void drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, FitMode fit,
                  const std::string& caption_override) override;
    const streams::StreamPool& pool() const { return *pool_; }

private:
    void drawState(ImDrawList* dl, ImVec2 min, ImVec2 max, const streams::TileVideo& video, bool has_url);
    /// @brief Fills the tile's background where the picture does not cover it (letterbox bars).
    static void fillAround(ImDrawList* dl, ImVec2 min, ImVec2 max, const video::VideoTexture& texture, FitMode fit);
    void drawCaption(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::string& camera_id,
                     const std::string& caption_override, const streams::TileVideo& video);
    /// @brief "连接被拒绝 · 第3次失败 · 4秒后重试" for a link that is down (only the reason when that is
    /// wider than `max_width` in `font`); empty otherwise.
    static std::string retryLine(const panels::ViewContext& ctx, const streams::StreamStatus& s, bool has_picture,
                                 ImFont* font, float max_width);

    const panels::ViewContext* ctx_ = nullptr;        // valid during one frame
    std::unique_ptr<streams::StreamPool> pool_;       // decoders by camera
    std::map<std::string, video::VideoTexture> textures_; // by camera id; must outlive the frame's render
    std::unique_ptr<video::VideoPainter> painter_;    // video shader (GL thread)
};

} // namespace wall::app
