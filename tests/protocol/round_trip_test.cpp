// Canonical encoding: parseBody(type, encodeBody(b)) gives back b for every
// type, field by field, and parseMessage(encodeEnvelope(e)) gives back e.
// Field-by-field comparisons (not re-encoding) so a field the encoder drops
// cannot hide on both sides.
#include "protocol_test_support.hpp"

#include "model/message_types.hpp"

#include <limits>

namespace wall::protocol::test {
namespace {

// Strings that stress escaping: quotes, backslash, newline, tab, 4-byte UTF-8, Traditional script.
const std::string kTricky = "\"引号\" \\ 反斜杠\n第二行\t制表 🚒 咸寧市通山縣";

void expectSamePerson(const Person& a, const Person& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.role, b.role);
    EXPECT_EQ(a.phone, b.phone);
}

void expectSameResponder(const Responder& a, const Responder& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.role, b.role);
    EXPECT_EQ(a.grid, b.grid);
    EXPECT_EQ(a.phone, b.phone);
}

void expectSameAnswer(const CallAnswer& a, const CallAnswer& b) {
    EXPECT_EQ(a.alarm_id, b.alarm_id);
    EXPECT_EQ(a.call_id, b.call_id);
    EXPECT_EQ(a.answered_ms, b.answered_ms);
    EXPECT_EQ(a.channel, b.channel);
    EXPECT_EQ(a.note, b.note);
}

