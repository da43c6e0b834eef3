// The wall and its data source: the live console (core + view), or a replay of a journal (复盘).
#include "wall_app.hpp"

#include "core/console_core.hpp"
#include "model/beijing_time.hpp"
#include "model/time_text.hpp"
#include "replay/replay_source.hpp"
#include "stats_report.hpp"
#include "wall_view.hpp"

#include <nlohmann/json.hpp>

namespace wall::app {

namespace {

std::optional<TimeMs> timeOption(const char* name, const std::string& text) {
    if (text.empty()) return std::nullopt;
    if (std::optional<TimeMs> t = parseTimeArg(text)) return t;
    throw replay::ReplayError(std::string(name) + " '" + text +
                              "': expected Beijing time 'YYYY-MM-DD HH:MM[:SS]' (UTC+8) or epoch milliseconds");
}

replay::ReplayOptions replayOptions(const AppOptions& o) {
    replay::ReplayOptions r;
    r.journal = o.replay;
    r.at = timeOption("--at", o.at);
    r.from = timeOption("--from", o.from);
    r.to = timeOption("--to", o.to);
    r.last_hours = o.last_hours;
    r.speed = o.speed;
    r.play = o.play;
    r.rules = o.rules;
    r.review_file = o.review_file;
    r.author = o.operator_name;
    return r;
}

} // namespace

struct WallApp::Impl {
    AppOptions options;
    std::unique_ptr<core::ConsoleCore> core;         // the live console, or
    std::unique_ptr<replay::ReplaySource> replayed;  // a replay
    std::unique_ptr<WallView> view;

    explicit Impl(AppOptions opts) : options(std::move(opts)) {
        if (!options.replay.empty()) {
            replayed = std::make_unique<replay::ReplaySource>(replayOptions(options));
            view = std::make_unique<WallView>(options, *replayed);
            return;
        }
        core = std::make_unique<core::ConsoleCore>(options);
        view = std::make_unique<WallView>(
            options, *core,
            [this](const std::string& camera_id, streams::StreamKind kind, streams::LinkState state,
                   streams::FailReason reason) {
                const bool live = state == streams::LinkState::Live || reason == streams::FailReason::None;
                core->reportStreamState({camera_id, kind == streams::StreamKind::Main ? "main" : "sub",
                                         std::string(streams::toString(state)),
                                         live ? "" : std::string(streams::toString(reason))});
            });
        core->startDemo(); // after the window: the demo's first events find a wall that draws
    }

    source::WallSource& source() { return core ? static_cast<source::WallSource&>(*core) : *replayed; }

    int run() {
        int code = view->run();
        nlohmann::json report = options.stats.empty() ? nlohmann::json() : view->stats();
        if (core) core->stop();
        if (!options.stats.empty()) {
            source().addStats(report);
            if (!writeStatsFile(options.stats, report)) code = 1;
        }
        return code;
    }
};

WallApp::WallApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
WallApp::~WallApp() = default;
int WallApp::run() { return impl_->run(); }

} // namespace wall::app
