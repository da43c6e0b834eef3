// One description per model struct: its members in wire order, each with the
// key it has on the wire and in checkpoints, and how the wire treats it; and
// one record per event type beside its description (name, sender, alarm).
// The wire codec, the checkpoint codec, stateHash, firstDifference and
// forEachText all walk these descriptions; nothing else spells a struct's
// members out, so a member added here is encoded, checkpointed, hashed,
// compared and shown without further edits.
//
// [SECTION] field specs
// [SECTION] enums
// [SECTION] descriptions: state entities
// [SECTION] descriptions: event bodies, each with its record
// [SECTION] generic walks: hash, difference, strings
//
// A description is `describe(S& x, V& v)`, S being T or const T, calling
// v(spec, member) once per member. Visitors are templates, so each walk
// compiles to direct member access (no tables or callbacks per field).
#pragma once

#include "model.hpp"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace wall::desc {

// [SECTION] field specs

/// How the wire treats a member. Checkpoints hold every member.
enum class Presence : uint8_t {
    Required,   // on the wire; a message without it is refused
    Optional,   // on the wire; may be absent; left out when empty or zero (wire and checkpoint)
    Defaulted,  // on the wire; may be absent (the struct's default stays), always written
    Console,    // the console's own: in checkpoints, never on the wire
};

/// What a string (or each string of a list) may hold on the wire; the protocol maps these to its limits.
enum class WireText : uint8_t {
    Any,           // not on the wire
    Id,            // ids, names of things: non-empty, short, one line
    IdOrEmpty,     // like Id, may be empty
    Source,        // a backend's source name
    CallId,        // "<alarm id>#<n>"
    CallIdOrEmpty,
    Short,         // optional short text: phone, role, group
    Free,          // optional free text, may hold newlines
    RequiredFree,  // free text, non-empty
};

constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max(); // max: the member type's own

struct FieldSpec {
    const char* key;                   // member name on the wire and in checkpoints
    Presence presence = Presence::Required;
    WireText text = WireText::Any;     // strings on the wire
    int64_t min = 0;                   // integers on the wire
    int64_t max = kNoLimit;
    const char* choices = nullptr;     // strings on the wire: the allowed values, "tcp|udp"
    bool flatten = false;              // a nested struct whose members sit in this object
    int since = 0;                     // Console members: the checkpoint format that added it (older ones lack it)

    constexpr FieldSpec range(int64_t lo, int64_t hi) const { FieldSpec f = *this; f.min = lo; f.max = hi; return f; }
    constexpr FieldSpec oneOf(const char* values) const { FieldSpec f = *this; f.choices = values; return f; }
    constexpr FieldSpec flat() const { FieldSpec f = *this; f.flatten = true; return f; }
    constexpr FieldSpec addedIn(int format) const { FieldSpec f = *this; f.since = format; return f; }
};

constexpr FieldSpec required(const char* key, WireText t = WireText::Any) { return {key, Presence::Required, t}; }
constexpr FieldSpec optional(const char* key, WireText t = WireText::Any) { return {key, Presence::Optional, t}; }
constexpr FieldSpec defaulted(const char* key) { return {key, Presence::Defaulted}; }
constexpr FieldSpec console(const char* key) { return {key, Presence::Console}; }
/// The members of a nested struct, written into the enclosing object.
constexpr FieldSpec flattened() { return FieldSpec{"", Presence::Required}.flat(); }

// [SECTION] enums

