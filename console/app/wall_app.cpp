// [SECTION] start-up: wall and layouts, journal recovery, ingest, window
// [SECTION] per frame: drain committed events, input, panels, present
// [SECTION] layout switching
// [SECTION] shutdown: screenshot and stats
#include "wall_app.hpp"

#include "alarm_sound.hpp"
#include "auth/auth_config.hpp"
#include "auth/key_file.hpp"
#include "camera_tiles.hpp"
#include "frame_pacer.hpp"
#include "redraw_gate.hpp"
#include "config/camera_file.hpp"
#include "config/rules_file.hpp"
#include "demo/demo_backend.hpp"
#include "feeds/feed_subscriber.hpp"
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"
#include "layouts/layout_library.hpp"
#include "model/beijing_time.hpp"
#include "model/linkage.hpp"
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
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
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
        for (int c = 0; c < wall.cols; ++c) {
            const layouts::PixelRect in = wall.panelCanvasRect(r, c);
            const layouts::PixelRect out = wall.panelOutputRect(r, c);
            g.panels.push_back({{in.x, in.y, in.width, in.height}, {out.x, out.y, out.width, out.height}});
        }
    return g;
}

} // namespace

std::string defaultJournalPath(const std::string& file_name) {
    namespace fs = std::filesystem;
    fs::path base;
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = fs::path(home) / ".local" / "state";
    else base = fs::temp_directory_path();
    return (base / "wallconsole" / file_name).string();
}

// The UI's operator actions go to the ingest worker, which journals them
// before they take effect. A layout switch also takes effect locally at once,
// so it shows on the very next frame.
class WorkerActions final : public panels::OperatorActions {
public:
    WorkerActions(ingest::IngestWorker& worker, std::string& operator_name, std::string& requested_layout)
        : worker_(worker), operator_name_(operator_name), requested_layout_(requested_layout) {}

    bool acknowledgeAlarm(const std::string& alarm_id) override {
        return post(AlarmAck{alarm_id, operator_name_});
    }
    bool setTaskStatus(const std::string& task_id, TaskStatus status) override {
        return post(TaskStatusSet{task_id, status, operator_name_});
    }
    bool switchLayout(const std::string& layout_name) override {
        requested_layout_ = layout_name;
        return post(LayoutSwitch{layout_name});
    }
    bool shelveAlarm(const std::string& alarm_id, int minutes, const std::string& reason) override {
        const TimeMs until = nowMs() + static_cast<TimeMs>(minutes) * 60000;
        return post(AlarmShelve{alarm_id, until, reason, operator_name_});
    }
    bool unshelveAlarm(const std::string& alarm_id) override {
        return post(AlarmUnshelve{alarm_id, operator_name_, "operator"});
    }
    bool setSopStep(const std::string& alarm_id, int step, bool done) override {
        return post(SopStepSet{alarm_id, step, done, operator_name_});
    }
    bool recordCallAnswer(const std::string& alarm_id, const std::string& call_id, const std::string& note) override {
        return post(CallAnswerRecord{CallAnswer{alarm_id, call_id, 0, "manual", note}, operator_name_});
    }
    bool markIncidentReported(const std::string& incident_id, const std::string& note) override {
        return post(IncidentReported{incident_id, operator_name_, note});
    }
    bool muteSound(WarningLevel level, bool muted) override { return post(SoundMute{level, muted, operator_name_}); }
    bool reportLinkage(LinkageShow shown) override { return post(std::move(shown)); }
    /// @brief Journals and publishes a camera stream's new link state (camera.state).
    bool reportCameraState(CameraStreamState report) { return post(std::move(report)); }
    /// @brief Journals a camera from the camera file (camera.upsert), so a replay knows it.
    bool registerCamera(Camera camera) { return post(CameraUpsert{std::move(camera)}); }

private:
    bool post(ingest::OperatorAction action) {
        if (worker_.postAction(std::move(action))) return true;
        spdlog::warn("operator action dropped: the ingest worker's action queue is full or stopped");
        return false;
    }
    ingest::IngestWorker& worker_;
    std::string& operator_name_;      // who acts: refreshed every frame from the roster
    std::string& requested_layout_;   // picked up by the frame loop on the next frame
};

