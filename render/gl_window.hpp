#pragma once
// The GLFW library, the window and the single GL 3.3 core context.
//
// Only one GlWindow may exist at a time: it owns glfwInit/glfwTerminate.
// All methods are GL-thread only (the thread that constructed it).
//
// Several monitors: either one Borderless window spanning them all, or
// PerMonitor mode with one undecorated window per monitor. In PerMonitor mode
// the windows have GLFW contexts that SHARE objects with the primary (first)
// window's context: textures, buffers, shaders are shared, framebuffers and
// vertex arrays are not. All rendering happens in the primary context; only
// present() visits the others (through surfaceReadFramebuffer). Input
// (mouse, keys) comes from the primary window only.

#include "base/pixel_geometry.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

struct GLFWwindow;

namespace wall::render {

/// How the console shows itself.
enum class WindowMode {
    Windowed,    ///< decorated, resizable window of the given size (may be smaller than the wall: the canvas is scaled down)
    Borderless,  ///< undecorated window at the given position and size, e.g. spanning all monitors of the wall
    Headless,    ///< invisible window; everything renders into the canvas FBO (needs an X server, e.g. Xvfb)
    PerMonitor,  ///< one undecorated window per entry of WindowOptions::outputs, each showing its part of the output image
};

/// One window of WindowMode::PerMonitor.
struct OutputWindow {
    int x = 0;              ///< left edge on the desktop (the monitor's position)
    int y = 0;              ///< top edge on the desktop
    PixelSize size;         ///< window size (the monitor's mode)
    PixelRect output_region;  ///< the part of the wall's output image this window shows, in output pixels
};

/// What to open.
struct WindowOptions {
    WindowMode mode = WindowMode::Windowed;  ///< see WindowMode
    std::string title = "wallconsole";       ///< window title (Windowed/Borderless)
    int x = 0;                               ///< left edge on the desktop (Borderless only)
    int y = 0;                               ///< top edge on the desktop (Borderless only)
    PixelSize size{1280, 720};               ///< window size in screen coordinates (ignored when Headless)
    bool vsync = true;                       ///< swap interval 1 when true, 0 when false (PerMonitor: primary window only, so N windows do not wait N vblanks)
    std::vector<OutputWindow> outputs;       ///< PerMonitor only: the windows, first is primary (input, ImGui); x/y/size above are ignored
};

/// Raised when there is no display server to connect to.
class NoDisplayError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Owns GLFW, one window and its GL 3.3 core context (current on the creating thread).
class GlWindow {
public:
    /// @brief Initialises GLFW and opens the window; throws NoDisplayError or std::runtime_error with GLFW's reason.
    explicit GlWindow(const WindowOptions& options);
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    /// @brief The GLFW handle, for the ImGui backend.
    GLFWwindow* handle() const { return window_; }
    /// @brief True for WindowMode::Headless.
    bool headless() const { return options_.mode == WindowMode::Headless; }
    /// @brief The options the window was opened with.
    const WindowOptions& options() const { return options_; }

    /// @brief Processes pending window events (input, resize, close). True when any of
    /// them asks for a new picture: input, a window uncovered or resized, focus.
    bool pollEvents();
    /// @brief Shows the default framebuffer; does nothing when headless.
    void swapBuffers();
    /// @brief True once the user closed the window or requestClose() was called.
    bool shouldClose() const;
    /// @brief Asks the main loop to stop (e.g. from a signal flag, checked on the GL thread).
    void requestClose();
    /// @brief Turns vsync on or off.
    void setVsync(bool on);

    /// @brief Size of the default framebuffer in pixels (what present() draws into).
    PixelSize framebufferSize() const;
    /// @brief Size of the window in screen coordinates (what mouse positions are in).
    PixelSize windowSize() const;

    /// @brief "Mesa llvmpipe (LLVM 15...)" etc., for logs and stats.
    std::string rendererName() const;

    // --- Surfaces: the windows present() draws into. One, except in PerMonitor mode.

    /// @brief Number of windows to present into (1 unless PerMonitor).
    std::size_t surfaceCount() const { return surfaces_.size(); }
    /// @brief Part of the output image surface `index` shows; empty rect = the whole output image, letterboxed.
    PixelRect surfaceRegion(std::size_t index) const { return surfaces_.at(index).output_region; }
    /// @brief Framebuffer size of surface `index`.
    PixelSize surfaceFramebufferSize(std::size_t index) const;
    /// @brief Makes surface `index`'s context current (0 = primary). Call makeSurfaceCurrent(0) when done.
    void makeSurfaceCurrent(std::size_t index);
    /// @brief In surface `index`'s context (must be current), a read framebuffer showing `texture`; index 0 returns `primary_fbo`.
    unsigned int surfaceReadFramebuffer(std::size_t index, unsigned int texture, unsigned int primary_fbo);

private:
    /// One window present() draws into.
    struct Surface {
        GLFWwindow* window = nullptr;  ///< owned; surfaces_[0].window == window_
        PixelRect output_region;         ///< part of the output image shown; empty = all of it
        unsigned int read_fbo = 0;     ///< framebuffer in THIS window's context reading the shared canvas texture (framebuffers are not shared)
    };

    void openPerMonitor();
    /// Counts events that need a redraw. Installed before ImGui's backend, which
    /// chains to them, so ImGui still sees every event.
    void watchActivity(GLFWwindow* window);
    static void markActivity(GLFWwindow* window);

    WindowOptions options_;         ///< as given at construction
    GLFWwindow* window_ = nullptr;  ///< primary window: owns input and the context everything renders in
    std::vector<Surface> surfaces_; ///< [0] is the primary
    bool activity_ = false;         ///< an event needing a redraw arrived since the last pollEvents()
};

}  // namespace wall::render
