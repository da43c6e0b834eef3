#pragma once
// Draws video tiles from Dear ImGui: drawVideo() records an ImDrawList
// callback that, when ImGui's OpenGL3 backend renders the list, draws the
// texture with VideoProgram and then asks the backend to re-apply its own
// GL state (ImDrawCallback_ResetRenderState). GL thread only.
//
// Lifetime: the VideoTexture passed to drawVideo must live until the frame
// has been rendered (ImGui::Render + backend), i.e. keep textures in a
// per-camera map, not in locals.

#include <deque>

#include <imgui.h>

#include "render/video/video_fit.hpp"
#include "render/video/video_program.hpp"
#include "render/video/video_texture.hpp"

namespace wall::video {

class VideoPainter {
public:
    /// @brief Compiles the video shader (context current).
    VideoPainter() = default;
    VideoPainter(const VideoPainter&) = delete;
    VideoPainter& operator=(const VideoPainter&) = delete;

    /// @brief Queues `texture` drawn into [min, max] (ImGui coordinates) of `list`, fitted by `fit`
    /// and darkened by `dim` (0 = as is, e.g. 0.55 for a stalled tile). Does nothing for an empty texture.
    void drawVideo(ImDrawList* list, const VideoTexture& texture, ImVec2 min, ImVec2 max, FitMode fit, float dim);
    /// @brief The program, for drawing outside ImGui (tests, capture).
    const VideoProgram& program() const { return program_; }

private:
    /// One queued draw, alive until the frame after it is rendered.
    struct Call {
        const VideoPainter* painter = nullptr;  ///< owner (the callback is a plain function)
        const VideoTexture* texture = nullptr;  ///< what to draw
        ImVec2 min, max;                        ///< tile in ImGui coordinates
        FitMode fit = FitMode::Letterbox;       ///< letterbox or crop
        float dim = 0.0f;                       ///< darkening
    };
    static void render(const ImDrawList* list, const ImDrawCmd* command);

    VideoProgram program_;        ///< the YUV shader
    std::deque<Call> calls_;      ///< stable addresses for ImDrawCmd::UserCallbackData
    int calls_frame_ = -1;        ///< ImGui frame the queued calls belong to
};

}  // namespace wall::video