struct WallApp::Impl {
    AppOptions options;
    layouts::LayoutLibrary library;
    std::shared_ptr<const layouts::Layout> layout;        // active layout
    std::vector<std::unique_ptr<panels::View>> views;     // one per region of `layout`
    std::string requested_layout;                         // set by hotkeys/menu; applied at frame start
    std::string last_refused_layout;                      // a layout.switch we could not honour (logged once)

    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<ingest::IngestWorker> worker;
    std::unique_ptr<feeds::FeedSubscriber> subscribed;   // --subscribe: backend PUB feeds (SUB ingest) into the worker
    std::unique_ptr<demo::DemoBackend> demo;
    panels::UiModel model;
    std::string operator_name;
    std::unique_ptr<WorkerActions> actions;
    ConsoleRules rules;                                   // alarm rules (config::chooseRules)
    std::string call_table_fault;                         // why no 叫应 table is configured (standing fault), empty when one is
    std::unique_ptr<AlarmSound> sound;                    // rules.sound commands for new activations

    std::unique_ptr<render::GlWindow> window;
    std::unique_ptr<render::ImGuiRuntime> imgui;
    std::unique_ptr<render::GlyphAtlas> glyphs;
    std::unique_ptr<render::WallCanvas> canvas;
    std::unique_ptr<CameraTiles> camera_tiles;           // after the window: owns GL textures

    std::map<std::pair<std::string, int>, std::string> reported_stream_state; // (camera, kind) → last camera.state sent
    FrameStats stats;
    std::vector<Event> committed;                         // reused per frame
    std::vector<TimeMs> pending_latency_ts;               // sender ts of events applied this frame
    std::vector<TimeMs> pending_red_ts;                   // the same, for red warnings' raises
    Clock::time_point started = Clock::now();
    RedrawGate redraw_gate{false};                        // set from --redraw in the constructor
    double first_frame_ms = -1;                           // start-up: time to the first frame
    journal::Recovered recovery_info;                     // what start-up rebuilt
    std::string journal_damage;                           // start-up found the journal damaged: shown until a restart

    // Camera linkage: decided once per frame before the views draw, so a region shows an
    // alarm's cameras in the frame the alarm was applied; every change is journaled.
    LinkageDirector linkage;
    std::vector<LinkageShow> unsent_linkage;              // changes the full action queue refused; retried
    std::vector<Camera> configured_cameras;               // --cameras: the camera file's entries
    std::deque<Camera> unregistered_cameras;              // of those, new or changed ones not yet queued for the journal
    std::vector<std::string> raised_this_frame;           // alarm ids whose raise was applied this frame
    nlohmann::json linkage_log = nlohmann::json::array(); // --stats: the changes, with their frame (capped)
    long frame_index = 0;                                 // frames drawn so far

