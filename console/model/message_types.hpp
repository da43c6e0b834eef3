// One record per event type: its wire name, who may send it and which alarm
// it touches. eventTypeName, touchedAlarmId, the parser's type table and the
// list of backend types in its errors all derive from these records;
// docs/protocol.md section 4 lists the Backend ones (a test keeps it so).
#pragma once

#include "model.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace wall {

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

// clang-format off
template <> constexpr BodyRecord<AlarmRaise> bodyRecord() { return {"alarm.raise", Sender::Backend, [](const AlarmRaise& e) { return &e.alarm.id; }}; }
template <> constexpr BodyRecord<AlarmUpdate> bodyRecord() { return {"alarm.update", Sender::Backend, [](const AlarmUpdate& e) { return &e.id; }}; }
template <> constexpr BodyRecord<AlarmClear> bodyRecord() { return {"alarm.clear", Sender::Backend, [](const AlarmClear& e) { return &e.id; }}; }
template <> constexpr BodyRecord<RosterSet> bodyRecord() { return {"roster.set", Sender::Backend}; }
template <> constexpr BodyRecord<TaskUpsert> bodyRecord() { return {"task.upsert", Sender::Backend}; }
template <> constexpr BodyRecord<CameraUpsert> bodyRecord() { return {"camera.upsert", Sender::Backend}; }
template <> constexpr BodyRecord<LayoutSwitch> bodyRecord() { return {"layout.switch", Sender::Backend}; }
template <> constexpr BodyRecord<Heartbeat> bodyRecord() { return {"heartbeat", Sender::Backend}; }
template <> constexpr BodyRecord<AlarmAck> bodyRecord() { return {"action.alarm.ack", Sender::Operator, [](const AlarmAck& e) { return &e.id; }}; }
template <> constexpr BodyRecord<TaskStatusSet> bodyRecord() { return {"action.task.status", Sender::Operator}; }
template <> constexpr BodyRecord<CameraStreamState> bodyRecord() { return {"camera.state", Sender::Console}; }
template <> constexpr BodyRecord<AlarmSuppress> bodyRecord() { return {"alarm.suppress", Sender::Backend, [](const AlarmSuppress& e) { return &e.id; }}; }
template <> constexpr BodyRecord<IncidentUpsert> bodyRecord() { return {"incident.upsert", Sender::Backend}; }
template <> constexpr BodyRecord<CallAnswer> bodyRecord() { return {"callresponse.answer", Sender::Backend, [](const CallAnswer& e) { return &e.alarm_id; }}; }
template <> constexpr BodyRecord<AlarmShelve> bodyRecord() { return {"action.alarm.shelve", Sender::Operator, [](const AlarmShelve& e) { return &e.id; }}; }
template <> constexpr BodyRecord<AlarmUnshelve> bodyRecord() { return {"action.alarm.unshelve", Sender::Operator, [](const AlarmUnshelve& e) { return &e.id; }}; }
template <> constexpr BodyRecord<SopStepSet> bodyRecord() { return {"action.alarm.sop", Sender::Operator, [](const SopStepSet& e) { return &e.alarm_id; }}; }
template <> constexpr BodyRecord<CallAnswerRecord> bodyRecord() { return {"action.callresponse.answer", Sender::Operator, [](const CallAnswerRecord& e) { return &e.answer.alarm_id; }}; }
template <> constexpr BodyRecord<IncidentReported> bodyRecord() { return {"action.incident.reported", Sender::Operator}; }
template <> constexpr BodyRecord<SoundMute> bodyRecord() { return {"action.sound.mute", Sender::Operator}; }
template <> constexpr BodyRecord<CallPlace> bodyRecord() { return {"callresponse.call", Sender::Console, [](const CallPlace& e) { return &e.alarm_id; }}; }
template <> constexpr BodyRecord<CallEscalate> bodyRecord() { return {"callresponse.escalate", Sender::Console, [](const CallEscalate& e) { return &e.alarm_id; }}; }
template <> constexpr BodyRecord<LinkageShow> bodyRecord() { return {"linkage.show", Sender::Console}; }
template <> constexpr BodyRecord<FeedResync> bodyRecord() { return {"feed.resync", Sender::Console}; }
// clang-format on

constexpr size_t kEventTypeCount = std::variant_size_v<EventBody>;
template <size_t I> using EventAlternative = std::variant_alternative_t<I, EventBody>;

/// The records' names and senders in EventBody order (index = EventBody::index()).
struct EventTypeInfo {
    const char* name;
    Sender sender;
};
namespace detail {
template <size_t... I> constexpr std::array<EventTypeInfo, kEventTypeCount> eventTypeTable(std::index_sequence<I...>) {
    return {EventTypeInfo{bodyRecord<EventAlternative<I>>().name, bodyRecord<EventAlternative<I>>().sender}...};
}
} // namespace detail
inline constexpr std::array<EventTypeInfo, kEventTypeCount> kEventTypes =
    detail::eventTypeTable(std::make_index_sequence<kEventTypeCount>{});

/// @brief Calls f(std::type_identity<T>{}) for every event type T, in EventBody order.
template <class F> constexpr void forEachEventType(F&& f) {
    [&]<size_t... I>(std::index_sequence<I...>) { (f(std::type_identity<EventAlternative<I>>{}), ...); }(
        std::make_index_sequence<kEventTypeCount>{});
}

/// @brief Index in EventBody of the type named `name` on the wire; kEventTypeCount when none.
inline size_t eventTypeIndex(std::string_view name) {
    for (size_t i = 0; i < kEventTypeCount; ++i)
        if (name == kEventTypes[i].name) return i;
    return kEventTypeCount;
}

} // namespace wall
