// The plain state model of the wall: alarms, roster, tasks, cameras, links.
// No I/O and no threads here. The ingest worker owns the authoritative State
// and applies journaled events to it; the UI keeps a replica updated from the
// same events (posted after commit), so both stay identical by construction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace wall {

/// Milliseconds since the Unix epoch (UTC). Used for every timestamp.
using TimeMs = int64_t;

// China's four-level warnings: 红 I (most severe) .. 蓝 IV. The numeric value
// is the national level number, so sorting ascending puts red first.
enum class WarningLevel : uint8_t { Red = 1, Orange = 2, Yellow = 3, Blue = 4 };
constexpr int kWarningLevelCount = 4;
inline int levelIndex(WarningLevel l) { return static_cast<int>(l) - 1; }

/// Grid location, county → township/street → village/community → area.
struct GridSite {
    std::string county;
    std::string township;
    std::string village;
    std::string area;      // responsibility area or named site (e.g. 某水库大坝)
};

struct Alarm {
    std::string id;        // backend's alarm id, unique per console
    std::string source;    // backend that raised it
    WarningLevel level = WarningLevel::Blue;
    std::string category;  // e.g. rain, reservoir, tailings, fire, hazchem, road
    std::string title;
    std::string message;
    GridSite site;
    std::string device;
    std::vector<std::string> cameras; // linked camera ids
    TimeMs raised_ms = 0;  // first raise (or last re-raise after clear)
    TimeMs updated_ms = 0;
    bool active = true;    // condition present (false after alarm.clear)
    bool acked = false;
    std::string acked_by;
    TimeMs acked_ms = 0;
    uint32_t raise_count = 1; // activations, for chattering detection later
};

struct Person {
    std::string name;
    std::string role;      // 带班领导 / 值班员 / 联络员 ...
    std::string phone;
};

struct Shift {
    std::string label;     // e.g. 白班 / 夜班
    TimeMs start_ms = 0;
    TimeMs end_ms = 0;
    Person leader;                 // 带班领导
    std::vector<Person> officers;  // 值班员
    std::vector<Person> contacts;  // department liaisons on a joint watch
};

struct Roster {
    std::string date;      // YYYY-MM-DD (Beijing date) the shifts belong to
    std::vector<Shift> shifts;
};

enum class TaskStatus : uint8_t { Assigned, Accepted, InProgress, Done, Cancelled };
constexpr int kTaskStatusCount = 5;

struct Task {
    std::string id;
    std::string title;
    std::string commander;     // 现场指挥官
    std::string commander_phone;
    std::string site;
    std::string incident;      // incident the task belongs to
    TimeMs deadline_ms = 0;    // 0 = no deadline
    TaskStatus status = TaskStatus::Assigned;
    TimeMs updated_ms = 0;
    std::string note;
};

struct Camera {
    std::string id;
    std::string name;
    std::string site;
    std::string main_url;
    std::string sub_url;       // optional
    std::string group;         // camera group shown as a grid
};

/// What the console knows of one backend's link. Silence is derived from
/// last_seen_ms at draw time, so it needs no event to become true.
struct SourceLink {
    std::string source;
    TimeMs last_seen_ms = 0;
    uint64_t last_seq = 0;
    uint64_t accepted = 0;
};

// ---- Events: everything that changes State. Backend messages and operator
// actions are both events and both go through the journal first.

struct AlarmRaise { Alarm alarm; };
struct AlarmUpdate {
    std::string id;
    std::optional<WarningLevel> level;
    std::optional<std::string> title;
    std::optional<std::string> message;
    std::optional<std::vector<std::string>> cameras;
};
struct AlarmClear { std::string id; };
struct RosterSet { Roster roster; };
struct TaskUpsert { Task task; };
struct CameraUpsert { Camera camera; };
struct LayoutSwitch { std::string layout; };
struct Heartbeat {};
// Operator actions (source "operator").
struct AlarmAck { std::string id; std::string operator_name; };
struct TaskStatusSet { std::string id; TaskStatus status; std::string operator_name; };
// The console's own report that a camera stream changed link state (also source
// "operator": everything the console itself journals and publishes). It changes no
// state; it is journaled for the drill review and published so backends learn of
// dead cameras.
struct CameraStreamState {
    std::string camera_id;
    std::string stream;   // "main" | "sub"
    std::string state;    // connecting | live | stalled | reconnecting | failed
    std::string reason;   // empty when live; e.g. "connection refused"
};

using EventBody = std::variant<AlarmRaise, AlarmUpdate, AlarmClear, RosterSet, TaskUpsert,
                               CameraUpsert, LayoutSwitch, Heartbeat, AlarmAck, TaskStatusSet, CameraStreamState>;

/// One accepted event, as journaled and applied.
struct Event {
    std::string source;
    uint64_t seq = 0;
    TimeMs ts_ms = 0;          // sender's timestamp
    TimeMs recv_ms = 0;        // console's receive time (journal time index)
    EventBody body;
};

struct State {
    std::unordered_map<std::string, Alarm> alarms;
    Roster roster;
    std::map<std::string, Task> tasks;
    std::map<std::string, Camera> cameras;
    std::map<std::string, SourceLink> links;
    std::string active_layout;     // last layout.switch; empty = none yet (the wall default applies)
    uint64_t applied_events = 0;
    TimeMs last_event_ms = 0;  // recv time of the last applied event
};

/// @brief Applies one event. Unknown ids in updates/clears/acks are ignored.
void apply(State& state, const Event& event);

/// Wire name of an event type, e.g. "alarm.raise". Operator actions are
/// "action.alarm.ack" and "action.task.status"; stream reports "camera.state".
const char* eventTypeName(const EventBody& body);

// Enum names used on the wire and in the journal.
const char* toWire(WarningLevel level);          // "red" ...
std::optional<WarningLevel> levelFromWire(std::string_view s);
const char* toWire(TaskStatus status);           // "assigned" ...
std::optional<TaskStatus> taskStatusFromWire(std::string_view s);

/// @brief Stable FNV-1a hash of the state's content, for "same before and after" checks.
uint64_t stateHash(const State& state);

} // namespace wall