// No catch-all: a body type without a comparison here does not compile.
struct SameBody {
    const EventBody& other;
    void operator()(const AlarmRaise& a) {
        const Alarm& b = std::get<AlarmRaise>(other).alarm;
        expectSameAlarmWireFields(a.alarm, b);
        ASSERT_EQ(a.alarm.responders.size(), b.responders.size());
        for (size_t i = 0; i < b.responders.size(); ++i) expectSameResponder(a.alarm.responders[i], b.responders[i]);
    }
    void operator()(const AlarmUpdate& a) {
        const auto& b = std::get<AlarmUpdate>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.level, b.level);
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.message, b.message);
        EXPECT_EQ(a.cameras, b.cameras);
    }
    void operator()(const AlarmClear& a) { EXPECT_EQ(a.id, std::get<AlarmClear>(other).id); }
    void operator()(const RosterSet& a) {
        const auto& b = std::get<RosterSet>(other);
        EXPECT_EQ(a.roster.date, b.roster.date);
        ASSERT_EQ(a.roster.shifts.size(), b.roster.shifts.size());
        for (size_t i = 0; i < a.roster.shifts.size(); ++i) {
            const Shift& x = a.roster.shifts[i];
            const Shift& y = b.roster.shifts[i];
            EXPECT_EQ(x.label, y.label);
            EXPECT_EQ(x.start_ms, y.start_ms);
            EXPECT_EQ(x.end_ms, y.end_ms);
            expectSamePerson(x.leader, y.leader);
            ASSERT_EQ(x.officers.size(), y.officers.size());
            for (size_t j = 0; j < x.officers.size(); ++j) expectSamePerson(x.officers[j], y.officers[j]);
            ASSERT_EQ(x.contacts.size(), y.contacts.size());
            for (size_t j = 0; j < x.contacts.size(); ++j) expectSamePerson(x.contacts[j], y.contacts[j]);
        }
    }
    void operator()(const TaskUpsert& a) {
        const Task& x = a.task;
        const Task& y = std::get<TaskUpsert>(other).task;
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.title, y.title);
        EXPECT_EQ(x.commander, y.commander);
        EXPECT_EQ(x.commander_phone, y.commander_phone);
        EXPECT_EQ(x.site, y.site);
        EXPECT_EQ(x.incident, y.incident);
        EXPECT_EQ(x.deadline_ms, y.deadline_ms);
        EXPECT_EQ(x.status, y.status);
        EXPECT_EQ(x.note, y.note);
    }
    void operator()(const CameraUpsert& a) {
        const Camera& x = a.camera;
        const Camera& y = std::get<CameraUpsert>(other).camera;
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.site, y.site);
        EXPECT_EQ(x.main_url, y.main_url);
        EXPECT_EQ(x.sub_url, y.sub_url);
        EXPECT_EQ(x.group, y.group);
    }
    void operator()(const LayoutSwitch& a) { EXPECT_EQ(a.layout, std::get<LayoutSwitch>(other).layout); }
    void operator()(const Heartbeat&) { EXPECT_TRUE(std::holds_alternative<Heartbeat>(other)); }
    void operator()(const AlarmAck& a) {
        const auto& b = std::get<AlarmAck>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const TaskStatusSet& a) {
        const auto& b = std::get<TaskStatusSet>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const CameraStreamState& a) const {
        const auto& b = std::get<CameraStreamState>(other);
        EXPECT_EQ(a.camera_id, b.camera_id);
        EXPECT_EQ(a.stream, b.stream);
        EXPECT_EQ(a.state, b.state);
        EXPECT_EQ(a.reason, b.reason);
    }
    void operator()(const AlarmSuppress& a) {
        const auto& b = std::get<AlarmSuppress>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.suppressed, b.suppressed);
        EXPECT_EQ(a.reason, b.reason);
    }
    void operator()(const IncidentUpsert& a) {
        const Incident& x = a.incident;
        const Incident& y = std::get<IncidentUpsert>(other).incident;
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.title, y.title);
        EXPECT_EQ(x.grade, y.grade);
        EXPECT_EQ(x.site, y.site);
        EXPECT_EQ(x.alarms, y.alarms);
        EXPECT_EQ(x.occurred_ms, y.occurred_ms);
    }
    void operator()(const CallAnswer& a) { expectSameAnswer(a, std::get<CallAnswer>(other)); }
    void operator()(const AlarmShelve& a) {
        const auto& b = std::get<AlarmShelve>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.until_ms, b.until_ms);
        EXPECT_EQ(a.reason, b.reason);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const AlarmUnshelve& a) {
        const auto& b = std::get<AlarmUnshelve>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.operator_name, b.operator_name);
        EXPECT_EQ(a.cause, b.cause);
    }
    void operator()(const SopStepSet& a) {
        const auto& b = std::get<SopStepSet>(other);
        EXPECT_EQ(a.alarm_id, b.alarm_id);
        EXPECT_EQ(a.step, b.step);
        EXPECT_EQ(a.done, b.done);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const CallAnswerRecord& a) {
        const auto& b = std::get<CallAnswerRecord>(other);
        expectSameAnswer(a.answer, b.answer);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const IncidentReported& a) {
        const auto& b = std::get<IncidentReported>(other);
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.operator_name, b.operator_name);
        EXPECT_EQ(a.note, b.note);
    }
    void operator()(const SoundMute& a) {
        const auto& b = std::get<SoundMute>(other);
        EXPECT_EQ(a.level, b.level);
        EXPECT_EQ(a.muted, b.muted);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const CallPlace& a) {
        const auto& b = std::get<CallPlace>(other);
        EXPECT_EQ(a.alarm_id, b.alarm_id);
        EXPECT_EQ(a.call.id, b.call.id);
        expectSameResponder(a.call.person, b.call.person);
        EXPECT_EQ(a.call.tier, b.call.tier);
        EXPECT_EQ(a.call.deadline_ms, b.call.deadline_ms);
        EXPECT_EQ(a.cause, b.cause);
    }
    void operator()(const CallEscalate& a) {
        const auto& b = std::get<CallEscalate>(other);
        EXPECT_EQ(a.alarm_id, b.alarm_id);
        EXPECT_EQ(a.call_id, b.call_id);
        EXPECT_EQ(a.to_call_id, b.to_call_id);
    }
    void operator()(const FeedResync& a) {
        const auto& b = std::get<FeedResync>(other);
        EXPECT_EQ(a.source, b.source);
        EXPECT_EQ(a.phase, b.phase);
        EXPECT_EQ(a.reason, b.reason);
        EXPECT_EQ(a.epoch, b.epoch);
        EXPECT_EQ(a.expected_seq, b.expected_seq);
        EXPECT_EQ(a.received_seq, b.received_seq);
        EXPECT_EQ(a.snapshot_seq, b.snapshot_seq);
    }
    void operator()(const ConsoleStart& a) {
        const auto& b = std::get<ConsoleStart>(other);
        EXPECT_EQ(a.version, b.version);
        EXPECT_EQ(a.demo, b.demo);
        EXPECT_EQ(a.recovered_events, b.recovered_events);
        EXPECT_EQ(a.replayed, b.replayed);
        EXPECT_EQ(a.skipped, b.skipped);
        EXPECT_EQ(a.damage, b.damage);
    }
    void operator()(const LinkageShow& a) {
        const auto& b = std::get<LinkageShow>(other);
        EXPECT_EQ(a.region, b.region);
        EXPECT_EQ(a.alarm_id, b.alarm_id);
        EXPECT_EQ(a.cameras, b.cameras);
        EXPECT_EQ(a.cause, b.cause);
    }
    void operator()(const DrillStart& a) {
        const auto& b = std::get<DrillStart>(other);
        EXPECT_EQ(a.drill_id, b.drill_id);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.kind, b.kind);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const DrillEnd& a) {
        const auto& b = std::get<DrillEnd>(other);
        EXPECT_EQ(a.drill_id, b.drill_id);
        EXPECT_EQ(a.operator_name, b.operator_name);
    }
    void operator()(const LinkStateChange& a) {
        const auto& b = std::get<LinkStateChange>(other);
        EXPECT_EQ(a.source, b.source);
        EXPECT_EQ(a.state, b.state);
        EXPECT_EQ(a.silent_ms, b.silent_ms);
    }
    void operator()(const ReportingRules& a) { EXPECT_EQ(a.windows, std::get<ReportingRules>(other).windows); }
};
static_assert(std::variant_size_v<EventBody> == 29,
              "a new event body: add it to SameBody and everyKindOfBody, then update this count");

