// The wall that draws: one GL thread that owns the window, ImGui, the glyph
// atlas and the canvas, and draws the active layout's panels from its replica
// of the state. It knows its data only as a source::WallSource: committed
// events drained once per frame, the source's clock, the source's health; the
// operator's keys and clicks leave as intents. It decides and journals nothing,
// so it draws the same way from the live console, a replay or a remote authority.
#pragma once

#include "app_options.hpp"
#include "source/wall_source.hpp"
#include "streams/stream_pool.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace wall::app {

class WallView {
public:
    /// on_link_change: where the camera decoders report their link states (the authority); may be empty.
    WallView(AppOptions options, source::WallSource& source,
             decltype(streams::PoolConfig::on_link_change) on_link_change = {});
    ~WallView();
    WallView(const WallView&) = delete;
    WallView& operator=(const WallView&) = delete;

    /// @brief Runs the frame loop until --frames, --seconds, window close, or SIGINT/SIGTERM, then writes
    /// the --screenshot. Returns the exit code (1 when the screenshot could not be written).
    int run();
    /// @brief The wall's part of the --stats report.
    nlohmann::json stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::app
