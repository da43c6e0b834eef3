#include "panels/view.hpp"

namespace wall::panels {

void UiModel::reset(State recovered) {
    state = std::move(recovered);
    alarm_order.rebuild(state);
    alarm_load.rebuild(state);
    called_alarms.clear();
    for (const auto& [id, a] : state.alarms)
        if (!a.calls.empty()) called_alarms.insert(id);
    ++alarms_generation;
    refreshFocus();
}

void UiModel::refreshCalled(const std::string& alarm_id) {
    auto it = state.alarms.find(alarm_id);
    if (it != state.alarms.end() && !it->second.calls.empty()) called_alarms.insert(alarm_id);
    else called_alarms.erase(alarm_id);
}

const Alarm* UiModel::focus() const {
    auto it = state.alarms.find(focus_id);
    return it == state.alarms.end() ? nullptr : &it->second;
}

void UiModel::refreshFocus() {
    const Alarm* a = focusAlarm(state);
    focus_id = a ? a->id : std::string();
}

const Alarm* focusAlarm(const State& state) {
    const Alarm* best = nullptr;
    for (auto& [id, a] : state.alarms) {
        if (!a.active) continue;
        if (!best || a.level < best->level || (a.level == best->level && a.raised_ms < best->raised_ms) ||
            (a.level == best->level && a.raised_ms == best->raised_ms && a.id < best->id))
            best = &a;
    }
    return best;
}

} // namespace wall::panels
