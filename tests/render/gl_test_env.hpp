#pragma once
// Shared by the GL test suites: skip cleanly without a display, and open the
// one headless window a suite needs (only one GlWindow may exist at a time).

#include "render/gl_window.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

namespace wall::render::test {

/// @brief True when an X (or Wayland) display is available to GLFW.
inline bool haveDisplay() {
    const char* display = std::getenv("DISPLAY");
    return display && *display;
}

#define WALL_REQUIRE_DISPLAY()                                                                            \
    if (!::wall::render::test::haveDisplay())                                                             \
    GTEST_SKIP() << "no DISPLAY: GL tests need an X server; run under "                                   \
                    "xvfb-run -a -s \"-screen 0 1920x1080x24\" render_tests (scripts/test does this)"

/// @brief Opens a headless window, or returns null when there is no display.
inline std::unique_ptr<GlWindow> openHeadlessWindow() {
    if (!haveDisplay()) return nullptr;
    WindowOptions options;
    options.mode = WindowMode::Headless;
    options.vsync = false;
    return std::make_unique<GlWindow>(options);
}

}  // namespace wall::render::test
