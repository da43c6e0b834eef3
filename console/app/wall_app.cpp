// The live wall: the console core as the wall's data source, and the view.
#include "wall_app.hpp"

#include "core/console_core.hpp"
#include "wall_view.hpp"
#include "stats_report.hpp"

#include <nlohmann/json.hpp>

namespace wall::app {

struct WallApp::Impl {
    AppOptions options;
    core::ConsoleCore core;
    WallView view;

    explicit Impl(AppOptions opts)
        : options(std::move(opts)),
          core(options),
          view(options, core,
               [this](const std::string& camera_id, streams::StreamKind kind, streams::LinkState state,
                      streams::FailReason reason) {
                   const bool live = state == streams::LinkState::Live || reason == streams::FailReason::None;
                   core.reportStreamState({camera_id, kind == streams::StreamKind::Main ? "main" : "sub",
                                           std::string(streams::toString(state)),
                                           live ? "" : std::string(streams::toString(reason))});
               }) {
        core.startDemo(); // after the window: the demo's first events find a wall that draws
    }

    int run() {
        int code = view.run();
        nlohmann::json report = options.stats.empty() ? nlohmann::json() : view.stats();
        core.stop();
        if (!options.stats.empty()) {
            core.addStats(report);
            if (!writeStatsFile(options.stats, report)) code = 1;
        }
        return code;
    }
};

WallApp::WallApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
WallApp::~WallApp() = default;
int WallApp::run() { return impl_->run(); }

} // namespace wall::app
