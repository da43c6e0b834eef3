#include "alarm_order.hpp"

#include "message_types.hpp"

namespace wall {

int AlarmOrder::stateRank(AlarmState state) {
    switch (state) {
    case AlarmState::Unacked: return 0;
    case AlarmState::ReturnedUnacked: return 1;
    default: return 2;
    }
}

AlarmOrder::Key AlarmOrder::keyOf(const Alarm& a) {
    return {static_cast<int>(a.level), stateRank(alarmState(a)), -a.raised_ms, a.id};
}

std::set<AlarmOrder::Key>& AlarmOrder::listOf(List list) {
    switch (list) {
    case List::Shelved: return shelved_;
    case List::Suppressed: return suppressed_;
    default: return order_;
    }
}

void AlarmOrder::add(const Filed& filed) {
    listOf(filed.list).insert(filed.key);
    if (filed.list != List::Main) return;
    const int level = std::get<0>(filed.key) - 1;
    ++by_level_[level];
    if (std::get<1>(filed.key) < 2) ++unacked_by_level_[level];
}

void AlarmOrder::remove(const Filed& filed) {
    listOf(filed.list).erase(filed.key);
    if (filed.list != List::Main) return;
    const int level = std::get<0>(filed.key) - 1;
    --by_level_[level];
    if (std::get<1>(filed.key) < 2) --unacked_by_level_[level];
}

void AlarmOrder::refresh(const State& state, const std::string& id) {
    if (auto old = filed_.find(id); old != filed_.end()) {
        remove(old->second);
        filed_.erase(old);
    }
    auto it = state.alarms.find(id);
    if (it == state.alarms.end()) return;
    const AlarmState s = alarmState(it->second);
    if (s == AlarmState::Normal) return;
    Filed filed{s == AlarmState::Shelved ? List::Shelved : s == AlarmState::Suppressed ? List::Suppressed : List::Main,
                keyOf(it->second)};
    add(filed);
    filed_.emplace(id, std::move(filed));
}

void AlarmOrder::rebuild(const State& state) {
    order_.clear();
    shelved_.clear();
    suppressed_.clear();
    filed_.clear();
    by_level_ = {};
    unacked_by_level_ = {};
    for (auto& [id, a] : state.alarms) refresh(state, id);
}

const std::string* touchedAlarmId(const EventBody& body) {
    return std::visit(
        [](const auto& e) -> const std::string* {
            constexpr auto record = bodyRecord<std::decay_t<decltype(e)>>();
            if constexpr (record.alarm != nullptr) return record.alarm(e);
            else return nullptr;
        },
        body);
}

} // namespace wall
