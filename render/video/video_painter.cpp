#include "render/video/video_painter.hpp"

#include <algorithm>
#include <cmath>

namespace wall::video {

void VideoPainter::drawVideo(ImDrawList* list, const VideoTexture& texture, ImVec2 min, ImVec2 max, FitMode fit,
                             float dim) {
    if (!list || texture.empty() || max.x <= min.x || max.y <= min.y) return;
    // Calls of the previous frame have been rendered once a new ImGui frame started.
    const int frame = ImGui::GetFrameCount();
    if (frame != calls_frame_) {
        calls_.clear();
        calls_frame_ = frame;
    }
    calls_.push_back(Call{this, &texture, min, max, fit, dim});
    list->AddCallback(&VideoPainter::render, &calls_.back());
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void VideoPainter::render(const ImDrawList*, const ImDrawCmd* command) {
    const Call& call = *static_cast<const Call*>(command->UserCallbackData);
    const ImDrawData* data = ImGui::GetDrawData();
    if (!data) return;
    const ImVec2 origin = data->DisplayPos;
    const ImVec2 scale = data->FramebufferScale;
    const int fb_width = static_cast<int>(data->DisplaySize.x * scale.x);
    const int fb_height = static_cast<int>(data->DisplaySize.y * scale.y);
    if (fb_width <= 0 || fb_height <= 0) return;

    // The backend sets the scissor per draw command but not for callbacks: clip
    // to the command's clip rectangle ourselves (windows, child regions).
    const ImVec4 clip = command->ClipRect;
    const float cx0 = std::floor((clip.x - origin.x) * scale.x);
    const float cy0 = std::floor((clip.y - origin.y) * scale.y);
    const float cx1 = std::ceil((clip.z - origin.x) * scale.x);
    const float cy1 = std::ceil((clip.w - origin.y) * scale.y);
    if (cx1 <= cx0 || cy1 <= cy0) return;
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>(cx0), static_cast<GLint>(static_cast<float>(fb_height) - cy1),
              static_cast<GLsizei>(cx1 - cx0), static_cast<GLsizei>(cy1 - cy0));

    const Rect tile{(call.min.x - origin.x) * scale.x, (call.min.y - origin.y) * scale.y,
                    (call.max.x - origin.x) * scale.x, (call.max.y - origin.y) * scale.y};
    call.painter->program_.draw(*call.texture, tile, fb_width, fb_height, call.fit, call.dim);
}

}  // namespace wall::video
