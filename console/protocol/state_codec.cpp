// Checkpoint blobs: the whole State as JSON, every field of every struct,
// so decodeState(encodeState(s)) is field-for-field equal to s. Collections
// are written as arrays sorted by id, so equal states give equal blobs.
// Decoding trusts nothing: a damaged blob throws, naming the field.
#include "field_reader.hpp"
#include "json_document.hpp"
#include "json_writer.hpp"
#include "protocol/protocol.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace wall::protocol {
namespace {

using Reader = ObjectReader<NlohmannValue>;

constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();

void writePerson(JsonWriter& w, const Person& p) {
    w.beginObject();
    w.member("name", p.name);
    w.member("role", p.role);
    w.member("phone", p.phone);
    w.endObject();
}

void writePeople(JsonWriter& w, std::string_view key, const std::vector<Person>& people) {
    w.key(key);
    w.beginArray();
    for (const Person& p : people) writePerson(w, p);
    w.endArray();
}

void writeResponder(JsonWriter& w, const Responder& r) {
    w.beginObject();
    w.member("name", r.name);
    w.member("role", r.role);
    w.member("grid", r.grid);
    w.member("phone", r.phone);
    w.endObject();
}

void writeTimes(JsonWriter& w, std::string_view key, const std::vector<TimeMs>& times) {
    w.key(key);
    w.beginArray();
    for (TimeMs t : times) w.integer(t);
    w.endArray();
}

void writeIds(JsonWriter& w, std::string_view key, const std::vector<std::string>& ids) {
    w.key(key);
    w.beginArray();
    for (const std::string& id : ids) w.string(id);
    w.endArray();
}

void writeAlarm(JsonWriter& w, const Alarm& a) {
    w.beginObject();
    w.member("id", a.id);
    w.member("source", a.source);
    w.member("level", toWire(a.level));
    w.member("category", a.category);
    w.member("title", a.title);
    w.member("message", a.message);
    w.key("site");
    w.beginObject();
    w.member("county", a.site.county);
    w.member("township", a.site.township);
    w.member("village", a.site.village);
    w.member("area", a.site.area);
    w.endObject();
    w.member("device", a.device);
    w.key("cameras");
    w.beginArray();
    for (const std::string& c : a.cameras) w.string(c);
    w.endArray();
    w.memberInt("raised_ms", a.raised_ms);
    w.memberInt("updated_ms", a.updated_ms);
    w.memberBool("active", a.active);
    w.memberBool("acked", a.acked);
    w.member("acked_by", a.acked_by);
    w.memberInt("acked_ms", a.acked_ms);
    w.memberUint("raise_count", a.raise_count);
    w.key("responders");
    w.beginArray();
    for (const Responder& r : a.responders) writeResponder(w, r);
    w.endArray();
    writeTimes(w, "activations", a.activations);
    w.memberInt("shelved_until_ms", a.shelved_until_ms);
    w.member("shelved_by", a.shelved_by);
    w.member("shelve_reason", a.shelve_reason);
    w.memberBool("suppressed", a.suppressed);
    w.member("suppressed_by", a.suppressed_by);
    w.member("suppress_reason", a.suppress_reason);
    w.key("calls");
    w.beginArray();
    for (const Call& c : a.calls) {
        w.beginObject();
        w.member("id", c.id);
        w.key("person");
        writeResponder(w, c.person);
        w.memberInt("tier", c.tier);
        w.memberInt("called_ms", c.called_ms);
        w.memberInt("deadline_ms", c.deadline_ms);
        w.memberInt("answered_ms", c.answered_ms);
        w.member("channel", c.channel);
        w.member("note", c.note);
        w.member("recorded_by", c.recorded_by);
        w.memberInt("escalated_ms", c.escalated_ms);
        w.member("escalated_to", c.escalated_to);
        w.endObject();
    }
    w.endArray();
    w.key("sop_done");
    w.beginArray();
    for (uint8_t done : a.sop_done) w.unsignedInteger(done);
    w.endArray();
    w.key("history");
    w.beginArray();
    for (const AlarmTransition& h : a.history) {
        w.beginObject();
        w.memberInt("ts_ms", h.ts_ms);
        w.member("from", toWire(h.from));
        w.member("to", toWire(h.to));
        w.member("actor", h.actor);
        w.member("cause", h.cause);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

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

} // namespace

std::string encodeState(const State& state) {
    JsonWriter w;
    w.beginObject();
    w.memberInt("v", kVersion);

    std::vector<const Alarm*> alarms;
    alarms.reserve(state.alarms.size());
    for (const auto& [id, a] : state.alarms) alarms.push_back(&a);
    std::sort(alarms.begin(), alarms.end(), [](const Alarm* x, const Alarm* y) { return x->id < y->id; });
    w.key("alarms");
    w.beginArray();
    for (const Alarm* a : alarms) writeAlarm(w, *a);
    w.endArray();

    w.key("roster");
    w.beginObject();
    w.member("date", state.roster.date);
    w.key("shifts");
    w.beginArray();
    for (const Shift& s : state.roster.shifts) {
        w.beginObject();
        w.member("label", s.label);
        w.memberInt("start_ms", s.start_ms);
        w.memberInt("end_ms", s.end_ms);
        w.key("leader");
        writePerson(w, s.leader);
        writePeople(w, "officers", s.officers);
        writePeople(w, "contacts", s.contacts);
        w.endObject();
    }
    w.endArray();
    w.endObject();

    w.key("tasks");
    w.beginArray();
    for (const auto& [id, t] : state.tasks) {
        w.beginObject();
        w.member("id", t.id);
        w.member("title", t.title);
        w.member("commander", t.commander);
        w.member("commander_phone", t.commander_phone);
        w.member("site", t.site);
        w.member("incident", t.incident);
        w.memberInt("deadline_ms", t.deadline_ms);
        w.member("status", toWire(t.status));
        w.memberInt("updated_ms", t.updated_ms);
        w.member("note", t.note);
        w.endObject();
    }
    w.endArray();

    w.key("cameras");
    w.beginArray();
    for (const auto& [id, c] : state.cameras) {
        w.beginObject();
        w.member("id", c.id);
        w.member("name", c.name);
        w.member("site", c.site);
        w.member("main_url", c.main_url);
        w.member("sub_url", c.sub_url);
        w.member("group", c.group);
        w.memberIfSet("rtsp_transport", c.rtsp_transport);
        w.endObject();
    }
    w.endArray();

    w.key("links");
    w.beginArray();
    for (const auto& [source, l] : state.links) {
        w.beginObject();
        w.member("source", l.source);
        w.memberInt("last_seen_ms", l.last_seen_ms);
        w.memberUint("last_seq", l.last_seq);
        w.memberUint("accepted", l.accepted);
        w.endObject();
    }
    w.endArray();

    w.member("active_layout", state.active_layout);

    w.key("incidents");
    w.beginArray();
    for (const auto& [id, i] : state.incidents) {
        w.beginObject();
        w.member("id", i.id);
        w.member("title", i.title);
        w.member("grade", toWire(i.grade));
        w.member("site", i.site);
        writeIds(w, "alarms", i.alarms);
        w.memberInt("occurred_ms", i.occurred_ms);
        w.memberInt("report_due_ms", i.report_due_ms);
        w.memberInt("reported_ms", i.reported_ms);
        w.member("reported_by", i.reported_by);
        w.member("report_note", i.report_note);
        w.memberInt("updated_ms", i.updated_ms);
        w.endObject();
    }
    w.endArray();

    w.key("linkage");
    w.beginArray();
    for (const auto& [region, l] : state.linkage) {
        w.beginObject();
        w.member("region", l.region);
        w.member("alarm", l.alarm_id);
        writeIds(w, "cameras", l.cameras);
        w.member("cause", l.cause);
        w.endObject();
    }
    w.endArray();

    w.key("muted");
    w.beginArray();
    for (bool m : state.muted) w.boolean(m);
    w.endArray();

    const ResponseStats& r = state.response;
    w.key("response");
    w.beginObject();
    w.key("levels"); // one entry per warning level, red first
    w.beginArray();
    for (int i = 0; i < kWarningLevelCount; ++i) {
        w.beginObject();
        w.memberUint("calls", r.calls[i]);
        w.memberUint("answered", r.answered[i]);
        w.memberUint("escalated", r.escalated[i]);
        writeTimes(w, "answer_ms", r.answer_ms[i]);
        w.endObject();
    }
    w.endArray();
    w.memberUint("reports_due", r.reports_due);
    w.memberUint("reported", r.reported);
    w.memberUint("reported_on_time", r.reported_on_time);
    w.endObject();
    w.memberUint("call_serial", state.call_serial);

    // An unordered map: sorted by alarm id, so equal states give equal blobs.
    std::vector<const std::pair<const std::string, std::pair<uint32_t, std::vector<TimeMs>>>*> normal;
    normal.reserve(state.normal_activations.size());
    for (const auto& entry : state.normal_activations) normal.push_back(&entry);
    std::sort(normal.begin(), normal.end(), [](auto* x, auto* y) { return x->first < y->first; });
    w.key("normal_activations");
    w.beginArray();
    for (const auto* entry : normal) {
        w.beginObject();
        w.member("id", entry->first);
        w.memberUint("raise_count", entry->second.first);
        writeTimes(w, "times", entry->second.second);
        w.endObject();
    }
    w.endArray();

    w.memberUint("applied_events", state.applied_events);
    w.memberInt("last_event_ms", state.last_event_ms);
    w.endObject();
    return w.take();
}

State decodeState(std::string_view blob) {
    nlohmann::json doc;
    DocumentError error;
    if (!parseDocument(blob, doc, error, DocumentNaming{"state", false}))
        throw std::runtime_error("checkpoint: " + error.detail);
    try {
        const JsonPath root = JsonPath::root("state", false);
        Reader o(NlohmannValue(doc), root);
        const int64_t v = o.requiredInt("v", kMinI64, kMaxI64);
        if (v != kVersion) failAt(RejectReason::BadVersion, root.member("v"), "unsupported checkpoint version " + std::to_string(v));

        State state;
        o.forEach("alarms", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
            Alarm a = readAlarm(value, path);
            std::string id = a.id;
            if (!state.alarms.emplace(std::move(id), std::move(a)).second)
                failAt(RejectReason::BadValue, path.member("id"), "duplicate alarm id");
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
            if (!state.tasks.emplace(std::move(id), std::move(task)).second)
                failAt(RejectReason::BadValue, path.member("id"), "duplicate task id");
        });
        o.forEach("cameras", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
            Reader c(value, path);
            Camera camera{str(c, "id"), str(c, "name"), str(c, "site"), str(c, "main_url"), str(c, "sub_url"), str(c, "group"),
                          laterStr(c, "rtsp_transport")};
            std::string id = camera.id;
            if (!state.cameras.emplace(std::move(id), std::move(camera)).second)
                failAt(RejectReason::BadValue, path.member("id"), "duplicate camera id");
        });
        o.forEach("links", true, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
            Reader l(value, path);
            SourceLink link;
            link.source = str(l, "source");
            link.last_seen_ms = i64(l, "last_seen_ms");
            link.last_seq = l.requiredUint("last_seq", 0, kMaxU64);
            link.accepted = l.requiredUint("accepted", 0, kMaxU64);
            std::string source = link.source;
            if (!state.links.emplace(std::move(source), std::move(link)).second)
                failAt(RejectReason::BadValue, path.member("source"), "duplicate link source");
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
            if (!state.incidents.emplace(std::move(id), std::move(inc)).second)
                failAt(RejectReason::BadValue, path.member("id"), "duplicate incident id");
        });
        o.forEach("linkage", false, kMaxU64, [&](const NlohmannValue& value, const JsonPath& path) {
            Reader l(value, path);
            LinkageShow shown{str(l, "region"), str(l, "alarm"), laterIds(l, "cameras"), str(l, "cause")};
            std::string region = shown.region;
            if (!state.linkage.emplace(std::move(region), std::move(shown)).second)
                failAt(RejectReason::BadValue, path.member("region"), "duplicate linkage region");
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
    } catch (const FieldError& e) {
        throw std::runtime_error("checkpoint: " + e.detail);
    }
}

} // namespace wall::protocol
