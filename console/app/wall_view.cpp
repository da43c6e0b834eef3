// [SECTION] operator intents
// [SECTION] start-up: layouts, window, atlas, canvas, views
// [SECTION] layout switching
// [SECTION] per frame: drain committed events, input, panels, present
// [SECTION] shutdown: screenshot and stats
#include "wall_view.hpp"

#include "alarm_sound.hpp"
#include "camera_tiles.hpp"
#include "child_process.hpp"
#include "replay_camera_tiles.hpp"
#include "frame_pacer.hpp"
#include "redraw_gate.hpp"
#include "stats_report.hpp"
#include "layouts/layout_library.hpp"
#include "base/clock.hpp"
#include "panels/view.hpp"
#include "render/blink.hpp"
#include "render/gl.hpp"
#include "render/gl_window.hpp"
#include "render/glyph_atlas.hpp"
#include "render/imgui_runtime.hpp"
#include "render/png_file.hpp"
#include "render/wall_canvas.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <thread>

namespace wall::app {

namespace {

std::atomic<bool> g_stop_requested{false}; // set by SIGINT/SIGTERM, read by the frame loop

extern "C" void onStopSignal(int) { g_stop_requested = true; }

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// CPU time this thread has used (ms): the GL thread's own work, apart from the GPU
/// (or llvmpipe's threads) and from whatever else competes for the cores.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

render::CanvasGeometry canvasGeometryOf(const layouts::WallSpec& wall) {
    render::CanvasGeometry g;
    const layouts::PixelSize canvas = wall.canvasSize();
    const layouts::PixelSize output = wall.outputSize();
    g.canvas = {canvas.width, canvas.height};
    g.output = {output.width, output.height};
    for (int r = 0; r < wall.rows; ++r)
        for (int c = 0; c < wall.cols; ++c) g.panels.push_back({wall.panelCanvasRect(r, c), wall.panelOutputRect(r, c)});
    return g;
}

// [SECTION] operator intents
/// The panels' actions become intents for the source's authority, which fills in
/// who acted and journals them before they take effect. A layout switch also
/// takes effect on this wall at once, so it shows on the very next frame.
class SourceActions final : public panels::OperatorActions {
public:
    SourceActions(source::WallSource& source, std::string& requested_layout)
        : source_(source), requested_layout_(requested_layout), local_layout_(source.info().replay) {}

    bool acknowledgeAlarm(const std::string& alarm_id) override { return source_.postIntent(AlarmAck{alarm_id, ""}); }
    bool setTaskStatus(const std::string& task_id, TaskStatus status) override {
        return source_.postIntent(TaskStatusSet{task_id, status, ""});
    }
    bool switchLayout(const std::string& layout_name) override {
        requested_layout_ = layout_name;
        // A replay's layout is the reviewer's own choice: nothing is journaled.
        return local_layout_ || source_.postIntent(LayoutSwitch{layout_name});
    }
    bool shelveAlarm(const std::string& alarm_id, int minutes, const std::string& reason) override {
        const TimeMs until = source_.nowMs() + static_cast<TimeMs>(minutes) * 60000;
        return source_.postIntent(AlarmShelve{alarm_id, until, reason, ""});
    }
    bool unshelveAlarm(const std::string& alarm_id) override {
        return source_.postIntent(AlarmUnshelve{alarm_id, "", "operator"});
    }
    bool setSopStep(const std::string& alarm_id, int step, bool done) override {
        return source_.postIntent(SopStepSet{alarm_id, step, done, ""});
    }
    bool recordCallAnswer(const std::string& alarm_id, const std::string& call_id, const std::string& note) override {
        return source_.postIntent(CallAnswerRecord{CallAnswer{alarm_id, call_id, 0, "manual", note}, ""});
    }
    bool markIncidentReported(const std::string& incident_id, const std::string& note) override {
        return source_.postIntent(IncidentReported{incident_id, "", note});
    }
    bool muteSound(WarningLevel level, bool muted) override { return source_.postIntent(SoundMute{level, muted, ""}); }
    bool revertLinkage(const std::string& region) override {
        return source_.postIntent(LinkageShow{region, "", {}, "operator"});
    }
    bool startDrill(const std::string& name, DrillKind kind) override {
        return source_.postIntent(DrillStart{"", name, kind, ""});
    }
    bool endDrill(const std::string& drill_id) override { return source_.postIntent(DrillEnd{drill_id, ""}); }

private:
    source::WallSource& source_;
    std::string& requested_layout_;   // picked up by the frame loop on the next frame
    const bool local_layout_;         // a replay: switch this wall only
};

} // namespace

struct WallView::Impl {
    AppOptions options;
    source::WallSource& source;
    const source::SourceInfo info;
    layouts::LayoutLibrary library;
    std::shared_ptr<const layouts::Layout> layout;        // active layout
    std::vector<std::unique_ptr<panels::View>> views;     // one per region of `layout`
    std::string requested_layout;                         // set by hotkeys/menu/committed switches; applied at frame start
    std::string last_refused_layout;                      // a layout.switch we could not honour (logged once)