/// Wire names of an enum, in the order of index(); the wire reader's error lists `expected`.
template <class E> struct EnumInfo;
template <> struct EnumInfo<WarningLevel> {
    static constexpr int count = kWarningLevelCount;
    static constexpr const char* expected = "red|orange|yellow|blue";
    static int index(WarningLevel l) { return levelIndex(l); }
    static WarningLevel at(int i) { return static_cast<WarningLevel>(i + 1); }
};
template <> struct EnumInfo<TaskStatus> {
    static constexpr int count = kTaskStatusCount;
    static constexpr const char* expected = "assigned|accepted|in_progress|done|cancelled";
    static int index(TaskStatus s) { return static_cast<int>(s); }
    static TaskStatus at(int i) { return static_cast<TaskStatus>(i); }
};
template <> struct EnumInfo<IncidentGrade> {
    static constexpr int count = 4;
    static constexpr const char* expected = "general|larger|major|especially_major";
    static int index(IncidentGrade g) { return static_cast<int>(g) - 1; }
    static IncidentGrade at(int i) { return static_cast<IncidentGrade>(i + 1); }
};
template <> struct EnumInfo<AlarmState> {
    static constexpr int count = kAlarmStateCount;
    static constexpr const char* expected = "normal|unacked|acked|returned_unacked|shelved|suppressed";
    static int index(AlarmState s) { return static_cast<int>(s); }
    static AlarmState at(int i) { return static_cast<AlarmState>(i); }
};

template <> struct EnumInfo<DrillKind> {
    static constexpr int count = kDrillKindCount;
    static constexpr const char* expected = "full_scale|tabletop";
    static int index(DrillKind k) { return static_cast<int>(k); }
    static DrillKind at(int i) { return static_cast<DrillKind>(i); }
};

/// @brief The enum value named `name` on the wire, nullopt when none is.
template <class E> std::optional<E> enumFromWire(std::string_view name) {
    for (int i = 0; i < EnumInfo<E>::count; ++i)
        if (name == toWire(EnumInfo<E>::at(i))) return EnumInfo<E>::at(i);
    return std::nullopt;
}

// [SECTION] descriptions: state entities

/// S is T or const T: one description serves reading and writing walks.
template <class S, class T> concept Is = std::same_as<std::remove_const_t<S>, T>;

template <Is<GridSite> S, class V> void describe(S& s, V& v) {
    v(optional("county", WireText::Free), s.county);
    v(optional("township", WireText::Free), s.township);
    v(optional("village", WireText::Free), s.village);
    v(optional("area", WireText::Free), s.area);
}

template <Is<Responder> S, class V> void describe(S& r, V& v) {
    v(required("name", WireText::Id), r.name);
    v(optional("role", WireText::Short), r.role);
    v(optional("grid", WireText::Free), r.grid);
    v(optional("phone", WireText::Short), r.phone);
}

template <Is<Call> S, class V> void describe(S& c, V& v) {
    v(required("id", WireText::CallId), c.id);
    v(flattened(), c.person);
    v(required("tier").range(0, 255), c.tier);
    v(required("deadline"), c.deadline_ms);
    v(console("called_ms"), c.called_ms);
    v(console("answered_ms"), c.answered_ms);
    v(console("channel"), c.channel);
    v(console("note"), c.note);
    v(console("recorded_by"), c.recorded_by);
    v(console("escalated_ms"), c.escalated_ms);
    v(console("escalated_to"), c.escalated_to);
}

template <Is<AlarmTransition> S, class V> void describe(S& t, V& v) {
    v(console("ts_ms"), t.ts_ms);
    v(console("from"), t.from);
    v(console("to"), t.to);
    v(console("actor"), t.actor);
    v(console("cause"), t.cause);
}

template <Is<Alarm> S, class V> void describe(S& a, V& v) {
    v(required("id", WireText::Id), a.id);
    v(required("level"), a.level);
    v(required("category", WireText::Id), a.category);
    v(required("title", WireText::RequiredFree), a.title);
    v(optional("message", WireText::Free), a.message);
    v(optional("site"), a.site);
    v(optional("device", WireText::Free), a.device);
    v(optional("cameras", WireText::Id), a.cameras);
    v(optional("raised_at"), a.raised_ms);
    v(optional("responders"), a.responders);
    v(console("source"), a.source);
    v(console("updated_ms"), a.updated_ms);
    v(console("active"), a.active);
    v(console("acked"), a.acked);
    v(console("acked_by"), a.acked_by);
    v(console("acked_ms"), a.acked_ms);
    v(console("raise_count"), a.raise_count);
    v(console("activations"), a.activations);
    v(console("shelved_until_ms"), a.shelved_until_ms);
    v(console("shelved_by"), a.shelved_by);
    v(console("shelve_reason"), a.shelve_reason);
    v(console("suppressed"), a.suppressed);
    v(console("suppressed_by"), a.suppressed_by);
    v(console("suppress_reason"), a.suppress_reason);
    v(console("calls"), a.calls);
    v(console("sop_done"), a.sop_done);
    v(console("history"), a.history);
    v(console("drill_id").addedIn(3), a.drill_id);
}