    // [SECTION] start-up
    explicit Impl(AppOptions opts) : options(std::move(opts)) {
        library = layouts::LayoutLibrary::open(options.wall);
        for (const layouts::LayoutError& e : library.load_errors) spdlog::error("layout refused: {}", e.what());
        layout = options.layout.empty() ? library.defaultLayout() : library.findOrLoad(options.layout);
        if (!layout) throw std::runtime_error("no layout to show: " + library.asset_dir.string() + "/layouts is empty");

        const config::RulesChoice rules_choice = config::chooseRules(options.rules, options.demo);
        rules = config::loadRules(rules_choice.path);
        model.alarm_load.setRules(rules.flood);
        sound = std::make_unique<AlarmSound>(rules.sound);
        spdlog::info("alarm rules from {}", rules_choice.path.string());
        call_table_fault = config::callTableFault(rules_choice, rules);
        if (!call_table_fault.empty()) spdlog::error("叫应名单未配置 (no 叫应 call table): {}", call_table_fault);
        if (options.demo && options.rules.empty()) {
            // Demo time runs tenfold for 叫应, so a missed deadline and its
            // escalation happen within the first minute instead of after five.
            for (int& deadline : rules.call_response.deadline_s) deadline = std::max(20, deadline / 10);
            spdlog::info("demo: 叫应 deadlines shortened tenfold (red {} s, orange {} s)",
                         rules.call_response.deadline_s[0], rules.call_response.deadline_s[1]);
        }
        // Read before anything starts, so a bad camera file stops the start-up with its file and entry named.
        if (!options.cameras_file.empty()) configured_cameras = config::loadCameraFile(options.cameras_file);
        openJournal();
        ingest::IngestConfig config;
        config.rules = rules;
        config.router_endpoint = options.router;
        config.pub_endpoint = options.pub;
        config.max_message_bytes = options.max_message_bytes;
        config.curve.secret_key_file = options.curve_secret;
        config.curve.allow_dir = options.allow_dir;
        worker = std::make_unique<ingest::IngestWorker>(*journal, model.state, config);
        spdlog::info("ingest on {} (actions published on {})", worker->routerEndpoint(), worker->pubEndpoint());
        actions = std::make_unique<WorkerActions>(*worker, operator_name, requested_layout);
        if (!options.demo) registerConfiguredCameras();
        if (!options.subscribe.empty()) {
            feeds::SubscriberConfig feed_config;
            for (const std::string& s : options.subscribe) feed_config.feeds.push_back(feeds::parseFeedEndpoint(s));
            pinFeedKeys(feed_config);
            feed_config.silent_after_ms = config.silent_after_ms;
            feed_config.max_message_bytes = config.max_message_bytes;
            subscribed = std::make_unique<feeds::FeedSubscriber>(*worker, model.state, feed_config);
        }

        openWindow();
        // Headless runs are tests and benchmarks that count frames: they draw every refresh unless told otherwise.
        const bool draw_always = options.redraw == "always" || (options.redraw == "auto" && window->headless());
        redraw_gate = RedrawGate(draw_always);
        spdlog::info("redraw: {}", draw_always ? "every refresh" : "on change (new picture, input, events, clock second, blink)");
        if (options.demo) {
            demo::DemoOptions demo_options;
            demo_options.endpoint = worker->routerEndpoint();
            demo_options.feed_endpoint = worker->pubEndpoint();
            for (Camera& c : configured_cameras) demo_options.camera_overrides[c.id] = std::move(c);
            demo = std::make_unique<demo::DemoBackend>(demo_options);
            demo->start();
        }
    }

    /// The camera file's cameras become camera.upsert events (journaled, so a
    /// replay knows them), but only where they differ from the recovered state:
    /// a restart with the same file adds nothing to the journal.
    void registerConfiguredCameras() {
        for (const Camera& configured : configured_cameras) {
            auto known = model.state.cameras.find(configured.id);
            Camera camera = withConfigured(known != model.state.cameras.end() ? known->second : Camera{}, configured);
            if (known == model.state.cameras.end() || !(known->second == camera))
                unregistered_cameras.push_back(std::move(camera));
        }
        spdlog::info("camera file {}: {} cameras, {} new or changed", options.cameras_file, configured_cameras.size(),
                     unregistered_cameras.size());
        registerPendingCameras();
    }

    /// A site may configure thousands of cameras, more than the action queue
    /// holds: queue what fits now, the rest on later frames.
    void registerPendingCameras() {
        while (!unregistered_cameras.empty() && actions->registerCamera(unregistered_cameras.front()))
            unregistered_cameras.pop_front();
    }

    void openJournal() {
        std::string path = options.journal;
        if (path.empty()) {
            // The demo gets its own journal, fresh each start, so made-up data never
            // mixes with a real watch's record.
            path = defaultJournalPath(options.demo ? "demo-journal.db" : "journal.db");
            if (options.demo)
                for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        }
        const auto t0 = Clock::now();
        // Integrity-checked; a damaged journal is set aside and salvaged, and the
        // console runs on a fresh one with the damage on the wall until a restart.
        journal::OpenedJournal opened = journal::openRecovering(path);
        journal = std::move(opened.journal);
        recovery_info = std::move(opened.recovered);
        if (!opened.damage.empty())
            journal_damage = "JOURNAL DAMAGED, set aside as " + opened.set_aside_path + "; " +
                             std::to_string(opened.unreadable) + " records unreadable, " +
                             std::to_string(opened.salvaged) + " salvaged; running on a fresh journal (details in the log)";
        spdlog::info("journal {}: recovered {} events ({} replayed after the checkpoint, {} unreadable) in {:.1f} ms",
                     path, recovery_info.state.applied_events, recovery_info.replayed, recovery_info.skipped,
                     msSince(t0));
        model.reset(recovery_info.state);
        linkage.resume(model.state, nowMs());
        // After a restart the wall comes back as it was, unless --layout says otherwise.
        if (options.layout.empty() && !model.state.active_layout.empty() && library.find(model.state.active_layout))
            layout = library.find(model.state.active_layout);
    }

