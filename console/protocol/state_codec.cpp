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
    w.endObject();
}

std::string str(const Reader& o, std::string_view key) { return o.requiredString(key, kUncheckedRule); }
int64_t i64(const Reader& o, std::string_view key) { return o.requiredInt(key, kMinI64, kMaxI64); }

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
            Camera camera{str(c, "id"), str(c, "name"), str(c, "site"), str(c, "main_url"), str(c, "sub_url"), str(c, "group")};
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
        state.applied_events = o.requiredUint("applied_events", 0, kMaxU64);
        state.last_event_ms = i64(o, "last_event_ms");
        return state;
    } catch (const FieldError& e) {
        throw std::runtime_error("checkpoint: " + e.detail);
    }
}

} // namespace wall::protocol