    panels::UiModel model;
    SourceActions actions{source, requested_layout};
    std::unique_ptr<AlarmSound> sound;                    // rules.sound commands for new activations
    ChildProcess replay_window;                           // live wall: the replay opened by the review hotkey

    std::unique_ptr<render::GlWindow> window;
    std::unique_ptr<render::ImGuiRuntime> imgui;
    std::unique_ptr<render::GlyphAtlas> glyphs;
    std::unique_ptr<render::WallCanvas> canvas;
    std::unique_ptr<WallTiles> camera_tiles;             // after the window: owns GL textures (live video)

    FrameStats stats;
    std::vector<Event> committed;                         // reused per frame
    State jump_state;                                     // a replay's seek lands here before it replaces the replica
    std::vector<TimeMs> pending_latency_ts;               // sender ts of events applied this frame
    std::vector<TimeMs> pending_red_ts;                   // the same, for red warnings' raises
    Clock::time_point started = Clock::now();
    RedrawGate redraw_gate{false};                        // set from --redraw in the constructor
    double first_frame_ms = -1;                           // start-up: time to the first frame
    nlohmann::json linkage_log = nlohmann::json::array(); // --stats: linkage.show as applied, with their frame (capped)
    long frame_index = 0;                                 // frames drawn so far
    int samples_written = 0;                              // --test-samples
    size_t noted_marks = 0, noted_bookmarks = 0;          // a replay's timeline words already in the atlas
    Clock::time_point last_sample;

    // [SECTION] start-up
    Impl(AppOptions opts, source::WallSource& src, decltype(streams::PoolConfig::on_link_change) on_link_change)
        : options(std::move(opts)), source(src), info(src.info()) {
        library = layouts::LayoutLibrary::open(options.wall);
        for (const layouts::LayoutError& e : library.load_errors) spdlog::error("layout refused: {}", e.what());
        model.reset(source.startState());
        model.alarm_load.setRules(source.rules().flood);
        // A replay plays no alarm sound: a reviewer's room must not sound like a live warning.
        sound = std::make_unique<AlarmSound>(info.replay ? SoundRules{} : source.rules().sound);
        layout = library.startLayout(options.layout, info.replay ? replayLayoutName() : model.state.active_layout);
        if (!info.replay && layout->for_replay) layout = library.startLayout("", "");  // the live wall is never a review
        openWindow(std::move(on_link_change));
        // Headless runs are tests and benchmarks that count frames: they draw every refresh unless told otherwise.
        const bool draw_always = options.redraw == "always" || (options.redraw == "auto" && window->headless());
        redraw_gate = RedrawGate(draw_always);
        spdlog::info("redraw: {}", draw_always ? "every refresh" : "on change (new picture, input, events, clock second, blink)");
    }