    void openWindow() {
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
        for (const SopChecklist& sop : rules.sop) { // the detail pane shows the checklists
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
        camera_tiles = std::make_unique<CameraTiles>(pool_config);
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
        std::vector<LinkageRegion> linkage_regions;
        for (const layouts::Region& region : layout->regions) {
            if (region.view == layouts::ViewKind::Linkage)
                linkage_regions.push_back({region.name, region.camera.empty() ? std::vector<std::string>{}
                                                                              : std::vector<std::string>{region.camera},
                                           false});
            else if (region.view == layouts::ViewKind::CameraGrid && region.linkage_takeover)
                linkage_regions.push_back({region.name, region.cameras, true});
        }
        linkage.setRegions(std::move(linkage_regions));
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
        layout = std::move(next);
        buildViews();
    }

    void handleHotkeys() {
        for (int f = 1; f <= 12; ++f) {
            if (!ImGui::IsKeyPressed(GLFW_KEY_F1 + f - 1, false)) continue;
            if (auto l = library.findByHotkey(f)) actions->switchLayout(l->name);
        }
    }

    // [SECTION] per frame
    /// Alarm load follows the clock (flood window, stale cursor); new activations ring the sound.
    void tickAlarms(TimeMs now) {
        model.alarm_load.tick(now);
        sound->onActivations(model.alarm_load.takeActivations(), model.state.muted);
        sound->poll();
    }

    /// @brief Blink phase now, on a clock the redraw gate can read before the frame starts.
    bool blinkOn() const { return !options.blink || render::blinkOn(std::chrono::duration<double>(Clock::now() - started).count()); }

    /// @brief Applies what the worker committed since the last call; false when there was nothing.
    bool applyCommitted() {
        committed.clear();
        if (!worker->drainCommitted(committed)) return false;
        const std::string before = model.state.active_layout;
        model.applyCommitted(committed, [&](const std::string& s) { glyphs->noteText(s); });
        // One pass: cameras to the stream pool, raises for the linkage stats, send times for the latency stats.
        for (const Event& e : committed) {
            const auto* raise = std::get_if<AlarmRaise>(&e.body);
            if (raise) raised_this_frame.push_back(raise->alarm.id);
            if (auto* c = std::get_if<CameraUpsert>(&e.body)) camera_tiles->upsertCamera(c->camera);
            if (e.source == "operator") continue;
            pending_latency_ts.push_back(e.ts_ms);
            if (raise && raise->alarm.level == WarningLevel::Red) pending_red_ts.push_back(e.ts_ms);
        }
        // A backend's layout.switch (or our own, journaled) arrives as state.
        if (model.state.active_layout != before) requested_layout = model.state.active_layout;
        return true;
    }

    /// Every link-state change of a displayed stream goes to the journal and the PUB feed
    /// (camera.state), so backends learn of dead cameras and the review can replay them.
    void reportStreamStates() {
        for (const streams::PoolStreamRow& row : camera_tiles->pool().rows()) {
            if (!row.open) continue;
            const std::string state(streams::toString(row.status.state));
            std::string& last = reported_stream_state[{row.camera_id, static_cast<int>(row.kind)}];
            if (last == state) continue;
            const std::string reason =
                row.status.state == streams::LinkState::Live ? "" : std::string(streams::toString(row.status.reason));
            if (actions->reportCameraState({row.camera_id, row.kind == streams::StreamKind::Main ? "main" : "sub",
                                            state, reason == "none" ? "" : reason}))
                last = state;
        }
    }

    /// The duty officer on the roster acts unless --operator names someone.
    void refreshOperator(TimeMs now) {
        if (!options.operator_name.empty()) {
            operator_name = options.operator_name;
            return;
        }
        operator_name = "值班员";
        for (const Shift& s : model.state.roster.shifts)
            if (s.start_ms <= now && now < s.end_ms && !s.officers.empty()) operator_name = s.officers.front().name;
    }

    std::string currentFault() const {
        const ingest::IngestCounters c = worker->counters();
        // Journal faults first: a stopped writer or a damaged journal means the record is at risk.
        const char* journal_fault = panels::tr(options.language, panels::Text::JournalFault);
        if (c.fault.starts_with("journal")) return std::string(journal_fault) + ": " + c.fault;
        if (!journal_damage.empty()) return std::string(journal_fault) + ": " + journal_damage;
        if (!c.fault.empty()) return std::string(panels::tr(options.language, panels::Text::IngestFault)) + ": " + c.fault;
        // A feed out of sequence (a gap, a restart, silence) until its snapshot is applied: integrity, never silent.
        if (subscribed)
            if (std::string f = subscribed->fault(); !f.empty())
                return std::string(panels::tr(options.language, panels::Text::IngestFault)) + ": " + f;
        // Standing until the centre configures its table: warnings would reach no grid responsible.
        if (!call_table_fault.empty()) return panels::tr(options.language, panels::Text::CallTableMissing);
        return {};
    }

    /// Journals the director's changes (the review replays what the wall showed); keeps what the queue refused.
    void reportLinkageChanges(std::vector<LinkageShow> changes) {
        for (LinkageShow& change : changes) {
            if (linkage_log.size() < 1000) {
                const bool same_frame = std::find(raised_this_frame.begin(), raised_this_frame.end(),
                                                  change.alarm_id) != raised_this_frame.end();
                linkage_log.push_back({{"frame", frame_index},
                                       {"region", change.region},
                                       {"alarm", change.alarm_id},
                                       {"cameras", change.cameras},
                                       {"cause", change.cause},
                                       {"alarm_applied_this_frame", same_frame}});
            }
            std::erase_if(unsent_linkage, [&](const LinkageShow& u) { return u.region == change.region; });
            unsent_linkage.push_back(std::move(change));
        }
        std::erase_if(unsent_linkage, [&](const LinkageShow& u) { return actions->reportLinkage(u); });
    }

    void drawFrame(TimeMs now) {
        refreshOperator(now);
        if (!requested_layout.empty()) {
            switchTo(requested_layout);
            requested_layout.clear();
        }
        reportLinkageChanges(linkage.update(model.state, now, rules, model.alarms_generation, &model.touched_alarms));
        registerPendingCameras();
        raised_this_frame.clear();
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
                                .blink_on = blinkOn(),
                                .demo = options.demo,
                                .silent_after_ms = worker->config().silent_after_ms,
                                .actions = *actions,
                                .cameras = *camera_tiles,
                                .layout = *layout,
                                .wall = library.wall,
                                .layouts = std::move(choices),
                                .fault = currentFault(),
                                .rules = &rules,
                                .linkage = &linkage};
        camera_tiles->beginFrame(&ctx);
        for (auto& view : views) view->draw(ctx);
        camera_tiles->endFrame();
        reportStreamStates();

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
            tickAlarms(nowMs());
            if (!redraw_gate.drawsAlways()) triggers.video = camera_tiles->pool().hasNews();
            triggers.requested = !requested_layout.empty();
            triggers.blink_on = blinkOn();
            triggers.second = nowMs() / 1000;
            if (!redraw_gate.shouldDraw(triggers)) {
                // Nothing new to show: keep the picture, look again in one refresh interval.
                std::this_thread::sleep_for(idle_poll);
                continue;
            }
            drawFrame(nowMs());
            const double frame_ms = msSince(t0);
            stats.addFrame(frame_ms);
            stats.addFrameCpu(threadCpuMs() - cpu0);
            if (first_frame_ms < 0) {
                first_frame_ms = msSince(started);
                spdlog::info("first frame after {:.0f} ms", first_frame_ms);
            }
            const TimeMs shown = nowMs();
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
        return finish();
    }