template <Is<Incident> S, class V> void describe(S& i, V& v) {
    v(required("id", WireText::Id), i.id);
    v(required("title", WireText::RequiredFree), i.title);
    v(required("grade"), i.grade);
    v(optional("site", WireText::Free), i.site);
    v(optional("alarms", WireText::Id), i.alarms);
    v(optional("occurred_at"), i.occurred_ms);
    v(console("report_due_ms"), i.report_due_ms);
    v(console("reported_ms"), i.reported_ms);
    v(console("reported_by"), i.reported_by);
    v(console("report_note"), i.report_note);
    v(console("updated_ms"), i.updated_ms);
}

template <Is<Person> S, class V> void describe(S& p, V& v) {
    v(required("name", WireText::Id), p.name);
    v(optional("role", WireText::Short), p.role);
    v(optional("phone", WireText::Short), p.phone);
}

template <Is<Shift> S, class V> void describe(S& s, V& v) {
    v(required("label", WireText::Id), s.label);
    v(required("start"), s.start_ms);
    v(required("end"), s.end_ms);
    v(required("leader"), s.leader);
    v(optional("officers"), s.officers);
    v(optional("contacts"), s.contacts);
}

template <Is<Roster> S, class V> void describe(S& r, V& v) {
    v(required("date", WireText::Id), r.date);
    v(required("shifts"), r.shifts);
}

template <Is<Task> S, class V> void describe(S& t, V& v) {
    v(required("id", WireText::Id), t.id);
    v(required("title", WireText::RequiredFree), t.title);
    v(required("commander", WireText::Id), t.commander);
    v(optional("commander_phone", WireText::Short), t.commander_phone);
    v(optional("site", WireText::Free), t.site);
    v(optional("incident", WireText::Free), t.incident);
    v(optional("deadline"), t.deadline_ms);
    v(defaulted("status"), t.status);
    v(optional("note", WireText::Free), t.note);
    v(console("updated_ms"), t.updated_ms);
}

template <Is<Camera> S, class V> void describe(S& c, V& v) {
    v(required("id", WireText::Id), c.id);
    v(required("name", WireText::RequiredFree), c.name);
    v(optional("site", WireText::Free), c.site);
    v(optional("main_url", WireText::Free), c.main_url);
    v(optional("sub_url", WireText::Free), c.sub_url);
    v(optional("group", WireText::Short), c.group);
    v(optional("rtsp_transport", WireText::Id).oneOf("tcp|udp"), c.rtsp_transport);
}

template <Is<SourceLink> S, class V> void describe(S& l, V& v) {
    v(console("source"), l.source);
    v(console("last_seen_ms"), l.last_seen_ms);
    v(console("last_seq"), l.last_seq);
    v(console("accepted"), l.accepted);
    v(console("lost_since_ms").addedIn(3), l.lost_since_ms);
}

template <Is<Drill> S, class V> void describe(S& d, V& v) {
    v(console("id"), d.id);
    v(console("name"), d.name);
    v(console("kind"), d.kind);
    v(console("source"), d.source);
    v(console("started_by"), d.started_by);
    v(console("started_ms"), d.started_ms);
    v(console("ended_ms"), d.ended_ms);
    v(console("ended_by"), d.ended_by);
    v(console("alarms"), d.alarms);
}

