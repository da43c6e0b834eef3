#include "render/wall_canvas.hpp"

#include "render/gl_window.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace wall::render {
namespace {

std::string sizeText(PixelSize size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

void checkFitsGl(PixelSize size, const char* what) {
    GLint max_texture = 0;
    GLint max_viewport[2] = {0, 0};
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, max_viewport);
    const int limit = std::min({max_texture, max_viewport[0], max_viewport[1]});
    if (size.width > limit || size.height > limit) {
        throw std::runtime_error(std::string("WallCanvas: ") + what + " " + sizeText(size) +
                                 " exceeds this GL's limit of " + std::to_string(limit) + " pixels per side");
    }
}

// Allocates an RGBA8 texture and a framebuffer drawing into it.
void allocateTarget(PixelSize size, GlTexture& texture, GlFramebuffer& fbo, bool mipmapped, const char* what) {
    checkFitsGl(size, what);
    texture = GlTexture::generate();
    glBindTexture(GL_TEXTURE_2D, texture.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, size.width, size.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, mipmapped ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    fbo = GlFramebuffer::generate();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.get(), 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        throw std::runtime_error(std::string("WallCanvas: ") + what + " framebuffer " + sizeText(size) +
                                 " is incomplete (status " + std::to_string(status) + ")");
    }
    throwOnGlError(what);
}

// Top-down rect -> GL bottom-up {x0, y0, x1, y1} in a buffer `height` rows tall.
std::array<GLint, 4> glRect(const PixelRect& r, int height) {
    return {r.x, height - (r.y + r.height), r.x + r.width, height - r.y};
}

// Reads `size` pixels of the bound read framebuffer and flips rows to top-down.
RgbaImage readBoundFramebuffer(PixelSize size) {
    RgbaImage image;
    image.width = size.width;
    image.height = size.height;
    const std::size_t stride = static_cast<std::size_t>(size.width) * 4;
    std::vector<std::uint8_t> bottom_up(stride * static_cast<std::size_t>(size.height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    glReadPixels(0, 0, size.width, size.height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    throwOnGlError("WallCanvas::readOutput glReadPixels");
    image.pixels.resize(bottom_up.size());
    for (int y = 0; y < size.height; ++y) {
        std::copy_n(bottom_up.data() + static_cast<std::size_t>(size.height - 1 - y) * stride, stride,
                    image.pixels.data() + static_cast<std::size_t>(y) * stride);
    }
    return image;
}

GlShader compileShader(GLenum type, const char* source) {
    GlShader shader(glCreateShader(type));
    glShaderSource(shader.get(), 1, &source, nullptr);
    glCompileShader(shader.get());
    GLint ok = 0;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(shader.get(), sizeof log, nullptr, log);
        throw std::runtime_error(std::string("WallCanvas: downscale shader does not compile: ") + log);
    }
    return shader;
}

constexpr const char* kFullscreenVertex = R"(#version 330 core
out vec2 uv;
void main() {
    // One triangle covering the viewport; uv (0,0) is the bottom-left texel.
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    uv = corner;
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
)";

constexpr const char* kSampleFragment = R"(#version 330 core
uniform sampler2D image;
in vec2 uv;
out vec4 color;
void main() { color = texture(image, uv); }
)";

}  // namespace

WallCanvas::WallCanvas(CanvasGeometry geometry, double render_scale) : render_scale_(render_scale) {
    if (!(render_scale > 0.0 && render_scale <= 1.0)) {
        throw std::runtime_error("WallCanvas: render scale " + std::to_string(render_scale) + " is outside (0, 1]");
    }
    setGeometry(std::move(geometry));
}

PixelSize WallCanvas::framebufferSize() const {
    // Same float arithmetic and truncation as ImGui's OpenGL3 backend uses for its viewport, so they agree to the pixel.
    const auto scale = static_cast<float>(render_scale_);
    return {std::max(1, static_cast<int>(static_cast<float>(geometry_.canvas.width) * scale)),
            std::max(1, static_cast<int>(static_cast<float>(geometry_.canvas.height) * scale))};
}

void WallCanvas::setGeometry(CanvasGeometry geometry) {
    if (const std::string error = validateGeometry(geometry); !error.empty()) {
        throw std::runtime_error("WallCanvas: invalid wall geometry: " + error);
    }
    const bool resize = !canvas_fbo_ || geometry.canvas != geometry_.canvas;  // same canvas size: same framebuffer
    geometry_ = std::move(geometry);
    if (resize) allocateCanvas();
}

void WallCanvas::allocateCanvas() {
    allocateTarget(framebufferSize(), canvas_texture_, canvas_fbo_, false, "canvas");
    // Start black rather than with undefined memory.
    glBindFramebuffer(GL_FRAMEBUFFER, canvas_fbo_.get());
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void WallCanvas::beginFrame(ClearColor clear) {
    glBindFramebuffer(GL_FRAMEBUFFER, canvas_fbo_.get());
    const PixelSize fb = framebufferSize();
    glViewport(0, 0, fb.width, fb.height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    glClear(GL_COLOR_BUFFER_BIT);
}

void WallCanvas::endFrame() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

namespace {
// Canvas rect -> the same rect in a canvas framebuffer rendered at `scale`.
PixelRect scaled(const PixelRect& r, double scale) {
    if (scale == 1.0) return r;
    const int left = static_cast<int>(std::lround(r.x * scale));
    const int top = static_cast<int>(std::lround(r.y * scale));
    return {left, top, static_cast<int>(std::lround((r.x + r.width) * scale)) - left,
            static_cast<int>(std::lround((r.y + r.height) * scale)) - top};
}

// Copies the blits from the bound read framebuffer (canvas rendered at
// `canvas_scale`, `canvas_height` rows) into the bound draw framebuffer
// (`target_height` rows), flipping to GL's bottom-up rows.
void runBlits(const std::vector<PanelBlit>& blits, double canvas_scale, int canvas_height, int target_height) {
    for (const PanelBlit& original : blits) {
        const PanelBlit blit{scaled(original.source, canvas_scale), original.target};
        const auto src = glRect(blit.source, canvas_height);
        const auto dst = glRect(blit.target, target_height);
        const bool same_size = blit.source.width == blit.target.width && blit.source.height == blit.target.height;
        glBlitFramebuffer(src[0], src[1], src[2], src[3], dst[0], dst[1], dst[2], dst[3], GL_COLOR_BUFFER_BIT,
                          same_size ? GL_NEAREST : GL_LINEAR);
    }
}
}  // namespace

void WallCanvas::present(GlWindow& window) {
    for (std::size_t index = 0; index < window.surfaceCount(); ++index) {
        const PixelSize target = window.surfaceFramebufferSize(index);
        if (target.width <= 0 || target.height <= 0) continue;  // minimised
        if (index > 0) window.makeSurfaceCurrent(index);
        // Framebuffers are per context: other windows read the shared canvas texture through their own.
        const GLuint source = window.surfaceReadFramebuffer(index, canvas_texture_.get(), canvas_fbo_.get());
        glBindFramebuffer(GL_READ_FRAMEBUFFER, source);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
        glDisable(GL_SCISSOR_TEST);  // blits and clears honour the scissor box
        glViewport(0, 0, target.width, target.height);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        runBlits(panelBlits(geometry_, window.surfaceRegion(index), target), render_scale_, framebufferSize().height, target.height);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }
    if (window.surfaceCount() > 1) window.makeSurfaceCurrent(0);
}

PixelSize WallCanvas::composedOutputSize() const {
    return {std::max(1, static_cast<int>(std::lround(geometry_.output.width * render_scale_))),
            std::max(1, static_cast<int>(std::lround(geometry_.output.height * render_scale_)))};
}

void WallCanvas::composeOutput() {
    // The output image is composed at the render scale: no detail exists beyond it.
    const PixelSize composed = composedOutputSize();
    if (!output_fbo_ || output_allocated_ != composed) {
        allocateTarget(composed, output_texture_, output_fbo_, true, "output image");
        output_allocated_ = composed;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, canvas_fbo_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, output_fbo_.get());
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, composed.width, composed.height);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    runBlits(panelBlits(geometry_, {}, composed), render_scale_, framebufferSize().height, composed.height);
    throwOnGlError("WallCanvas::composeOutput");
}

void WallCanvas::ensureDownscaleProgram() {
    if (downscale_program_) return;
    GlShader vertex = compileShader(GL_VERTEX_SHADER, kFullscreenVertex);
    GlShader fragment = compileShader(GL_FRAGMENT_SHADER, kSampleFragment);
    GlProgram program(glCreateProgram());
    glAttachShader(program.get(), vertex.get());
    glAttachShader(program.get(), fragment.get());
    glLinkProgram(program.get());
    GLint ok = 0;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(program.get(), sizeof log, nullptr, log);
        throw std::runtime_error(std::string("WallCanvas: downscale program does not link: ") + log);
    }
    downscale_program_ = std::move(program);
    empty_vao_ = GlVertexArray::generate();
}

RgbaImage WallCanvas::readOutput(double scale) {
    if (!(scale > 0.0 && scale <= 1.0)) {
        throw std::runtime_error("WallCanvas::readOutput: scale " + std::to_string(scale) + " is outside (0, 1]");
    }
    composeOutput();
    const PixelSize full = composedOutputSize();
    const PixelSize small{std::max(1, static_cast<int>(std::lround(geometry_.output.width * scale))),
                          std::max(1, static_cast<int>(std::lround(geometry_.output.height * scale)))};
    if (small == full) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, output_fbo_.get());
        RgbaImage image = readBoundFramebuffer(full);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return image;
    }

    // Shrink through the mip chain so text does not alias at 1/4 scale.
    ensureDownscaleProgram();
    glBindTexture(GL_TEXTURE_2D, output_texture_.get());
    glGenerateMipmap(GL_TEXTURE_2D);
    GlTexture small_texture;
    GlFramebuffer small_fbo;
    allocateTarget(small, small_texture, small_fbo, false, "shrunk output image");
    glBindFramebuffer(GL_FRAMEBUFFER, small_fbo.get());
    glViewport(0, 0, small.width, small.height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glUseProgram(downscale_program_.get());
    glUniform1i(glGetUniformLocation(downscale_program_.get(), "image"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, output_texture_.get());
    glBindVertexArray(empty_vao_.get());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, small_fbo.get());
    RgbaImage image = readBoundFramebuffer(small);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return image;
}