    // [SECTION] shutdown
    int finish() {
        int code = 0;
        if (!options.screenshot.empty()) {
            // Every character seen so far must be in the picture: settle the atlas, draw once more.
            glyphs->finishPendingBuild();
            applyCommitted();
            drawFrame(nowMs());
            const render::RgbaImage image = canvas->readOutput(options.screenshot_scale);
            try {
                render::writePng(options.screenshot, image);
                spdlog::info("screenshot {} ({}x{})", options.screenshot, image.width, image.height);
            } catch (const std::exception& e) {
                spdlog::error("{}", e.what());
                code = 1;
            }
        }
        if (demo) demo->stop();
        if (subscribed) subscribed->stop();
        if (!options.stats.empty() && !writeStats()) code = 1;
        worker->stop();
        return code;
    }

    /// --stats: each subscribed feed's sequence figures.
    nlohmann::json feedStats() const {
        nlohmann::json out = nlohmann::json::array();
        if (!subscribed) return out;
        for (const feeds::FeedStatus& s : subscribed->status())
            out.push_back({{"source", s.source}, {"phase", feeds::toWire(s.phase)}, {"epoch", s.epoch},
                           {"last_seq", s.last_seq}, {"silent", s.silent}, {"applied", s.applied},
                           {"snapshot_events", s.snapshot_events}, {"discarded", s.discarded},
                           {"duplicates", s.duplicates}, {"gaps", s.gaps}, {"resyncs", s.resyncs},
                           {"snapshots", s.snapshots}, {"epochs", s.epochs}, {"refused", s.refused},
                           {"fault", s.fault}});
        return out;
    }

