#include "core/console_deciders.hpp"

#include "model/alarm_order.hpp"
#include "model/beijing_time.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <type_traits>

namespace wall::core {

// ---- who is on duty

std::string DutyOperator::onDuty(const State& state, TimeMs now) const {
    if (!fixed_name_.empty()) return fixed_name_;
    for (const Shift& s : state.roster.shifts)
        if (s.start_ms <= now && now < s.end_ms && !s.officers.empty()) return s.officers.front().name;
    return "值班员";
}

void DutyOperator::complete(EventBody& intent, const State& state, TimeMs now) {
    std::visit(
        [&](auto& body) {
            if constexpr (requires { body.operator_name; })
                if (body.operator_name.empty()) body.operator_name = onDuty(state, now);
        },
        intent);
}

// ---- the camera file

void CameraFileRegistration::atStart(const State& state, TimeMs, std::vector<EventBody>& out) {
    size_t changed = 0;
    for (const Camera& configured : configured_) {
        auto known = state.cameras.find(configured.id);
        Camera camera = withConfigured(known != state.cameras.end() ? known->second : Camera{}, configured);
        if (known != state.cameras.end() && known->second == camera) continue;
        out.push_back(CameraUpsert{std::move(camera)});
        ++changed;
    }
    spdlog::info("camera file: {} cameras, {} new or changed", configured_.size(), changed);
}

// ---- stream link states

void StreamStateReports::report(CameraStreamState report) {
    {
        std::lock_guard lock(mutex_);
        std::string& last = last_state_[{report.camera_id, report.stream}];
        if (last == report.state) return;
        last = report.state;
        pending_.push_back(std::move(report));
    }
    if (wake_) wake_();
}

void StreamStateReports::due(const State&, TimeMs, std::optional<TimeMs>&, std::vector<EventBody>& out) {
    std::vector<CameraStreamState> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(pending_);
    }
    for (CameraStreamState& r : taken) out.push_back(std::move(r));
}

// ---- drills

