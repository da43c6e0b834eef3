#pragma once
// The shader that turns a VideoTexture into RGB: YUV -> RGB in the fragment
// shader with the matrix the CPU picked (yuv_matrix.hpp), plus a dim factor
// for the stalled overlay. Draws one quad from gl_VertexID (no vertex data).
// GL thread only.

#include "render/gl_handles.hpp"
#include "render/video/video_fit.hpp"
#include "render/video/video_texture.hpp"

namespace wall::video {

class VideoProgram {
public:
    /// @brief Compiles and links the shader; throws std::runtime_error with the GL info log.
    VideoProgram();

    /// @brief Draws `texture` into `tile` (framebuffer pixels, y down) of a framebuffer of
    /// `framebuffer_width` x `framebuffer_height`. Changes program, VAO and texture units 0-2;
    /// the caller restores its own state. `dim` in [0,1] darkens the picture (1 = black).
    void draw(const VideoTexture& texture, Rect tile, int framebuffer_width, int framebuffer_height, FitMode fit,
              float dim) const;

private:
    render::GlProgram program_;     ///< linked program
    render::GlVertexArray vao_;     ///< empty VAO: core profile needs one bound to draw
    GLint rect_ = -1;               ///< uniform locations
    GLint tex_rect_ = -1;
    GLint chroma_scale_ = -1;
    GLint v_select_ = -1;
    GLint matrix_ = -1;
    GLint offset_ = -1;
    GLint dim_ = -1;
};

}  // namespace wall::video
