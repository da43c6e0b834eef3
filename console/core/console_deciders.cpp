#include "core/console_deciders.hpp"

#include "model/alarm_order.hpp"

#include <spdlog/spdlog.h>

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