    void openWindow(decltype(streams::PoolConfig::on_link_change) on_link_change) {
        render::WindowOptions w;
        w.title = "wallconsole — " + library.wall.title;
        const layouts::PixelSize output = library.wall.outputSize();
        if (options.headless) {
            w.mode = render::WindowMode::Headless;
            w.size = {640, 360};
        } else if (options.fullscreen && library.wall.mapping == layouts::OutputMapping::PerMonitor) {
            // One window per panel, placed where the desktop puts that panel's monitor; the
            // desktop is assumed to arrange the monitors like the panels (X screen per wall).
            w.mode = render::WindowMode::PerMonitor;
            for (int r = 0; r < library.wall.rows; ++r)
                for (int c = 0; c < library.wall.cols; ++c) {
                    const layouts::PixelRect out = library.wall.panelOutputRect(r, c);
                    w.outputs.push_back({out.x, out.y, {out.width, out.height}, {out.x, out.y, out.width, out.height}});
                }
        } else if (options.fullscreen) {
            w.mode = render::WindowMode::Borderless;
            w.size = {output.width, output.height};
        } else {
            w.size = {std::min(options.window_width, output.width), std::min(options.window_height, output.height)};
        }
        w.vsync = !options.headless;
        window = std::make_unique<render::GlWindow>(w);
        spdlog::info("GL renderer: {}", window->rendererName());
        imgui = std::make_unique<render::ImGuiRuntime>(*window);
        // A one-panel wall is a laptop or desk monitor read from arm's length: smaller type.
        render::GlyphAtlasOptions font_options;
        if (library.wall.panelCount() == 1) font_options.pixel_sizes = {22.0f, 32.0f, 52.0f};
        // A live wall must not stall a frame while new characters are rasterised.
        font_options.background_build = !options.headless;
        glyphs = std::make_unique<render::GlyphAtlas>(font_options);
        panels::forEachUiString([&](std::string_view s) { glyphs->noteText(s); });
        for (const SopChecklist& sop : source.rules().sop) { // the detail pane shows the checklists
            glyphs->noteText(sop.title);
            for (const std::string& step : sop.steps) glyphs->noteText(step);
        }
        forEachText(model.state, [&](const std::string& s) { glyphs->noteText(s); });
        noteLayoutTexts();
        // Headless runs that only want a shrunk screenshot rasterise at that scale:
        // llvmpipe spends ~0.8 s on a full 25 Mpx 3x4 canvas. --stats frame times of a
        // full-resolution wall need --screenshot-scale 1 (the default).
        const double render_scale = options.headless ? options.screenshot_scale : 1.0;
        canvas = std::make_unique<render::WallCanvas>(canvasGeometryOf(library.wall), render_scale);
        streams::PoolConfig pool_config;
        pool_config.hwdec = streams::parseHwDecode(options.hwdec).value_or(streams::HwDecode::None);
        pool_config.on_link_change = std::move(on_link_change);
        // Live video must never appear in a replay: its tiles open no stream.
        if (info.replay) camera_tiles = std::make_unique<ReplayCameraTiles>();
        else camera_tiles = std::make_unique<CameraTiles>(pool_config);
        for (auto& [id, camera] : model.state.cameras) camera_tiles->upsertCamera(camera);
        // Big walls are seen from further away: scale ImGui's spacing with the panel height.
        render::ImGuiRuntime::applyControlRoomStyle(static_cast<float>(library.wall.panel_height) / 1080.0f);
        buildViews();
    }

    void noteLayoutTexts() {
        // Captions in every language: 繁體 titles have characters no other string brings.
        const auto noteTitles = [&](const auto& titled) {
            for (const std::string* s : {&titled.title, &titled.title_hant, &titled.title_en}) glyphs->noteText(*s);
        };
        for (const layouts::LoadedLayout& l : library.layouts) {
            noteTitles(*l.layout);
            for (const layouts::Region& r : l.layout->regions) noteTitles(r);
        }
    }

    // [SECTION] layout switching
    void buildViews() {
        views.clear();
        for (const layouts::Region& region : layout->regions) views.push_back(panels::makeView(region));
        spdlog::info("layout {} ({}) with {} regions", layout->name, layout->title, layout->regions.size());
    }

    void switchTo(const std::string& name) {
        if (name == layout->name) return;
        std::shared_ptr<const layouts::Layout> next = library.find(name);
        if (!next) {
            if (last_refused_layout != name)
                spdlog::warn("layout.switch to unknown layout '{}' ignored; keeping '{}'", name, layout->name);
            last_refused_layout = name;
            return;
        }
        if (next->for_replay && !info.replay) {
            if (last_refused_layout != name)
                spdlog::warn("layout.switch to review layout '{}' ignored on the live wall (it belongs to a replay)", name);
            last_refused_layout = name;
            return;
        }
        layout = std::move(next);
        buildViews();
    }

