#include "alarm_load.hpp"

#include <algorithm>
#include <climits>

namespace wall {

namespace {
constexpr size_t kFreshCap = 256; // new activations kept for the sound between takes (a flood is not 5,000 sounds)
} // namespace

int activationsWithin(const Alarm& a, TimeMs now_ms, TimeMs window_ms) {
    int n = 0;
    for (TimeMs t : a.activations) n += t > now_ms - window_ms && t <= now_ms;
    return n;
}

bool isChattering(const Alarm& a, TimeMs now_ms, const FloodRules& rules) {
    return activationsWithin(a, now_ms, static_cast<TimeMs>(rules.chatter_window_s) * 1000) >= rules.chatter_count;
}

bool isStale(const Alarm& a, TimeMs now_ms, const FloodRules& rules) {
    return a.active && now_ms - a.raised_ms > static_cast<TimeMs>(rules.stale_after_s) * 1000;
}

AlarmGroupKey groupKeyOf(const Alarm& a) { return {a.site.township, a.site.village, a.site.area, a.category}; }

WarningLevel AlarmGroup::worst() const {
    for (int i = 0; i < kWarningLevelCount; ++i)
        if (by_level[i] > 0) return static_cast<WarningLevel>(i + 1);
    return WarningLevel::Blue;
}

void AlarmLoad::setRules(const FloodRules& rules) {
    rules_ = rules;
    stale_threshold_ms_ = INT64_MIN; // recounted at the next tick
    stale_count_ = 0;
}

AlarmLoad::GroupOrderKey AlarmLoad::orderKeyOf(const AlarmGroup& g) {
    return {static_cast<int>(g.worst()), g.needs_ack > 0 ? 0 : 1, -g.count(), g.key};
}

void AlarmLoad::addActivation(TimeMs recv_ms) {
    ++activations_per_s_[recv_ms / 1000];
    ++window_sum_;
}

void AlarmLoad::file(const Alarm& a, Filed& f) {
    f.raise_count = a.raise_count;
    f.active = a.active;
    if (a.active) {
        f.active_raised_ms = a.raised_ms;
        active_by_raised_.emplace(a.raised_ms, a.id);
        if (staleAt(a.raised_ms)) ++stale_count_;
    }
    // Red is never grouped out of sight; shelved and suppressed alarms have their own lists.
    const AlarmState state = alarmState(a);
    const bool main = state == AlarmState::Unacked || state == AlarmState::ReturnedUnacked || state == AlarmState::Acked;
    if (!main || a.level == WarningLevel::Red) return;
    auto [it, inserted] = groups_.try_emplace(groupKeyOf(a));
    AlarmGroup& g = it->second;
    if (inserted) g.key = it->first;
    else group_order_.erase(orderKeyOf(g));
    f.group = &g;
    f.key = AlarmOrder::keyOf(a);
    g.members.insert(f.key);
    ++g.by_level[levelIndex(a.level)];
    g.needs_ack += state != AlarmState::Acked;
    group_order_.insert(orderKeyOf(g));
}

void AlarmLoad::unfile(const std::string& id, Filed& f) {
    if (f.active) {
        active_by_raised_.erase({f.active_raised_ms, id});
        if (staleAt(f.active_raised_ms)) --stale_count_;
        f.active = false;
    }
    if (!f.group) return;
    AlarmGroup& g = *f.group;
    f.group = nullptr;
    group_order_.erase(orderKeyOf(g));
    g.members.erase(f.key);
    --g.by_level[std::get<0>(f.key) - 1];
    g.needs_ack -= std::get<1>(f.key) < 2;
    if (g.members.empty()) groups_.erase(g.key);
    else group_order_.insert(orderKeyOf(g));
}

void AlarmLoad::refresh(const State& state, const std::string& id) {
    auto it = state.alarms.find(id);
    auto old = filed_.find(id);
    uint32_t seen_activations = 0;
    if (old != filed_.end()) {
        seen_activations = old->second.raise_count;
        unfile(id, old->second);
    }
    if (it == state.alarms.end()) {
        if (old != filed_.end()) filed_.erase(old);
        return;
    }
    const Alarm& a = it->second;
    Filed& f = old != filed_.end() ? old->second : filed_[id];
    // A new activation: a first raise, a re-raise after clear, or a comeback after it
    // went back to normal (raise_count carries over from normal_activations).
    if (a.raise_count > seen_activations && !a.activations.empty()) {
        const TimeMs t = a.activations.back();
        addActivation(t);
        Activation fresh{a.id, a.level, t, isChattering(a, t, rules_)};
        if (!fresh.chattering && a.level <= WarningLevel::Orange) attention_ = fresh;
        if (fresh_.size() < kFreshCap) fresh_.push_back(std::move(fresh));
    }
    file(a, f);
}

void AlarmLoad::rebuild(const State& state) {
    filed_.clear();
    groups_.clear();
    group_order_.clear();
    activations_per_s_.clear();
    window_sum_ = 0;
    active_by_raised_.clear();
    stale_threshold_ms_ = INT64_MIN;
    stale_count_ = 0;
    fresh_.clear();
    attention_ = {};
    for (auto& [id, a] : state.alarms) {
        for (TimeMs t : a.activations) addActivation(t);
        file(a, filed_[id]);
    }
    for (auto& [id, past] : state.normal_activations)
        for (TimeMs t : past.second) addActivation(t);
}

void AlarmLoad::tick(TimeMs now_ms) {
    // Rate: drop whole seconds that left the window.
    const int64_t oldest_kept_s = (now_ms - static_cast<TimeMs>(rules_.flood_window_s) * 1000) / 1000;
    while (!activations_per_s_.empty() && activations_per_s_.begin()->first <= oldest_kept_s) {
        window_sum_ -= activations_per_s_.begin()->second;
        activations_per_s_.erase(activations_per_s_.begin());
    }
    // Stale: count what the threshold passed since the last tick; recount if it went back.
    const TimeMs threshold = now_ms - static_cast<TimeMs>(rules_.stale_after_s) * 1000;
    if (threshold < stale_threshold_ms_) {
        stale_count_ = 0;
        stale_threshold_ms_ = INT64_MIN;
    }
    auto from = active_by_raised_.lower_bound({stale_threshold_ms_, std::string()});
    const auto to = active_by_raised_.lower_bound({threshold, std::string()});
    for (; from != to; ++from) ++stale_count_;
    stale_threshold_ms_ = threshold;
    if (!attention_.id.empty() && now_ms - attention_.recv_ms > 60'000) attention_ = {}; // long past any flash
}

std::vector<Activation> AlarmLoad::takeActivations() {
    std::vector<Activation> taken;
    taken.swap(fresh_);
    return taken;
}

} // namespace wall
