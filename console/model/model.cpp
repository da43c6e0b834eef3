#include "model.hpp"

#include "describe.hpp"
#include "message_types.hpp"

#include <algorithm>
#include <cstring>

namespace wall {

AlarmState alarmState(const Alarm& a) {
    if (a.suppressed) return AlarmState::Suppressed;
    if (a.shelved_until_ms != 0) return AlarmState::Shelved;
    if (a.active) return a.acked ? AlarmState::Acked : AlarmState::Unacked;
    return a.acked ? AlarmState::Normal : AlarmState::ReturnedUnacked;
}

namespace {

constexpr TimeMs kNormalActivationKeepMs = 10 * 60 * 1000;
constexpr size_t kNormalActivationPruneAt = 4096;

void pushCapped(std::vector<TimeMs>& v, TimeMs t) {
    v.push_back(t);
    if (v.size() > kActivationHistoryCap) v.erase(v.begin());
}

struct Applier {
    State& state;
    const Event& event;

    Alarm* find(const std::string& id) {
        auto it = state.alarms.find(id);
        return it == state.alarms.end() ? nullptr : &it->second;
    }

    /// Records a history entry when the state changed; erases the alarm when it is back to normal.
    void settle(Alarm& a, AlarmState before, const std::string& actor, std::string cause) {
        const AlarmState after = alarmState(a);
        if (after != before) {
            a.history.push_back({event.recv_ms, before, after, actor.empty() ? event.source : actor, std::move(cause)});
            if (a.history.size() > kAlarmHistoryCap) a.history.erase(a.history.begin());
        }
        if (after == AlarmState::Normal) {
            const std::string id = a.id; // a dies with the erase
            state.normal_activations[id] = {a.raise_count, std::move(a.activations)};
            state.alarms.erase(id);
            if (state.normal_activations.size() > kNormalActivationPruneAt) pruneNormalActivations();
        }
    }

    void pruneNormalActivations() {
        for (auto it = state.normal_activations.begin(); it != state.normal_activations.end();) {
            const auto& times = it->second.second;
            if (times.empty() || times.back() < event.recv_ms - kNormalActivationKeepMs)
                it = state.normal_activations.erase(it);
            else
                ++it;
        }
    }