    void handleHotkeys() {
        for (int f = 1; f <= 12; ++f) {
            if (!ImGui::IsKeyPressed(GLFW_KEY_F1 + f - 1, false)) continue;
            auto l = library.findByHotkey(f);
            if (!l) continue;
            if (l->for_replay && !info.replay) openReplayWindow();
            else actions.switchLayout(l->name);
        }
    }

    /// The layout a replay starts in: the first review layout (复盘模式), else the wall's default.
    std::string replayLayoutName() const {
        for (const layouts::LoadedLayout& l : library.layouts)
            if (l.layout->for_replay) return l.layout->name;
        return {};
    }

    /// On the live wall a review layout's hotkey opens a replay of the last hours in a window of
    /// its own (a second process reading the journal read-only); the live watch goes on here.
    void openReplayWindow() {
        if (replay_window.running()) {
            spdlog::info("a replay window is already open");
            return;
        }
        std::vector<std::string> argv = {"/proc/self/exe", "--replay", info.journal, "--last-hours", "4",
                                         "--wall", options.wall, "--lang", std::string(panels::languageName(options.language))};
        std::string why;
        replay_window.setEndOnExit(false);  // closing the live console leaves the review open
        if (!replay_window.start(argv, why)) spdlog::error("replay window: {}", why);
        else spdlog::info("replay window opened on {} (last 4 hours)", info.journal);
    }

    // [SECTION] per frame
    /// Alarm load follows the clock (flood window, stale cursor); new activations ring the sound.
    void tickAlarms(TimeMs now) {
        model.alarm_load.tick(now);
        sound->onActivations(model.alarm_load.takeActivations(), model.state.muted);
        sound->poll();
    }

    /// @brief Blink phase at the source's time `now`: a replay at time T blinks as the live wall did.
    bool blinkOn(TimeMs now) const { return !options.blink || render::blinkOn(static_cast<double>(now) / 1000.0); }

    /// @brief Applies what the source committed since the last call; false when there was nothing.
    bool applyCommitted() {
        const bool jumped = takeJump();
        noteReplayTexts();
        committed.clear();
        if (!source.drainCommitted(committed)) return jumped;
        const std::string before = model.state.active_layout;
        model.applyCommitted(committed, [&](const std::string& s) { glyphs->noteText(s); });
        // One pass: cameras to the stream pool, linkage for the stats, send times for the latency stats.
        std::vector<const std::string*> raised;
        for (const Event& e : committed) {
            const auto* raise = std::get_if<AlarmRaise>(&e.body);
            if (raise) raised.push_back(&raise->alarm.id);
            if (auto* c = std::get_if<CameraUpsert>(&e.body)) camera_tiles->upsertCamera(c->camera);
            if (auto* shown = std::get_if<LinkageShow>(&e.body)) noteLinkage(*shown, raised);
            if (e.source == "operator") continue;
            pending_latency_ts.push_back(e.ts_ms);
            if (raise && raise->alarm.level == WarningLevel::Red) pending_red_ts.push_back(e.ts_ms);
        }
        // A backend's layout.switch (or our own, journaled) arrives as state. A replay keeps the
        // reviewer's layout: the switches of then are on its timeline.
        if (model.state.active_layout != before && !info.replay) requested_layout = model.state.active_layout;
        return true;
    }

    /// @brief A replay's timeline and bookmarks arrive after the start: their words join the atlas once.
    void noteReplayTexts() {
        const source::ReplayControl* replay = source.replay();
        if (!replay) return;
        const auto& marks = replay->timeline().marks;
        const auto& bookmarks = replay->bookmarks();
        if (marks.size() == noted_marks && bookmarks.size() == noted_bookmarks) return;
        for (size_t i = noted_marks; i < marks.size(); ++i) glyphs->noteText(marks[i].label);
        for (const source::Bookmark& b : bookmarks)
            for (const std::string* s : {&b.name, &b.note, &b.author}) glyphs->noteText(*s);
        noted_marks = marks.size();
        noted_bookmarks = bookmarks.size();
    }

