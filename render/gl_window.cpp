#include "render/gl_window.hpp"

#include "render/gl.hpp"
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace wall::render {
namespace {

// GLFW reports errors through a global callback; keep the last one so the
// exception can say why creation failed.
std::mutex g_last_error_mutex;
std::string g_last_error;
std::atomic<bool> g_window_alive{false};

void recordGlfwError(int code, const char* description) {
    std::lock_guard lock(g_last_error_mutex);
    g_last_error = "GLFW error " + std::to_string(code) + ": " + (description ? description : "(no description)");
    spdlog::warn("{}", g_last_error);
}

std::string takeLastGlfwError() {
    std::lock_guard lock(g_last_error_mutex);
    std::string error = g_last_error.empty() ? std::string("no GLFW error text") : g_last_error;
    g_last_error.clear();
    return error;
}

bool haveDisplay() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

constexpr const char* kNoDisplayMessage =
    "no display: run under Xvfb (xvfb-run -a ...) or pass --headless with Xvfb available";

}  // namespace

GlWindow::GlWindow(const WindowOptions& options) : options_(options) {
    if (g_window_alive.exchange(true)) {
        throw std::runtime_error("GlWindow: only one window may exist at a time (it owns glfwInit/glfwTerminate)");
    }
    if (!haveDisplay()) {
        g_window_alive = false;
        throw NoDisplayError(kNoDisplayMessage);
    }
    glfwSetErrorCallback(recordGlfwError);
    // An X server that is up may still refuse a connection for a moment (a busy
    // Xvfb, a wall PC's X still starting): try again for a few seconds before giving up.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!glfwInit()) {
        const std::string why = takeLastGlfwError();
        if (why.find("open display") == std::string::npos || std::chrono::steady_clock::now() >= give_up) {
            g_window_alive = false;
            throw NoDisplayError("glfwInit failed (" + why + "); " + kNoDisplayMessage);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);

    if (options.mode == WindowMode::PerMonitor) {
        try {
            openPerMonitor();
        } catch (...) {
            for (auto it = surfaces_.rbegin(); it != surfaces_.rend(); ++it) glfwDestroyWindow(it->window);
            glfwTerminate();
            g_window_alive = false;
            throw;
        }
        return;
    }

    PixelSize size = options.size;
    switch (options.mode) {
    case WindowMode::PerMonitor:
        break;  // handled above
    case WindowMode::Windowed:
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        break;
    case WindowMode::Borderless:
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        glfwWindowHint(GLFW_FLOATING, GLFW_TRUE);
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // shown after it is moved into place
        break;
    case WindowMode::Headless:
        // The default framebuffer is never looked at; keep it tiny.
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        size = {64, 64};
        break;
    }
    if (size.width <= 0 || size.height <= 0) {
        glfwTerminate();
        g_window_alive = false;
        throw std::runtime_error("GlWindow: window size " + std::to_string(size.width) + "x" +
                                 std::to_string(size.height) + " is not positive");
    }

    window_ = glfwCreateWindow(size.width, size.height, options.title.c_str(), nullptr, nullptr);
    if (!window_) {
        const std::string reason = takeLastGlfwError();
        glfwTerminate();
        g_window_alive = false;
        throw std::runtime_error("GlWindow: cannot create a " + std::to_string(size.width) + "x" +
                                 std::to_string(size.height) + " window with a GL 3.3 core context (" + reason + ")");
    }
    if (options.mode == WindowMode::Borderless) {
        glfwSetWindowPos(window_, options.x, options.y);
        glfwShowWindow(window_);
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(options.vsync ? 1 : 0);
    surfaces_.push_back({window_, {}, 0});
    watchActivity(window_);
    spdlog::info("GlWindow: {} {}x{}, GL {} on {}",
                 options.mode == WindowMode::Headless ? "headless" : (options.mode == WindowMode::Borderless ? "borderless" : "windowed"),
                 size.width, size.height, reinterpret_cast<const char*>(glGetString(GL_VERSION)), rendererName());
}

void GlWindow::openPerMonitor() {
    if (options_.outputs.empty()) throw std::runtime_error("GlWindow: PerMonitor mode needs at least one output window");
    for (std::size_t index = 0; index < options_.outputs.size(); ++index) {
        const OutputWindow& output = options_.outputs[index];
        const std::string which = "output window " + std::to_string(index);
        if (output.size.width <= 0 || output.size.height <= 0) throw std::runtime_error("GlWindow: " + which + " has no size");
        if (output.output_region.empty()) throw std::runtime_error("GlWindow: " + which + " shows an empty output region");
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // shown after it is moved onto its monitor
        const std::string title = options_.title + " [" + std::to_string(index) + "]";
        // Every window after the first shares objects (textures, buffers, programs) with the primary context.
        GLFWwindow* window = glfwCreateWindow(output.size.width, output.size.height, title.c_str(), nullptr,
                                              surfaces_.empty() ? nullptr : window_);
        if (!window) throw std::runtime_error("GlWindow: cannot create " + which + " (" + takeLastGlfwError() + ")");
        if (surfaces_.empty()) window_ = window;
        surfaces_.push_back({window, output.output_region, 0});
        watchActivity(window);
        glfwSetWindowPos(window, output.x, output.y);
        glfwShowWindow(window);
        glfwMakeContextCurrent(window);
        // Only the primary waits for vblank; N windows must not wait N times.
        glfwSwapInterval(index == 0 && options_.vsync ? 1 : 0);
    }
    glfwMakeContextCurrent(window_);
    spdlog::info("GlWindow: per-monitor, {} windows sharing one GL context group, GL {} on {}", surfaces_.size(),
                 reinterpret_cast<const char*>(glGetString(GL_VERSION)), rendererName());
}

GlWindow::~GlWindow() {
    // Each extra window's framebuffer lives in its own context: delete it there.
    for (std::size_t index = surfaces_.size(); index-- > 1;) {
        glfwMakeContextCurrent(surfaces_[index].window);
        if (surfaces_[index].read_fbo) glDeleteFramebuffers(1, &surfaces_[index].read_fbo);
        glfwMakeContextCurrent(nullptr);
        glfwDestroyWindow(surfaces_[index].window);
    }
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
    g_window_alive = false;
}

PixelSize GlWindow::surfaceFramebufferSize(std::size_t index) const {
    PixelSize size;
    glfwGetFramebufferSize(surfaces_.at(index).window, &size.width, &size.height);
    return size;
}

void GlWindow::makeSurfaceCurrent(std::size_t index) { glfwMakeContextCurrent(surfaces_.at(index).window); }

unsigned int GlWindow::surfaceReadFramebuffer(std::size_t index, unsigned int texture, unsigned int primary_fbo) {
    if (index == 0) return primary_fbo;
    Surface& surface = surfaces_.at(index);
    if (surface.read_fbo == 0) glGenFramebuffers(1, &surface.read_fbo);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, surface.read_fbo);
    // Re-attached every time: GL may reuse a deleted texture's name after the canvas is reallocated.
    glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
    return surface.read_fbo;
}

void GlWindow::markActivity(GLFWwindow* window) {
    static_cast<GlWindow*>(glfwGetWindowUserPointer(window))->activity_ = true;
}

bool GlWindow::pollEvents() {
    activity_ = false;
    glfwPollEvents();
    return activity_;
}

void GlWindow::watchActivity(GLFWwindow* window) {
    glfwSetWindowUserPointer(window, this);
    // Captureless lambdas convert to GLFW's function pointers; each only marks activity.
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { markActivity(w); });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { markActivity(w); });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { markActivity(w); });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { markActivity(w); });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { markActivity(w); });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { markActivity(w); });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { markActivity(w); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { markActivity(w); });      // uncovered: contents lost
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { markActivity(w); });
}

void GlWindow::swapBuffers() {
    if (headless()) return;
    if (surfaces_.size() == 1) {
        glfwSwapBuffers(window_);
        return;
    }
    // EGL needs the window's context current to swap it; GLX does not mind either way.
    for (std::size_t index = surfaces_.size(); index-- > 0;) {
        glfwMakeContextCurrent(surfaces_[index].window);
        glfwSwapBuffers(surfaces_[index].window);
    }
}

bool GlWindow::shouldClose() const { return glfwWindowShouldClose(window_) != 0; }

void GlWindow::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void GlWindow::setVsync(bool on) {
    options_.vsync = on;
    glfwSwapInterval(on ? 1 : 0);
}

PixelSize GlWindow::framebufferSize() const {
    PixelSize size;
    glfwGetFramebufferSize(window_, &size.width, &size.height);
    return size;
}

PixelSize GlWindow::windowSize() const {
    PixelSize size;
    glfwGetWindowSize(window_, &size.width, &size.height);
    return size;
}

std::string GlWindow::rendererName() const {
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return renderer ? renderer : "unknown renderer";
}

}  // namespace wall::render
