#pragma once
// Dear ImGui with the GLFW and OpenGL3 backends, drawing into the wall canvas
// rather than the window: each frame the display size is the CANVAS size and
// the mouse is mapped from window to canvas coordinates.
//
// Frame order (GL thread):
//   glyphs.rebuildIfNeeded();                 // never between NewFrame and Render
//   runtime.newFrame(canvas.canvasSize(), map, canvas.renderScale());
//   ... panels call ImGui ...
//   canvas.beginFrame(); runtime.render(); canvas.endFrame();
//   canvas.present(window); window.swapBuffers();

#include "render/gl_window.hpp"

#include <array>
#include <functional>

namespace wall::render {

/// Maps a mouse position in window coordinates to canvas coordinates
/// (WallCanvas::windowToCanvas fits); return -FLT_MAX to mean "not over the wall".
using MouseToCanvas = std::function<std::array<float, 2>(float window_x, float window_y)>;

/// Owns the ImGui context and its GLFW + OpenGL3 backends.
class ImGuiRuntime {
public:
    /// @brief Creates the ImGui context, installs the backends ("#version 330 core") and the control-room style.
    explicit ImGuiRuntime(GlWindow& window);
    /// @brief Shuts the backends down and destroys the context (GL thread, context current).
    ~ImGuiRuntime();
    ImGuiRuntime(const ImGuiRuntime&) = delete;
    ImGuiRuntime& operator=(const ImGuiRuntime&) = delete;

    /// @brief Starts a frame whose display is the canvas; maps the mouse with `to_canvas` (may be empty: identity).
    /// `framebuffer_scale` is WallCanvas::renderScale(): ImGui lays out in canvas pixels and rasterises at that scale.
    void newFrame(PixelSize canvas, const MouseToCanvas& to_canvas, double framebuffer_scale = 1.0);

    /// @brief Ends the frame and draws it into the currently bound framebuffer, which must be canvas sized.
    void render();

    /// @brief Re-applies the control-room style with every size multiplied by `scale` (e.g. 1.5 on a 3x4 wall).
    static void applyControlRoomStyle(float scale = 1.0f);

private:
    bool frame_open_ = false;  ///< newFrame called without a matching render; guards misuse
};

}  // namespace wall::render
