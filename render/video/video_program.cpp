#include "render/video/video_program.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "render/video/yuv_matrix.hpp"

namespace wall::video {

namespace {

constexpr const char* kVertexShader = R"(#version 330 core
uniform vec4 u_rect;      // destination in NDC: x0, y_top, x1, y_bottom
uniform vec4 u_tex_rect;  // texture coordinates: u0, v0 (first row), u1, v1
out vec2 v_tex;
void main() {
    // Triangle strip corners 0..3: (0,0) (1,0) (0,1) (1,1), y = 0 is the top.
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
    v_tex = mix(u_tex_rect.xy, u_tex_rect.zw, corner);
}
)";

constexpr const char* kFragmentShader = R"(#version 330 core
in vec2 v_tex;
out vec4 frag_color;
uniform sampler2D u_y;
uniform sampler2D u_u;          // U plane, or NV12's interleaved UV
uniform sampler2D u_v;          // V plane, or NV12's UV again
uniform vec4 u_v_select;        // picks V from u_v: (1,0,0,0) planar, (0,1,0,0) NV12 (no branch: llvmpipe pays for them)
uniform vec2 u_chroma_scale;    // luma texcoord -> chroma texcoord (odd sizes round chroma up)
uniform mat3 u_matrix;          // chosen on the CPU: BT.601/BT.709, limited/full
uniform vec3 u_offset;
uniform float u_dim;            // 0 = as is, 1 = black (stalled overlay)
void main() {
    vec2 c = v_tex * u_chroma_scale;
    vec3 yuv = vec3(texture(u_y, v_tex).r, texture(u_u, c).r, dot(texture(u_v, c), u_v_select));
    vec3 rgb = clamp(u_matrix * yuv + u_offset, 0.0, 1.0);
    frag_color = vec4(rgb * (1.0 - u_dim), 1.0);
}
)";

render::GlShader compile(GLenum type, const char* source, const char* name) {
    render::GlShader shader(glCreateShader(type));
    glShaderSource(shader.get(), 1, &source, nullptr);
    glCompileShader(shader.get());
    GLint ok = GL_FALSE;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[2048] = {};
        glGetShaderInfoLog(shader.get(), sizeof(log), nullptr, log);
        throw std::runtime_error(std::string("video ") + name + " shader does not compile: " + log);
    }
    return shader;
}

}  // namespace

VideoProgram::VideoProgram() {
    const render::GlShader vertex = compile(GL_VERTEX_SHADER, kVertexShader, "vertex");
    const render::GlShader fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader, "fragment");
    program_ = render::GlProgram(glCreateProgram());
    glAttachShader(program_.get(), vertex.get());
    glAttachShader(program_.get(), fragment.get());
    glLinkProgram(program_.get());
    GLint ok = GL_FALSE;
    glGetProgramiv(program_.get(), GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[2048] = {};
        glGetProgramInfoLog(program_.get(), sizeof(log), nullptr, log);
        throw std::runtime_error(std::string("video shader program does not link: ") + log);
    }
    glDetachShader(program_.get(), vertex.get());
    glDetachShader(program_.get(), fragment.get());
    vao_ = render::GlVertexArray::generate();

    const GLuint p = program_.get();
    rect_ = glGetUniformLocation(p, "u_rect");
    tex_rect_ = glGetUniformLocation(p, "u_tex_rect");
    chroma_scale_ = glGetUniformLocation(p, "u_chroma_scale");
    v_select_ = glGetUniformLocation(p, "u_v_select");
    matrix_ = glGetUniformLocation(p, "u_matrix");
    offset_ = glGetUniformLocation(p, "u_offset");
    dim_ = glGetUniformLocation(p, "u_dim");
    GLint previous = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &previous);
    glUseProgram(p);
    glUniform1i(glGetUniformLocation(p, "u_y"), 0);
    glUniform1i(glGetUniformLocation(p, "u_u"), 1);
    glUniform1i(glGetUniformLocation(p, "u_v"), 2);
    glUseProgram(static_cast<GLuint>(previous));
}

void VideoProgram::draw(const VideoTexture& texture, Rect tile, int framebuffer_width, int framebuffer_height,
                        FitMode fit, float dim) const {
    if (texture.empty() || framebuffer_width <= 0 || framebuffer_height <= 0) return;
    const FitResult placed = fitPicture(texture.width(), texture.height(), tile, fit);
    if (placed.quad.width() <= 0 || placed.quad.height() <= 0) return;

    const auto ndc_x = [&](float x) { return x / static_cast<float>(framebuffer_width) * 2.0f - 1.0f; };
    const auto ndc_y = [&](float y) { return 1.0f - y / static_cast<float>(framebuffer_height) * 2.0f; };
    const int cw = (texture.width() + 1) / 2;
    const int ch = (texture.height() + 1) / 2;
    const YuvToRgb conversion = yuvToRgb(texture.matrix(), texture.range());

    glUseProgram(program_.get());
    glUniform4f(rect_, ndc_x(placed.quad.x0), ndc_y(placed.quad.y0), ndc_x(placed.quad.x1), ndc_y(placed.quad.y1));
    glUniform4f(tex_rect_, placed.texture.x0, placed.texture.y0, placed.texture.x1, placed.texture.y1);
    glUniform2f(chroma_scale_, static_cast<float>(texture.width()) / static_cast<float>(2 * cw),
                static_cast<float>(texture.height()) / static_cast<float>(2 * ch));
    const bool nv12 = texture.format() == PixelFormat::Nv12;
    glUniform4f(v_select_, nv12 ? 0.0f : 1.0f, nv12 ? 1.0f : 0.0f, 0.0f, 0.0f);
    glUniformMatrix3fv(matrix_, 1, GL_FALSE, conversion.matrix.data());
    glUniform3fv(offset_, 1, conversion.offset.data());
    glUniform1f(dim_, std::clamp(dim, 0.0f, 1.0f));
    texture.bind(0);
    glBindVertexArray(vao_.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace wall::video
