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
    touched_alarms.clear();
    rebuildFocus();
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

void UiModel::refreshFocus(const std::string& alarm_id) {
    if (auto old = focus_key_of_.find(alarm_id); old != focus_key_of_.end()) {
        focus_order_.erase(old->second);
        focus_key_of_.erase(old);
    }
    auto it = state.alarms.find(alarm_id);
    if (it != state.alarms.end() && it->second.active) {
        FocusKey key{static_cast<int>(it->second.level), it->second.raised_ms, alarm_id};
        focus_order_.insert(key);
        focus_key_of_.emplace(alarm_id, std::move(key));
    }
    focus_id = focus_order_.empty() ? std::string() : std::get<2>(*focus_order_.begin());
}

void UiModel::rebuildFocus() {
    focus_order_.clear();
    focus_key_of_.clear();
    focus_id.clear();
    for (const auto& [id, a] : state.alarms) refreshFocus(id);
}

} // namespace wall::panels