void expectSameBody(const EventBody& a, const EventBody& b) {
    ASSERT_EQ(a.index(), b.index()) << eventTypeName(a) << " vs " << eventTypeName(b);
    std::visit(SameBody{b}, a);
}

Person person(const std::string& name, const std::string& role, const std::string& phone) { return {name, role, phone}; }

// One body of every type with every wire field set (and a few minimal ones).
std::vector<EventBody> everyKindOfBody() {
    std::vector<EventBody> bodies;
    Alarm a;
    a.id = "HZ-SZ-0088";
    a.level = WarningLevel::Orange;
    a.category = "hazchem";
    a.title = "苏州某化工园区3号储罐压力超限";
    a.message = kTricky;
    a.site = {"苏州工业园区", "唯亭街道", "青苑社区", "3号罐区"};
    a.device = "压力变送器 PT-303";
    a.cameras = {"cam-tank-3", "cam-gate"};
    a.raised_ms = 1783989000000;
    a.responders = {Responder{"周建华", "园区安全总监", "苏州工业园区/唯亭街道", "139-1234-5678"},
                    Responder{"顧明", "", "", ""}};
    bodies.push_back(AlarmRaise{a});
    Alarm minimal;
    minimal.id = "M1";
    minimal.level = WarningLevel::Blue;
    minimal.category = "road";
    minimal.title = "路面塌陷";
    bodies.push_back(AlarmRaise{minimal});

    bodies.push_back(AlarmUpdate{"HZ-SZ-0088", WarningLevel::Red, std::string("升级为红色"), std::string(""),
                                 std::vector<std::string>{}});
    bodies.push_back(AlarmUpdate{"HZ-SZ-0088", std::nullopt, std::nullopt, kTricky, std::nullopt});
    bodies.push_back(AlarmClear{"HZ-SZ-0088"});

    Roster r;
    r.date = "2026-07-14";
    Shift s;
    s.label = "白班";
    s.start_ms = 1783987200000;
    s.end_ms = 1784030400000;
    s.leader = person("李建国", "带班领导", "0795-3561001");
    s.officers = {person("王晓燕", "值班员", "138-0795-2210"), person("陈志强", "", "")};
    s.contacts = {person("刘洋", "水利局联络员", "0795-3562110")};
    r.shifts.push_back(s);
    Shift night;
    night.label = "夜班";
    night.start_ms = 1784030400000;
    night.end_ms = 1784073600000;
    night.leader = person("张卫东", "", "");
    r.shifts.push_back(night);
    bodies.push_back(RosterSet{r});

    Task t;
    t.id = "T-1";
    t.title = "秦皇島沿海防潮巡查";
    t.commander = "孙海";
    t.commander_phone = "135-0000-0000";
    t.site = "秦皇島北戴河";
    t.incident = "台风";
    t.deadline_ms = 1783999999000;
    t.status = TaskStatus::Accepted;
    t.note = kTricky;
    bodies.push_back(TaskUpsert{t});

    Camera c{"cam-xn-1", "咸寧溫泉大橋", "咸寧市", "rtsp://10.1.1.1/main", "rtsp://10.1.1.1/sub", "咸寧"};
    bodies.push_back(CameraUpsert{c});
    bodies.push_back(LayoutSwitch{"review"});
    bodies.push_back(Heartbeat{});
    bodies.push_back(AlarmAck{"HZ-SZ-0088", "王晓燕"});
    bodies.push_back(TaskStatusSet{"T-1", TaskStatus::Done, "陈志强"});
    bodies.push_back(CameraStreamState{"cam-xn-1", "main", "stalled", "timed out"});
    bodies.push_back(CameraStreamState{"cam-xn-1", "sub", "live", ""});

    bodies.push_back(AlarmSuppress{"HZ-SZ-0088", true, "传感器检修 " + kTricky});
    bodies.push_back(AlarmSuppress{"HZ-SZ-0088", false, ""});
    Incident inc;
    inc.id = "INC-0714-01";
    inc.title = "袁州区7·14强降雨山洪";
    inc.grade = IncidentGrade::Larger;
    inc.site = "袁州区洪塘镇";
    inc.alarms = {"RAIN-YZ-0714-003", "HZ-SZ-0088"};
    inc.occurred_ms = 1783989100000;
    bodies.push_back(IncidentUpsert{inc});
    Incident bare;
    bare.id = "INC-2";
    bare.title = "較大火災";
    bare.grade = IncidentGrade::Especially;
    bodies.push_back(IncidentUpsert{bare});
    bodies.push_back(CallAnswer{"HZ-SZ-0088", "HZ-SZ-0088#1", 1783989200000, "sms", "已组织转移 " + kTricky});
    bodies.push_back(CallAnswer{"HZ-SZ-0088", "HZ-SZ-0088#2", 0, "", ""});
    bodies.push_back(AlarmShelve{"HZ-SZ-0088", 1783992600000, "现场检修，误报", "王晓燕"});
    bodies.push_back(AlarmUnshelve{"HZ-SZ-0088", "console", "expired"});
    bodies.push_back(AlarmUnshelve{"HZ-SZ-0088", "王晓燕", "operator"});
    bodies.push_back(SopStepSet{"HZ-SZ-0088", 255, false, "陈志强"});
    bodies.push_back(SopStepSet{"HZ-SZ-0088", 0, true, "陈志强"});
    bodies.push_back(CallAnswerRecord{CallAnswer{"HZ-SZ-0088", "HZ-SZ-0088#1", 0, "manual", "已电话确认"}, "王晓燕"});
    bodies.push_back(CallAnswerRecord{CallAnswer{"HZ-SZ-0088", "HZ-SZ-0088#2", 1783989300000, "manual", ""}, "王晓燕"});
    bodies.push_back(IncidentReported{"INC-0714-01", "李建国", "已电话报告市应急管理局"});
    bodies.push_back(IncidentReported{"INC-0714-01", "李建国", ""});
    bodies.push_back(SoundMute{WarningLevel::Yellow, true, "王晓燕"});
    bodies.push_back(SoundMute{WarningLevel::Red, false, "王晓燕"});
    Call call;
    call.id = "HZ-SZ-0088#1";
    call.person = Responder{"周建华", "园区安全总监", "苏州工业园区/唯亭街道", "139-1234-5678"};
    call.tier = 0;
    call.deadline_ms = 1783989600000;
    bodies.push_back(CallPlace{"HZ-SZ-0088", call, "raise"});
    call.id = std::string(128, 'A') + "#12345";  // the longest alarm id plus a call number
    call.person = Responder{"吴刚", "", "", ""};
    call.tier = 1;
    bodies.push_back(CallPlace{"HZ-SZ-0088", call, ""});
    bodies.push_back(CallEscalate{"HZ-SZ-0088", "HZ-SZ-0088#1", "HZ-SZ-0088#2"});
    bodies.push_back(CallEscalate{"HZ-SZ-0088", "HZ-SZ-0088#2", ""});
    bodies.push_back(LinkageShow{"linkage", "HZ-SZ-0088", {"cam-tank-3", "cam-gate"}, "higher level"});
    bodies.push_back(LinkageShow{"linkage", "", {}, "ack+delay"});
    bodies.push_back(FeedResync{"袁州区-预警平台", "started", "gap", 1783989000000, 1042, 1044, 0});
    bodies.push_back(FeedResync{"yuanzhou-monitor", "done", "epoch", std::numeric_limits<uint64_t>::max(), 0, 0, std::numeric_limits<uint64_t>::max()});
    bodies.push_back(ConsoleStart{"0.1.0", true, 120345, 345, 2, ""});
    bodies.push_back(ConsoleStart{"0.1.0", false, 0, 0, 0, "日志损坏，已另存为 journal.db.damaged-20260714"});
    bodies.push_back(DrillStart{"DR-YZ-2026-07", "袁州区2026年山洪灾害防御实战演练", DrillKind::FullScale, "李建国"});
    bodies.push_back(DrillStart{"drill-20260714-093000", "桌面推演", DrillKind::Tabletop, ""});
    bodies.push_back(DrillEnd{"DR-YZ-2026-07", "李建国"});
    bodies.push_back(DrillEnd{"DR-YZ-2026-07", ""});
    bodies.push_back(LinkStateChange{"jingxian-tailings", "lost", 2600});
    bodies.push_back(LinkStateChange{"jingxian-tailings", "live", 0});
    bodies.push_back(ReportingRules{ReportWindows{60, 35, 30}});
    return bodies;
}

