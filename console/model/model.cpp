#include "model.hpp"

#include <algorithm>
#include <cstring>

namespace wall {
namespace {

struct Applier {
    State& state;
    const Event& event;

    void operator()(const AlarmRaise& e) {
        auto [it, inserted] = state.alarms.try_emplace(e.alarm.id, e.alarm);
        Alarm& a = it->second;
        if (!inserted) {
            // Re-raise: a cleared alarm becomes active again and needs a new ack;
            // a still-active one just refreshes its content.
            const bool was_active = a.active;
            const uint32_t count = a.raise_count;
            const TimeMs first_raise = a.raised_ms;
            const bool acked = a.acked;
            const std::string acked_by = a.acked_by;
            const TimeMs acked_ms = a.acked_ms;
            a = e.alarm;
            a.raise_count = was_active ? count : count + 1;
            if (was_active) {
                a.raised_ms = first_raise;
                a.acked = acked;
                a.acked_by = acked_by;
                a.acked_ms = acked_ms;
            }
        }
        if (a.raised_ms == 0) a.raised_ms = event.ts_ms ? event.ts_ms : event.recv_ms;
        a.updated_ms = event.recv_ms;
        a.active = true;
        if (a.source.empty()) a.source = event.source;
    }
    void operator()(const AlarmUpdate& e) {
        auto it = state.alarms.find(e.id);
        if (it == state.alarms.end()) return;
        Alarm& a = it->second;
        if (e.level) a.level = *e.level;
        if (e.title) a.title = *e.title;
        if (e.message) a.message = *e.message;
        if (e.cameras) a.cameras = *e.cameras;
        a.updated_ms = event.recv_ms;
    }
    void operator()(const AlarmClear& e) {
        auto it = state.alarms.find(e.id);
        if (it == state.alarms.end()) return;
        // Cleared and acked: back to normal, leaves the board. Cleared but not
        // acked: stays (returned-to-normal-unacknowledged) until someone acks.
        if (it->second.acked) {
            state.alarms.erase(it);
            return;
        }
        it->second.active = false;
        it->second.updated_ms = event.recv_ms;
    }
    void operator()(const AlarmAck& e) {
        auto it = state.alarms.find(e.id);
        if (it == state.alarms.end() || it->second.acked) return;
        if (!it->second.active) {
            state.alarms.erase(it);
            return;
        }
        it->second.acked = true;
        it->second.acked_by = e.operator_name;
        it->second.acked_ms = event.recv_ms;
        it->second.updated_ms = event.recv_ms;
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
    void operator()(const CameraStreamState&) {}
};

} // namespace

void apply(State& state, const Event& event) {
    std::visit(Applier{state, event}, event.body);
    SourceLink& link = state.links[event.source];
    if (link.source.empty()) link.source = event.source;
    link.last_seen_ms = std::max(link.last_seen_ms, event.recv_ms);
    link.last_seq = std::max(link.last_seq, event.seq);
    ++link.accepted;
    ++state.applied_events;
    state.last_event_ms = std::max(state.last_event_ms, event.recv_ms);
}

const char* eventTypeName(const EventBody& body) {
    struct Name {
        const char* operator()(const AlarmRaise&) const { return "alarm.raise"; }
        const char* operator()(const AlarmUpdate&) const { return "alarm.update"; }
        const char* operator()(const AlarmClear&) const { return "alarm.clear"; }
        const char* operator()(const RosterSet&) const { return "roster.set"; }
        const char* operator()(const TaskUpsert&) const { return "task.upsert"; }
        const char* operator()(const CameraUpsert&) const { return "camera.upsert"; }
        const char* operator()(const LayoutSwitch&) const { return "layout.switch"; }
        const char* operator()(const Heartbeat&) const { return "heartbeat"; }
        const char* operator()(const AlarmAck&) const { return "action.alarm.ack"; }
        const char* operator()(const TaskStatusSet&) const { return "action.task.status"; }
        const char* operator()(const CameraStreamState&) const { return "camera.state"; }
    };
    return std::visit(Name{}, body);
}

namespace {
constexpr const char* kLevelWire[] = {"red", "orange", "yellow", "blue"};
constexpr const char* kTaskWire[] = {"assigned", "accepted", "in_progress", "done", "cancelled"};
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

namespace {
struct Fnv {
    uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, size_t n) {
        auto* c = static_cast<const unsigned char*>(p);
        for (size_t i = 0; i < n; ++i) { h ^= c[i]; h *= 1099511628211ull; }
    }
    void str(const std::string& s) { bytes(s.data(), s.size()); bytes("\0", 1); }
    template <class T> void pod(T v) { bytes(&v, sizeof v); }
};
} // namespace

uint64_t stateHash(const State& state) {
    // Alarms live in an unordered_map: hash them in id order so equal states hash equal.
    std::vector<const Alarm*> alarms;
    alarms.reserve(state.alarms.size());
    for (auto& [id, a] : state.alarms) alarms.push_back(&a);
    std::sort(alarms.begin(), alarms.end(), [](auto* x, auto* y) { return x->id < y->id; });
    Fnv f;
    for (const Alarm* a : alarms) {
        f.str(a->id); f.str(a->source); f.pod(a->level); f.str(a->category); f.str(a->title);
        f.str(a->message); f.str(a->site.county); f.str(a->site.township); f.str(a->site.village);
        f.str(a->site.area); f.str(a->device);
        for (auto& c : a->cameras) f.str(c);
        f.pod(a->raised_ms); f.pod(a->active); f.pod(a->acked); f.str(a->acked_by); f.pod(a->acked_ms);
        f.pod(a->raise_count);
    }
    f.str(state.roster.date);
    for (auto& s : state.roster.shifts) {
        f.str(s.label); f.pod(s.start_ms); f.pod(s.end_ms); f.str(s.leader.name); f.str(s.leader.phone);
        for (auto& p : s.officers) { f.str(p.name); f.str(p.phone); }
        for (auto& p : s.contacts) { f.str(p.name); f.str(p.phone); }
    }
    for (auto& [id, t] : state.tasks) {
        f.str(id); f.str(t.title); f.str(t.commander); f.str(t.site); f.str(t.incident);
        f.pod(t.deadline_ms); f.pod(t.status); f.str(t.note);
    }
    for (auto& [id, c] : state.cameras) { f.str(id); f.str(c.name); f.str(c.site); f.str(c.main_url); f.str(c.sub_url); f.str(c.group); }
    f.str(state.active_layout);
    return f.h;
}

} // namespace wall