    /// --feed-key NAME=FILE.pub: the named feed is subscribed over CURVE, pinning its
    /// publisher's key; the console's own pair (--curve-secret) is the client key.
    void pinFeedKeys(feeds::SubscriberConfig& c) const {
        if (options.feed_keys.empty()) return;
        const auth::KeyPair own = auth::readKeyPair(options.curve_secret);
        c.curve_public_key = own.public_key;
        c.curve_secret_key = own.secret_key;
        for (const std::string& entry : options.feed_keys) {
            const auto eq = entry.find('=');
            const std::string name = entry.substr(0, eq);
            auto feed = std::find_if(c.feeds.begin(), c.feeds.end(), [&](const feeds::FeedEndpoint& f) { return f.source == name; });
            if (eq == std::string::npos || feed == c.feeds.end())
                throw std::runtime_error("--feed-key " + entry + ": expected NAME=FILE.pub naming a --subscribe feed");
            feed->server_key = auth::readPublicKey(entry.substr(eq + 1)).public_key;
        }
    }

    /// CURVE diagnostics: connections refused before any message, by reason.
    nlohmann::json authStats(const ingest::IngestCounters& c) const {
        nlohmann::json refused = nlohmann::json::object();
        for (int i = 0; i < auth::kRefusalCount; ++i) refused[auth::toWire(static_cast<auth::Refusal>(i))] = c.auth_refused[i];
        return {{"curve", !options.curve_secret.empty()}, {"allowed_keys", c.allowed_keys}, {"refused", refused}};
    }

