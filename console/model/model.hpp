// The plain state model of the wall: alarms, roster, tasks, cameras, links.
// No I/O and no threads here. The ingest worker owns the authoritative State
// and applies journaled events to it; the UI keeps a replica updated from the
// same events (posted after commit), so both stay identical by construction.
#pragma once

#include "base/clock.hpp"
#include "base/warning_level.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace wall {

/// Grid location, county → township/street → village/community → area.
struct GridSite {
    std::string county;
    std::string township;
    std::string village;
    std::string area;      // responsibility area or named site (e.g. 某水库大坝)
};

/// ISA-18.2 / IEC 62682 alarm states as the board shows them. Shelved and
/// Suppressed override the others; the underlying active/acked flags keep
/// running underneath (a shelved alarm can clear, and is still unacked after).
enum class AlarmState : uint8_t {
    Normal,           // cleared and acknowledged (such alarms leave the state)
    Unacked,          // active, nobody has acknowledged it
    Acked,            // active, acknowledged
    ReturnedUnacked,  // cleared before anyone acknowledged it: still needs an ack
    Shelved,          // hidden by an operator, with a reason, until shelved_until_ms
    Suppressed,       // out of service, by the backend or by configuration; listed separately
};
constexpr int kAlarmStateCount = 6;

/// One entry of an alarm's history (the detail pane). The event that caused it
/// is in the journal; this is the replica the wall can show without a query.
struct AlarmTransition {
    TimeMs ts_ms = 0;
    AlarmState from = AlarmState::Normal;
    AlarmState to = AlarmState::Normal;
    std::string actor;     // operator name, backend source, or "console" for timers
    std::string cause;     // event type or reason, e.g. "alarm.clear", "shelve expired"
};
constexpr size_t kAlarmHistoryCap = 64;       // oldest entries drop first
constexpr size_t kActivationHistoryCap = 8;   // recent activation times kept for chattering

/// A person who must answer a warning (叫应): from the alarm message or the grid table in the rules.
struct Responder {
    std::string name;
    std::string role;      // 乡镇主要负责人 / 村支书 / 网格员 ...
    std::string grid;      // the grid cell they answer for, e.g. 清江县/石门镇/龙潭村
    std::string phone;
};

/// One 叫应 call the console asked the calling system to make.
struct Call {
    std::string id;            // unique per console, "<alarm id>#<n>"; answers refer to it
    Responder person;
    int tier = 0;              // 0 = the responsible person, 1 = their supervisor (谁主管谁叫应) ...
    TimeMs called_ms = 0;
    TimeMs deadline_ms = 0;    // unanswered at this time: escalate
    TimeMs answered_ms = 0;    // 0 = not answered
    std::string channel;       // voice | sms | app | manual
    std::string note;          // e.g. "已电话确认，正在组织转移"
    std::string recorded_by;   // operator who recorded a manual answer
    TimeMs escalated_ms = 0;   // the deadline passed and the next tier was called
    std::string escalated_to;  // id of the call placed instead
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
    std::vector<Responder> responders; // who must answer (叫应), when the message names them
    TimeMs raised_ms = 0;  // first raise (or last re-raise after clear)
    TimeMs updated_ms = 0;
    bool active = true;    // condition present (false after alarm.clear)
    bool acked = false;
    std::string acked_by;
    TimeMs acked_ms = 0;
    uint32_t raise_count = 1; // activations so far
    std::vector<TimeMs> activations; // recent activation times (recv), newest last, capped

    // Lifecycle overlays.
    TimeMs shelved_until_ms = 0;  // 0 = not shelved; returns by itself at this time (a console timer journals it)
    std::string shelved_by;
    std::string shelve_reason;
    bool suppressed = false;      // out of service: backend's alarm.suppress or the rules' out_of_service table
    std::string suppressed_by;    // source that suppressed it
    std::string suppress_reason;

    std::vector<Call> calls;              // 叫应 calls, in the order placed
    std::vector<uint8_t> sop_done;        // SOP checklist: sop_done[i] != 0 when step i is ticked
    std::vector<AlarmTransition> history; // newest last, capped at kAlarmHistoryCap
    std::string drill_id;                 // 演练: the drill running when this activation was raised (set by apply); empty = real
};

