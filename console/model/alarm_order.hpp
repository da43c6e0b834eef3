// The alarm board's ordering, kept incrementally: the board never sorts
// 100,000 alarms per frame. Lives on the UI thread next to the UI's State
// replica and is told about every alarm that changed.
#pragma once

#include "model.hpp"

#include <array>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace wall {

/// The board's orders, kept incrementally. The main order holds the alarms that
/// need the officer (unacked, returned-unacked, acked): warning level (red
/// first), then state (unacked, returned-unacked, acked), newest first, then id.
/// Shelved and suppressed alarms leave the main order for their own lists, which
/// the board always offers (never silently hidden).
class AlarmOrder {
public:
    using Key = std::tuple<int, int, TimeMs, std::string>; // level, stateRank, -raised_ms, id

    /// @brief Rank of a main-order state: unacked 0, returned-unacked 1, acked 2.
    static int stateRank(AlarmState state);
    /// @brief The alarm's key in whichever list it belongs to.
    static Key keyOf(const Alarm& a);

    /// @brief Re-files one alarm after it changed in state (or removes it if gone).
    void refresh(const State& state, const std::string& id);
    /// @brief Rebuilds from scratch (after recovery).
    void rebuild(const State& state);

    const std::set<Key>& ordered() const { return order_; }
    size_t size() const { return order_.size(); }
    const std::set<Key>& shelved() const { return shelved_; }
    const std::set<Key>& suppressed() const { return suppressed_; }
    /// Main-order alarms per warning level, index levelIndex(level).
    const std::array<int, kWarningLevelCount>& countByLevel() const { return by_level_; }
    /// Main-order alarms that still need an ack (unacked or returned-unacked), per level.
    const std::array<int, kWarningLevelCount>& unackedByLevel() const { return unacked_by_level_; }

private:
    enum class List : uint8_t { Main, Shelved, Suppressed };
    struct Filed {
        List list;
        Key key;
    };
    void add(const Filed& filed);
    void remove(const Filed& filed);
    std::set<Key>& listOf(List list);

    std::set<Key> order_;                            // main board order
    std::set<Key> shelved_;                          // shelved, in the same order
    std::set<Key> suppressed_;                       // out of service, in the same order
    std::unordered_map<std::string, Filed> filed_;   // id → where it is now, to find the old entry
    std::array<int, kWarningLevelCount> by_level_{};
    std::array<int, kWarningLevelCount> unacked_by_level_{};
};

/// @brief Ids of the alarms an event touches (empty for non-alarm events).
const std::string* touchedAlarmId(const EventBody& body);

/// @brief Calls visit(text) for every human-readable string in an event or a state
/// (so the font atlas can cover every character the console may be asked to show).
template <class Visit> void forEachText(const EventBody& body, Visit&& visit);
template <class Visit> void forEachText(const State& state, Visit&& visit);

// ---- implementation of the visitors

namespace detail {
template <class Visit> void visitSite(const GridSite& s, Visit& v) {
    v(s.county); v(s.township); v(s.village); v(s.area);
}
template <class Visit> void visitResponder(const Responder& r, Visit& v) { v(r.name); v(r.role); v(r.grid); v(r.phone); }
template <class Visit> void visitAlarm(const Alarm& a, Visit& v) {
    v(a.title); v(a.message); v(a.category); v(a.device); v(a.source); v(a.acked_by);
    visitSite(a.site, v);
    for (auto& r : a.responders) visitResponder(r, v);
    // The lifecycle below is the console's own (empty in an alarm.raise).
    v(a.shelved_by); v(a.shelve_reason); v(a.suppressed_by); v(a.suppress_reason);
    for (auto& c : a.calls) { visitResponder(c.person, v); v(c.note); v(c.recorded_by); }
    for (auto& h : a.history) { v(h.actor); v(h.cause); }
}
template <class Visit> void visitIncident(const Incident& i, Visit& v) {
    v(i.title); v(i.site); v(i.reported_by); v(i.report_note);
}
template <class Visit> void visitPerson(const Person& p, Visit& v) { v(p.name); v(p.role); v(p.phone); }
template <class Visit> void visitRoster(const Roster& r, Visit& v) {
    for (auto& s : r.shifts) {
        v(s.label); visitPerson(s.leader, v);
        for (auto& p : s.officers) visitPerson(p, v);
        for (auto& p : s.contacts) visitPerson(p, v);
    }
}
template <class Visit> void visitTask(const Task& t, Visit& v) {
    v(t.title); v(t.commander); v(t.site); v(t.incident); v(t.note);
}
template <class Visit> void visitCamera(const Camera& c, Visit& v) { v(c.name); v(c.site); v(c.group); }
} // namespace detail

template <class Visit> void forEachText(const EventBody& body, Visit&& visit) {
    if (auto* e = std::get_if<AlarmRaise>(&body)) detail::visitAlarm(e->alarm, visit);
    else if (auto* e = std::get_if<AlarmUpdate>(&body)) { if (e->title) visit(*e->title); if (e->message) visit(*e->message); }
    else if (auto* e = std::get_if<RosterSet>(&body)) detail::visitRoster(e->roster, visit);
    else if (auto* e = std::get_if<TaskUpsert>(&body)) detail::visitTask(e->task, visit);
    else if (auto* e = std::get_if<CameraUpsert>(&body)) detail::visitCamera(e->camera, visit);
    else if (auto* e = std::get_if<AlarmAck>(&body)) visit(e->operator_name);
    else if (auto* e = std::get_if<LayoutSwitch>(&body)) visit(e->layout);
    else if (auto* e = std::get_if<AlarmSuppress>(&body)) visit(e->reason);
    else if (auto* e = std::get_if<IncidentUpsert>(&body)) detail::visitIncident(e->incident, visit);
    else if (auto* e = std::get_if<CallAnswer>(&body)) visit(e->note);
    else if (auto* e = std::get_if<AlarmShelve>(&body)) { visit(e->reason); visit(e->operator_name); }
    else if (auto* e = std::get_if<AlarmUnshelve>(&body)) visit(e->operator_name);
    else if (auto* e = std::get_if<SopStepSet>(&body)) visit(e->operator_name);
    else if (auto* e = std::get_if<CallAnswerRecord>(&body)) { visit(e->answer.note); visit(e->operator_name); }
    else if (auto* e = std::get_if<IncidentReported>(&body)) { visit(e->operator_name); visit(e->note); }
    else if (auto* e = std::get_if<SoundMute>(&body)) visit(e->operator_name);
    else if (auto* e = std::get_if<CallPlace>(&body)) { detail::visitResponder(e->call.person, visit); visit(e->cause); }
}

template <class Visit> void forEachText(const State& state, Visit&& visit) {
    for (auto& [id, a] : state.alarms) detail::visitAlarm(a, visit);
    detail::visitRoster(state.roster, visit);
    for (auto& [id, t] : state.tasks) detail::visitTask(t, visit);
    for (auto& [id, c] : state.cameras) detail::visitCamera(c, visit);
    for (auto& [id, l] : state.links) visit(l.source);
    for (auto& [id, i] : state.incidents) detail::visitIncident(i, visit);
}

} // namespace wall
