// The wall console: one GL thread that owns the window, ImGui, the glyph atlas
// and the canvas, and draws the active layout's panels from the UI's State
// replica. Data arrives only as committed events drained once per frame from
// the ingest worker; operator actions leave through the worker's queue.
#pragma once

#include "app_options.hpp"
#include "frame_stats.hpp"

#include <memory>
#include <string>

namespace wall::app {

class WallApp {
public:
    explicit WallApp(AppOptions options);
    ~WallApp();
    WallApp(const WallApp&) = delete;
    WallApp& operator=(const WallApp&) = delete;

    /// @brief Runs the frame loop until --frames, window close, or SIGINT/SIGTERM. Returns the exit code.
    int run();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::app
