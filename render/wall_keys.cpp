#include "render/wall_keys.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace wall::render {
namespace {

int glfwKey(WallKey key) {
    switch (key) {
    case WallKey::F1: return GLFW_KEY_F1;
    case WallKey::F2: return GLFW_KEY_F2;
    case WallKey::F3: return GLFW_KEY_F3;
    case WallKey::F4: return GLFW_KEY_F4;
    case WallKey::F5: return GLFW_KEY_F5;
    case WallKey::F6: return GLFW_KEY_F6;
    case WallKey::F7: return GLFW_KEY_F7;
    case WallKey::F8: return GLFW_KEY_F8;
    case WallKey::F9: return GLFW_KEY_F9;
    case WallKey::F10: return GLFW_KEY_F10;
    case WallKey::F11: return GLFW_KEY_F11;
    case WallKey::F12: return GLFW_KEY_F12;
    case WallKey::Escape: return GLFW_KEY_ESCAPE;
    case WallKey::Enter: return GLFW_KEY_ENTER;
    case WallKey::Space: return GLFW_KEY_SPACE;
    case WallKey::Up: return GLFW_KEY_UP;
    case WallKey::Down: return GLFW_KEY_DOWN;
    case WallKey::PageUp: return GLFW_KEY_PAGE_UP;
    case WallKey::PageDown: return GLFW_KEY_PAGE_DOWN;
    case WallKey::Home: return GLFW_KEY_HOME;
    case WallKey::End: return GLFW_KEY_END;
    case WallKey::Delete: return GLFW_KEY_DELETE;
    }
    return GLFW_KEY_UNKNOWN;
}

}  // namespace

bool keyPressed(WallKey key, bool repeat) {
    const int code = glfwKey(key);
    return code >= 0 && ImGui::IsKeyPressed(code, repeat);
}

bool keyDown(WallKey key) {
    const int code = glfwKey(key);
    return code >= 0 && ImGui::IsKeyDown(code);
}

}  // namespace wall::render
