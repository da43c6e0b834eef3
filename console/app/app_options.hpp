// Everything the wallconsole command line can set (see main.cpp for the flags).
#pragma once

#include "core/console_core.hpp"
#include "panels/ui_text.hpp"

#include <string>
#include <vector>

namespace wall::app {

/// The core's options (journal, endpoints, rules, cameras, who acts...) and the view's.
struct AppOptions : core::CoreOptions {
    panels::Language language = panels::Language::ZhHans;
    bool headless = false;            // invisible window, render offscreen
    bool fullscreen = false;          // borderless window covering the wall's output size at (0,0)
    int window_width = 1600;          // windowed mode size; the wall is scaled to fit
    int window_height = 900;
    long frames = -1;                 // stop after N frames; -1 = run until closed / SIGINT / SIGTERM
    double seconds = -1;              // stop after this long; -1 = no limit
    std::string screenshot;           // PNG of the output image after the last frame
    double screenshot_scale = 1.0;    // shrink big walls in the screenshot
    std::string stats;                // JSON stats written at exit
    bool unpaced = false;             // render as fast as possible instead of at the wall's rate
    std::string redraw = "auto";      // auto (on-change windowed, always headless), always, on-change
    std::string hwdec = "none";       // camera decode: auto | vaapi | cuda | none (software)
    bool blink = true;                // blink unacknowledged alarms (steady highlight stays when off)
    std::string test_samples;         // a directory: each second, the drawn state's hash and picture (fidelity tests)

    // 复盘: with `replay` set the wall replays that journal instead of running the live console.
    std::string replay;               // journal to replay, opened read-only
    std::string at, from, to;         // Beijing time or epoch ms, as typed
    double last_hours = 0;            // the range is the journal's last this many hours (when no --from)
    double speed = 1.0;
    bool play = false;                // start playing instead of paused
    std::string review_file;          // bookmarks; empty = JOURNAL.review.db
};


} // namespace wall::app