    void operator()(const AlarmRaise& e) {
        auto [it, inserted] = state.alarms.try_emplace(e.alarm.id);
        Alarm& a = it->second;
        const AlarmState before = inserted ? AlarmState::Normal : alarmState(a);
        const bool was_active = !inserted && a.active;
        // The message's content replaces ours; the lifecycle (acks, shelving,
        // suppression, calls, checklist, history) belongs to the console and stays.
        a.id = e.alarm.id;
        a.source = e.alarm.source.empty() ? event.source : e.alarm.source;
        a.level = e.alarm.level;
        a.category = e.alarm.category;
        a.title = e.alarm.title;
        a.message = e.alarm.message;
        a.site = e.alarm.site;
        a.device = e.alarm.device;
        a.cameras = e.alarm.cameras;
        a.responders = e.alarm.responders;
        if (inserted) {
            if (auto old = state.normal_activations.find(a.id); old != state.normal_activations.end()) {
                a.raise_count = old->second.first + 1;
                a.activations = std::move(old->second.second);
                state.normal_activations.erase(old);
            } else {
                a.raise_count = 1;
            }
        } else if (!was_active) {
            ++a.raise_count;
        }
        if (!was_active) {
            // A new activation (first raise, or re-raise after clear) needs a new ack.
            a.raised_ms = e.alarm.raised_ms ? e.alarm.raised_ms : (event.ts_ms ? event.ts_ms : event.recv_ms);
            a.acked = false;
            a.acked_by.clear();
            a.acked_ms = 0;
            pushCapped(a.activations, event.recv_ms);
            // Marked with the drill running now (a replay of the journal marks the same alarms).
            if (const Drill* d = runningDrill(state)) {
                a.drill_id = d->id;
                ++state.drills[d->id].alarms;
            } else {
                a.drill_id.clear();
            }
        }
        a.updated_ms = event.recv_ms;
        a.active = true;
        settle(a, before, event.source, "alarm.raise");
    }
    void operator()(const AlarmUpdate& e) {
        Alarm* a = find(e.id);
        if (!a) return;
        if (e.level) a->level = *e.level;
        if (e.title) a->title = *e.title;
        if (e.message) a->message = *e.message;
        if (e.cameras) a->cameras = *e.cameras;
        a->updated_ms = event.recv_ms;
    }
    void operator()(const AlarmClear& e) {
        Alarm* a = find(e.id);
        if (!a || !a->active) return;
        const AlarmState before = alarmState(*a);
        // Cleared and acked: back to normal, leaves the board. Cleared but not
        // acked: stays (returned-to-normal-unacknowledged) until someone acks.
        a->active = false;
        a->updated_ms = event.recv_ms;
        settle(*a, before, event.source, "alarm.clear");
    }
    void operator()(const AlarmAck& e) {
        Alarm* a = find(e.id);
        if (!a || a->acked) return;
        const AlarmState before = alarmState(*a);
        a->acked = true;
        a->acked_by = e.operator_name;
        a->acked_ms = event.recv_ms;
        a->updated_ms = event.recv_ms;
        settle(*a, before, e.operator_name, "action.alarm.ack");
    }
    void operator()(const AlarmSuppress& e) {
        Alarm* a = find(e.id);
        if (!a || a->suppressed == e.suppressed) return;
        const AlarmState before = alarmState(*a);
        a->suppressed = e.suppressed;
        a->suppressed_by = e.suppressed ? event.source : std::string();
        a->suppress_reason = e.suppressed ? e.reason : std::string();
        a->updated_ms = event.recv_ms;
        settle(*a, before, event.source, e.reason.empty() ? "alarm.suppress" : e.reason);
    }
    void operator()(const AlarmShelve& e) {
        Alarm* a = find(e.id);
        if (!a || e.until_ms <= event.recv_ms) return;
        const AlarmState before = alarmState(*a);
        a->shelved_until_ms = e.until_ms;
        a->shelved_by = e.operator_name;
        a->shelve_reason = e.reason;
        a->updated_ms = event.recv_ms;
        settle(*a, before, e.operator_name, e.reason);
    }
    void operator()(const AlarmUnshelve& e) {
        Alarm* a = find(e.id);
        if (!a || a->shelved_until_ms == 0) return;
        const AlarmState before = alarmState(*a);
        a->shelved_until_ms = 0;
        a->shelved_by.clear();
        a->shelve_reason.clear();
        a->updated_ms = event.recv_ms;
        settle(*a, before, e.operator_name, e.cause == "expired" ? "shelve expired" : "unshelved");
    }
    void operator()(const SopStepSet& e) {
        Alarm* a = find(e.alarm_id);
        if (!a || e.step < 0 || e.step >= 256) return;
        if (a->sop_done.size() <= static_cast<size_t>(e.step)) a->sop_done.resize(e.step + 1, 0);
        a->sop_done[e.step] = e.done ? 1 : 0;
    }

    // ---- 叫应
    Call* findCall(Alarm& a, const std::string& call_id) {
        for (Call& c : a.calls)
            if (c.id == call_id) return &c;
        return nullptr;
    }
    void operator()(const CallPlace& e) {
        ++state.call_serial;
        Alarm* a = find(e.alarm_id);
        if (!a || findCall(*a, e.call.id)) return;
        Call c = e.call;
        c.called_ms = event.recv_ms;
        c.answered_ms = 0;
        c.escalated_ms = 0;
        c.escalated_to.clear();
        if (c.tier == 0) ++state.response.calls[levelIndex(a->level)];
        a->calls.push_back(std::move(c));
    }
    void answer(const CallAnswer& e, const std::string& channel, const std::string& recorded_by) {
        Alarm* a = find(e.alarm_id);
        if (!a) return;
        Call* c = findCall(*a, e.call_id);
        if (!c || c->answered_ms != 0) return;
        c->answered_ms = e.answered_ms ? e.answered_ms : event.recv_ms;
        c->channel = channel;
        c->note = e.note;
        c->recorded_by = recorded_by;
        const int level = levelIndex(a->level);
        if (c->tier == 0) {
            ++state.response.answered[level];
            state.response.answer_ms[level].push_back(std::max<TimeMs>(0, c->answered_ms - c->called_ms));
        }
    }
    void operator()(const CallAnswer& e) { answer(e, e.channel.empty() ? "voice" : e.channel, ""); }
    void operator()(const CallAnswerRecord& e) { answer(e.answer, "manual", e.operator_name); }
    void operator()(const CallEscalate& e) {
        Alarm* a = find(e.alarm_id);
        if (!a) return;
        Call* c = findCall(*a, e.call_id);
        if (!c || c->escalated_ms != 0 || c->answered_ms != 0) return;
        c->escalated_ms = event.recv_ms;
        c->escalated_to = e.to_call_id;
        if (c->tier == 0) ++state.response.escalated[levelIndex(a->level)];
    }