// Minutes on the wire (rules.reporting) and in checkpoints.
template <Is<ReportWindows> S, class V> void describe(S& w, V& v) {
    v(required("larger_min").range(1, 7 * 24 * 60), w.larger_min);
    v(required("major_min").range(1, 7 * 24 * 60), w.major_min);
    v(required("especially_major_min").range(1, 7 * 24 * 60), w.especially_min);
}

template <Is<LinkageShow> S, class V> void describe(S& l, V& v) {
    v(required("region", WireText::Id), l.region);
    v(optional("alarm", WireText::IdOrEmpty), l.alarm_id);
    v(optional("cameras", WireText::Id), l.cameras);
    v(optional("cause", WireText::Short), l.cause);
}

template <Is<ResponseStats> S, class V> void describe(S& r, V& v) {
    v(console("calls"), r.calls);
    v(console("answered"), r.answered);
    v(console("escalated"), r.escalated);
    v(console("answer_ms"), r.answer_ms);
    v(console("reports_due"), r.reports_due);
    v(console("reported"), r.reported);
    v(console("reported_on_time"), r.reported_on_time);
}

template <Is<NormalActivation> S, class V> void describe(S& n, V& v) {
    v(console("raise_count"), n.first);
    v(console("times"), n.second);
}

template <Is<State> S, class V> void describe(S& s, V& v) {
    v(console("alarms"), s.alarms);
    v(console("roster"), s.roster);
    v(console("tasks"), s.tasks);
    v(console("cameras"), s.cameras);
    v(console("links"), s.links);
    v(console("active_layout"), s.active_layout);
    v(console("incidents"), s.incidents);
    v(console("linkage"), s.linkage);
    v(console("camera_streams").addedIn(3), s.camera_streams);
    v(console("muted"), s.muted);
    v(console("response"), s.response);
    v(console("call_serial"), s.call_serial);
    v(console("normal_activations"), s.normal_activations);
    v(console("applied_events"), s.applied_events);
    v(console("last_event_ms"), s.last_event_ms);
    v(console("drills").addedIn(3), s.drills);
    v(console("report_windows").addedIn(3), s.report_windows);
}

/// Keyed collections in State hold values that carry their own key; a map whose
/// values do not (normal_activations) is written as entries {"id": key, ...}.
inline const std::string& keyOf(const Alarm& a) { return a.id; }
inline const std::string& keyOf(const Task& t) { return t.id; }
inline const std::string& keyOf(const Camera& c) { return c.id; }
inline const std::string& keyOf(const Incident& i) { return i.id; }
inline const std::string& keyOf(const CameraStreamState& c) { return c.camera_id; }
inline const std::string& keyOf(const SourceLink& l) { return l.source; }
inline const std::string& keyOf(const LinkageShow& l) { return l.region; }
inline const std::string& keyOf(const Drill& d) { return d.id; }
template <class T> concept SelfKeyed = requires(const T& t) { { keyOf(t) } -> std::same_as<const std::string&>; };

// [SECTION] descriptions: event bodies, each with its record

/// Who may put an event of a type into the journal.
enum class Sender : uint8_t {
    Backend,   // any backend, over the ROUTER socket
    Operator,  // an operator's action at the wall, journaled by the console (source "operator")
    Console,   // the console's own report or rule decision (source "operator")
};

template <class T> struct BodyRecord {
    const char* name;                                // wire type, e.g. "alarm.raise"
    Sender sender;
    const std::string* (*alarm)(const T&) = nullptr; // the alarm it touches; null for non-alarm types
};

/// @brief The record of event type T (one specialisation per EventBody alternative).
template <class T> constexpr BodyRecord<T> bodyRecord();

