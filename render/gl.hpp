#pragma once
// The one way render/ includes OpenGL. GL entry points come straight from
// glvnd's libOpenGL.so (it exports every core function on Linux/Mesa), so we
// declare prototypes instead of using a loader. Include this before GLFW and
// define GLFW_INCLUDE_NONE so GLFW does not pull <GL/gl.h> in first.

#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace wall::render {

/// @brief Throws std::runtime_error naming `where` and the GL error code if
/// glGetError() reports one. Use after set-up calls, not inside hot loops.
inline void throwOnGlError(const char* where) {
    const GLenum error = glGetError();
    if (error != GL_NO_ERROR) {
        char code[16];
        std::snprintf(code, sizeof code, "0x%04X", error);
        throw std::runtime_error(std::string("GL error ") + code + " in " + where);
    }
}

}  // namespace wall::render
