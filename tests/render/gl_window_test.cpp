// Window and context creation, headless (the mode tests, CI and the
// screenshot path use), and the error when there is no display.
#include "render/gl.hpp"
#include "gl_test_env.hpp"

#include <cstdlib>
#include <string>

namespace wall::render {
namespace {

TEST(GlWindow, HeadlessCreatesGl33CoreContext) {
    WALL_REQUIRE_DISPLAY();
    auto window = test::openHeadlessWindow();
    ASSERT_NE(window, nullptr);
    EXPECT_TRUE(window->headless());
    GLint major = 0;
    GLint minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    EXPECT_GE(major * 10 + minor, 33);
    GLint profile = 0;
    glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &profile);
    EXPECT_TRUE(profile & GL_CONTEXT_CORE_PROFILE_BIT);
    EXPECT_FALSE(window->rendererName().empty());
    EXPECT_FALSE(window->shouldClose());
    window->requestClose();
    EXPECT_TRUE(window->shouldClose());
    window->swapBuffers();  // a no-op headless, must not crash
}

TEST(GlWindow, OnlyOneWindowAtATime) {
    WALL_REQUIRE_DISPLAY();
    auto first = test::openHeadlessWindow();
    EXPECT_THROW(test::openHeadlessWindow(), std::runtime_error);
    first.reset();
    EXPECT_NO_THROW(test::openHeadlessWindow());  // released again
}

TEST(GlWindow, NoDisplayGivesAClearError) {
    const char* saved = std::getenv("DISPLAY");
    const std::string display = saved ? saved : "";
    const char* saved_wayland = std::getenv("WAYLAND_DISPLAY");
    const std::string wayland = saved_wayland ? saved_wayland : "";
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    WindowOptions options;
    options.mode = WindowMode::Headless;
    std::string message;
    try {
        GlWindow window(options);
    } catch (const NoDisplayError& e) {
        message = e.what();
    }
    if (!display.empty()) ::setenv("DISPLAY", display.c_str(), 1);
    if (!wayland.empty()) ::setenv("WAYLAND_DISPLAY", wayland.c_str(), 1);
    EXPECT_NE(message.find("no display"), std::string::npos) << message;
    EXPECT_NE(message.find("xvfb-run"), std::string::npos) << message;
}

}  // namespace
}  // namespace wall::render
