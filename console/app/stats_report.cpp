#include "stats_report.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <fstream>

namespace wall::app {

namespace {

nlohmann::json percentilesJson(const Percentiles& p, bool with_count) {
    nlohmann::json j = {{"p50", p.p50}, {"p99", p.p99}, {"max", p.max}};
    if (with_count) j["count"] = p.count;
    return j;
}

/// Each backend's link as the wall shows it: silent once the authority journaled it lost (link.state).
nlohmann::json linksJson(const State& state, TimeMs now) {
    nlohmann::json links = nlohmann::json::object();
    for (auto& [name, link] : state.links) {
        if (name == "operator") continue;
        const bool silent = link.lost_since_ms != 0;
        links[name] = {{"state", silent ? "silent" : "live"},
                       {"silent_ms", silent ? now - link.lost_since_ms : 0},
                       {"last_event_ms", link.last_seen_ms},
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
    // Drill alarms (演练) are counted apart: "alarms" holds the real ones only.
    std::array<int, kWarningLevelCount> drill_by_level{};
    for (const auto& [id, a] : f.model.state.alarms) {
        const AlarmState s = alarmState(a);
        if (!a.drill_id.empty() && s != AlarmState::Shelved && s != AlarmState::Suppressed) ++drill_by_level[levelIndex(a.level)];
    }
    json alarms = json::object(), drill_alarms = json::object();
    for (int i = 0; i < kWarningLevelCount; ++i) {
        alarms[toWire(static_cast<WarningLevel>(i + 1))] = f.model.alarm_order.countByLevel()[i] - drill_by_level[i];
        drill_alarms[toWire(static_cast<WarningLevel>(i + 1))] = drill_by_level[i];
    }
    json drills = json::array();
    for (const auto& [id, d] : f.model.state.drills)
        drills.push_back({{"id", d.id}, {"name", d.name}, {"kind", toWire(d.kind)}, {"started_ms", d.started_ms},
                          {"ended_ms", d.ended_ms}, {"running", d.ended_ms == 0}, {"alarms", d.alarms}});
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
        {"links", linksJson(f.model.state, f.now_ms)},
        {"alarms", alarms},
        {"drill_alarms", drill_alarms},
        {"drills", drills},
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
