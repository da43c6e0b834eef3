// parseMessage / parseFeedMessage / parseBody: untrusted bytes to model events.
// Order of checks (the first failure is reported): size, JSON syntax, root
// object, v, source, seq, ts, type, body. Unknown members are ignored
// everywhere (forward compatibility); JSON null counts as "not given".
#include "field_reader.hpp"
#include "json_document.hpp"
#include "protocol/protocol.hpp"

#include <array>
#include <limits>

namespace wall::protocol {
namespace {

constexpr int64_t kMaxMs = std::numeric_limits<int64_t>::max();

Person readPerson(const json& value, const JsonPath& path) {
    ObjectReader p(value, path);
    Person person;
    person.name = p.requiredString("name", kIdRule);
    person.role = p.optionalString("role", kShortTextRule);
    person.phone = p.optionalString("phone", kShortTextRule);
    return person;
}

std::vector<Person> readPeople(const ObjectReader& obj, std::string_view key) {
    std::vector<Person> people;
    obj.forEach(key, false, kMaxArrayEntries,
                [&](const json& element, const JsonPath& path) { people.push_back(readPerson(element, path)); });
    return people;
}

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "YYYY-MM-DD" naming a real calendar day.
bool isCalendarDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](size_t at, size_t len) {
        int v = 0;
        for (size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1) return false;
    return d <= kDays[m - 1] + (m == 2 && isLeapYear(y) ? 1 : 0);
}

EventBody readAlarmRaise(const ObjectReader& b) {
    AlarmRaise r;
    Alarm& a = r.alarm;
    a.id = b.requiredString("id", kIdRule);
    a.level = readLevel(b.require("level"), b.path().member("level"));
    a.category = b.requiredString("category", kIdRule);
    a.title = b.requiredString("title", kRequiredTextRule);
    a.message = b.optionalString("message", kTextRule);
    b.withObject("site", false, [&](const ObjectReader& s) {
        a.site.county = s.optionalString("county", kTextRule);
        a.site.township = s.optionalString("township", kTextRule);
        a.site.village = s.optionalString("village", kTextRule);
        a.site.area = s.optionalString("area", kTextRule);
    });
    a.device = b.optionalString("device", kTextRule);
    a.cameras = readIdList(b, "cameras", false);
    a.raised_ms = b.optionalInt("raised_at", 0, kMaxMs, 0);
    return r;
}

EventBody readAlarmUpdate(const ObjectReader& b) {
    AlarmUpdate u;
    u.id = b.requiredString("id", kIdRule);
    if (const json* level = b.find("level")) u.level = readLevel(*level, b.path().member("level"));
    u.title = b.maybeString("title", kRequiredTextRule);
    u.message = b.maybeString("message", kTextRule);
    if (b.find("cameras")) u.cameras = readIdList(b, "cameras", true);
    if (!u.level && !u.title && !u.message && !u.cameras)
        failAt(RejectReason::MissingField, b.path(), "expected at least one of level, title, message, cameras");
    return u;
}

EventBody readAlarmClear(const ObjectReader& b) { return AlarmClear{b.requiredString("id", kIdRule)}; }

EventBody readRosterSet(const ObjectReader& b) {
    RosterSet r;
    r.roster.date = b.requiredString("date", kIdRule);
    if (!isCalendarDate(r.roster.date))
        failAt(RejectReason::BadValue, b.path().member("date"),
               "expected a calendar date YYYY-MM-DD, got " + describe(b.require("date")).substr(7));
    b.forEach("shifts", true, kMaxArrayEntries, [&](const json& element, const JsonPath& path) {
        ObjectReader s(element, path);
        Shift shift;
        shift.label = s.requiredString("label", kIdRule);
        shift.start_ms = s.requiredInt("start", 0, kMaxMs);
        shift.end_ms = s.requiredInt("end", 0, kMaxMs);
        if (shift.end_ms <= shift.start_ms)
            failAt(RejectReason::BadValue, path.member("end"),
                   "must be after start (" + std::to_string(shift.end_ms) + " <= " + std::to_string(shift.start_ms) + ")");
        shift.leader = readPerson(s.require("leader"), path.member("leader"));
        shift.officers = readPeople(s, "officers");
        shift.contacts = readPeople(s, "contacts");
        r.roster.shifts.push_back(std::move(shift));
    });
    return r;
}

EventBody readTaskUpsert(const ObjectReader& b) {
    TaskUpsert u;
    Task& t = u.task;
    t.id = b.requiredString("id", kIdRule);
    t.title = b.requiredString("title", kRequiredTextRule);
    t.commander = b.requiredString("commander", kIdRule);
    t.commander_phone = b.optionalString("commander_phone", kShortTextRule);
    t.site = b.optionalString("site", kTextRule);
    t.incident = b.optionalString("incident", kTextRule);
    t.deadline_ms = b.optionalInt("deadline", 0, kMaxMs, 0);
    if (const json* status = b.find("status")) t.status = readTaskStatus(*status, b.path().member("status"));
    t.note = b.optionalString("note", kTextRule);
    return u;
}

EventBody readCameraUpsert(const ObjectReader& b) {
    CameraUpsert u;
    Camera& c = u.camera;
    c.id = b.requiredString("id", kIdRule);
    c.name = b.requiredString("name", kRequiredTextRule);
    c.site = b.optionalString("site", kTextRule);
    c.main_url = b.optionalString("main_url", kTextRule);
    c.sub_url = b.optionalString("sub_url", kTextRule);
    c.group = b.optionalString("group", kShortTextRule);
    return u;
}

EventBody readLayoutSwitch(const ObjectReader& b) { return LayoutSwitch{b.requiredString("layout", kIdRule)}; }

EventBody readHeartbeat(const ObjectReader&) { return Heartbeat{}; }

EventBody readAlarmAck(const ObjectReader& b) {
    AlarmAck a;
    a.id = b.requiredString("id", kIdRule);
    a.operator_name = b.requiredString("operator", kIdRule);
    return a;
}

EventBody readTaskStatusSet(const ObjectReader& b) {
    TaskStatusSet s;
    s.id = b.requiredString("id", kIdRule);
    s.status = readTaskStatus(b.require("status"), b.path().member("status"));
    s.operator_name = b.requiredString("operator", kIdRule);
    return s;
}

struct BodyType {
    const char* name;
    EventBody (*read)(const ObjectReader&);
    bool operator_action; // journaled by the console itself; refused from backends
};

constexpr std::array<BodyType, 10> kBodyTypes{{
    {"alarm.raise", readAlarmRaise, false},
    {"alarm.update", readAlarmUpdate, false},
    {"alarm.clear", readAlarmClear, false},
    {"roster.set", readRosterSet, false},
    {"task.upsert", readTaskUpsert, false},
    {"camera.upsert", readCameraUpsert, false},
    {"layout.switch", readLayoutSwitch, false},
    {"heartbeat", readHeartbeat, false},
    {"action.alarm.ack", readAlarmAck, true},
    {"action.task.status", readTaskStatusSet, true},
}};

const BodyType* findType(std::string_view name) {
    for (const BodyType& t : kBodyTypes)
        if (name == t.name) return &t;
    return nullptr;
}

const char* kBackendTypeList =
    "alarm.raise|alarm.update|alarm.clear|roster.set|task.upsert|camera.upsert|layout.switch|heartbeat";

// The type name from a "type" member; throws unknown_type naming what is allowed.
const BodyType& requireType(const json& value, const JsonPath& path, bool allow_actions) {
    const std::string name = readString(value, path, kIdRule);
    const BodyType* type = findType(name);
    if (!type) failAt(RejectReason::UnknownType, path, "unknown type " + describe(value).substr(7) + ", expected one of " + kBackendTypeList);
    if (type->operator_action && !allow_actions)
        failAt(RejectReason::UnknownType, path,
               describe(value).substr(7) + " is an operator action; only the console itself may publish it");
    return *type;
}

ParseResult parseEnvelope(std::string_view bytes, size_t max_bytes, bool from_feed) {
    Rejection rejection;
    if (bytes.size() > max_bytes) {
        rejection.reason = RejectReason::Oversize;
        rejection.detail = "message: " + std::to_string(bytes.size()) + " bytes exceed the limit of " +
                           std::to_string(max_bytes) + " bytes";
        return rejection;
    }
    json doc;
    DocumentError doc_error;
    const JsonPath root = JsonPath::root("message", true);
    // Name source and seq in the error reply whenever they are valid, whatever else is wrong,
    // so the sender can match the refusal to the message. A document that broke off half-way
    // still holds the members read before the break.
    auto nameTheMessage = [&] {
        if (!doc.is_object()) return;
        try { rejection.source = readString(doc.at("source"), root.member("source"), kSourceRule); } catch (...) {}
        try {
            rejection.seq = readUint(doc.at("seq"), root.member("seq"), 1, std::numeric_limits<uint64_t>::max());
            rejection.has_seq = true;
        } catch (...) {}
    };
    if (!parseDocument(bytes, doc, doc_error)) {
        nameTheMessage();
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    if (!doc.is_object()) {
        rejection.reason = RejectReason::NotJson;
        rejection.detail = "message: expected a JSON object, got " + describe(doc);
        return rejection;
    }
    nameTheMessage();

    try {
        ObjectReader envelope(doc, root);
        const json* v = envelope.find("v");
        if (!v) failAt(RejectReason::BadVersion, root.member("v"), "required field is missing (this console speaks v 1)");
        if (!v->is_number_integer() || v->get<int64_t>() != kVersion)
            failAt(RejectReason::BadVersion, root.member("v"), "expected 1, got " + describe(*v));

        Event event;
        event.source = envelope.requiredString("source", kSourceRule);
        if (!from_feed && event.source == kOperatorSource)
            failAt(RejectReason::BadValue, root.member("source"), "\"operator\" is reserved for the console's own actions");
        event.seq = envelope.requiredUint("seq", 1, std::numeric_limits<uint64_t>::max());
        event.ts_ms = envelope.requiredInt("ts", 0, kMaxMs);
        const BodyType& type = requireType(envelope.require("type"), root.member("type"), from_feed);
        ObjectReader body(envelope.require("body"), root.member("body"));
        event.body = type.read(body);

        Accepted accepted;
        accepted.body_json = encodeBody(event.body);
        accepted.event = std::move(event);
        accepted.type = type.name;
        return accepted;
    } catch (FieldError& e) {
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

} // namespace

ParseResult parseMessage(std::string_view bytes, size_t max_bytes) { return parseEnvelope(bytes, max_bytes, false); }

ParseResult parseFeedMessage(std::string_view bytes, size_t max_bytes) { return parseEnvelope(bytes, max_bytes, true); }

std::variant<EventBody, Rejection> parseBody(std::string_view type_name, std::string_view body_json) {
    Rejection rejection;
    const BodyType* type = findType(type_name);
    if (!type) {
        rejection.reason = RejectReason::UnknownType;
        rejection.detail = "type: unknown type \"" + std::string(type_name) + "\"";
        return rejection;
    }
    json doc;
    DocumentError doc_error;
    if (!parseDocument(body_json, doc, doc_error, DocumentNaming{"body", false})) {
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    try {
        ObjectReader body(doc, JsonPath::root("body", false));
        return type->read(body);
    } catch (FieldError& e) {
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

} // namespace wall::protocol
