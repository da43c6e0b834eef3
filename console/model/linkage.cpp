#include "linkage.hpp"

#include <algorithm>

namespace wall {

std::vector<std::string> linkedCameras(const Alarm& alarm, const std::vector<LinkageRule>& rules,
                                       std::string* preferred_region) {
    // Most specific match wins: device, then area, village, township.
    const LinkageRule* best = nullptr;
    int best_rank = 0;
    for (const LinkageRule& rule : rules) {
        int rank = 0;
        if (!rule.device.empty()) {
            if (rule.device == alarm.device) rank = 4;
        } else if (!rule.site.empty()) {
            if (rule.site == alarm.site.area) rank = 3;
            else if (rule.site == alarm.site.village) rank = 2;
            else if (rule.site == alarm.site.township) rank = 1;
        }
        if (rank > best_rank) {
            best = &rule;
            best_rank = rank;
        }
    }
    if (preferred_region) *preferred_region = best ? best->region : std::string();
    if (!alarm.cameras.empty()) return alarm.cameras;
    return best ? best->cameras : std::vector<std::string>{};
}

namespace {

// Shelved and out-of-service alarms are off the board, so they are off the wall too.
bool hidden(const Alarm& a) {
    const AlarmState s = alarmState(a);
    return s == AlarmState::Shelved || s == AlarmState::Suppressed;
}

// Board priority for the wall: higher level, then unacknowledged, then newer.
bool outranks(const Alarm& a, const Alarm& b) {
    if (a.level != b.level) return a.level < b.level;
    if (a.acked != b.acked) return !a.acked;
    if (a.raised_ms != b.raised_ms) return a.raised_ms > b.raised_ms;
    return a.id < b.id;
}

} // namespace

void LinkageDirector::setRegions(std::vector<LinkageRegion> regions) {
    regions_ = std::move(regions);
    invalidated_ = true;
    for (const LinkageRegion& r : regions_) decisionFor(r.name);
}

LinkageDecision& LinkageDirector::decisionFor(const std::string& region) {
    for (LinkageDecision& d : decisions_)
        if (d.region == region) return d;
    LinkageDecision d;
    d.region = region;
    decisions_.push_back(std::move(d));
    return decisions_.back();
}

const LinkageDecision* LinkageDirector::decision(std::string_view region) const {
    for (const LinkageRegion& r : regions_) {
        if (r.name != region) continue;
        for (const LinkageDecision& d : decisions_)
            if (d.region == region) return &d;
    }
    return nullptr;
}

void LinkageDirector::resume(const State& state, TimeMs now) {
    invalidated_ = true;
    for (const auto& [region, shown] : state.linkage) {
        LinkageDecision& d = decisionFor(region);
        d.alarm_id = shown.alarm_id;
        d.cameras = shown.alarm_id.empty() ? std::vector<std::string>{} : shown.cameras;
        d.since_ms = now; // the journal does not say since when: the hold starts again
        if (auto it = state.alarms.find(shown.alarm_id); it != state.alarms.end()) d.level = it->second.level;
        // An operator's revert keeps older alarms out after a restart as well.
        if (shown.alarm_id.empty() && shown.cause == "operator") d.dismissed_before_ms = now;
    }
}

LinkageShow LinkageDirector::revertByOperator(std::string_view region, TimeMs now) {
    LinkageShow show{std::string(region), "", {}, "operator"};
    for (const LinkageRegion& r : regions_)
        if (r.name == region) show.cameras = r.own_cameras;
    LinkageDecision& d = decisionFor(show.region);
    d.alarm_id.clear();
    d.cameras.clear();
    d.since_ms = now;
    d.dismissed_before_ms = now;
    invalidated_ = true;
    return show;
}

void LinkageDirector::consider(const Alarm& alarm, const ConsoleRules& rules,
                               const std::vector<LinkageDecision*>& decided, int first_plain) {
    if (alarm.acked || hidden(alarm)) return;
    const bool red = alarm.level == WarningLevel::Red;
    auto could_take = [&](size_t i) {
        if (regions_[i].red_takeover_only && !red) return false;
        if (alarm.raised_ms <= decided[i]->dismissed_before_ms) return false;
        return !best_[i].alarm || outranks(alarm, *best_[i].alarm);
    };
    bool worth_looking = false;
    for (size_t i = 0; i < regions_.size() && !worth_looking; ++i) worth_looking = could_take(i);
    if (!worth_looking) return;
    std::string preferred;
    std::vector<std::string> cameras = linkedCameras(alarm, rules.linkage, &preferred);
    if (cameras.empty()) return;
    int target = first_plain;
    for (size_t i = 0; i < regions_.size(); ++i)
        if (!regions_[i].red_takeover_only && regions_[i].name == preferred) target = static_cast<int>(i);
    for (size_t i = 0; i < regions_.size(); ++i) {
        const bool eligible = regions_[i].red_takeover_only || static_cast<int>(i) == target;
        if (eligible && could_take(i)) best_[i] = {&alarm, alarm.id, cameras};
    }
}

void LinkageDirector::refreshBest(const State& state, const ConsoleRules& rules,
                                  const std::vector<LinkageDecision*>& decided, int first_plain,
                                  uint64_t alarms_generation, const std::vector<std::string>* touched, bool force) {
    if (!force && alarms_generation != 0 && alarms_generation == scanned_generation_) return;
    // Only the alarms that changed are weighed against the regions' best (a new one shows in
    // the frame it was applied). A full pass is needed only when a current best itself changed
    // (acked, cleared, shelved, erased: the next best is unknown) or nothing is known.
    bool full = force || alarms_generation == 0 || touched == nullptr;
    if (!full)
        for (const Candidate& c : best_)
            if (c.alarm && std::find(touched->begin(), touched->end(), c.alarm_id) != touched->end()) full = true;
    if (full) {
        best_.assign(regions_.size(), Candidate{});
        for (const auto& [id, alarm] : state.alarms) consider(alarm, rules, decided, first_plain);
    } else {
        for (const std::string& id : *touched)
            if (auto it = state.alarms.find(id); it != state.alarms.end()) consider(it->second, rules, decided, first_plain);
    }
    scanned_generation_ = alarms_generation;
}

std::vector<LinkageShow> LinkageDirector::update(const State& state, TimeMs now, const ConsoleRules& rules,
                                                 uint64_t alarms_generation, const std::vector<std::string>* touched) {
    std::vector<LinkageShow> changes;
    if (regions_.empty()) return changes;
    const TimeMs hold_ms = static_cast<TimeMs>(rules.linkage_timing.hold_s) * 1000;
    const TimeMs revert_ms = static_cast<TimeMs>(rules.linkage_timing.revert_after_ack_s) * 1000;

    std::vector<LinkageDecision*> decided;
    for (const LinkageRegion& r : regions_) decided.push_back(&decisionFor(r.name));
    // Alarms without a preferred region (or preferring one this layout lacks) go to the first linkage region.
    int first_plain = -1;
    for (size_t i = 0; i < regions_.size(); ++i)
        if (!regions_[i].red_takeover_only) {
            first_plain = static_cast<int>(i);
            break;
        }

    // Each region's best newcomer: unacknowledged, on the board, raised after the operator's
    // last revert. Kept across frames and refreshed only as the alarms change: a wall of
    // 100,000 alarms, or a flood of 5,000 a second, must not pay a full pass every frame
    // (the hold and revert timers below need only the result).
    const bool force = invalidated_ || best_.size() != regions_.size();
    refreshBest(state, rules, decided, first_plain, alarms_generation, touched, force);
    invalidated_ = false;
    const std::vector<Candidate>& best = best_;

    for (size_t i = 0; i < regions_.size(); ++i) {
        LinkageDecision& d = *decided[i];
        const Candidate& next = best[i];
        auto show = [&](const Candidate& c, const char* cause) {
            d.alarm_id = c.alarm->id;
            d.cameras = c.cameras;
            d.level = c.alarm->level;
            d.since_ms = now;
            changes.push_back({d.region, d.alarm_id, d.cameras, cause});
        };

        if (d.alarm_id.empty()) {
            if (next.alarm) show(next, "alarm");
            continue;
        }
        const auto it = state.alarms.find(d.alarm_id);
        const Alarm* current = it == state.alarms.end() ? nullptr : &it->second;
        std::vector<std::string> current_cameras;
        if (current && !hidden(*current)) current_cameras = linkedCameras(*current, rules.linkage);
        const bool gone = current_cameras.empty();
        const bool ack_expired =
            current && current->acked && now >= std::max(current->acked_ms + revert_ms, d.since_ms + hold_ms);
        if (gone || ack_expired) {
            if (next.alarm) {
                show(next, "alarm");
            } else {
                d.alarm_id.clear();
                d.cameras.clear();
                d.since_ms = now;
                changes.push_back({d.region, "", regions_[i].own_cameras, gone ? "alarm gone" : "ack+delay"});
            }
            continue;
        }
        d.level = current->level;
        if (next.alarm && next.alarm != current) {
            if (next.alarm->level < current->level) {
                show(next, "higher level");
                continue;
            }
            if (now >= d.since_ms + hold_ms && outranks(*next.alarm, *current)) {
                show(next, "alarm");
                continue;
            }
        }
        if (current_cameras != d.cameras) { // the alarm's cameras were updated: follow them, keep the hold
            d.cameras = current_cameras;
            changes.push_back({d.region, d.alarm_id, d.cameras, "alarm"});
        }
    }
    return changes;
}

} // namespace wall
