#include "camera_tiles.hpp"

#include "panels/wall_style.hpp"

namespace wall::app {

void PlaceholderCameraTiles::drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, layouts::FitMode,
                                      const std::string& caption_override) {
    if (!ctx_) return;
    const panels::ViewContext& ctx = *ctx_;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, panels::colors::kTileBackground);
    dl->AddRect(min, max, panels::colors::kBorder);
    const auto& cameras = ctx.model.state.cameras;
    auto it = cameras.find(camera_id);
    ImFont* body = ctx.fonts.body;
    const float caption_h = body->FontSize * 1.5f;
    const ImVec2 caption_min(min.x, max.y - caption_h);
    dl->AddRectFilled(caption_min, max, IM_COL32(0, 0, 0, 170));
    std::string caption;
    if (it == cameras.end()) {
        caption = camera_id + "  " + ctx.t(panels::Text::CameraUnknown);
    } else {
        caption = caption_override.empty() ? it->second.name : caption_override;
        if (!it->second.site.empty()) caption += ctx.t(panels::Text::CaptionSeparator) + it->second.site;
    }
    const ImVec4 clip(min.x, caption_min.y, max.x - 8, max.y);
    dl->AddText(body, body->FontSize, ImVec2(min.x + 12, caption_min.y + caption_h * 0.15f), panels::colors::kText,
                caption.c_str(), nullptr, 0, &clip);
    panels::drawCentredText(dl, body, min, ImVec2(max.x, caption_min.y), panels::colors::kTextDim,
                            ctx.t(panels::Text::CameraPlaceholder));
}

} // namespace wall::app