    // ---- incidents and reporting
    void operator()(const IncidentUpsert& e) {
        auto [it, inserted] = state.incidents.try_emplace(e.incident.id);
        Incident& inc = it->second;
        const TimeMs due = inc.report_due_ms, reported = inc.reported_ms;
        std::string by = std::move(inc.reported_by), note = std::move(inc.report_note);
        inc = e.incident;
        inc.report_due_ms = due;
        inc.reported_ms = reported;
        inc.reported_by = std::move(by);
        inc.report_note = std::move(note);
        if (inc.occurred_ms == 0) inc.occurred_ms = event.ts_ms ? event.ts_ms : event.recv_ms;
        // The countdown starts the first time the incident is graded 较大 or above.
        if (inc.report_due_ms == 0 && inc.grade <= IncidentGrade::Larger) {
            inc.report_due_ms = event.recv_ms + TimeMs{reportWindowMin(state.report_windows, inc.grade)} * 60 * 1000;
            ++state.response.reports_due;
        }
        inc.updated_ms = event.recv_ms;
    }
    void operator()(const IncidentReported& e) {
        auto it = state.incidents.find(e.id);
        if (it == state.incidents.end() || it->second.reported_ms != 0) return;
        Incident& inc = it->second;
        inc.reported_ms = event.recv_ms;
        inc.reported_by = e.operator_name;
        inc.report_note = e.note;
        inc.updated_ms = event.recv_ms;
        if (inc.report_due_ms != 0) {
            ++state.response.reported;
            if (inc.reported_ms <= inc.report_due_ms) ++state.response.reported_on_time;
        }
    }

    void operator()(const SoundMute& e) { state.muted[levelIndex(e.level)] = e.muted; }
    void operator()(const LinkageShow& e) {
        if (e.alarm_id.empty() && e.cameras.empty()) state.linkage.erase(e.region);
        else state.linkage[e.region] = e;
    }

    void operator()(const RosterSet& e) { state.roster = e.roster; }
    void operator()(const TaskUpsert& e) {
        Task& t = state.tasks[e.task.id];
        t = e.task;
        t.updated_ms = event.recv_ms;
    }
    void operator()(const TaskStatusSet& e) {
        auto it = state.tasks.find(e.id);
        if (it == state.tasks.end()) return;
        it->second.status = e.status;
        it->second.updated_ms = event.recv_ms;
    }
    void operator()(const CameraUpsert& e) { state.cameras[e.camera.id] = e.camera; }
    void operator()(const LayoutSwitch& e) { state.active_layout = e.layout; }
    void operator()(const Heartbeat&) {}
    void operator()(const CameraStreamState& e) { state.camera_streams[e.camera_id] = e; }
    void operator()(const FeedResync&) {}
    void operator()(const ConsoleStart&) {}

