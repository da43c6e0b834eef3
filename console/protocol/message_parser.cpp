// parseMessage / parseFeedMessage / parseBody: untrusted bytes to model events.
// Two parsers, one set of rules: simdjson's DOM parses every message first
// (fast); when it refuses the bytes, or the document has duplicate member
// names, nlohmann-json's SAX parser (json_document.hpp) parses them again to
// find the exact path of the fault. Both feed the same templated readers, so
// a message gets the same verdict whichever parser read it (the tests check
// this by running everything through both).
//
// [SECTION] body readers, one per type (templated on the parser's value view)
// [SECTION] type table
// [SECTION] envelope
// [SECTION] parsers: simdjson fast path, nlohmann diagnostic path
// [SECTION] raw member scan: naming a message that could not be parsed
// [SECTION] public entry points
//
// Order of checks (the first failure is reported): size, JSON syntax, root
// object, v, source, seq, ts, type, body. Unknown members are ignored
// everywhere (forward compatibility); JSON null counts as "not given".
#include "message_parser.hpp"

#include "field_reader.hpp"
#include "json_document.hpp"
#include "json_writer.hpp"

#include <algorithm>
#include <functional>
#include <array>
#include <limits>
#include <vector>

namespace wall::protocol {
namespace {

using nlohmann::json;

// [SECTION] body readers

constexpr int64_t kMaxMs = std::numeric_limits<int64_t>::max();

template <class V> Person readPerson(const V& value, const JsonPath& path) {
    ObjectReader<V> p(value, path);
    Person person;
    person.name = p.requiredString("name", kIdRule);
    person.role = p.optionalString("role", kShortTextRule);
    person.phone = p.optionalString("phone", kShortTextRule);
    return person;
}

template <class V> std::vector<Person> readPeople(const ObjectReader<V>& obj, std::string_view key) {
    std::vector<Person> people;
    obj.forEach(key, false, kMaxArrayEntries,
                [&](const V& element, const JsonPath& path) { people.push_back(readPerson(element, path)); });
    return people;
}

// A 叫应 responsible person: in alarm.raise's responders and in callresponse.call.
template <class V> Responder readResponderMembers(const ObjectReader<V>& p) {
    Responder r;
    r.name = p.requiredString("name", kIdRule);
    r.role = p.optionalString("role", kShortTextRule);
    r.grid = p.optionalString("grid", kTextRule);
    r.phone = p.optionalString("phone", kShortTextRule);
    return r;
}

template <class V> Responder readResponder(const V& value, const JsonPath& path) {
    ObjectReader<V> p(value, path);
    return readResponderMembers(p);
}

// Call ids are "<alarm id>#<n>": an alarm id of the full 128 bytes plus the call number.
constexpr StringRule kCallIdRule{kMaxIdBytes + 32, false, false};

template <class V> std::string readChoice(const ObjectReader<V>& b, std::string_view key,
                                          std::initializer_list<std::string_view> choices) {
    std::string value = b.requiredString(key, kIdRule);
    std::string expected;
    for (std::string_view c : choices) {
        if (value == c) return value;
        expected += (expected.empty() ? "" : "|") + std::string(c);
    }
    failAt(RejectReason::BadValue, b.path().member(key), "expected one of " + expected + ", got " + quoteForDetail(value));
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

template <class V> EventBody readAlarmRaise(const ObjectReader<V>& b) {
    AlarmRaise r;
    Alarm& a = r.alarm;
    a.id = b.requiredString("id", kIdRule);
    a.level = readLevel(b.require("level"), b.path().member("level"));
    a.category = b.requiredString("category", kIdRule);
    a.title = b.requiredString("title", kRequiredTextRule);
    a.message = b.optionalString("message", kTextRule);
    b.withObject("site", false, [&](const ObjectReader<V>& s) {
        a.site.county = s.optionalString("county", kTextRule);
        a.site.township = s.optionalString("township", kTextRule);
        a.site.village = s.optionalString("village", kTextRule);
        a.site.area = s.optionalString("area", kTextRule);
    });
    a.device = b.optionalString("device", kTextRule);
    a.cameras = readIdList(b, "cameras", false);
    a.raised_ms = b.optionalInt("raised_at", 0, kMaxMs, 0);
    b.forEach("responders", false, kMaxArrayEntries,
              [&](const V& element, const JsonPath& path) { a.responders.push_back(readResponder(element, path)); });
    return r;
}

template <class V> EventBody readAlarmUpdate(const ObjectReader<V>& b) {
    AlarmUpdate u;
    u.id = b.requiredString("id", kIdRule);
    if (auto level = b.find("level")) u.level = readLevel(*level, b.path().member("level"));
    u.title = b.maybeString("title", kRequiredTextRule);
    u.message = b.maybeString("message", kTextRule);
    if (b.find("cameras")) u.cameras = readIdList(b, "cameras", true);
    if (!u.level && !u.title && !u.message && !u.cameras)
        failAt(RejectReason::MissingField, b.path(), "expected at least one of level, title, message, cameras");
    return u;
}

template <class V> EventBody readAlarmClear(const ObjectReader<V>& b) { return AlarmClear{b.requiredString("id", kIdRule)}; }

template <class V> EventBody readRosterSet(const ObjectReader<V>& b) {
    RosterSet r;
    r.roster.date = b.requiredString("date", kIdRule);
    if (!isCalendarDate(r.roster.date))
        failAt(RejectReason::BadValue, b.path().member("date"),
               "expected a calendar date YYYY-MM-DD, got " + quoteForDetail(r.roster.date));
    b.forEach("shifts", true, kMaxArrayEntries, [&](const V& element, const JsonPath& path) {
        ObjectReader<V> s(element, path);
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

template <class V> EventBody readTaskUpsert(const ObjectReader<V>& b) {
    TaskUpsert u;
    Task& t = u.task;
    t.id = b.requiredString("id", kIdRule);
    t.title = b.requiredString("title", kRequiredTextRule);
    t.commander = b.requiredString("commander", kIdRule);
    t.commander_phone = b.optionalString("commander_phone", kShortTextRule);
    t.site = b.optionalString("site", kTextRule);
    t.incident = b.optionalString("incident", kTextRule);
    t.deadline_ms = b.optionalInt("deadline", 0, kMaxMs, 0);
    if (auto status = b.find("status")) t.status = readTaskStatus(*status, b.path().member("status"));
    t.note = b.optionalString("note", kTextRule);
    return u;
}

template <class V> EventBody readCameraUpsert(const ObjectReader<V>& b) {
    CameraUpsert u;
    Camera& c = u.camera;
    c.id = b.requiredString("id", kIdRule);
    c.name = b.requiredString("name", kRequiredTextRule);
    c.site = b.optionalString("site", kTextRule);
    c.main_url = b.optionalString("main_url", kTextRule);
    c.sub_url = b.optionalString("sub_url", kTextRule);
    c.group = b.optionalString("group", kShortTextRule);
    if (b.find("rtsp_transport")) c.rtsp_transport = readChoice(b, "rtsp_transport", {"tcp", "udp"});
    if (c.rtsp_transport == "tcp") c.rtsp_transport.clear(); // one spelling of the default, so equal cameras compare equal
    return u;
}

template <class V> EventBody readLayoutSwitch(const ObjectReader<V>& b) { return LayoutSwitch{b.requiredString("layout", kIdRule)}; }

template <class V> EventBody readHeartbeat(const ObjectReader<V>&) { return Heartbeat{}; }

template <class V> EventBody readAlarmAck(const ObjectReader<V>& b) {
    AlarmAck a;
    a.id = b.requiredString("id", kIdRule);
    a.operator_name = b.requiredString("operator", kIdRule);
    return a;
}

template <class V> EventBody readTaskStatusSet(const ObjectReader<V>& b) {
    TaskStatusSet s;
    s.id = b.requiredString("id", kIdRule);
    s.status = readTaskStatus(b.require("status"), b.path().member("status"));
    s.operator_name = b.requiredString("operator", kIdRule);
    return s;
}

template <class V> EventBody readCameraStreamState(const ObjectReader<V>& b) {
    CameraStreamState s;
    s.camera_id = b.requiredString("camera", kIdRule);
    s.stream = b.requiredString("stream", kIdRule);
    s.state = b.requiredString("state", kIdRule);
    s.reason = b.optionalString("reason", kShortTextRule);
    return s;
}

template <class V> EventBody readAlarmSuppress(const ObjectReader<V>& b) {
    AlarmSuppress s;
    s.id = b.requiredString("id", kIdRule);
    if (auto on = b.find("suppressed")) s.suppressed = readBool(*on, b.path().member("suppressed"));
    s.reason = b.optionalString("reason", kTextRule);
    return s;
}

template <class V> IncidentGrade readGrade(const V& v, const JsonPath& path) {
    if (v.kind() != JsonKind::String) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto grade = incidentGradeFromWire(v.asString())) return *grade;
    failAt(RejectReason::BadValue, path,
           "expected one of general|larger|major|especially_major, got " + quoteForDetail(v.asString()));
}

template <class V> EventBody readIncidentUpsert(const ObjectReader<V>& b) {
    IncidentUpsert u;
    Incident& i = u.incident;
    i.id = b.requiredString("id", kIdRule);
    i.title = b.requiredString("title", kRequiredTextRule);
    i.grade = readGrade(b.require("grade"), b.path().member("grade"));
    i.site = b.optionalString("site", kTextRule);
    i.alarms = readIdList(b, "alarms", false);
    i.occurred_ms = b.optionalInt("occurred_at", 0, kMaxMs, 0);
    return u;
}

template <class V> EventBody readCallAnswer(const ObjectReader<V>& b) {
    CallAnswer a;
    a.alarm_id = b.requiredString("alarm", kIdRule);
    a.call_id = b.requiredString("call", kCallIdRule);
    a.answered_ms = b.optionalInt("answered_at", 0, kMaxMs, 0);
    if (b.find("channel")) a.channel = readChoice(b, "channel", {"voice", "sms", "app"});
    a.note = b.optionalString("note", kTextRule);
    return a;
}

template <class V> EventBody readAlarmShelve(const ObjectReader<V>& b) {
    AlarmShelve s;
    s.id = b.requiredString("id", kIdRule);
    s.until_ms = b.requiredInt("until", 1, kMaxMs);
    s.reason = b.requiredString("reason", kRequiredTextRule);
    s.operator_name = b.requiredString("operator", kIdRule);
    return s;
}

template <class V> EventBody readAlarmUnshelve(const ObjectReader<V>& b) {
    AlarmUnshelve u;
    u.id = b.requiredString("id", kIdRule);
    u.operator_name = b.requiredString("operator", kIdRule);
    u.cause = readChoice(b, "cause", {"operator", "expired"});
    return u;
}

template <class V> EventBody readSopStepSet(const ObjectReader<V>& b) {
    SopStepSet s;
    s.alarm_id = b.requiredString("alarm", kIdRule);
    s.step = static_cast<int>(b.requiredInt("step", 0, 255));
    s.done = b.requiredBool("done");
    s.operator_name = b.requiredString("operator", kIdRule);
    return s;
}

template <class V> EventBody readCallAnswerRecord(const ObjectReader<V>& b) {
    CallAnswerRecord r;
    r.answer.alarm_id = b.requiredString("alarm", kIdRule);
    r.answer.call_id = b.requiredString("call", kCallIdRule);
    r.answer.answered_ms = b.optionalInt("answered_at", 0, kMaxMs, 0);
    r.answer.channel = "manual";
    r.answer.note = b.optionalString("note", kTextRule);
    r.operator_name = b.requiredString("operator", kIdRule);
    return r;
}

template <class V> EventBody readIncidentReported(const ObjectReader<V>& b) {
    IncidentReported r;
    r.id = b.requiredString("id", kIdRule);
    r.operator_name = b.requiredString("operator", kIdRule);
    r.note = b.optionalString("note", kTextRule);
    return r;
}

template <class V> EventBody readSoundMute(const ObjectReader<V>& b) {
    SoundMute m;
    m.level = readLevel(b.require("level"), b.path().member("level"));
    m.muted = b.requiredBool("muted");
    m.operator_name = b.requiredString("operator", kIdRule);
    return m;
}

template <class V> EventBody readCallPlace(const ObjectReader<V>& b) {
    CallPlace p;
    p.alarm_id = b.requiredString("alarm", kIdRule);
    b.withObject("call", true, [&](const ObjectReader<V>& c) {
        p.call.id = c.requiredString("id", kCallIdRule);
        p.call.person = readResponderMembers(c);
        p.call.tier = static_cast<int>(c.requiredInt("tier", 0, 255));
        p.call.deadline_ms = c.requiredInt("deadline", 0, kMaxMs);
    });
    p.cause = b.optionalString("cause", kTextRule);
    return p;
}

template <class V> EventBody readCallEscalate(const ObjectReader<V>& b) {
    CallEscalate e;
    e.alarm_id = b.requiredString("alarm", kIdRule);
    e.call_id = b.requiredString("call", kCallIdRule);
    e.to_call_id = b.optionalString("to_call", StringRule{kCallIdRule.max_bytes, true, false});
    return e;
}

template <class V> EventBody readLinkageShow(const ObjectReader<V>& b) {
    LinkageShow l;
    l.region = b.requiredString("region", kIdRule);
    l.alarm_id = b.optionalString("alarm", StringRule{kMaxIdBytes, true, false});
    l.cameras = readIdList(b, "cameras", false);
    l.cause = b.optionalString("cause", kShortTextRule);
    return l;
}

template <class V> EventBody readFeedResync(const ObjectReader<V>& b) {
    constexpr uint64_t kAny = std::numeric_limits<uint64_t>::max();
    auto seqOrZero = [&](std::string_view key) -> uint64_t {
        auto m = b.find(key);
        return m ? readUint(*m, b.path().member(key), 0, kAny) : 0;
    };
    FeedResync r;
    r.source = b.requiredString("source", kSourceRule);
    r.phase = b.requiredString("phase", kIdRule);
    if (r.phase != "started" && r.phase != "done") failAt(RejectReason::BadValue, b.path().member("phase"), "expected started|done");
    r.reason = b.requiredString("reason", kIdRule);
    r.epoch = seqOrZero("epoch");
    r.expected_seq = seqOrZero("expected");
    r.received_seq = seqOrZero("received");
    r.snapshot_seq = seqOrZero("snapshot_seq");
    return r;
}

// [SECTION] type table

struct BodyType {
    const char* name;
    EventBody (*read_simd)(const ObjectReader<SimdValue>&);
    EventBody (*read_nlohmann)(const ObjectReader<NlohmannValue>&);
    bool operator_action; // journaled by the console itself; refused from backends

    EventBody read(const ObjectReader<SimdValue>& b) const { return read_simd(b); }
    EventBody read(const ObjectReader<NlohmannValue>& b) const { return read_nlohmann(b); }
};

#define WALL_BODY_TYPE(name, reader, action) {name, reader<SimdValue>, reader<NlohmannValue>, action}
// One entry per EventBody alternative (round_trip_test checks that each name reads back its body).
constexpr std::array<BodyType, std::variant_size_v<EventBody>> kBodyTypes{{
    WALL_BODY_TYPE("alarm.raise", readAlarmRaise, false),
    WALL_BODY_TYPE("alarm.update", readAlarmUpdate, false),
    WALL_BODY_TYPE("alarm.clear", readAlarmClear, false),
    WALL_BODY_TYPE("roster.set", readRosterSet, false),
    WALL_BODY_TYPE("task.upsert", readTaskUpsert, false),
    WALL_BODY_TYPE("camera.upsert", readCameraUpsert, false),
    WALL_BODY_TYPE("layout.switch", readLayoutSwitch, false),
    WALL_BODY_TYPE("heartbeat", readHeartbeat, false),
    WALL_BODY_TYPE("action.alarm.ack", readAlarmAck, true),
    WALL_BODY_TYPE("action.task.status", readTaskStatusSet, true),
    WALL_BODY_TYPE("camera.state", readCameraStreamState, true),
    WALL_BODY_TYPE("alarm.suppress", readAlarmSuppress, false),
    WALL_BODY_TYPE("incident.upsert", readIncidentUpsert, false),
    WALL_BODY_TYPE("callresponse.answer", readCallAnswer, false),
    WALL_BODY_TYPE("action.alarm.shelve", readAlarmShelve, true),
    WALL_BODY_TYPE("action.alarm.unshelve", readAlarmUnshelve, true),
    WALL_BODY_TYPE("action.alarm.sop", readSopStepSet, true),
    WALL_BODY_TYPE("action.callresponse.answer", readCallAnswerRecord, true),
    WALL_BODY_TYPE("action.incident.reported", readIncidentReported, true),
    WALL_BODY_TYPE("action.sound.mute", readSoundMute, true),
    WALL_BODY_TYPE("callresponse.call", readCallPlace, true),
    WALL_BODY_TYPE("callresponse.escalate", readCallEscalate, true),
    WALL_BODY_TYPE("linkage.show", readLinkageShow, true),
    WALL_BODY_TYPE("feed.resync", readFeedResync, true),
}};
#undef WALL_BODY_TYPE
static_assert(std::none_of(kBodyTypes.begin(), kBodyTypes.end(), [](const BodyType& t) { return t.name == nullptr; }),
              "kBodyTypes has fewer entries than EventBody has alternatives");

const BodyType* findType(std::string_view name) {
    for (const BodyType& t : kBodyTypes)
        if (name == t.name) return &t;
    return nullptr;
}

const char* kBackendTypeList =
    "alarm.raise|alarm.update|alarm.clear|alarm.suppress|roster.set|task.upsert|camera.upsert|layout.switch|heartbeat|"
    "incident.upsert|callresponse.answer";

// [SECTION] envelope

// The type name from a "type" member; throws unknown_type naming what is allowed.
template <class V> const BodyType& requireType(const V& value, const JsonPath& path, bool allow_actions) {
    const std::string name = readString(value, path, kIdRule);
    const BodyType* type = findType(name);
    if (!type) failAt(RejectReason::UnknownType, path, "unknown type " + quoteForDetail(name) + ", expected one of " + kBackendTypeList);
    if (type->operator_action && !allow_actions)
        failAt(RejectReason::UnknownType, path, quoteForDetail(name) + " is an operator action or a console decision; only the console itself may publish it");
    return *type;
}

// Fills rejection.source/seq from the root when they are valid, whatever else is wrong,
// so the sender can match the refusal to the message.
template <class V> void nameTheMessage(const V& root, const JsonPath& path, Rejection& rejection) {
    if (root.kind() != JsonKind::Object) return;
    if (auto source = root.member("source"))
        try { rejection.source = readString(*source, path.member("source"), kSourceRule); } catch (const FieldError&) {}
    if (auto seq = root.member("seq"))
        try {
            rejection.seq = readUint(*seq, path.member("seq"), 1, std::numeric_limits<uint64_t>::max());
            rejection.has_seq = true;
        } catch (const FieldError&) {}
}

template <class V> ParseResult readEnvelope(const V& doc, bool from_feed) {
    const JsonPath root = JsonPath::root("message", true);
    Rejection rejection;
    if (doc.kind() != JsonKind::Object) {
        rejection.reason = RejectReason::NotJson;
        rejection.detail = "message: expected a JSON object, got " + describe(doc);
        return rejection;
    }
    try {
        ObjectReader<V> envelope(doc, root);
        const auto v = envelope.find("v");
        if (!v) failAt(RejectReason::BadVersion, root.member("v"), "required field is missing (this console speaks v 1)");
        const bool is_one = (v->kind() == JsonKind::Int && v->asInt() == kVersion) ||
                            (v->kind() == JsonKind::Uint && v->asUint() == static_cast<uint64_t>(kVersion));
        if (!is_one) failAt(RejectReason::BadVersion, root.member("v"), "expected 1, got " + describe(*v));

        Event event;
        event.source = envelope.requiredString("source", kSourceRule);
        if (!from_feed && event.source == kOperatorSource)
            failAt(RejectReason::BadValue, root.member("source"), "\"operator\" is reserved for the console's own actions");
        event.seq = envelope.requiredUint("seq", 1, std::numeric_limits<uint64_t>::max());
        event.ts_ms = envelope.requiredInt("ts", 0, kMaxMs);
        const BodyType& type = requireType(envelope.require("type"), root.member("type"), from_feed);
        ObjectReader<V> body(envelope.require("body"), root.member("body"));
        event.body = type.read(body);

        Accepted accepted;
        accepted.body_json = encodeBody(event.body);
        accepted.event = std::move(event);
        accepted.type = type.name;
        return accepted;
    } catch (FieldError& e) {
        nameTheMessage(doc, root, rejection);
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

template <class V> std::variant<EventBody, Rejection> readBody(const BodyType& type, const V& doc) {
    try {
        ObjectReader<V> body(doc, JsonPath::root("body", false));
        return type.read(body);
    } catch (FieldError& e) {
        Rejection rejection;
        rejection.reason = e.reason;
        rejection.detail = std::move(e.detail);
        return rejection;
    }
}

// [SECTION] parsers

// True when some object in the document repeats a member name. simdjson keeps
// duplicates and at_key() returns the first; such documents go to the
// nlohmann path, which refuses them naming the member.
bool hasDuplicateMembers(simdjson::dom::element e) {
    simdjson::dom::array arr; // named: iterating a temporary result would dangle
    if (e.get_array().get(arr) == simdjson::SUCCESS) {
        for (simdjson::dom::element child : arr)
            if (hasDuplicateMembers(child)) return true;
        return false;
    }
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
    std::array<std::string_view, 24> small;
    std::vector<std::string_view> large;
    size_t n = 0;
    for (simdjson::dom::key_value_pair member : obj) {
        if (n < small.size()) small[n] = member.key;
        else {
            if (large.empty()) large.assign(small.begin(), small.end());
            large.push_back(member.key);
        }
        ++n;
        if (hasDuplicateMembers(member.value)) return true;
    }
    auto sorted_has_adjacent = [](auto begin, auto end) {
        std::sort(begin, end);
        return std::adjacent_find(begin, end) != end;
    };
    return large.empty() ? sorted_has_adjacent(small.begin(), small.begin() + n)
                         : sorted_has_adjacent(large.begin(), large.end());
}

// One simdjson parser per thread: it is not thread-safe, and reusing it keeps
// its buffers (sized to the largest message seen) instead of allocating per message.
simdjson::dom::parser& threadParser() {
    thread_local simdjson::dom::parser parser = [] {
        simdjson::dom::parser p;
        // Depth is what matters here; capacity grows on demand. Should allocation fail,
        // parse() fails too and every message takes the nlohmann path: slower, same verdicts.
        if (p.allocate(64 * 1024, kMaxNestingDepth) != simdjson::SUCCESS) return simdjson::dom::parser{};
        return p;
    }();
    return parser;
}

// The fast path: the document when simdjson accepts it and it has no duplicate members.
std::optional<simdjson::dom::element> fastParse(std::string_view bytes) {
    simdjson::dom::element root;
    if (threadParser().parse(bytes.data(), bytes.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
    if (hasDuplicateMembers(root)) return std::nullopt;
    return root;
}

ParseResult parseEnvelope(std::string_view bytes, size_t max_bytes, bool from_feed, ParserChoice choice) {
    if (bytes.size() > max_bytes) {
        Rejection rejection;
        rejection.reason = RejectReason::Oversize;
        rejection.detail = "message: " + std::to_string(bytes.size()) + " bytes exceed the limit of " +
                           std::to_string(max_bytes) + " bytes";
        return rejection;
    }
    if (choice == ParserChoice::Auto)
        if (auto root = fastParse(bytes)) return readEnvelope(SimdValue(*root), from_feed);

    json doc;
    DocumentError doc_error;
    if (!parseDocument(bytes, doc, doc_error)) {
        // A document that broke off half-way still holds the members read before the break.
        Rejection rejection;
        nameTheMessage(NlohmannValue(doc), JsonPath::root("message", true), rejection);
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    return readEnvelope(NlohmannValue(doc), from_feed);
}

} // namespace

// [SECTION] raw member scan

namespace {

// A lenient reader over raw bytes that may not be JSON at all: it finds the
// root object's members without validating anything else.
class RawMemberScan {
public:
    explicit RawMemberScan(std::string_view bytes) : s_(bytes) {}

    template <class Visit> void members(Visit& visit) {
        skipSpace();
        if (s_.substr(pos_, 3) == "\xEF\xBB\xBF") pos_ += 3;
        skipSpace();
        if (!take('{')) return;
        for (;;) {
            skipSpace();
            std::string_view key;
            if (!readString(key)) return;
            skipSpace();
            if (!take(':')) return;
            skipSpace();
            const size_t start = pos_;
            if (!skipValue()) return;
            size_t end = pos_;
            while (end > start && isSpace(s_[end - 1])) --end;
            if (!key.empty() && !visit(key, s_.substr(start, end - start))) return;
            skipSpace();
            if (!take(',')) return;
        }
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    bool take(char c) {
        if (pos_ < s_.size() && s_[pos_] == c) { ++pos_; return true; }
        return false;
    }
    void skipSpace() { while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_; }
    // A string's raw content; empty for one with escapes (names are compared unescaped by the real parsers).
    bool readString(std::string_view& out) {
        if (!take('"')) return false;
        const size_t start = pos_;
        bool escaped = false;
        for (; pos_ < s_.size(); ++pos_) {
            if (s_[pos_] == '\\') { escaped = true; ++pos_; continue; }
            if (s_[pos_] == '"') {
                out = escaped ? std::string_view{} : s_.substr(start, pos_ - start);
                ++pos_;
                return true;
            }
        }
        return false;
    }
    // To the end of the value: the ',' or '}' after it at the root's level.
    bool skipValue() {
        int depth = 0;
        bool in_string = false;
        for (; pos_ < s_.size(); ++pos_) {
            const char c = s_[pos_];
            if (in_string) {
                if (c == '\\') ++pos_;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return true;
                --depth;
            } else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return depth == 0 && !in_string;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

// A JSON integer as written (so it can be echoed verbatim): no leading zeros, at most 40 digits.
bool isIntegerToken(std::string_view t) {
    const size_t digits = !t.empty() && t[0] == '-' ? 1 : 0;
    if (t.size() <= digits || t.size() > 40) return false;
    if (t[digits] == '0' && t.size() > digits + 1) return false;
    return std::all_of(t.begin() + digits, t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void scanRawMembers(std::string_view bytes, const std::function<bool(std::string_view, std::string_view)>& visit) {
    RawMemberScan(bytes).members(visit);
}

std::string_view rawPlainString(std::string_view raw_value) {
    if (raw_value.size() < 2 || raw_value.front() != '"' || raw_value.back() != '"') return {};
    const std::string_view inner = raw_value.substr(1, raw_value.size() - 2);
    if (inner.find('\\') != std::string_view::npos || inner.find('"') != std::string_view::npos) return {};
    return inner;
}

void nameRefusedMessage(std::string_view bytes, Rejection& rejection) {
    if (rejection.has_seq && !rejection.source.empty()) return;
    bool seq_seen = false, source_seen = false;
    scanRawMembers(bytes, [&](std::string_view key, std::string_view raw) {
        if (key == "seq" && !seq_seen) {
            seq_seen = true;
            if (!rejection.has_seq && isIntegerToken(raw)) rejection.seq_as_sent = std::string(raw);
        } else if (key == "source" && !source_seen) {
            source_seen = true;
            const std::string_view source = rawPlainString(raw);
            if (rejection.source.empty() && !source.empty() && source.size() <= kMaxSourceBytes && isValidUtf8(source) &&
                std::none_of(source.begin(), source.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
                rejection.source = std::string(source);
        }
        return !(seq_seen && source_seen);
    });
}

// [SECTION] public entry points

ParseResult parseMessageWith(std::string_view bytes, size_t max_bytes, bool from_feed, ParserChoice choice) {
    ParseResult result = parseEnvelope(bytes, max_bytes, from_feed, choice);
    // Oversize is not scanned: the bytes may be anything up to the socket limit.
    if (auto* refused = std::get_if<Rejection>(&result); refused && refused->reason != RejectReason::Oversize)
        nameRefusedMessage(bytes, *refused);
    return result;
}

ParseResult parseMessage(std::string_view bytes, size_t max_bytes) {
    return parseMessageWith(bytes, max_bytes, false, ParserChoice::Auto);
}

ParseResult parseFeedMessage(std::string_view bytes, size_t max_bytes) {
    return parseMessageWith(bytes, max_bytes, true, ParserChoice::Auto);
}

std::variant<EventBody, Rejection> parseBodyWith(std::string_view type_name, std::string_view body_json, ParserChoice choice) {
    const BodyType* type = findType(type_name);
    if (!type) {
        Rejection rejection;
        rejection.reason = RejectReason::UnknownType;
        rejection.detail = "type: unknown type " + quoteForDetail(type_name);
        return rejection;
    }
    if (choice == ParserChoice::Auto)
        if (auto root = fastParse(body_json)) return readBody(*type, SimdValue(*root));
    json doc;
    DocumentError doc_error;
    if (!parseDocument(body_json, doc, doc_error, DocumentNaming{"body", false})) {
        Rejection rejection;
        rejection.reason = doc_error.reason;
        rejection.detail = std::move(doc_error.detail);
        return rejection;
    }
    return readBody(*type, NlohmannValue(doc));
}

std::variant<EventBody, Rejection> parseBody(std::string_view type_name, std::string_view body_json) {
    return parseBodyWith(type_name, body_json, ParserChoice::Auto);
}

} // namespace wall::protocol