template <> constexpr BodyRecord<AlarmRaise> bodyRecord() { return {"alarm.raise", Sender::Backend, [](const AlarmRaise& e) { return &e.alarm.id; }}; }
template <Is<AlarmRaise> S, class V> void describe(S& e, V& v) { v(flattened(), e.alarm); }
template <> constexpr BodyRecord<AlarmUpdate> bodyRecord() { return {"alarm.update", Sender::Backend, [](const AlarmUpdate& e) { return &e.id; }}; }
template <Is<AlarmUpdate> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(optional("level"), e.level);
    v(optional("title", WireText::RequiredFree), e.title);
    v(optional("message", WireText::Free), e.message);
    v(optional("cameras", WireText::Id), e.cameras);
}
template <> constexpr BodyRecord<AlarmClear> bodyRecord() { return {"alarm.clear", Sender::Backend, [](const AlarmClear& e) { return &e.id; }}; }
template <Is<AlarmClear> S, class V> void describe(S& e, V& v) { v(required("id", WireText::Id), e.id); }
template <> constexpr BodyRecord<RosterSet> bodyRecord() { return {"roster.set", Sender::Backend}; }
template <Is<RosterSet> S, class V> void describe(S& e, V& v) { v(flattened(), e.roster); }
template <> constexpr BodyRecord<TaskUpsert> bodyRecord() { return {"task.upsert", Sender::Backend}; }
template <Is<TaskUpsert> S, class V> void describe(S& e, V& v) { v(flattened(), e.task); }
template <> constexpr BodyRecord<CameraUpsert> bodyRecord() { return {"camera.upsert", Sender::Backend}; }
template <Is<CameraUpsert> S, class V> void describe(S& e, V& v) { v(flattened(), e.camera); }
template <> constexpr BodyRecord<LayoutSwitch> bodyRecord() { return {"layout.switch", Sender::Backend}; }
template <Is<LayoutSwitch> S, class V> void describe(S& e, V& v) { v(required("layout", WireText::Id), e.layout); }
template <> constexpr BodyRecord<Heartbeat> bodyRecord() { return {"heartbeat", Sender::Backend}; }
template <Is<Heartbeat> S, class V> void describe(S&, V&) {}
template <> constexpr BodyRecord<AlarmAck> bodyRecord() { return {"action.alarm.ack", Sender::Operator, [](const AlarmAck& e) { return &e.id; }}; }
template <Is<AlarmAck> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<TaskStatusSet> bodyRecord() { return {"action.task.status", Sender::Operator}; }
template <Is<TaskStatusSet> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(required("status"), e.status);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<CameraStreamState> bodyRecord() { return {"camera.state", Sender::Console}; }
template <Is<CameraStreamState> S, class V> void describe(S& e, V& v) {
    v(required("camera", WireText::Id), e.camera_id);
    v(required("stream", WireText::Id), e.stream);
    v(required("state", WireText::Id), e.state);
    v(optional("reason", WireText::Short), e.reason);
}
template <> constexpr BodyRecord<AlarmSuppress> bodyRecord() { return {"alarm.suppress", Sender::Backend, [](const AlarmSuppress& e) { return &e.id; }}; }
template <Is<AlarmSuppress> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(defaulted("suppressed"), e.suppressed);
    v(optional("reason", WireText::Free), e.reason);
}
template <> constexpr BodyRecord<IncidentUpsert> bodyRecord() { return {"incident.upsert", Sender::Backend}; }
template <Is<IncidentUpsert> S, class V> void describe(S& e, V& v) { v(flattened(), e.incident); }
template <> constexpr BodyRecord<CallAnswer> bodyRecord() { return {"callresponse.answer", Sender::Backend, [](const CallAnswer& e) { return &e.alarm_id; }}; }
template <Is<CallAnswer> S, class V> void describe(S& e, V& v) {
    v(required("alarm", WireText::Id), e.alarm_id);
    v(required("call", WireText::CallId), e.call_id);
    v(optional("answered_at"), e.answered_ms);
    v(optional("channel", WireText::Id).oneOf("voice|sms|app"), e.channel);
    v(optional("note", WireText::Free), e.note);
}
template <> constexpr BodyRecord<AlarmShelve> bodyRecord() { return {"action.alarm.shelve", Sender::Operator, [](const AlarmShelve& e) { return &e.id; }}; }
template <Is<AlarmShelve> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(required("until").range(1, kNoLimit), e.until_ms);
    v(required("reason", WireText::RequiredFree), e.reason);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<AlarmUnshelve> bodyRecord() { return {"action.alarm.unshelve", Sender::Operator, [](const AlarmUnshelve& e) { return &e.id; }}; }
