// Everything the wallconsole command line can set (see main.cpp for the flags).
#pragma once

#include "panels/ui_text.hpp"

#include <string>
#include <vector>

namespace wall::app {

struct AppOptions {
    std::string wall = "1x1";         // shipped wall name or a wall file
    std::string layout;               // preset name or a layout file; empty = the wall's default preset
    std::string journal;              // journal path; empty = XDG state dir (demo: a fresh demo journal)
    std::string router = "tcp://127.0.0.1:5560"; // ingest ROUTER bind
    std::string pub = "tcp://127.0.0.1:5561";    // outbound action PUB bind
    size_t max_message_bytes = 1 << 20;
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
    bool demo = false;                // start the embedded demo backend
    std::string hwdec = "none";       // camera decode: auto | vaapi | cuda | none (software)
    std::string cameras_file;         // demo: JSON file giving real stream URLs for demo camera ids
    bool blink = true;                // blink unacknowledged alarms (steady highlight stays when off)
    std::string operator_name;        // who acks; empty = the duty officer on the roster
    std::string rules;                // alarm rules file; empty = config::chooseRules (the centre's file, the demo's, or the defaults)
    std::string curve_secret;         // the console's CURVE key pair (wallctl keygen .key); empty = no CURVE
    std::string allow_dir;            // directory of publisher .pub keys allowed on the ROUTER (with curve_secret)
    std::vector<std::string> feed_keys; // "NAME=FILE.pub": pin that feed's CURVE server key (needs curve_secret)
    std::vector<std::string> subscribe; // backend PUB feeds, each "NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT" (docs/protocol.md section 11)
};


} // namespace wall::app