    bool writeStats() {
        using nlohmann::json;
        const ingest::IngestCounters c = worker->counters();
        const Percentiles ft = stats.frameTimes();
        const Percentiles cpu = stats.frameCpu();
        const Percentiles lat = stats.eventLatency();
        const Percentiles red = stats.redAlarmLatency();
        json rejected = json::object();
        for (int i = 0; i < protocol::kRejectReasonCount; ++i)
            rejected[protocol::toWire(static_cast<protocol::RejectReason>(i))] = c.rejected[i];
        json links = json::object();
        const TimeMs now = nowMs();
        for (auto& [name, link] : model.state.links) {
            if (name == "operator") continue;
            const TimeMs quiet = now - link.last_seen_ms;
            links[name] = {{"state", quiet > worker->config().silent_after_ms ? "silent" : "live"},
                           {"silent_ms", quiet},
                           {"accepted", link.accepted},
                           {"last_seq", link.last_seq}};
        }
        json missing = json::array();
        for (char32_t cp : glyphs->missingGlyphs()) missing.push_back(static_cast<uint32_t>(cp));
        json alarms = json::object();
        for (int i = 0; i < kWarningLevelCount; ++i)
            alarms[toWire(static_cast<WarningLevel>(i + 1))] = model.alarm_order.countByLevel()[i];
        json streams_out = json::array();
        for (const streams::PoolStreamRow& row : camera_tiles->pool().rows()) {
            streams_out.push_back({{"camera", row.camera_id},
                                   {"kind", row.kind == streams::StreamKind::Main ? "main" : "sub"},
                                   {"open", row.open},
                                   {"displayed", row.displayed},
                                   {"frames_decoded", row.frames_decoded_total},
                                   {"state", std::string(streams::toString(row.status.state))},
                                   {"reason", std::string(streams::toString(row.status.reason))},
                                   {"state_changes", row.status.state_changes},
                                   {"reconnects", row.status.reconnects},
                                   {"failures_in_row", row.status.failures_in_row},
                                   {"frames_dropped", row.status.frames_dropped},
                                   {"load", row.status.load}});
        }
        json out = {
            {"frames", stats.frames()},
            {"redraw_skipped", redraw_gate.skipped()},
            {"frame_ms", {{"p50", ft.p50}, {"p99", ft.p99}, {"max", ft.max}}},
            {"frame_cpu_ms", {{"p50", cpu.p50}, {"p99", cpu.p99}, {"max", cpu.max}}},
            {"first_frame_ms", first_frame_ms},
            {"event_to_frame_ms", {{"p50", lat.p50}, {"p99", lat.p99}, {"max", lat.max}, {"count", lat.count}}},
            {"red_alarm_to_frame_ms", {{"p50", red.p50}, {"p99", red.p99}, {"max", red.max}, {"count", red.count}}},
            {"events",
             {{"received", c.received},
              {"accepted", c.accepted},
              {"duplicates", c.duplicates},
              {"rejected", rejected},
              {"rejected_total", c.rejectedTotal()},
              {"unanswered", c.unanswered},
              {"heartbeats", c.heartbeats},
              {"operator_actions", c.operator_actions},
              {"rule_events", c.rule_events},
              {"feed_events", c.feed_events}}},
            {"journal", {{"path", journal->path()}, {"last_id", c.last_journal_id}, {"recovered_events", recovery_info.state.applied_events}}},
            {"missing_glyphs", glyphs->missingGlyphCount()},
            {"missing_codepoints", missing},
            {"glyphs", glyphs->codepointCount()},
            {"fallback_glyphs_drawn", glyphs->fallbackGlyphsDrawn()},
            {"fallback_font_glyphs", glyphs->fallbackFontGlyphCount()},
            {"links", links},
            {"alarms", alarms},
            {"alarm_load",
             {{"rate", model.alarm_load.rate()},
              {"flooding", model.alarm_load.flooding()},
              {"stale", model.alarm_load.staleCount()},
              {"flood_groups", model.alarm_load.groupOrder().size()}}},
            {"tasks", model.state.tasks.size()},
            {"cameras", model.state.cameras.size()},
            {"layout", layout->name},
            {"wall", library.wall.name},
            {"renderer", window->rendererName()},
            {"fault", c.fault},
            {"call_table_fault", call_table_fault},
            {"wall_fault", currentFault()},
            {"auth", authStats(c)},
            {"feeds", feedStats()},
            {"journal_damage", journal_damage},
            {"streams", streams_out},
            {"open_decoders", camera_tiles->pool().openDecoders()},
            {"linkage", linkage_log},
        };
        std::ofstream f(options.stats);
        f << out.dump(2) << '\n';
        if (!f) {
            spdlog::error("cannot write stats to {}", options.stats);
            return false;
        }
        return true;
    }
};

WallApp::WallApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
WallApp::~WallApp() = default;
int WallApp::run() { return impl_->run(); }

} // namespace wall::app
