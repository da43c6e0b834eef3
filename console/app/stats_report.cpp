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

nlohmann::json streamsJson(const streams::StreamPool& pool) {
    nlohmann::json out = nlohmann::json::array();
    for (const streams::PoolStreamRow& row : pool.rows())
        out.push_back({{"camera", row.camera_id},
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
    return out;
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
    return {
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
        {"streams", streamsJson(f.pool)},
        {"open_decoders", f.pool.openDecoders()},
        {"linkage", f.linkage_log},
    };
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
