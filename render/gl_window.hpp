#pragma once
// The GLFW library, the window and the single GL 3.3 core context.
//
// Only one GlWindow may exist at a time: it owns glfwInit/glfwTerminate.
// All methods are GL-thread only (the thread that constructed it).
//
// TODO(per-monitor mode): one window per monitor sharing one context is not
// implemented yet; a wall spanning several monitors uses Mode::Borderless with
// a position and size covering all of them.

#include <stdexcept>
#include <string>

struct GLFWwindow;

namespace wall::render {

/// Width and height in pixels.
struct PixelSize {
    int width = 0;   ///< pixels across
    int height = 0;  ///< pixels down
    friend bool operator==(const PixelSize&, const PixelSize&) = default;
};

/// How the console shows itself.
enum class WindowMode {
    Windowed,    ///< decorated, resizable window of the given size (may be smaller than the wall: the canvas is scaled down)
    Borderless,  ///< undecorated window at the given position and size, e.g. spanning all monitors of the wall
    Headless,    ///< invisible window; everything renders into the canvas FBO (needs an X server, e.g. Xvfb)
};

/// What to open.
struct WindowOptions {
    WindowMode mode = WindowMode::Windowed;  ///< see WindowMode
    std::string title = "wallconsole";       ///< window title (Windowed/Borderless)
    int x = 0;                               ///< left edge on the desktop (Borderless only)
    int y = 0;                               ///< top edge on the desktop (Borderless only)
    PixelSize size{1280, 720};               ///< window size in screen coordinates (ignored when Headless)
    bool vsync = true;                       ///< swap interval 1 when true, 0 when false
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

    /// @brief Processes pending window events (input, resize, close).
    void pollEvents();
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

private:
    WindowOptions options_;         ///< as given at construction
    GLFWwindow* window_ = nullptr;  ///< owned; destroyed before glfwTerminate
};

}  // namespace wall::render
