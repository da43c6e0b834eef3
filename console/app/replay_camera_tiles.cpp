#include "replay_camera_tiles.hpp"

#include "panels/wall_style.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace wall::app {

namespace {
/// The journaled link state (camera.state) in the wall's words. A link that was up reads 正常, not
/// 实时: nothing on a replay may read as live.
std::string linkStateText(const panels::ViewContext& ctx, const std::string& state) {
    if (state == "live") return ctx.t(panels::Text::ReplayLinkUp);
    if (state == "connecting") return ctx.t(panels::Text::CameraConnecting);
    if (state == "reconnecting") return ctx.t(panels::Text::CameraReconnecting);
    if (state == "stalled") return ctx.t(panels::Text::CameraNoSignal);
    if (state == "failed") return ctx.t(panels::Text::FailOther);
    return state;
}
} // namespace

void ReplayCameraTiles::addStats(nlohmann::json& report) const {
    report["streams"] = nlohmann::json::array();
    report["open_decoders"] = 0;
}

void ReplayCameraTiles::drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, FitMode,
                                 const std::string& caption_override) {
    if (!ctx_) return;
    const panels::ViewContext& ctx = *ctx_;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* large = ctx.fonts.large;
    ImFont* body = ctx.fonts.body;
    dl->AddRectFilled(min, max, panels::colors::kTileBackground);
    const float caption_h = body->FontSize * 1.5f;
    const ImVec2 area_max(max.x, max.y - caption_h);

    // 无录像, and below it the link as the camera last reported it before the replay time.
    std::string link_line = ctx.t(panels::Text::ReplayNoLinkReport);
    const auto& reports = ctx.model.state.camera_streams;
    if (auto it = reports.find(camera_id); it != reports.end()) {
        const CameraStreamState& report = it->second;
        const std::string state = linkStateText(ctx, report.state);
        const std::string what = report.reason.empty() ? state : state + " · " + report.reason;
        char buf[256];
        std::snprintf(buf, sizeof buf, ctx.t(panels::Text::ReplayLinkThen), what.c_str());
        link_line = buf;
    }
    ImFont* headline_font = (area_max.y - min.y) > large->FontSize * 3 ? large : body;
    const float room = max.x - min.x - 24;
    const float block_h = headline_font->FontSize + 6 + body->FontSize;
    const float top = (min.y + area_max.y - block_h) * 0.5f;
    render::drawFitText(dl, headline_font, ImVec2(min.x + 12, top), room, headline_font->FontSize,
                        {ctx.t(panels::Text::ReplayNoRecording), panels::colors::kTextDim, 0, true},
                        headline_font->FontSize * panels::kMinTextScale, 0.5f);
    render::drawFitText(dl, body, ImVec2(min.x + 12, top + headline_font->FontSize + 6), room, body->FontSize,
                        {link_line, panels::colors::kTextDim, 0, true}, body->FontSize * panels::kMinTextScale, 0.5f);

    // Caption: the camera's name, and on the right the replay time where a live tile says 实时.
    const ImVec2 caption_min(min.x, max.y - caption_h);
    dl->AddRectFilled(caption_min, max, IM_COL32(0, 0, 0, 170));
    const float chip_w = panels::drawReplayChip(ctx, dl, ImVec2(max.x - 8, caption_min.y), caption_h);
    render::drawFitText(dl, body, ImVec2(min.x + 12, caption_min.y + caption_h * 0.15f), max.x - min.x - 12 - chip_w - 20,
                        body->FontSize, {tileCaption(ctx, camera_id, caption_override), panels::colors::kText, 0, true},
                        body->FontSize * panels::kMinTextScale);
    dl->AddRect(min, max, panels::colors::kReplay, 0, 0, 2.0f);
}

} // namespace wall::app