/// @brief The alarm's state for the board (Shelved and Suppressed override the rest).
AlarmState alarmState(const Alarm& a);
const char* toWire(AlarmState state);     // "unacked", "returned_unacked", ...

/// 突发事件 grades (一般/较大/重大/特别重大). Numeric order: most severe first.
enum class IncidentGrade : uint8_t { Especially = 1, Major = 2, Larger = 3, General = 4 };
constexpr int kDefaultReportWindowMin = 60;        // 较大 and above: report upward within 1 hour, unless the rules say otherwise
constexpr TimeMs kReportWindowMs = kDefaultReportWindowMin * 60 * 1000;

/// The upward-reporting deadline per grade, in minutes after the incident is first graded so.
/// Configured in the rules file and journaled (rules.reporting) so a replay uses the rule of its time.
struct ReportWindows {
    int larger_min = kDefaultReportWindowMin;       // 较大
    int major_min = kDefaultReportWindowMin;        // 重大
    int especially_min = kDefaultReportWindowMin;   // 特别重大

    bool operator==(const ReportWindows&) const = default;
};

/// @brief Minutes to report an incident of `grade` upward; 0 for 一般 (no countdown).
int reportWindowMin(const ReportWindows& windows, IncidentGrade grade);

/// An incident being handled. Graded 较大 or above, it starts the upward-reporting countdown.
struct Incident {
    std::string id;
    std::string title;
    IncidentGrade grade = IncidentGrade::General;
    std::string site;
    std::vector<std::string> alarms;   // alarm ids it grew from
    TimeMs occurred_ms = 0;
    TimeMs report_due_ms = 0;  // 0 = no countdown (General); set once, when first graded 较大+
    TimeMs reported_ms = 0;    // 0 = not yet reported upward
    std::string reported_by;
    std::string report_note;
    TimeMs updated_ms = 0;
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
    std::string rtsp_transport; // "udp" for RTSP over UDP; empty = TCP (the default: no loss behind NAT/firewalls)

    bool operator==(const Camera&) const = default;
};

/// @brief `known` with a camera file's entry laid over it: streams and transport
/// always from the file; name, site and group from the file when it sets them.
Camera withConfigured(Camera known, const Camera& configured);

/// What the console knows of one backend's link. Silence is derived from
/// last_seen_ms at draw time, so it needs no event to become true; the
/// authority also journals it (link.state), and that record is lost_since_ms.
struct SourceLink {
    std::string source;
    TimeMs last_seen_ms = 0;
    uint64_t last_seq = 0;
    uint64_t accepted = 0;
    TimeMs lost_since_ms = 0;  // link.state "lost": the link has been silent since (its last message); 0 = live
};

/// 演练 kinds: 实战演练 (full-scale, in the field) and 桌面推演 (tabletop).
enum class DrillKind : uint8_t { FullScale, Tabletop };
constexpr int kDrillKindCount = 2;

