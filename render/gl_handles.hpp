#pragma once
// Move-only RAII owners for GL object names (CasparCG style).
//
// THREAD RULE: a GL name may only be created and deleted on the GL thread,
// the one thread where the context is current. An owner that may die on
// another thread (e.g. a decoder's texture cache torn down by a worker) must
// not let its destructor run there: call `postDeleteTo(queue)` first, which
// hands the name to a GlDeleteQueue that the app drains on the GL thread once
// per frame. A destructor running with no current context is a bug.

#include "render/gl.hpp"

#include <utility>

namespace wall::render {

/// Which glDelete* call frees a name. Also tags names in GlDeleteQueue.
enum class GlObjectKind { Texture, Framebuffer, Renderbuffer, Buffer, VertexArray, Program, Shader };

/// @brief Frees one GL name of the given kind. GL thread only.
inline void deleteGlObject(GlObjectKind kind, GLuint name) {
    if (name == 0) return;
    switch (kind) {
    case GlObjectKind::Texture: glDeleteTextures(1, &name); break;
    case GlObjectKind::Framebuffer: glDeleteFramebuffers(1, &name); break;
    case GlObjectKind::Renderbuffer: glDeleteRenderbuffers(1, &name); break;
    case GlObjectKind::Buffer: glDeleteBuffers(1, &name); break;
    case GlObjectKind::VertexArray: glDeleteVertexArrays(1, &name); break;
    case GlObjectKind::Program: glDeleteProgram(name); break;
    case GlObjectKind::Shader: glDeleteShader(name); break;
    }
}

class GlDeleteQueue;
void postGlDelete(GlDeleteQueue& queue, GlObjectKind kind, GLuint name);

/// A GL name that is deleted when its owner goes away. Move-only.
template <GlObjectKind Kind>
class GlName {
public:
    GlName() = default;
    /// @brief Takes ownership of an existing name (0 means "none").
    explicit GlName(GLuint name) : name_(name) {}
    ~GlName() { reset(); }

    GlName(const GlName&) = delete;
    GlName& operator=(const GlName&) = delete;
    GlName(GlName&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
    GlName& operator=(GlName&& other) noexcept {
        if (this != &other) {
            reset();
            name_ = std::exchange(other.name_, 0);
        }
        return *this;
    }

    /// @brief Generates a fresh name (glGen*). Not for Program/Shader: use createProgram/createShader.
    static GlName generate() {
        GLuint name = 0;
        if constexpr (Kind == GlObjectKind::Texture) glGenTextures(1, &name);
        else if constexpr (Kind == GlObjectKind::Framebuffer) glGenFramebuffers(1, &name);
        else if constexpr (Kind == GlObjectKind::Renderbuffer) glGenRenderbuffers(1, &name);
        else if constexpr (Kind == GlObjectKind::Buffer) glGenBuffers(1, &name);
        else if constexpr (Kind == GlObjectKind::VertexArray) glGenVertexArrays(1, &name);
        else static_assert(Kind == GlObjectKind::Texture, "Program/Shader names come from glCreate*: use the explicit constructor");
        return GlName(name);
    }

    /// @brief The raw name for GL calls; 0 when empty.
    GLuint get() const { return name_; }
    explicit operator bool() const { return name_ != 0; }

    /// @brief Deletes the name now. GL thread only.
    void reset() { deleteGlObject(Kind, std::exchange(name_, 0)); }

    /// @brief Gives up ownership without deleting.
    GLuint release() { return std::exchange(name_, 0); }

    /// @brief Off the GL thread: hands the name to `queue` for deletion on the GL thread.
    void postDeleteTo(GlDeleteQueue& queue) {
        if (name_ != 0) postGlDelete(queue, Kind, std::exchange(name_, 0));
    }

private:
    GLuint name_ = 0;  ///< owned GL name, 0 when empty
};

using GlTexture = GlName<GlObjectKind::Texture>;
using GlFramebuffer = GlName<GlObjectKind::Framebuffer>;
using GlRenderbuffer = GlName<GlObjectKind::Renderbuffer>;
using GlBuffer = GlName<GlObjectKind::Buffer>;
using GlVertexArray = GlName<GlObjectKind::VertexArray>;
using GlProgram = GlName<GlObjectKind::Program>;
using GlShader = GlName<GlObjectKind::Shader>;

}  // namespace wall::render
