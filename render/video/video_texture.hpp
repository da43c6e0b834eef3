#pragma once
// The GPU side of one video stream: one texture per plane (GL_R8 for Y/U/V,
// GL_RG8 for NV12's interleaved UV), uploaded with the plane's real stride
// through a pixel buffer object. Textures are recreated only when the size or
// format changes; otherwise each frame updates them in place (OBS style).
// GL thread only, including destruction.

#include <array>
#include <cstdint>

#include "render/gl_handles.hpp"
#include "render/video_frame.hpp"

namespace wall::video {

class VideoTexture {
public:
    VideoTexture() = default;
    VideoTexture(VideoTexture&&) noexcept = default;
    VideoTexture& operator=(VideoTexture&&) noexcept = default;
    VideoTexture(const VideoTexture&) = delete;
    VideoTexture& operator=(const VideoTexture&) = delete;

    /// @brief Uploads `frame`; false (old picture kept) when the frame is malformed (see isWellFormed).
    bool upload(const VideoFrame& frame);
    /// @brief True until the first successful upload.
    bool empty() const { return width_ == 0; }
    /// @brief Luma size of the current picture.
    int width() const { return width_; }
    int height() const { return height_; }
    /// @brief Plane layout of the current picture.
    PixelFormat format() const { return format_; }
    /// @brief Colour facts of the current picture (they pick the shader's matrix).
    ColorMatrix matrix() const { return matrix_; }
    ColorRange range() const { return range_; }
    /// @brief Sequence number of the uploaded frame.
    std::uint64_t sequence() const { return sequence_; }
    /// @brief Binds Y, U, V to units first_unit..+2 (NV12: UV on both chroma units).
    void bind(int first_unit) const;
    /// @brief Times the textures were (re)created: once per size/format change.
    std::uint64_t recreations() const { return recreations_; }

private:
    void recreate(const VideoFrame& frame);

    std::array<render::GlTexture, 3> planes_;   ///< one texture per plane
    std::array<render::GlBuffer, 3> unpack_;    ///< one PBO per plane, orphaned each upload
    int width_ = 0;                              ///< luma size of the textures
    int height_ = 0;
    PixelFormat format_ = PixelFormat::Yuv420p;  ///< plane layout of the textures
    ColorMatrix matrix_ = ColorMatrix::Bt709;    ///< of the last frame
    ColorRange range_ = ColorRange::Limited;     ///< of the last frame
    std::uint64_t sequence_ = 0;                 ///< of the last frame
    std::uint64_t recreations_ = 0;              ///< texture (re)creations
};

}  // namespace wall::video
