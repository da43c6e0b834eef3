// Checkpoint format 1, as written until the entities got one canonical form
// (entity_json.hpp): its own key names (start_ms, deadline_ms, raised_ms...),
// nested call persons, response figures per level. Frozen: only read, so that
// journals written before still start up without a full replay.
#include "state_codec_v1.hpp"

#include "protocol/protocol.hpp"

#include <limits>

namespace wall::protocol {
namespace {

using Reader = ObjectReader<NlohmannValue>;

constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();

std::string str(const Reader& o, std::string_view key) { return o.requiredString(key, kUncheckedRule); }
int64_t i64(const Reader& o, std::string_view key) { return o.requiredInt(key, kMinI64, kMaxI64); }

// Members added after checkpoints were first written (issue 4): a checkpoint
// from before has none of them, and they take their defaults.
std::string laterStr(const Reader& o, std::string_view key) { return o.optionalString(key, kUncheckedRule); }
int64_t laterI64(const Reader& o, std::string_view key) { return o.optionalInt(key, kMinI64, kMaxI64, 0); }
uint64_t laterU64(const Reader& o, std::string_view key, uint64_t max) {
    auto m = o.find(key);
    return m ? readUint(*m, o.path().member(key), 0, max) : 0;
}
bool laterBool(const Reader& o, std::string_view key) {
    auto m = o.find(key);
    return m && readBool(*m, o.path().member(key));
}

std::vector<TimeMs> laterTimes(const Reader& o, std::string_view key) {
    std::vector<TimeMs> times;
    o.forEach(key, false, kMaxU64,
              [&](const NlohmannValue& v, const JsonPath& p) { times.push_back(readInt(v, p, kMinI64, kMaxI64)); });
    return times;
}

std::vector<std::string> laterIds(const Reader& o, std::string_view key) {
    std::vector<std::string> ids;
    o.forEach(key, false, kMaxU64,
              [&](const NlohmannValue& v, const JsonPath& p) { ids.push_back(readString(v, p, kUncheckedRule)); });
    return ids;
}

Responder readResponder(const NlohmannValue& value, const JsonPath& path) {
    Reader o(value, path);
    return Responder{str(o, "name"), str(o, "role"), str(o, "grid"), str(o, "phone")};
}

AlarmState readAlarmState(const NlohmannValue& value, const JsonPath& path) {
    const std::string name = readString(value, path, kUncheckedRule);
    for (int i = 0; i < kAlarmStateCount; ++i)
        if (name == toWire(static_cast<AlarmState>(i))) return static_cast<AlarmState>(i);
    failAt(RejectReason::BadValue, path, "unknown alarm state " + quoteForDetail(name));
}

Call readCall(const NlohmannValue& value, const JsonPath& path) {
    Reader o(value, path);
    Call c;
    c.id = str(o, "id");
    c.person = readResponder(o.require("person"), path.member("person"));
    c.tier = static_cast<int>(o.requiredInt("tier", std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    c.called_ms = i64(o, "called_ms");
    c.deadline_ms = i64(o, "deadline_ms");
    c.answered_ms = i64(o, "answered_ms");
    c.channel = str(o, "channel");
    c.note = str(o, "note");
    c.recorded_by = str(o, "recorded_by");
    c.escalated_ms = i64(o, "escalated_ms");
    c.escalated_to = str(o, "escalated_to");
    return c;
}

Person readPerson(const NlohmannValue& value, const JsonPath& path) {
    Reader o(value, path);
    return Person{str(o, "name"), str(o, "role"), str(o, "phone")};
}

std::vector<Person> readPeople(const Reader& o, std::string_view key) {
    std::vector<Person> people;
    o.forEach(key, true, kMaxU64, [&](const NlohmannValue& v, const JsonPath& p) { people.push_back(readPerson(v, p)); });
    return people;
}

Alarm readAlarm(const NlohmannValue& value, const JsonPath& path) {
    Reader o(value, path);
    Alarm a;
    a.id = str(o, "id");
    a.source = str(o, "source");
    a.level = readLevel(o.require("level"), path.member("level"));
    a.category = str(o, "category");
    a.title = str(o, "title");
    a.message = str(o, "message");
    o.withObject("site", true, [&](const Reader& s) {
        a.site = GridSite{str(s, "county"), str(s, "township"), str(s, "village"), str(s, "area")};
    });
    a.device = str(o, "device");
    o.forEach("cameras", true, kMaxU64,
              [&](const NlohmannValue& v, const JsonPath& p) { a.cameras.push_back(readString(v, p, kUncheckedRule)); });
    a.raised_ms = i64(o, "raised_ms");
    a.updated_ms = i64(o, "updated_ms");
    a.active = o.requiredBool("active");
    a.acked = o.requiredBool("acked");
    a.acked_by = str(o, "acked_by");
    a.acked_ms = i64(o, "acked_ms");
    a.raise_count = static_cast<uint32_t>(o.requiredUint("raise_count", 0, std::numeric_limits<uint32_t>::max()));
    o.forEach("responders", false, kMaxU64,
              [&](const NlohmannValue& v, const JsonPath& p) { a.responders.push_back(readResponder(v, p)); });
    a.activations = laterTimes(o, "activations");
    a.shelved_until_ms = laterI64(o, "shelved_until_ms");
    a.shelved_by = laterStr(o, "shelved_by");
    a.shelve_reason = laterStr(o, "shelve_reason");
    a.suppressed = laterBool(o, "suppressed");
    a.suppressed_by = laterStr(o, "suppressed_by");
    a.suppress_reason = laterStr(o, "suppress_reason");
    o.forEach("calls", false, kMaxU64, [&](const NlohmannValue& v, const JsonPath& p) { a.calls.push_back(readCall(v, p)); });
    o.forEach("sop_done", false, kMaxU64, [&](const NlohmannValue& v, const JsonPath& p) {
        a.sop_done.push_back(static_cast<uint8_t>(readUint(v, p, 0, 255)));
    });
    o.forEach("history", false, kMaxU64, [&](const NlohmannValue& v, const JsonPath& p) {
        Reader h(v, p);
        AlarmTransition t;
        t.ts_ms = i64(h, "ts_ms");
        t.from = readAlarmState(h.require("from"), p.member("from"));
        t.to = readAlarmState(h.require("to"), p.member("to"));
        t.actor = str(h, "actor");
        t.cause = str(h, "cause");
        a.history.push_back(std::move(t));
    });
    return a;
}

template <class Map, class Value>
void insertUnique(Map& map, std::string key, Value&& value, const JsonPath& at, const char* what) {
    if (!map.emplace(std::move(key), std::forward<Value>(value)).second) failAt(RejectReason::BadValue, at, what);
}

} // namespace

State decodeStateV1(const ObjectReader<NlohmannValue>& o) {
    State state;
    o.forEach("alarms", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Alarm a = readAlarm(value, path);
        std::string id = a.id;
        insertUnique(state.alarms, std::move(id), std::move(a), path.member("id"), "duplicate alarm id");
    });
    o.withObject("roster", true, [&](const Reader& r) {
        state.roster.date = str(r, "date");
        r.forEach("shifts", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
            Reader s(value, path);
            Shift shift;
            shift.label = str(s, "label");
            shift.start_ms = i64(s, "start_ms");
            shift.end_ms = i64(s, "end_ms");
            shift.leader = readPerson(s.require("leader"), path.member("leader"));
            shift.officers = readPeople(s, "officers");
            shift.contacts = readPeople(s, "contacts");
            state.roster.shifts.push_back(std::move(shift));
        });
    });
    o.forEach("tasks", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader t(value, path);
        Task task;
        task.id = str(t, "id");
        task.title = str(t, "title");
        task.commander = str(t, "commander");
        task.commander_phone = str(t, "commander_phone");
        task.site = str(t, "site");
        task.incident = str(t, "incident");
        task.deadline_ms = i64(t, "deadline_ms");
        task.status = readTaskStatus(t.require("status"), path.member("status"));
        task.updated_ms = i64(t, "updated_ms");
        task.note = str(t, "note");
        std::string id = task.id;
        insertUnique(state.tasks, std::move(id), std::move(task), path.member("id"), "duplicate task id");
    });
    o.forEach("cameras", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader c(value, path);
        Camera camera{str(c, "id"), str(c, "name"), str(c, "site"), str(c, "main_url"), str(c, "sub_url"), str(c, "group"),
                      laterStr(c, "rtsp_transport")};
        std::string id = camera.id;
        insertUnique(state.cameras, std::move(id), std::move(camera), path.member("id"), "duplicate camera id");
    });
    o.forEach("links", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader l(value, path);
        SourceLink link;
        link.source = str(l, "source");
        link.last_seen_ms = i64(l, "last_seen_ms");
        link.last_seq = l.requiredUint("last_seq", 0, kMaxU64);
        link.accepted = l.requiredUint("accepted", 0, kMaxU64);
        std::string source = link.source;
        insertUnique(state.links, std::move(source), std::move(link), path.member("source"), "duplicate link source");
    });
    state.active_layout = str(o, "active_layout");
    o.forEach("incidents", false, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader i(value, path);
        Incident inc;
        inc.id = str(i, "id");
        inc.title = str(i, "title");
        const JsonPath grade_path = path.member("grade");
        const std::string grade = readString(i.require("grade"), grade_path, kUncheckedRule);
        if (auto g = incidentGradeFromWire(grade)) inc.grade = *g;
        else failAt(RejectReason::BadValue, grade_path, "unknown incident grade " + quoteForDetail(grade));
        inc.site = str(i, "site");
        inc.alarms = laterIds(i, "alarms");
        inc.occurred_ms = i64(i, "occurred_ms");
        inc.report_due_ms = i64(i, "report_due_ms");
        inc.reported_ms = i64(i, "reported_ms");
        inc.reported_by = str(i, "reported_by");
        inc.report_note = str(i, "report_note");
        inc.updated_ms = i64(i, "updated_ms");
        std::string id = inc.id;
        insertUnique(state.incidents, std::move(id), std::move(inc), path.member("id"), "duplicate incident id");
    });
    o.forEach("linkage", false, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader l(value, path);
        LinkageShow shown{str(l, "region"), str(l, "alarm"), laterIds(l, "cameras"), str(l, "cause")};
        std::string region = shown.region;
        insertUnique(state.linkage, std::move(region), std::move(shown), path.member("region"), "duplicate linkage region");
    });
    size_t muted_count = 0;
    o.forEach("muted", false, kWarningLevelCount, [&](const NlohmannValue& value, const JsonPath& path) {
        state.muted[muted_count++] = readBool(value, path);
    });
    o.withObject("response", false, [&](const Reader& r) {
        ResponseStats& stats = state.response;
        size_t level = 0;
        r.forEach("levels", true, kWarningLevelCount, [&](const NlohmannValue& value, const JsonPath& path) {
            Reader l(value, path);
            constexpr uint64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
            stats.calls[level] = static_cast<uint32_t>(l.requiredUint("calls", 0, kMaxU32));
            stats.answered[level] = static_cast<uint32_t>(l.requiredUint("answered", 0, kMaxU32));
            stats.escalated[level] = static_cast<uint32_t>(l.requiredUint("escalated", 0, kMaxU32));
            stats.answer_ms[level] = laterTimes(l, "answer_ms");
            ++level;
        });
        stats.reports_due = static_cast<uint32_t>(laterU64(r, "reports_due", std::numeric_limits<uint32_t>::max()));
        stats.reported = static_cast<uint32_t>(laterU64(r, "reported", std::numeric_limits<uint32_t>::max()));
        stats.reported_on_time = static_cast<uint32_t>(laterU64(r, "reported_on_time", std::numeric_limits<uint32_t>::max()));
    });
    state.call_serial = laterU64(o, "call_serial", kMaxU64);
    o.forEach("normal_activations", false, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
        Reader n(value, path);
        const std::string id = str(n, "id");
        const auto count = static_cast<uint32_t>(n.requiredUint("raise_count", 0, std::numeric_limits<uint32_t>::max()));
        if (!state.normal_activations.emplace(id, std::make_pair(count, laterTimes(n, "times"))).second)
            failAt(RejectReason::BadValue, path.member("id"), "duplicate alarm id");
    });
    state.applied_events = o.requiredUint("applied_events", 0, kMaxU64);
    state.last_event_ms = i64(o, "last_event_ms");
    return state;
}

} // namespace wall::protocol