/// A drill on the live wall. Ended ones stay: they are the record the review reads.
struct Drill {
    std::string id;
    std::string name;          // e.g. 袁州区2026年山洪灾害防御实战演练
    DrillKind kind = DrillKind::FullScale;
    std::string source;        // who started it: a backend, or "operator"
    std::string started_by;    // operator who started it (empty when a backend did without naming one)
    TimeMs started_ms = 0;     // recv time of drill.start
    TimeMs ended_ms = 0;       // 0 = running
    std::string ended_by;
    uint32_t alarms = 0;       // alarm activations raised while it ran (marked with its id)
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
struct AlarmSuppress {            // alarm.suppress: out of service on (or back in service)
    std::string id;
    bool suppressed = true;
    std::string reason;
};
struct IncidentUpsert { Incident incident; };  // incident.upsert (report fields are the console's, ignored on input)
struct CallAnswer {              // callresponse.answer: from the calling / voice system
    std::string alarm_id;
    std::string call_id;
    TimeMs answered_ms = 0;      // 0 = use the receive time
    std::string channel;         // voice | sms | app
    std::string note;
};

struct DrillStart {              // drill.start: from a backend or the operator (an empty id is given by the console)
    std::string drill_id;
    std::string name;
    DrillKind kind = DrillKind::FullScale;
    std::string operator_name;   // who started it; optional from a backend
};
struct DrillEnd {                // drill.end
    std::string drill_id;
    std::string operator_name;
};

// Operator actions (source "operator").
struct AlarmAck { std::string id; std::string operator_name; };
struct TaskStatusSet { std::string id; TaskStatus status; std::string operator_name; };
struct AlarmShelve {             // action.alarm.shelve
    std::string id;
    TimeMs until_ms = 0;
    std::string reason;
    std::string operator_name;
};
struct AlarmUnshelve {           // action.alarm.unshelve: by an operator, or by the console when the time ran out
    std::string id;
    std::string operator_name;   // "console" when expired
    std::string cause;           // "operator" | "expired"
};
struct SopStepSet {              // action.alarm.sop: a checklist step ticked or unticked
    std::string alarm_id;
    int step = 0;
    bool done = true;
    std::string operator_name;
};
struct CallAnswerRecord {        // action.callresponse.answer: the officer records an answer by hand (已电话确认)
    CallAnswer answer;           // channel "manual"
    std::string operator_name;
};
struct IncidentReported {        // action.incident.reported
    std::string id;
    std::string operator_name;
    std::string note;
};
struct SoundMute {               // action.sound.mute: per-level mute of the alarm sound
    WarningLevel level = WarningLevel::Blue;
    bool muted = true;
    std::string operator_name;
};

// The console's own report that a camera stream changed link state. Journaled
// and kept in the state (the camera's last report), so a replay shows the links
// as they were; published so backends learn of dead cameras.
struct CameraStreamState {
    std::string camera_id;
    std::string stream;   // "main" | "sub"
    std::string state;    // connecting | live | stalled | reconnecting | failed
    std::string reason;   // empty when live; e.g. "connection refused"
};

// Decisions of the console's own rules, journaled (source "operator") and
// published so the calling system and the drill review see them.
struct CallPlace {               // callresponse.call: the console asks the calling system to call someone
    std::string alarm_id;
    Call call;                   // id, person, tier, deadline_ms (called_ms = receive time)
    std::string cause;           // "raise" | "escalation of <call id>"
};
struct CallEscalate {            // callresponse.escalate: a call's deadline passed unanswered
    std::string alarm_id;
    std::string call_id;
    std::string to_call_id;      // the call placed to the next tier ("" when nobody is above)
};
struct LinkageShow {             // linkage.show: what a linkage region shows (empty alarm_id = reverted to its own cameras)
    std::string region;
    std::string alarm_id;
    std::vector<std::string> cameras;
    std::string cause;           // "alarm" | "higher level" | "ack+delay" | "operator"
};

// The console's report on a subscribed backend PUB feed (docs/protocol.md
// section 11): it lost sync (gap, publisher restart, silence, first connect)
// and asked for a snapshot ("started"), or the snapshot is applied ("done").
// It changes no state; journaled for the drill review and published on the
// feed, so a gap is never silent.
struct FeedResync {
    std::string source;          // the feed's source name
    std::string phase;           // "started" | "done"
    std::string reason;          // "connect" | "gap" | "epoch" | "silence" | "journal"
    uint64_t epoch = 0;          // the publisher's epoch
    uint64_t expected_seq = 0;   // gap: the seq that should have come next (0 otherwise)
    uint64_t received_seq = 0;   // gap: the seq that came instead (0 otherwise)
    uint64_t snapshot_seq = 0;   // done: the seq the snapshot stands at (0 otherwise)
};

// The console's record of its own start (console.start), journaled first thing on
// every start. It changes no state; the review draws the time between the last
// record before it and itself as 控制台未运行, so a gap is never collapsed.
struct ConsoleStart {
    std::string version;           // the build that started
    bool demo = false;             // started with --demo: the journal holds made-up data (演示数据)
    uint64_t recovered_events = 0; // events in the state it recovered
    uint64_t replayed = 0;         // of those, replayed after the newest checkpoint
    uint64_t skipped = 0;          // records that no longer parse
    std::string damage;            // the journal was found damaged and set aside (why); empty when sound
};

// The console's report that a backend's link went silent (通信中断) or came
// back: decided on the authority after silent_after_ms without a message, and
// at the next message. Journaled so a review sees every outage.
struct LinkStateChange {
    std::string source;          // the backend's (or feed's) source name
    std::string state;           // "lost" | "live"
    TimeMs silent_ms = 0;        // how long it had been silent (lost: so far; live: in all)
};

// The upward-reporting rule in force (rules file), journaled when it differs
// from the state's, so incidents graded after it get its deadlines, in a replay too.
struct ReportingRules { ReportWindows windows; };

using EventBody = std::variant<AlarmRaise, AlarmUpdate, AlarmClear, RosterSet, TaskUpsert,
                               CameraUpsert, LayoutSwitch, Heartbeat, AlarmAck, TaskStatusSet, CameraStreamState,
                               AlarmSuppress, IncidentUpsert, CallAnswer, AlarmShelve, AlarmUnshelve, SopStepSet,
                               CallAnswerRecord, IncidentReported, SoundMute, CallPlace, CallEscalate, LinkageShow,
                               FeedResync, ConsoleStart, DrillStart, DrillEnd, LinkStateChange, ReportingRules>;

/// One accepted event, as journaled and applied.
struct Event {
    std::string source;
    uint64_t seq = 0;
    TimeMs ts_ms = 0;          // sender's timestamp
    TimeMs recv_ms = 0;        // console's receive time (journal time index)
    EventBody body;
};

/// 叫应 answer rates and answer times per warning level, plus reporting punctuality.
/// Kept in the state (and checkpoints) so the drill review reads them at any time T.
struct ResponseStats {
    std::array<uint32_t, kWarningLevelCount> calls{};      // first-tier calls placed
    std::array<uint32_t, kWarningLevelCount> answered{};   // of those, answered (any time)
    std::array<uint32_t, kWarningLevelCount> escalated{};  // deadlines missed
    std::array<std::vector<TimeMs>, kWarningLevelCount> answer_ms{}; // answer delays, for the median
    uint32_t reports_due = 0;      // incidents that started a countdown
    uint32_t reported = 0;
    uint32_t reported_on_time = 0;
};

/// @brief Median of the answer delays at one level; 0 when none.
TimeMs medianAnswerMs(const ResponseStats& stats, WarningLevel level);

/// An alarm back to normal, remembered for chattering: raise count and recent activation times.
using NormalActivation = std::pair<uint32_t, std::vector<TimeMs>>;

struct State {
    std::unordered_map<std::string, Alarm> alarms;
    Roster roster;
    std::map<std::string, Task> tasks;
    std::map<std::string, Camera> cameras;
    std::map<std::string, SourceLink> links;
    std::string active_layout;     // last layout.switch; empty = none yet (the wall default applies)
    std::map<std::string, Incident> incidents;
    std::map<std::string, LinkageShow> linkage;    // region name → what it shows (decided and journaled by the console's linkage)
    std::map<std::string, CameraStreamState> camera_streams; // camera id → its last reported stream link state
    std::array<bool, kWarningLevelCount> muted{};  // alarm sound muted per level
    ResponseStats response;        // 叫应 and reporting figures for the drill review
    uint64_t call_serial = 0;      // calls placed so far (call ids are unique per console)
    // Activation times and counts of alarms that went back to normal (and left
    // the map), so a re-raise within the chattering window still counts as
    // chattering. Pruned as it grows (entries older than 10 minutes go).
    std::unordered_map<std::string, NormalActivation> normal_activations;
    uint64_t applied_events = 0;
    TimeMs last_event_ms = 0;  // recv time of the last applied event
    std::map<std::string, Drill> drills;  // 演练, running and ended (the record)
    ReportWindows report_windows;  // the reporting rule in force (rules.reporting)
};

/// @brief The drill running now that started last (new alarms are marked with it); nullptr when none runs.
const Drill* runningDrill(const State& state);

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
const char* toWire(IncidentGrade grade);         // "general" | "larger" | "major" | "especially_major"
std::optional<IncidentGrade> incidentGradeFromWire(std::string_view s);
const char* toWire(DrillKind kind);              // "full_scale" | "tabletop"

/// @brief Stable FNV-1a hash of every member of the state (model/describe.hpp), for "same before and after" checks.
uint64_t stateHash(const State& state);

} // namespace wall
