#include "render/video/video_texture.hpp"

#include <cstring>
#include <string_view>

namespace wall::video {

namespace {

GLenum internalFormat(int bytes_per_texel) { return bytes_per_texel == 2 ? GL_RG8 : GL_R8; }
GLenum pixelFormat(int bytes_per_texel) { return bytes_per_texel == 2 ? GL_RG : GL_RED; }

/// Restores the unpack state ImGui and the rest of render/ expect, whatever happens.
struct UnpackStateGuard {
    GLint row_length = 0, alignment = 4, buffer = 0, texture = 0;
    UnpackStateGuard() {
        glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row_length);
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
        glGetIntegerv(GL_PIXEL_UNPACK_BUFFER_BINDING, &buffer);
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture);
    }
    ~UnpackStateGuard() {
        glPixelStorei(GL_UNPACK_ROW_LENGTH, row_length);
        glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
        glBindBuffer(GL_PIXEL_UNPACK_BUFFER, static_cast<GLuint>(buffer));
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture));
    }
};

/// A picture shrunk into a smaller tile (a 1080p main stream in a grid cell)
/// samples the nearest texel on software rasterisers: there bilinear taps cost
/// about a third of a tile's fill (streams_bench: llvmpipe 3.4 -> 2.2 ms per
/// 1080p frame in a 480x270 tile), and without mipmaps they barely smooth a 4:1
/// reduction anyway. GPUs keep bilinear; enlarging always stays bilinear.
GLint minifyFilter() {
    static const bool software = [] {
        const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string_view name = renderer ? renderer : "";
        return name.find("llvmpipe") != std::string_view::npos || name.find("softpipe") != std::string_view::npos ||
               name.find("SwiftShader") != std::string_view::npos;
    }();
    return software ? GL_NEAREST : GL_LINEAR;
}

}  // namespace

void VideoTexture::recreate(const VideoFrame& frame) {
    for (auto& t : planes_) t.reset();
    for (auto& b : unpack_) b.reset();
    for (int i = 0; i < planeCount(frame.format); ++i) {
        const auto index = static_cast<std::size_t>(i);
        const VideoPlane& plane = frame.planes[index];
        const int bpt = bytesPerTexel(frame.format, i);
        planes_[index] = render::GlTexture::generate();
        unpack_[index] = render::GlBuffer::generate();
        glBindTexture(GL_TEXTURE_2D, planes_[index].get());
        glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internalFormat(bpt)), plane.width, plane.height, 0,
                     pixelFormat(bpt), GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, minifyFilter());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    width_ = frame.width;
    height_ = frame.height;
    format_ = frame.format;
    ++recreations_;
}

bool VideoTexture::upload(const VideoFrame& frame) {
    if (!isWellFormed(frame)) return false;
    UnpackStateGuard guard;
    if (frame.width != width_ || frame.height != height_ || frame.format != format_ || !planes_[0]) recreate(frame);

    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (int i = 0; i < planeCount(frame.format); ++i) {
        const auto index = static_cast<std::size_t>(i);
        const VideoPlane& plane = frame.planes[index];
        const int bpt = bytesPerTexel(frame.format, i);
        const std::size_t row_bytes = static_cast<std::size_t>(plane.width) * static_cast<std::size_t>(bpt);
        const std::size_t stride = static_cast<std::size_t>(plane.stride);
        // GL_UNPACK_ROW_LENGTH counts texels: a stride that is not a whole number
        // of texels is repacked row by row instead.
        const bool keep_stride = stride % static_cast<std::size_t>(bpt) == 0;
        const std::size_t rows = static_cast<std::size_t>(plane.height);
        const std::size_t bytes = keep_stride ? stride * (rows - 1) + row_bytes : row_bytes * rows;

        glBindBuffer(GL_PIXEL_UNPACK_BUFFER, unpack_[index].get());
        glBufferData(GL_PIXEL_UNPACK_BUFFER, static_cast<GLsizeiptr>(bytes), nullptr, GL_STREAM_DRAW);  // orphan: no stall on the last draw
        void* mapped = glMapBufferRange(GL_PIXEL_UNPACK_BUFFER, 0, static_cast<GLsizeiptr>(bytes),
                                        GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT);
        if (!mapped) return false;
        auto* dst = static_cast<std::uint8_t*>(mapped);
        const std::uint8_t* src = plane.data.get();
        if (keep_stride) {
            std::memcpy(dst, src, bytes);
        } else {
            for (std::size_t row = 0; row < rows; ++row) std::memcpy(dst + row * row_bytes, src + row * stride, row_bytes);
        }
        glUnmapBuffer(GL_PIXEL_UNPACK_BUFFER);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, keep_stride ? static_cast<GLint>(stride / static_cast<std::size_t>(bpt)) : 0);
        glBindTexture(GL_TEXTURE_2D, planes_[index].get());
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, plane.width, plane.height, pixelFormat(bpt), GL_UNSIGNED_BYTE, nullptr);
    }
    matrix_ = frame.matrix;
    range_ = frame.range;
    sequence_ = frame.sequence;
    return true;
}

void VideoTexture::bind(int first_unit) const {
    for (int i = 0; i < 3; ++i) {
        // NV12 has two planes: its UV texture serves as both chroma units.
        const int plane = (format_ == PixelFormat::Nv12 && i == 2) ? 1 : i;
        glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + first_unit + i));
        glBindTexture(GL_TEXTURE_2D, planes_[static_cast<std::size_t>(plane)].get());
    }
    glActiveTexture(GL_TEXTURE0);
}

}  // namespace wall::video
