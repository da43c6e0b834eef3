#include "stats_report.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

namespace wall::app {

namespace {

nlohmann::json percentilesJson(const Percentiles& p, bool with_count) {
    nlohmann::json j = {{"p50", p.p50}, {"p99", p.p99}, {"max", p.max}};
    if (with_count) j["count"] = p.count;
    return j;
}

nlohmann::json linksJson(const State& state, TimeMs now, TimeMs silent_after_ms) {
    nlohmann::json links = nlohmann::json::object();
    for (auto& [name, link] : state.links) {
        if (name == "operator") continue;
        const TimeMs quiet = now - link.last_seen_ms;
        links[name] = {{"state", quiet > silent_after_ms ? "silent" : "live"},
                       {"silent_ms", quiet},
                       {"accepted", link.accepted},
                       {"last_seq", link.last_seq}};
    }
    return links;
}


} // namespace

nlohmann::json wallStats(const WallFigures& f) {
    using nlohmann::json;
    json missing = json::array();
    for (char32_t cp : f.glyphs.missingGlyphs()) missing.push_back(static_cast<uint32_t>(cp));
    json alarms = json::object();
    for (int i = 0; i < kWarningLevelCount; ++i)
        alarms[toWire(static_cast<WarningLevel>(i + 1))] = f.model.alarm_order.countByLevel()[i];
    json out = {
        {"frames", f.frames.frames()},
        {"redraw_skipped", f.redraw_skipped},
        {"frame_ms", percentilesJson(f.frames.frameTimes(), false)},
        {"frame_cpu_ms", percentilesJson(f.frames.frameCpu(), false)},
        {"first_frame_ms", f.first_frame_ms},
        {"event_to_frame_ms", percentilesJson(f.frames.eventLatency(), true)},
        {"red_alarm_to_frame_ms", percentilesJson(f.frames.redAlarmLatency(), true)},
        {"missing_glyphs", f.glyphs.missingGlyphCount()},
        {"missing_codepoints", missing},
        {"glyphs", f.glyphs.codepointCount()},
        {"fallback_glyphs_drawn", f.glyphs.fallbackGlyphsDrawn()},
        {"fallback_font_glyphs", f.glyphs.fallbackFontGlyphCount()},
        {"links", linksJson(f.model.state, f.now_ms, f.silent_after_ms)},
        {"alarms", alarms},
        {"alarm_load",
         {{"rate", f.model.alarm_load.rate()},
          {"flooding", f.model.alarm_load.flooding()},
          {"stale", f.model.alarm_load.staleCount()},
          {"flood_groups", f.model.alarm_load.groupOrder().size()}}},
        {"tasks", f.model.state.tasks.size()},
        {"cameras", f.model.state.cameras.size()},
        {"layout", f.layout},
        {"wall", f.wall},
        {"renderer", f.renderer},
        {"wall_fault", f.wall_fault},
        {"linkage", f.linkage_log},
        {"state_hash", std::to_string(stateHash(f.model.state))},
        {"applied_events", f.model.state.applied_events},
    };
    json regions = json::array();
    for (const layouts::Region& r : f.layout_regions)
        regions.push_back({{"name", r.name},
                           {"view", std::string(layouts::viewKindName(r.view))},
                           {"canvas_rect", {r.canvas_rect.x, r.canvas_rect.y, r.canvas_rect.width, r.canvas_rect.height}}});
    out["regions"] = std::move(regions);
    f.tiles.addStats(out);
    return out;
}

bool writeStatsFile(const std::string& path, const nlohmann::json& report) {
    std::ofstream f(path);
    f << report.dump(2) << '\n';
    if (!f) {
        spdlog::error("cannot write stats to {}", path);
        return false;
    }
    return true;
}

} // namespace wall::app