    /// @brief A replay's seek: the whole state at the new time replaces the replica; false when there was none.
    bool takeJump() {
        if (!source.takeJump(jump_state)) return false;
        model.reset(std::move(jump_state));
        jump_state = State{};
        forEachText(model.state, [&](const std::string& s) { glyphs->noteText(s); });
        for (auto& [id, camera] : model.state.cameras) camera_tiles->upsertCamera(camera);
        return true;
    }

    /// --stats: each linkage change, the frame that drew it first, and whether its alarm came in the same frame.
    void noteLinkage(const LinkageShow& change, const std::vector<const std::string*>& raised_this_frame) {
        if (linkage_log.size() >= 1000) return;
        const bool same_frame = std::any_of(raised_this_frame.begin(), raised_this_frame.end(),
                                            [&](const std::string* id) { return *id == change.alarm_id; });
        linkage_log.push_back({{"frame", frame_index + 1},
                               {"region", change.region},
                               {"alarm", change.alarm_id},
                               {"cameras", change.cameras},
                               {"cause", change.cause},
                               {"alarm_applied_this_frame", same_frame}});
    }

    std::string currentFault() const {
        using Fault = source::SourceHealth::Fault;
        const source::SourceHealth health = source.health();
        switch (health.fault) {
        case Fault::None: return {};
        case Fault::Journal: return std::string(panels::tr(options.language, panels::Text::JournalFault)) + ": " + health.detail;
        case Fault::Ingest: return std::string(panels::tr(options.language, panels::Text::IngestFault)) + ": " + health.detail;
        case Fault::CallTableMissing: return panels::tr(options.language, panels::Text::CallTableMissing);
        }
        return {};
    }

    void drawFrame(TimeMs now) {
        if (!requested_layout.empty()) {
            switchTo(requested_layout);
            requested_layout.clear();
        }
        ++frame_index;
        glyphs->rebuildIfNeeded();
        imgui->newFrame(
            canvas->canvasSize(), [this](float x, float y) { return canvas->windowToCanvas(*window, x, y); },
            canvas->renderScale());
        ImGuiIO& io = ImGui::GetIO();
        io.FontDefault = glyphs->font(render::FontSize::Body);
        handleHotkeys();

        std::vector<panels::LayoutChoice> choices;
        for (const layouts::LoadedLayout& l : library.layouts)
            choices.push_back({l.layout->name, panels::localTitle(options.language, *l.layout), l.layout->hotkeyName()});
        panels::ViewContext ctx{.model = model,
                                .now_ms = now,
                                .language = options.language,
                                .fonts = {glyphs->font(render::FontSize::Body), glyphs->font(render::FontSize::Large),
                                          glyphs->font(render::FontSize::Huge)},
                                .blink_on = blinkOn(now),
                                .demo = info.demo,
                                .actions = actions,
                                .cameras = *camera_tiles,
                                .layout = *layout,
                                .wall = library.wall,
                                .layouts = std::move(choices),
                                .fault = currentFault(),
                                .rules = &source.rules(),
                                .replay = source.replay()};
        camera_tiles->beginFrame(&ctx);
        for (auto& view : views) view->draw(ctx);
        camera_tiles->endFrame();

        canvas->beginFrame();
        imgui->render();
        canvas->endFrame();
        if (!window->headless()) {
            canvas->present(*window);
            window->swapBuffers();
        } else {
            glFinish(); // headless: count the GPU's work in the frame time, as a visible wall would
        }
    }