    // ---- drills, links, the reporting rule
    void operator()(const DrillStart& e) {
        // A drill id is used once: a second start of a known id changes nothing.
        auto [it, inserted] = state.drills.try_emplace(e.drill_id);
        if (!inserted) return;
        Drill& d = it->second;
        d.id = e.drill_id;
        d.name = e.name;
        d.kind = e.kind;
        d.source = event.source;
        d.started_by = e.operator_name;
        d.started_ms = event.recv_ms;
    }
    void operator()(const DrillEnd& e) {
        auto it = state.drills.find(e.drill_id);
        if (it == state.drills.end() || it->second.ended_ms != 0) return; // unknown or already ended: journaled, ignored
        it->second.ended_ms = std::max(event.recv_ms, it->second.started_ms);
        it->second.ended_by = e.operator_name.empty() ? event.source : e.operator_name;
    }
    void operator()(const LinkStateChange& e) {
        SourceLink& link = state.links[e.source];
        if (link.source.empty()) link.source = e.source;
        link.lost_since_ms = e.state == "lost" ? std::max<TimeMs>(1, event.recv_ms - e.silent_ms) : 0;
    }
    void operator()(const ReportingRules& e) { state.report_windows = e.windows; }
};

} // namespace

int reportWindowMin(const ReportWindows& windows, IncidentGrade grade) {
    switch (grade) {
    case IncidentGrade::Especially: return windows.especially_min;
    case IncidentGrade::Major: return windows.major_min;
    case IncidentGrade::Larger: return windows.larger_min;
    case IncidentGrade::General: break;
    }
    return 0;
}

const Drill* runningDrill(const State& state) {
    const Drill* latest = nullptr;
    for (const auto& [id, d] : state.drills)
        if (d.ended_ms == 0 && (!latest || d.started_ms >= latest->started_ms)) latest = &d;
    return latest;
}

TimeMs medianAnswerMs(const ResponseStats& stats, WarningLevel level) {
    std::vector<TimeMs> v = stats.answer_ms[levelIndex(level)];
    if (v.empty()) return 0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    if (v.size() % 2) return v[mid];
    const TimeMs upper = v[mid];
    const TimeMs lower = *std::max_element(v.begin(), v.begin() + mid);
    return (lower + upper) / 2;
}

void apply(State& state, const Event& event) {
    // A heartbeat is never journaled, so it changes nothing: the state stays a function of the
    // journal, and a replay shows what the live wall showed. Silence is the authority's link.state.
    if (std::holds_alternative<Heartbeat>(event.body)) return;
    std::visit(Applier{state, event}, event.body);
    SourceLink& link = state.links[event.source];
    if (link.source.empty()) link.source = event.source;
    link.last_seen_ms = std::max(link.last_seen_ms, event.recv_ms);
    link.last_seq = std::max(link.last_seq, event.seq);
    ++link.accepted;
    ++state.applied_events;
    state.last_event_ms = std::max(state.last_event_ms, event.recv_ms);
}

const char* eventTypeName(const EventBody& body) { return kEventTypes[body.index()].name; }

namespace {
constexpr const char* kLevelWire[] = {"red", "orange", "yellow", "blue"};
constexpr const char* kTaskWire[] = {"assigned", "accepted", "in_progress", "done", "cancelled"};
constexpr const char* kGradeWire[] = {"especially_major", "major", "larger", "general"};
constexpr const char* kDrillKindWire[] = {"full_scale", "tabletop"};
constexpr const char* kAlarmStateWire[] = {"normal", "unacked", "acked", "returned_unacked", "shelved", "suppressed"};
} // namespace

const char* toWire(WarningLevel level) { return kLevelWire[levelIndex(level)]; }

std::optional<WarningLevel> levelFromWire(std::string_view s) {
    for (int i = 0; i < kWarningLevelCount; ++i)
        if (s == kLevelWire[i]) return static_cast<WarningLevel>(i + 1);
    return std::nullopt;
}

const char* toWire(TaskStatus status) { return kTaskWire[static_cast<int>(status)]; }

std::optional<TaskStatus> taskStatusFromWire(std::string_view s) {
    for (int i = 0; i < kTaskStatusCount; ++i)
        if (s == kTaskWire[i]) return static_cast<TaskStatus>(i);
    return std::nullopt;
}

const char* toWire(IncidentGrade grade) { return kGradeWire[static_cast<int>(grade) - 1]; }

std::optional<IncidentGrade> incidentGradeFromWire(std::string_view s) {
    for (int i = 0; i < 4; ++i)
        if (s == kGradeWire[i]) return static_cast<IncidentGrade>(i + 1);
    return std::nullopt;
}

const char* toWire(DrillKind kind) { return kDrillKindWire[static_cast<int>(kind)]; }

const char* toWire(AlarmState state) { return kAlarmStateWire[static_cast<int>(state)]; }

uint64_t stateHash(const State& state) {
    desc::Fnv f;
    desc::hashValue(f, state);
    return f.h;
}

Camera withConfigured(Camera known, const Camera& configured) {
    known.id = configured.id;
    known.main_url = configured.main_url;
    known.sub_url = configured.sub_url;
    known.rtsp_transport = configured.rtsp_transport;
    if (!configured.name.empty()) known.name = configured.name;
    if (!configured.site.empty()) known.site = configured.site;
    if (!configured.group.empty()) known.group = configured.group;
    if (known.name.empty()) known.name = known.id; // camera.upsert needs a name; the id beats a blank caption
    return known;
}

} // namespace wall
