#pragma once
// Keys the console reacts to, without leaking GLFW into console/. ImGui 1.86
// indexes keys by the platform backend's codes (GLFW here); this hides that.
// Call inside a frame (between ImGuiRuntime::newFrame and render).

namespace wall::render {

/// Keys with a console meaning (layout switching, alarm acknowledgement, list navigation).
enum class WallKey { F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, Escape, Enter, Space, Up, Down, PageUp, PageDown, Home, End, Delete };

/// @brief True on the frame the key went down (with key repeat, as ImGui::IsKeyPressed).
bool keyPressed(WallKey key, bool repeat = false);

/// @brief True while the key is held.
bool keyDown(WallKey key);

}  // namespace wall::render