TEST(RoundTrip, ParseBodyOfEncodeBodyGivesTheSameBodyForEveryType) {
    int types_seen = 0;
    std::vector<bool> seen(std::variant_size_v<EventBody>, false);
    for (const EventBody& body : everyKindOfBody()) {
        SCOPED_TRACE(eventTypeName(body));
        const std::string text = encodeBody(body);
        auto parsed = parseBody(eventTypeName(body), text);
        ASSERT_TRUE(std::holds_alternative<EventBody>(parsed)) << std::get<Rejection>(parsed).detail << "\n" << text;
        expectSameBody(body, std::get<EventBody>(parsed));
        // Canonical: encoding again gives the same bytes.
        EXPECT_EQ(encodeBody(std::get<EventBody>(parsed)), text);
        if (!seen[body.index()]) ++types_seen;
        seen[body.index()] = true;
    }
    EXPECT_EQ(types_seen, static_cast<int>(std::variant_size_v<EventBody>)) << "a body type has no round-trip case";
}

TEST(RoundTrip, EnvelopeOfEveryBackendTypeParsesBackToTheSameEvent) {
    uint64_t seq = 1;
    for (const EventBody& body : everyKindOfBody()) {
        SCOPED_TRACE(eventTypeName(body));
        Event e;
        e.source = "袁州区-预警平台";
        e.seq = seq++;
        e.ts_ms = 1783989000000 + static_cast<int64_t>(seq);
        e.body = body;
        const std::string text = encodeEnvelope(e);
        // Types only the console publishes (operator actions, camera stream reports) parse on the feed.
        const std::string type = eventTypeName(body);
        const bool operator_action = kEventTypes[body.index()].sender != Sender::Backend;
        // ... and backends may not send them.
        if (operator_action) {
            const ParseResult from_backend = parseMessage(text);
            if (const Rejection* rej = rejected(from_backend)) {
                EXPECT_EQ(rej->reason, RejectReason::UnknownType);
            }
        }
        ParseResult r = operator_action ? parseFeedMessage(text) : parseMessage(text);
        const Accepted* a = accepted(r);
        ASSERT_NE(a, nullptr) << text;
        EXPECT_EQ(a->event.source, e.source);
        EXPECT_EQ(a->event.seq, e.seq);
        EXPECT_EQ(a->event.ts_ms, e.ts_ms);
        EXPECT_EQ(a->type, eventTypeName(body));
        EXPECT_EQ(a->body_json, encodeBody(body));
        expectSameBody(body, a->event.body);
    }
}