void DrillIntents::complete(EventBody& intent, const State& state, TimeMs now) {
    if (auto* start = std::get_if<DrillStart>(&intent); start && start->drill_id.empty()) {
        const CivilTime c = beijingCivil(now);
        char id[64];
        std::snprintf(id, sizeof id, "drill-%04d%02d%02d-%02d%02d%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
        start->drill_id = id;
        for (int n = 2; state.drills.count(start->drill_id); ++n) start->drill_id = std::string(id) + "-" + std::to_string(n);
    } else if (auto* end = std::get_if<DrillEnd>(&intent); end && end->drill_id.empty()) {
        if (const Drill* running = runningDrill(state)) end->drill_id = running->id;
    }
}

void DrillIntents::react(const State& state, const std::vector<Event>& applied, TimeMs, std::vector<EventBody>&) {
    for (const Event& e : applied) {
        const auto* end = std::get_if<DrillEnd>(&e.body);
        if (!end) continue;
        auto d = state.drills.find(end->drill_id);
        if (d == state.drills.end())
            spdlog::warn("drill.end from {} (seq {}) names drill '{}', which was never started: journaled and ignored",
                         e.source, e.seq, end->drill_id);
        else if (d->second.ended_ms < e.recv_ms)
            spdlog::warn("drill.end from {} (seq {}) names drill '{}', which had already ended: journaled and ignored",
                         e.source, e.seq, end->drill_id);
    }
}

// ---- backend links

void LinkWatch::atStart(const State& state, TimeMs now, std::vector<EventBody>&) {
    started_ms_ = now;
    for (const auto& [name, link] : state.links) {
        if (link.lost_since_ms != 0) lost_since_[name] = link.lost_since_ms;
        if (name != "operator" && link.last_seen_ms != 0) last_heard_[name] = link.last_seen_ms;
    }
}

void LinkWatch::react(const State&, const std::vector<Event>& applied, TimeMs, std::vector<EventBody>& out) {
    for (const Event& e : applied) {
        if (e.source == "operator") continue;
        TimeMs& heard = last_heard_[e.source];
        heard = std::max(heard, e.recv_ms);
        auto lost = lost_since_.find(e.source);
        if (lost == lost_since_.end()) continue;
        out.push_back(LinkStateChange{e.source, "live", std::max<TimeMs>(0, e.recv_ms - lost->second)});
        lost_since_.erase(lost);
    }
}

void LinkWatch::due(const State&, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) {
    for (const auto& [name, heard] : last_heard_) {
        if (lost_since_.count(name)) continue;
        const TimeMs lost_at = std::max(heard, started_ms_) + silent_after_ms_;
        if (now >= lost_at) {
            out.push_back(LinkStateChange{name, "lost", now - heard});
            lost_since_[name] = heard;
        } else if (!next_due || lost_at < *next_due) {
            next_due = lost_at;
        }
    }
}

// ---- the reporting rule

void ReportingRule::atStart(const State& state, TimeMs, std::vector<EventBody>& out) {
    if (state.report_windows == configured_) return;
    spdlog::info("rules: upward reporting within {} / {} / {} min (较大 / 重大 / 特别重大), journaled", configured_.larger_min,
                 configured_.major_min, configured_.especially_min);
    out.push_back(ReportingRules{configured_});
}

// ---- camera linkage

std::vector<LinkageRegion> linkageRegionsOf(const layouts::Layout& layout) {
    std::vector<LinkageRegion> out;
    for (const layouts::Region& region : layout.regions) {
        if (region.view == layouts::ViewKind::Linkage)
            out.push_back({region.name, region.camera.empty() ? std::vector<std::string>{}
                                                              : std::vector<std::string>{region.camera},
                           false});
        else if (region.view == layouts::ViewKind::CameraGrid && region.linkage_takeover)
            out.push_back({region.name, region.cameras, true});
    }
    return out;
}

LinkageDecider::LinkageDecider(std::map<std::string, std::vector<LinkageRegion>> layouts, std::string start_layout,
                               ConsoleRules rules)
    : layouts_(std::move(layouts)), rules_(std::move(rules)) {
    show(start_layout);
}

void LinkageDecider::show(const std::string& layout) {
    auto it = layouts_.find(layout);
    if (it == layouts_.end() || layout == shown_layout_) return;
    shown_layout_ = layout;
    director_.setRegions(it->second);
}

void LinkageDecider::complete(EventBody& intent, const State&, TimeMs) {
    // The operator's 恢复 names the region; what the region then shows is the layout's business.
    auto* revert = std::get_if<LinkageShow>(&intent);
    if (!revert || !revert->alarm_id.empty() || !revert->cameras.empty()) return;
    for (const LinkageRegion& r : director_.regions())
        if (r.name == revert->region) revert->cameras = r.own_cameras;
}

void LinkageDecider::atStart(const State& state, TimeMs now, std::vector<EventBody>& out) {
    director_.resume(state, now);
    decide(state, now, out);
}

void LinkageDecider::react(const State& state, const std::vector<Event>& applied, TimeMs now,
                           std::vector<EventBody>& out) {
    touched_.clear();
    for (const Event& e : applied) {
        if (std::holds_alternative<LayoutSwitch>(e.body)) show(state.active_layout);
        if (auto* shown = std::get_if<LinkageShow>(&e.body); shown && shown->cause == "operator")
            director_.revertByOperator(shown->region, e.recv_ms);
        if (const std::string* id = touchedAlarmId(e.body)) touched_.push_back(*id);
    }
    if (!touched_.empty()) ++alarms_generation_;
    decide(state, now, out);
}

void LinkageDecider::due(const State& state, TimeMs now, std::optional<TimeMs>&, std::vector<EventBody>& out) {
    // Hold and revert timers only: the alarms have not changed since the last pass.
    touched_.clear();
    decide(state, now, out);
}

void LinkageDecider::decide(const State& state, TimeMs now, std::vector<EventBody>& out) {
    for (LinkageShow& change : director_.update(state, now, rules_, alarms_generation_, &touched_))
        out.push_back(std::move(change));
}

} // namespace wall::core
