// wallconsole: the video-wall console of an emergency command centre.
#include "wall_app.hpp"

#include "config/camera_file.hpp"
#include "config/rules_file.hpp"
#include "feeds/feed_subscriber.hpp"
#include "layouts/layout_error.hpp"
#include "render/gl_window.hpp"
#include "replay/replay_source.hpp"
#include "streams/process_tuning.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <zmq.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace {

/// A ZeroMQ endpoint only this machine can reach (loopback TCP, ipc, inproc).
bool isLocalEndpoint(const std::string& endpoint) {
    if (endpoint.rfind("ipc://", 0) == 0 || endpoint.rfind("inproc://", 0) == 0) return true;
    for (const char* host : {"tcp://127.", "tcp://localhost:", "tcp://[::1]:", "tcp://::1:"})
        if (endpoint.rfind(host, 0) == 0) return true;
    return false;
}

/// libzmq before 4.3.2 has CVE-2019-13132 (a remote stack overflow through CURVE/ZAP handshakes).
bool zmqIsSafe(int& major, int& minor, int& patch) {
    zmq_version(&major, &minor, &patch);
    return major * 10000 + minor * 100 + patch >= 40302;
}

} // namespace

int main(int argc, char** argv) {
    // Camera streams come and go all day: keep their memory from creeping up (streams leak test).
    wall::streams::tuneAllocatorForStreams();
    // The wall runs on Beijing time; localtime() users (log stamps, the test
    // sources' drawn clock) follow TZ, so default it to China Standard Time.
    setenv("TZ", "CST-8", /*overwrite=*/0);
    tzset();
    using wall::app::AppOptions;
    AppOptions o;
    std::string lang = "zh";
    std::string log_level = "info";
    CLI::App cli{"wallconsole — drives the video wall of an emergency command centre (应急指挥中心).\n"
                 "Backends send events to the ingest ROUTER; see docs/protocol.md."};
    cli.add_option("--wall", o.wall, "Shipped wall (1x1, 2x2, 3x4) or a wall file")->capture_default_str();
    cli.add_option("--layout", o.layout, "Layout preset (duty, consultation, review) or a layout file; default: the wall's default preset");
    cli.add_option("--journal", o.journal, "Journal file (SQLite); default $XDG_STATE_HOME/wallconsole/journal.db "
                                          "(with --demo: a fresh demo-journal.db)");
    cli.add_option("--router", o.router, "Ingest ROUTER bind endpoint")->capture_default_str();
    cli.add_option("--pub", o.pub, "Outbound action PUB bind endpoint ('' disables)")->capture_default_str();
    cli.add_option("--max-message-bytes", o.max_message_bytes, "Largest accepted message (ZMQ_MAXMSGSIZE)")->capture_default_str();
    cli.add_option("--lang", lang, "UI language: zh (简体), zh-Hant (繁體), en")->capture_default_str();
    cli.add_flag("--headless", o.headless, "Render offscreen (needs an X server such as Xvfb); use with --frames/--screenshot");
    cli.add_flag("--fullscreen", o.fullscreen, "Borderless window covering the wall's whole output at (0,0)");
    cli.add_option("--window-width", o.window_width, "Window width in windowed mode (the wall is scaled to fit)");
    cli.add_option("--window-height", o.window_height, "Window height in windowed mode");
    cli.add_option("--frames", o.frames, "Stop after N frames (default: run until closed, SIGINT or SIGTERM)");
    cli.add_option("--seconds", o.seconds, "Stop after this many seconds (with or without --frames)");
    cli.add_option("--screenshot", o.screenshot, "Write the wall's output image as PNG after the last frame");
    cli.add_option("--screenshot-scale", o.screenshot_scale, "Shrink the screenshot by this factor (0..1]")
        ->check(CLI::Range(0.01, 1.0));
    cli.add_option("--stats", o.stats, "Write frame, ingest, glyph and link statistics as JSON at exit");
    cli.add_flag("--unpaced", o.unpaced, "Render as fast as possible instead of at the wall's refresh rate (benchmarks; a window whose swap waits for vblank is paced by it anyway)");
    cli.add_option("--redraw", o.redraw,
                   "When to draw: on-change (a new picture, input, events, the clock's second, the blink phase; "
                   "otherwise keep the picture), always (every refresh), auto (on-change windowed, always headless)")
        ->check(CLI::IsMember({"auto", "always", "on-change"}))
        ->capture_default_str();
    cli.add_flag("--demo", o.demo, "Start the embedded demo backend (a made-up flood-season scenario)");
    cli.add_option("--hwdec", o.hwdec, "Camera decoding: auto, vaapi, cuda or none (software; falls back to it with a logged reason)")
        ->check(CLI::IsMember({"auto", "vaapi", "cuda", "none"}))
        ->capture_default_str();
    cli.add_option("--cameras", o.cameras_file,
                   "Camera file: JSON [{\"id\", \"name\", \"site\", \"main_url\", \"sub_url\", \"group\", \"rtsp_transport\"}, ...]; "
                   "registered at start (journaled as camera.upsert when new or changed). With --demo: entries replace "
                   "the demo cameras' test pictures")
        ->check(CLI::ExistingFile);
    cli.add_flag("!--no-blink", o.blink, "Do not blink unacknowledged alarms (their steady highlight stays)");
    cli.add_option("--operator", o.operator_name, "Name journaled with operator actions (default: the duty officer on the roster)");
    cli.add_option("--rules", o.rules, "Alarm rules file: 叫应 grid and deadlines, floods, camera linkage, SOPs, sound "
                                       "(default: $XDG_CONFIG_HOME/wallconsole/rules.toml; without it the shipped defaults, which call nobody "
                                       "and show 叫应名单未配置; --demo: assets/demo/rules.toml)")
        ->check(CLI::ExistingFile);
    cli.add_option("--subscribe", o.subscribe,
                   "Subscribe to a backend's PUB feed: NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT (repeatable; gaps are "
                   "recovered from the snapshot endpoint, docs/protocol.md section 11)")
        ->check([](const std::string& s) -> std::string {
            try {
                wall::feeds::parseFeedEndpoint(s);
                return {};
            } catch (const std::exception& e) {
                return e.what();
            }
        });
    cli.add_option("--curve-secret", o.curve_secret,
                   "The console's CURVE key pair (a .key file from `wallctl keygen`): the ROUTER then accepts only "
                   "publishers whose keys are in --allow-dir (docs/protocol.md section 12)")
        ->check(CLI::ExistingFile);
    cli.add_option("--allow-dir", o.allow_dir,
                   "Directory of publisher .pub key files allowed on the ROUTER; re-read within a second of any change")
        ->check(CLI::ExistingDirectory);
    cli.add_option("--feed-key", o.feed_keys,
                   "NAME=FILE.pub: subscribe to feed NAME over CURVE, pinning its publisher's public key (repeatable; "
                   "needs --curve-secret)");
    bool insecure = false;
    cli.add_flag("--insecure", insecure,
                 "Allow binding --pub, or --router without --curve-secret, to a non-loopback address without "
                 "authentication (see docs/security.md)");
    cli.add_option("--test-samples", o.test_samples,
                   "Tests: write each second's drawn state hash and picture into this directory")->group("");
    auto* replay = cli.add_option("--replay", o.replay,
                                  "复盘: replay this journal (read-only) on a timeline instead of running the live console");
    cli.add_option("--at", o.at, "Replay: start at this time (Beijing 'YYYY-MM-DD HH:MM[:SS]' or epoch ms)")->needs(replay);
    cli.add_option("--from", o.from, "Replay: the timeline's range starts here (default: the journal's first event)")->needs(replay);
    cli.add_option("--to", o.to, "Replay: the timeline's range ends here (default: the journal's last event)")->needs(replay);
    cli.add_option("--last-hours", o.last_hours, "Replay: the range is the journal's last N hours")->needs(replay);
    cli.add_option("--speed", o.speed, "Replay: play speed, 0.25 to 64")->needs(replay)->capture_default_str();
    cli.add_flag("--play", o.play, "Replay: start playing (default: paused at --at)")->needs(replay);
    cli.add_option("--review-file", o.review_file, "Replay: reviewers' bookmarks file (default: JOURNAL.review.db)")->needs(replay);
    cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);

    spdlog::set_level(spdlog::level::from_str(log_level));
    if (auto language = wall::panels::languageFromName(lang)) {
        o.language = *language;
    } else {
        std::fprintf(stderr, "wallconsole: --lang %s: expected zh, zh-Hant or en\n", lang.c_str());
        return 2;
    }
    if (int major, minor, patch; !zmqIsSafe(major, minor, patch)) {
        std::fprintf(stderr, "wallconsole: libzmq %d.%d.%d is older than 4.3.2 (CVE-2019-13132); refusing to start\n",
                     major, minor, patch);
        return 2;
    }
    if (!o.feed_keys.empty() && o.curve_secret.empty()) {
        std::fprintf(stderr, "wallconsole: --feed-key needs --curve-secret (the console's own key pair)\n");
        return 2;
    }
    if (o.curve_secret.empty() != o.allow_dir.empty()) {
        std::fprintf(stderr, "wallconsole: --curve-secret and --allow-dir go together (the key pair and who may connect)\n");
        return 2;
    }
    for (const std::string* endpoint : {&o.router, &o.pub}) {
        if (endpoint->empty() || isLocalEndpoint(*endpoint)) continue;
        if (endpoint == &o.router && !o.curve_secret.empty()) continue; // authenticated: CURVE + ZAP allow-list
        if (!insecure) {
            std::fprintf(stderr,
                         "wallconsole: %s is reachable from the network without authentication; bind to 127.0.0.1, "
                         "use --curve-secret/--allow-dir (ROUTER only) or pass --insecure\n",
                         endpoint->c_str());
            return 2;
        }
        spdlog::warn("{} is reachable from the network WITHOUT authentication (--insecure): anyone who can reach "
                     "it can raise alarms", *endpoint);
    }
    // With keys configured every way in is authenticated: a feed without a pinned key needs --insecure.
    for (const std::string& feed : o.subscribe) {
        const std::string name = feed.substr(0, feed.find('='));
        const bool keyed = std::any_of(o.feed_keys.begin(), o.feed_keys.end(),
                                       [&](const std::string& k) { return k.rfind(name + "=", 0) == 0; });
        if (o.curve_secret.empty() || keyed) continue;
        if (!insecure) {
            std::fprintf(stderr, "wallconsole: feed %s has no --feed-key while CURVE is configured; give its publisher's "
                                 "key or pass --insecure\n", name.c_str());
            return 2;
        }
        spdlog::warn("feed {} is subscribed WITHOUT CURVE (--insecure)", name);
    }
    try {
        wall::app::WallApp app(std::move(o));
        return app.run();
    } catch (const wall::render::NoDisplayError& e) {
        spdlog::error("{}", e.what());
        return 3;
    } catch (const wall::replay::ReplayError& e) {
        spdlog::error("replay: {}", e.what());
        return 2;
    } catch (const wall::layouts::LayoutError& e) {
        spdlog::error("layout: {}", e.what());
        return 2;
    } catch (const wall::config::RulesError& e) {
        spdlog::error("rules: {}", e.what());
        return 2;
    } catch (const wall::config::CameraFileError& e) {
        spdlog::error("cameras: {}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
}