    int run() {
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
        // --unpaced: as fast as possible (benchmarks); otherwise the wall's refresh rate.
        FramePacer pacer(library.wall.refresh_hz, /*trust_swap=*/!window->headless(), Clock::now());
        bool told_pacing = pacer.pacing();
        const auto idle_poll = std::chrono::microseconds(1'000'000 / std::max(1, library.wall.refresh_hz));
        long frame = 0;
        const auto deadline = options.seconds < 0 ? Clock::time_point::max()
                                                  : Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(options.seconds * 1000));
        while (!g_stop_requested && !window->shouldClose() && (options.frames < 0 || frame < options.frames) &&
               Clock::now() < deadline) {
            const auto t0 = Clock::now();
            const double cpu0 = threadCpuMs();
            RedrawTriggers triggers;
            triggers.input = window->pollEvents();
            triggers.events = applyCommitted();
            const TimeMs now = source.nowMs();
            tickAlarms(now);
            if (!redraw_gate.drawsAlways()) triggers.video = camera_tiles->hasNews();
            triggers.requested = !requested_layout.empty();
            triggers.blink_on = blinkOn(now);
            triggers.second = now / 1000;
            if (!redraw_gate.shouldDraw(triggers)) {
                // Nothing new to show: keep the picture, look again in one refresh interval.
                std::this_thread::sleep_for(idle_poll);
                continue;
            }
            drawFrame(now); // the time the gate judged the blink and the second by
            if (!options.test_samples.empty()) writeTestSample(now);
            const double frame_ms = msSince(t0);
            stats.addFrame(frame_ms);
            stats.addFrameCpu(threadCpuMs() - cpu0);
            if (first_frame_ms < 0) {
                first_frame_ms = msSince(started);
                spdlog::info("first frame after {:.0f} ms", first_frame_ms);
            }
            // Latency is real time from the sender's stamp to the picture, whatever the source's clock says.
            const TimeMs shown = wall::nowMs();
            for (TimeMs ts : pending_latency_ts) stats.addEventLatency(static_cast<double>(shown - ts));
            for (TimeMs ts : pending_red_ts) stats.addRedAlarmLatency(static_cast<double>(shown - ts));
            pending_latency_ts.clear();
            pending_red_ts.clear();
            ++frame;
            if (!options.unpaced) {
                std::this_thread::sleep_until(pacer.nextFrameAt(Clock::now()));
                if (pacer.pacing() && !told_pacing) {
                    told_pacing = true;
                    spdlog::info("the window's buffer swap does not wait for vblank: pacing frames at {} Hz",
                                 library.wall.refresh_hz);
                }
            }
        }
        return screenshot();
    }

    /// --test-samples: once a second, the state hash and picture of the frame just drawn at `now`, so a
    /// test can replay the journal at that time and compare.
    void writeTestSample(TimeMs now) {
        const auto wall_now = Clock::now();
        if (samples_written > 0 && wall_now - last_sample < std::chrono::seconds(1)) return;
        last_sample = wall_now;
        const std::string stem = options.test_samples + "/sample-" + std::to_string(samples_written++);
        render::writePng(stem + ".png", canvas->readOutput(options.screenshot_scale));
        std::ofstream(stem + ".json") << nlohmann::json{{"now_ms", now},
                                                        {"state_hash", std::to_string(stateHash(model.state))},
                                                        {"applied_events", model.state.applied_events},
                                                        {"layout", layout->name}}.dump()
                                      << "\n";
    }

    // [SECTION] shutdown
    int screenshot() {
        if (options.screenshot.empty()) return 0;
        // Every character seen so far must be in the picture: settle the atlas, draw once more.
        glyphs->finishPendingBuild();
        applyCommitted();
        drawFrame(source.nowMs());
        const render::RgbaImage image = canvas->readOutput(options.screenshot_scale);
        try {
            render::writePng(options.screenshot, image);
            spdlog::info("screenshot {} ({}x{})", options.screenshot, image.width, image.height);
        } catch (const std::exception& e) {
            spdlog::error("{}", e.what());
            return 1;
        }
        return 0;
    }

    nlohmann::json wallFigures() const {
        return wallStats({.frames = stats,
                          .redraw_skipped = redraw_gate.skipped(),
                          .first_frame_ms = first_frame_ms,
                          .model = model,
                          .glyphs = *glyphs,
                          .tiles = *camera_tiles,
                          .layout = layout->name,
                          .wall = library.wall.name,
                          .renderer = window->rendererName(),
                          .wall_fault = currentFault(),
                          .linkage_log = linkage_log,
                          .now_ms = source.nowMs(),
                          .layout_regions = layout->regions});
    }
};

WallView::WallView(AppOptions options, source::WallSource& source,
                   decltype(streams::PoolConfig::on_link_change) on_link_change)
    : impl_(std::make_unique<Impl>(std::move(options), source, std::move(on_link_change))) {}
WallView::~WallView() = default;
int WallView::run() { return impl_->run(); }
nlohmann::json WallView::stats() const { return impl_->wallFigures(); }

} // namespace wall::app