template <Is<AlarmUnshelve> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(required("operator", WireText::Id), e.operator_name);
    v(required("cause", WireText::Id).oneOf("operator|expired"), e.cause);
}
template <> constexpr BodyRecord<SopStepSet> bodyRecord() { return {"action.alarm.sop", Sender::Operator, [](const SopStepSet& e) { return &e.alarm_id; }}; }
template <Is<SopStepSet> S, class V> void describe(S& e, V& v) {
    v(required("alarm", WireText::Id), e.alarm_id);
    v(required("step").range(0, 255), e.step);
    v(required("done"), e.done);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<CallAnswerRecord> bodyRecord() { return {"action.callresponse.answer", Sender::Operator, [](const CallAnswerRecord& e) { return &e.answer.alarm_id; }}; }
// The channel is always "manual": not on the wire.
template <Is<CallAnswerRecord> S, class V> void describe(S& e, V& v) {
    v(required("alarm", WireText::Id), e.answer.alarm_id);
    v(required("call", WireText::CallId), e.answer.call_id);
    v(optional("answered_at"), e.answer.answered_ms);
    v(optional("note", WireText::Free), e.answer.note);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<IncidentReported> bodyRecord() { return {"action.incident.reported", Sender::Operator}; }
template <Is<IncidentReported> S, class V> void describe(S& e, V& v) {
    v(required("id", WireText::Id), e.id);
    v(required("operator", WireText::Id), e.operator_name);
    v(optional("note", WireText::Free), e.note);
}
template <> constexpr BodyRecord<SoundMute> bodyRecord() { return {"action.sound.mute", Sender::Operator}; }
template <Is<SoundMute> S, class V> void describe(S& e, V& v) {
    v(required("level"), e.level);
    v(required("muted"), e.muted);
    v(required("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<CallPlace> bodyRecord() { return {"callresponse.call", Sender::Console, [](const CallPlace& e) { return &e.alarm_id; }}; }
template <Is<CallPlace> S, class V> void describe(S& e, V& v) {
    v(required("alarm", WireText::Id), e.alarm_id);
    v(required("call"), e.call);
    v(optional("cause", WireText::Free), e.cause);
}
template <> constexpr BodyRecord<CallEscalate> bodyRecord() { return {"callresponse.escalate", Sender::Console, [](const CallEscalate& e) { return &e.alarm_id; }}; }
template <Is<CallEscalate> S, class V> void describe(S& e, V& v) {
    v(required("alarm", WireText::Id), e.alarm_id);
    v(required("call", WireText::CallId), e.call_id);
    v(optional("to_call", WireText::CallIdOrEmpty), e.to_call_id);
}
// linkage.show's body is a State entity, described with them above.
template <> constexpr BodyRecord<LinkageShow> bodyRecord() { return {"linkage.show", Sender::Console}; }
template <> constexpr BodyRecord<FeedResync> bodyRecord() { return {"feed.resync", Sender::Console}; }
template <Is<FeedResync> S, class V> void describe(S& e, V& v) {
    v(required("source", WireText::Source), e.source);
    v(required("phase", WireText::Id), e.phase);
    v(required("reason", WireText::Id), e.reason);
    v(defaulted("epoch"), e.epoch);
    v(optional("expected"), e.expected_seq);
    v(optional("received"), e.received_seq);
    v(optional("snapshot_seq"), e.snapshot_seq);
}
template <> constexpr BodyRecord<ConsoleStart> bodyRecord() { return {"console.start", Sender::Console}; }
template <Is<ConsoleStart> S, class V> void describe(S& e, V& v) {
    v(required("version", WireText::Short), e.version);
    v(defaulted("demo"), e.demo);
    v(defaulted("recovered_events"), e.recovered_events);
    v(defaulted("replayed"), e.replayed);
    v(defaulted("skipped"), e.skipped);
    v(optional("damage", WireText::Free), e.damage);
}
template <> constexpr BodyRecord<DrillStart> bodyRecord() { return {"drill.start", Sender::Backend}; }
template <Is<DrillStart> S, class V> void describe(S& e, V& v) {
    v(required("drill_id", WireText::Id), e.drill_id);
    v(required("name", WireText::RequiredFree), e.name);
    v(required("kind"), e.kind);
    v(optional("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<DrillEnd> bodyRecord() { return {"drill.end", Sender::Backend}; }
template <Is<DrillEnd> S, class V> void describe(S& e, V& v) {
    v(required("drill_id", WireText::Id), e.drill_id);
    v(optional("operator", WireText::Id), e.operator_name);
}
template <> constexpr BodyRecord<LinkStateChange> bodyRecord() { return {"link.state", Sender::Console}; }
template <Is<LinkStateChange> S, class V> void describe(S& e, V& v) {
    v(required("source", WireText::Source), e.source);
    v(required("state", WireText::Id).oneOf("lost|live"), e.state);
    v(defaulted("silent_ms"), e.silent_ms);
}
template <> constexpr BodyRecord<ReportingRules> bodyRecord() { return {"rules.reporting", Sender::Console}; }
template <Is<ReportingRules> S, class V> void describe(S& e, V& v) { v(flattened(), e.windows); }

// [SECTION] generic walks

/// Members are one of these shapes; anything else is a described struct.
template <class T> struct IsVectorT : std::false_type {};
template <class T> struct IsVectorT<std::vector<T>> : std::true_type {};
template <class T> struct IsOptionalT : std::false_type {};
template <class T> struct IsOptionalT<std::optional<T>> : std::true_type {};
template <class T> struct IsArrayT : std::false_type {};
template <class T, size_t N> struct IsArrayT<std::array<T, N>> : std::true_type {};
template <class T> struct IsMapT : std::false_type {};
template <class T> struct IsMapT<std::map<std::string, T>> : std::true_type {};
template <class T> struct IsMapT<std::unordered_map<std::string, T>> : std::true_type {};
template <class T> concept Scalar = std::is_arithmetic_v<T> || std::is_enum_v<T> || std::same_as<T, std::string>;
template <class T> concept Sequence = IsVectorT<T>::value || IsArrayT<T>::value;
template <class T> concept Optional = IsOptionalT<T>::value;
template <class T> concept KeyedMap = IsMapT<T>::value;
/// A described struct (what a flattened member must be).
template <class T> concept Nested = !Scalar<T> && !Sequence<T> && !Optional<T> && !KeyedMap<T>;

/// @brief A map's entries in key order (std::map already is; unordered_map is sorted here).
template <KeyedMap M> std::vector<const typename M::value_type*> sortedEntries(const M& map) {
    std::vector<const typename M::value_type*> entries;
    entries.reserve(map.size());
    for (const auto& entry : map) entries.push_back(&entry);
    if constexpr (!std::is_same_v<M, std::map<std::string, typename M::mapped_type>>)
        std::sort(entries.begin(), entries.end(), [](auto* x, auto* y) { return x->first < y->first; });
    return entries;
}

/// FNV-1a over content; lengths are hashed too, so moving a value between neighbours changes it.
struct Fnv {
    uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, size_t n) {
        auto* c = static_cast<const unsigned char*>(p);
        for (size_t i = 0; i < n; ++i) { h ^= c[i]; h *= 1099511628211ull; }
    }
    template <class T> void pod(T v) { bytes(&v, sizeof v); }
};

template <class T> void hashValue(Fnv& f, const T& x);

struct HashMembers {
    Fnv& f;
    template <class M> void operator()(const FieldSpec&, const M& m) { hashValue(f, m); }
};

template <class T> void hashValue(Fnv& f, const T& x) {
    if constexpr (std::same_as<T, std::string>) {
        f.pod(static_cast<uint64_t>(x.size()));
        f.bytes(x.data(), x.size());
    } else if constexpr (Scalar<T>) {
        f.pod(x);
    } else if constexpr (Sequence<T>) {
        f.pod(static_cast<uint64_t>(x.size()));
        for (const auto& e : x) hashValue(f, e);
    } else if constexpr (Optional<T>) {
        f.pod(x.has_value());
        if (x) hashValue(f, *x);
    } else if constexpr (KeyedMap<T>) {
        f.pod(static_cast<uint64_t>(x.size()));
        for (const auto* entry : sortedEntries(x)) {
            hashValue(f, entry->first);
            hashValue(f, entry->second);
        }
    } else {
        HashMembers members{f};
        describe(x, members);
    }
}

template <class T> void firstDifference(const T& a, const T& b, const std::string& path, std::string& out);

// Walks b's members alongside a's, whose addresses were collected first in the same order.
struct CollectMembers {
    std::vector<const void*>& at;
    template <class M> void operator()(const FieldSpec&, const M& m) { at.push_back(&m); }
};
struct CompareMembers {
    const std::vector<const void*>& at;
    const std::string& path;
    std::string& out;
    size_t next = 0;
    template <class M> void operator()(const FieldSpec& f, const M& m) {
        const M& other = *static_cast<const M*>(at[next++]);
        if (out.empty()) firstDifference(other, m, f.flatten ? path : path + "." + f.key, out);
    }
};

/// @brief Sets out to the path of the first member where a and b differ ("" when equal).
template <class T> void firstDifference(const T& a, const T& b, const std::string& path, std::string& out) {
    if constexpr (Scalar<T>) {
        if (!(a == b)) out = path;
    } else if constexpr (Sequence<T>) {
        if (a.size() != b.size()) { out = path + " (size)"; return; }
        for (size_t i = 0; i < a.size() && out.empty(); ++i) firstDifference(a[i], b[i], path + "[" + std::to_string(i) + "]", out);
    } else if constexpr (Optional<T>) {
        if (a.has_value() != b.has_value()) out = path;
        else if (a) firstDifference(*a, *b, path, out);
    } else if constexpr (KeyedMap<T>) {
        if (a.size() != b.size()) { out = path + " (size)"; return; }
        for (const auto* entry : sortedEntries(a)) {
            auto it = b.find(entry->first);
            if (it == b.end()) { out = path + "[" + entry->first + "] (missing)"; return; }
            firstDifference(entry->second, it->second, path + "[" + entry->first + "]", out);
            if (!out.empty()) return;
        }
    } else {
        std::vector<const void*> members;
        CollectMembers collect{members};
        describe(a, collect);
        CompareMembers compare{members, path, out};
        describe(b, compare);
    }
}

/// @brief "" when a and b are equal in every described member; else the path of the first difference.
template <class T> std::string firstDifference(const T& a, const T& b) {
    std::string out;
    firstDifference(a, b, "", out);
    return out;
}

template <class T, class Visit> void forEachString(const T& x, Visit& visit);

template <class Visit> struct StringMembers {
    Visit& visit;
    template <class M> void operator()(const FieldSpec&, const M& m) { forEachString(m, visit); }
};

/// @brief Calls visit(s) for every std::string member inside x (map keys excepted: values repeat them).
template <class T, class Visit> void forEachString(const T& x, Visit& visit) {
    if constexpr (std::same_as<T, std::string>) {
        visit(x);
    } else if constexpr (Scalar<T>) {
    } else if constexpr (Sequence<T>) {
        if constexpr (!Scalar<typename T::value_type> || std::same_as<typename T::value_type, std::string>)
            for (const auto& e : x) forEachString(e, visit);
    } else if constexpr (Optional<T>) {
        if (x) forEachString(*x, visit);
    } else if constexpr (KeyedMap<T>) {
        for (const auto& [key, value] : x) forEachString(value, visit);
    } else {
        StringMembers<Visit> members{visit};
        describe(x, members);
    }
}

} // namespace wall::desc
