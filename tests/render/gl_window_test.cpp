// Window and context creation, headless (the mode tests, CI and the
// screenshot path use), and the error when there is no display.
#include "render/gl.hpp"
#include "render/wall_canvas.hpp"
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

TEST(GlWindow, PerMonitorWindowsEachShowTheirPanel) {
    WALL_REQUIRE_DISPLAY();
    // A 1x2 wall of 64x36 panels with an 8 px bezel, one window per "monitor".
    const CanvasGeometry geometry = uniformWallGeometry(1, 2, {64, 36}, 8);
    WindowOptions options;
    options.mode = WindowMode::PerMonitor;
    options.vsync = false;
    options.outputs = {{0, 0, {64, 36}, geometry.panels[0].output}, {100, 0, {64, 36}, geometry.panels[1].output}};
    GlWindow window(options);
    ASSERT_EQ(window.surfaceCount(), 2u);

    WallCanvas canvas(geometry);  // canvas 136x36: left panel x 0..63, bezel 64..71, right panel 72..135
    glBindFramebuffer(GL_FRAMEBUFFER, canvas.framebuffer());
    glEnable(GL_SCISSOR_TEST);
    const std::array<std::array<float, 3>, 3> colours = {{{1, 0, 0}, {1, 1, 1}, {0, 1, 0}}};  // left red, bezel white, right green
    const std::array<std::array<int, 2>, 3> spans = {{{0, 64}, {64, 8}, {72, 64}}};
    for (std::size_t k = 0; k < 3; ++k) {
        glScissor(spans[k][0], 0, spans[k][1], 36);
        glClearColor(colours[k][0], colours[k][1], colours[k][2], 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    canvas.present(window);

    // Read each window's back buffer in its own context.
    std::array<std::array<std::uint8_t, 4>, 2> left_edge{};
    for (std::size_t index = 0; index < 2; ++index) {
        window.makeSurfaceCurrent(index);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 18, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, left_edge[index].data());
    }
    window.makeSurfaceCurrent(0);
    EXPECT_EQ(left_edge[0][0], 255);  // window 0 shows the left panel: red
    EXPECT_EQ(left_edge[0][1], 0);
    EXPECT_EQ(left_edge[1][0], 0);    // window 1 starts right after the bezel: green, not white
    EXPECT_EQ(left_edge[1][1], 255);
    window.swapBuffers();
}

TEST(GlWindow, VisibleWindowShowsTheStitchedWall) {
    WALL_REQUIRE_DISPLAY();
    WindowOptions options;
    options.mode = WindowMode::Windowed;
    options.size = {320, 180};
    options.vsync = false;
    GlWindow window(options);
    const PixelSize fb = window.framebufferSize();
    ASSERT_EQ(fb, (PixelSize{320, 180})) << "window manager resized the window";
    // 1x2 wall of 160x180 panels, 4 px bezel: canvas 324 wide; output fits the window at scale 1.
    WallCanvas canvas(uniformWallGeometry(1, 2, {160, 180}, 4));
    canvas.beginFrame({0.0f, 0.0f, 1.0f, 1.0f});
    canvas.endFrame();
    glBindFramebuffer(GL_FRAMEBUFFER, canvas.framebuffer());
    glEnable(GL_SCISSOR_TEST);
    glScissor(160, 0, 4, 180);  // the bezel strip: must never reach the screen
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    canvas.present(window);
    std::array<std::uint8_t, 4 * 320> row{};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 90, 320, 1, GL_RGBA, GL_UNSIGNED_BYTE, row.data());
    for (int x = 0; x < 320; ++x) {
        ASSERT_EQ(row[static_cast<std::size_t>(x) * 4], 0) << "white bezel strip visible at window x " << x;
        ASSERT_EQ(row[static_cast<std::size_t>(x) * 4 + 2], 255) << "window x " << x;
    }
    window.swapBuffers();
}

TEST(GlWindow, BorderlessWindowTakesItsPositionAndSize) {
    WALL_REQUIRE_DISPLAY();
    WindowOptions options;
    options.mode = WindowMode::Borderless;
    options.x = 10;
    options.y = 20;
    options.size = {200, 100};
    options.vsync = false;
    GlWindow window(options);
    EXPECT_EQ(window.framebufferSize(), (PixelSize{200, 100}));
    EXPECT_EQ(window.surfaceCount(), 1u);
    EXPECT_TRUE(window.surfaceRegion(0).empty());  // shows the whole output image
}

TEST(GlWindow, PerMonitorRefusesEmptyOutputs) {
    WALL_REQUIRE_DISPLAY();
    WindowOptions options;
    options.mode = WindowMode::PerMonitor;
    EXPECT_THROW(GlWindow{options}, std::runtime_error);
    options.outputs = {{0, 0, {64, 36}, {}}};
    EXPECT_THROW(GlWindow{options}, std::runtime_error);
    EXPECT_NO_THROW(test::openHeadlessWindow());  // the failed attempts released GLFW
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