TEST(RoundTrip, CanonicalBodyDropsUnknownMembersAndIgnoresMemberOrder) {
    auto a = parseMessage(envelopeWith("alarm.clear", R"({"vendor":{"x":[1,2,3]},"id":"A1"})"));
    auto b = parseMessage(envelopeWith("alarm.clear", R"({"id":"A1"})"));
    ASSERT_NE(accepted(a), nullptr);
    ASSERT_NE(accepted(b), nullptr);
    EXPECT_EQ(accepted(a)->body_json, R"({"id":"A1"})");
    EXPECT_EQ(accepted(a)->body_json, accepted(b)->body_json);
}

TEST(RoundTrip, CanonicalTextIsCompactUtf8WithMinimalEscapes) {
    const std::string text = encodeBody(LayoutSwitch{"会商\"模式\"\n\x01"});
    EXPECT_EQ(text, "{\"layout\":\"会商\\\"模式\\\"\\n\\u0001\"}");
}

TEST(RoundTrip, EncodingNeverFailsOnInvalidUtf8FromInsideTheConsole) {
    // An operator name typed into the UI could in theory be broken UTF-8; the
    // encoder must still produce valid JSON (bad bytes become U+FFFD).
    const std::string text = encodeBody(AlarmAck{"A1", std::string("王\xff\xfe")});
    auto parsed = parseBody("action.alarm.ack", text);
    ASSERT_TRUE(std::holds_alternative<EventBody>(parsed)) << text;
    EXPECT_EQ(std::get<AlarmAck>(std::get<EventBody>(parsed)).operator_name, "王\xEF\xBF\xBD\xEF\xBF\xBD");
}

} // namespace
} // namespace wall::protocol::test
