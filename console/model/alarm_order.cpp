#include "alarm_order.hpp"

namespace wall {

AlarmOrder::Key AlarmOrder::keyOf(const Alarm& a) {
    return {static_cast<int>(a.level), a.acked, -a.raised_ms, a.id};
}

void AlarmOrder::add(const Key& key) {
    order_.insert(key);
    const int level = std::get<0>(key) - 1;
    ++by_level_[level];
    if (!std::get<1>(key)) ++unacked_by_level_[level];
}

void AlarmOrder::remove(const Key& key) {
    order_.erase(key);
    const int level = std::get<0>(key) - 1;
    --by_level_[level];
    if (!std::get<1>(key)) --unacked_by_level_[level];
}

void AlarmOrder::refresh(const State& state, const std::string& id) {
    if (auto old = key_of_.find(id); old != key_of_.end()) {
        remove(old->second);
        key_of_.erase(old);
    }
    auto it = state.alarms.find(id);
    if (it == state.alarms.end()) return;
    Key key = keyOf(it->second);
    add(key);
    key_of_.emplace(id, std::move(key));
}

void AlarmOrder::rebuild(const State& state) {
    order_.clear();
    key_of_.clear();
    by_level_ = {};
    unacked_by_level_ = {};
    for (auto& [id, a] : state.alarms) {
        Key key = keyOf(a);
        add(key);
        key_of_.emplace(id, std::move(key));
    }
}

const std::string* touchedAlarmId(const EventBody& body) {
    if (auto* e = std::get_if<AlarmRaise>(&body)) return &e->alarm.id;
    if (auto* e = std::get_if<AlarmUpdate>(&body)) return &e->id;
    if (auto* e = std::get_if<AlarmClear>(&body)) return &e->id;
    if (auto* e = std::get_if<AlarmAck>(&body)) return &e->id;
    return nullptr;
}

} // namespace wall
