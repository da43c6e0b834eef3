#pragma once
// The wall canvas: one offscreen framebuffer of the CANVAS size (bezel gaps
// included) that ImGui and the video tiles draw into, plus the two ways the
// picture leaves it:
//   present()    blits each panel's canvas rect to its output rect in the
//                window's default framebuffer (bezels cut out), scaled down to
//                fit when the window is smaller than the wall;
//   readOutput() composes the same OUTPUT image on the GPU in a second
//                framebuffer, optionally shrinks it, and reads it back (for
//                --screenshot and tests).
// Coordinates in the API are top-down pixels (ImGui's convention); the
// flip to GL's bottom-up rows happens inside.
// GL thread only.

#include "render/canvas_geometry.hpp"
#include "render/gl_handles.hpp"
#include "render/rgba_image.hpp"

#include <array>
#include <cstdint>

namespace wall::render {

class GlWindow;

/// RGBA colour with components in 0..1.
using ClearColor = std::array<float, 4>;

/// Offscreen canvas of a wall and its bezel-compensated output.
class WallCanvas {
public:
    /// @brief Allocates the canvas; throws std::runtime_error if the geometry is invalid or exceeds GL limits.
    /// `render_scale` in (0, 1] rasterises the canvas at that fraction of its size (pass it to ImGuiRuntime::newFrame):
    /// a headless 3x4 wall captured at --screenshot-scale 0.25 needs no more pixels than that, and llvmpipe is fill-bound.
    explicit WallCanvas(CanvasGeometry geometry, double render_scale = 1.0);

    /// @brief Switches to another wall; reallocates only when the canvas size changes.
    void setGeometry(CanvasGeometry geometry);
    /// @brief The wall this canvas draws.
    const CanvasGeometry& geometry() const { return geometry_; }
    /// @brief Canvas size in canvas pixels (ImGui's coordinates): pass it to ImGuiRuntime::newFrame.
    PixelSize canvasSize() const { return geometry_.canvas; }
    /// @brief Fraction of the canvas size actually rasterised (1 = full detail).
    double renderScale() const { return render_scale_; }
    /// @brief Size of the canvas framebuffer: canvasSize() times renderScale(), rounded.
    PixelSize framebufferSize() const;

    /// @brief Binds the canvas framebuffer, sets the viewport to the canvas and clears it.
    void beginFrame(ClearColor clear = {0.035f, 0.043f, 0.059f, 1.0f});
    /// @brief Unbinds the canvas (binds the default framebuffer again).
    void endFrame();

    /// @brief Draws the output image (panels stitched, bezels cut) into the window's default framebuffer(s), letterboxed to fit;
    /// in PerMonitor mode each window gets its region. Leaves the primary context current.
    void present(GlWindow& window);

    /// @brief Returns the output image, shrunk by `scale` in (0, 1] (mipmapped, so small screenshots stay legible).
    RgbaImage readOutput(double scale = 1.0);

    /// @brief One canvas pixel {r, g, b, a} at top-down (x, y), for tests and probes.
    std::array<std::uint8_t, 4> readCanvasPixel(int x, int y);

    /// @brief Maps a mouse position in window coordinates to canvas coordinates; points over letterbox bars give -FLT_MAX (ImGui's "no mouse").
    std::array<float, 2> windowToCanvas(const GlWindow& window, float wx, float wy) const;

    /// @brief The canvas framebuffer name, to bind it yourself for extra passes.
    GLuint framebuffer() const { return canvas_fbo_.get(); }
    /// @brief The canvas colour texture (RGBA8, bottom-up rows, framebufferSize() large).
    GLuint texture() const { return canvas_texture_.get(); }

private:
    void allocateCanvas();
    void composeOutput();
    PixelSize composedOutputSize() const;
    void ensureDownscaleProgram();

    CanvasGeometry geometry_;            ///< wall being drawn
    double render_scale_ = 1.0;          ///< framebuffer pixels per canvas pixel, in (0, 1]
    GlTexture canvas_texture_;           ///< colour of the canvas, geometry_.canvas sized
    GlFramebuffer canvas_fbo_;           ///< renders into canvas_texture_
    GlTexture output_texture_;           ///< composed output image (lazy; only for readOutput)
    GlFramebuffer output_fbo_;           ///< renders into output_texture_
    PixelSize output_allocated_;         ///< size output_texture_ was allocated with (output size times render scale)
    GlProgram downscale_program_;        ///< samples output_texture_ with trilinear filtering (lazy)
    GlVertexArray empty_vao_;            ///< core profile needs a bound VAO even for attribute-less draws
};

}  // namespace wall::render