std::array<std::uint8_t, 4> WallCanvas::readCanvasPixel(int x, int y) {
    if (x < 0 || y < 0 || x >= geometry_.canvas.width || y >= geometry_.canvas.height) {
        throw std::runtime_error("WallCanvas::readCanvasPixel: (" + std::to_string(x) + "," + std::to_string(y) +
                                 ") is outside the canvas " + sizeText(geometry_.canvas));
    }
    std::array<std::uint8_t, 4> pixel{};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, canvas_fbo_.get());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    // At a render scale below 1 several canvas pixels share one framebuffer pixel.
    const PixelSize fb = framebufferSize();
    const int fx = std::min(fb.width - 1, static_cast<int>(x * render_scale_));
    const int fy = std::min(fb.height - 1, static_cast<int>(y * render_scale_));
    glReadPixels(fx, fb.height - 1 - fy, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return pixel;
}

std::array<float, 2> WallCanvas::windowToCanvas(const GlWindow& window, float wx, float wy) const {
    const auto mapped = render::windowToCanvas(geometry_, window.windowSize(), wx, wy, window.surfaceRegion(0));
    // Over a letterbox bar: -FLT_MAX is ImGui's "no mouse" value.
    if (!mapped) return {std::numeric_limits<float>::lowest(), std::numeric_limits<float>::lowest()};
    return {static_cast<float>((*mapped)[0]), static_cast<float>((*mapped)[1])};
}

}  // namespace wall::render
