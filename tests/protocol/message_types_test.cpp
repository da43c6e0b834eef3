// Every backend message type parses into the model with every field in place,
// using the realistic examples in corpus/valid (the same ones docs/protocol.md shows).
#include "protocol_test_support.hpp"

namespace wall::protocol::test {
namespace {

Accepted parseCorpus(const std::string& file) {
    const std::string bytes = readFile(std::filesystem::path(WALL_PROTOCOL_CORPUS_DIR) / "valid" / file);
    ParseResult result = parseMessage(bytes);
    const Accepted* a = accepted(result);
    return a ? *a : Accepted{};
}

TEST(MessageTypes, EveryValidCorpusFileIsAcceptedWithItsType) {
    const auto files = corpusFiles("valid");
    ASSERT_GE(files.size(), 8u);
    for (const auto& file : files) {
        SCOPED_TRACE(file.filename().string());
        const std::string bytes = readFile(file);
        ParseResult result = parseMessage(bytes);
        const Accepted* a = accepted(result);
        ASSERT_NE(a, nullptr);
        // File names start with the type: alarm.raise.json, alarm.raise.jingxian.json.
        EXPECT_EQ(file.filename().string().rfind(a->type + ".", 0), 0u);
        EXPECT_EQ(a->type, eventTypeName(a->event.body));
        EXPECT_EQ(a->event.recv_ms, 0) << "recv_ms is the ingest worker's to stamp";
        EXPECT_EQ(a->body_json, encodeBody(a->event.body));
    }
}

TEST(MessageTypes, AlarmRaiseCarriesEveryField) {
    const Accepted a = parseCorpus("alarm.raise.json");
    EXPECT_EQ(a.type, "alarm.raise");
    EXPECT_EQ(a.event.source, "yuanzhou-monitor");
    EXPECT_EQ(a.event.seq, 1041u);
    EXPECT_EQ(a.event.ts_ms, 1783989000000);
    const auto* raise = std::get_if<AlarmRaise>(&a.event.body);
    ASSERT_NE(raise, nullptr);
    const Alarm& alarm = raise->alarm;
    EXPECT_EQ(alarm.id, "RAIN-YZ-0714-003");
    EXPECT_EQ(alarm.level, WarningLevel::Red);
    EXPECT_EQ(alarm.category, "rain");
    EXPECT_EQ(alarm.title, "洪塘镇雨量站1小时降雨量超红色阈值");
    EXPECT_NE(alarm.message.find("86.5 毫米"), std::string::npos);
    EXPECT_EQ(alarm.site.county, "袁州区");
    EXPECT_EQ(alarm.site.township, "洪塘镇");
    EXPECT_EQ(alarm.site.village, "塘下村");
    EXPECT_EQ(alarm.site.area, "塘下村山洪危险区");
    EXPECT_EQ(alarm.device, "雨量站 YZ-HT-07");
    EXPECT_EQ(alarm.cameras, (std::vector<std::string>{"cam-ht-bridge", "cam-ht-school"}));
    EXPECT_EQ(alarm.raised_ms, 1783988940000);
    EXPECT_TRUE(alarm.source.empty()) << "apply() fills the source from the event, for live and replay alike";
}

TEST(MessageTypes, AlarmRaiseWithOnlyRequiredFieldsAndUnknownMembers) {
    const Accepted a = parseCorpus("alarm.raise.jingxian.json");
    const auto& alarm = std::get<AlarmRaise>(a.event.body).alarm;
    EXPECT_EQ(alarm.level, WarningLevel::Orange);
    EXPECT_EQ(alarm.site.county, "泾县");
    EXPECT_EQ(alarm.site.village, "");
    EXPECT_EQ(alarm.raised_ms, 0);
    EXPECT_EQ(a.body_json.find("extra_vendor_field"), std::string::npos) << "unknown members are not journaled";
}

TEST(MessageTypes, AlarmUpdateKeepsAbsentMembersUnset) {
    const Accepted a = parseCorpus("alarm.update.json");
    const auto& u = std::get<AlarmUpdate>(a.event.body);
    EXPECT_EQ(u.id, "RAIN-YZ-0714-003");
    EXPECT_FALSE(u.level.has_value());
    EXPECT_FALSE(u.title.has_value());
    ASSERT_TRUE(u.message.has_value());
    EXPECT_NE(u.message->find("46 人"), std::string::npos);
    ASSERT_TRUE(u.cameras.has_value());
    EXPECT_EQ(u.cameras->size(), 3u);
}

TEST(MessageTypes, AlarmUpdateLevelOnlyAndNullMeansNotGiven) {
    ParseResult r = parseMessage(envelopeWith("alarm.update", R"({"id":"A1","level":"yellow","title":null})"));
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    const auto& u = std::get<AlarmUpdate>(a->event.body);
    EXPECT_EQ(u.level, WarningLevel::Yellow);
    EXPECT_FALSE(u.title.has_value());
}

TEST(MessageTypes, AlarmClear) {
    const Accepted a = parseCorpus("alarm.clear.json");
    EXPECT_EQ(std::get<AlarmClear>(a.event.body).id, "RAIN-YZ-0714-003");
}

TEST(MessageTypes, RosterSetCarriesShiftsLeadersOfficersContacts) {
    const Accepted a = parseCorpus("roster.set.json");
    const Roster& roster = std::get<RosterSet>(a.event.body).roster;
    EXPECT_EQ(roster.date, "2026-07-14");
    ASSERT_EQ(roster.shifts.size(), 2u);
    const Shift& day = roster.shifts[0];
    EXPECT_EQ(day.label, "白班");
    EXPECT_EQ(day.start_ms, 1783987200000);
    EXPECT_EQ(day.end_ms, 1784030400000);
    EXPECT_EQ(day.leader.name, "李建国");
    EXPECT_EQ(day.leader.role, "带班领导");
    EXPECT_EQ(day.leader.phone, "0795-3561001");
    ASSERT_EQ(day.officers.size(), 2u);
    EXPECT_EQ(day.officers[1].name, "陈志强");
    ASSERT_EQ(day.contacts.size(), 2u);
    EXPECT_EQ(day.contacts[0].role, "水利局联络员");
    EXPECT_TRUE(roster.shifts[1].contacts.empty());
}

TEST(MessageTypes, RosterSetAcceptsAnEmptyDay) {
    ParseResult r = parseMessage(envelopeWith("roster.set", R"({"date":"2028-02-29","shifts":[]})"));
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(std::get<RosterSet>(a->event.body).roster.shifts.empty());
}

TEST(MessageTypes, TaskUpsertCarriesEveryField) {
    const Accepted a = parseCorpus("task.upsert.json");
    const Task& t = std::get<TaskUpsert>(a.event.body).task;
    EXPECT_EQ(t.id, "T-20260714-017");
    EXPECT_EQ(t.commander, "黄志明");
    EXPECT_EQ(t.commander_phone, "135-7950-8866");
    EXPECT_EQ(t.site, "袁州区洪塘镇塘下村");
    EXPECT_EQ(t.incident, "袁州区7·14强降雨");
    EXPECT_EQ(t.deadline_ms, 1783992600000);
    EXPECT_EQ(t.status, TaskStatus::InProgress);
    EXPECT_EQ(t.note, "已调派冲锋舟2艘、救援人员18人");
}

TEST(MessageTypes, TaskUpsertDefaultsToAssignedWithoutDeadline) {
    ParseResult r = parseMessage(envelopeWith("task.upsert", R"({"id":"T1","title":"巡查","commander":"吴刚"})"));
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    const Task& t = std::get<TaskUpsert>(a->event.body).task;
    EXPECT_EQ(t.status, TaskStatus::Assigned);
    EXPECT_EQ(t.deadline_ms, 0);
}

TEST(MessageTypes, CameraUpsertCarriesEveryField) {
    const Accepted a = parseCorpus("camera.upsert.json");
    const Camera& c = std::get<CameraUpsert>(a.event.body).camera;
    EXPECT_EQ(c.id, "cam-ht-bridge");
    EXPECT_EQ(c.name, "洪塘镇塘下桥");
    EXPECT_EQ(c.site, "袁州区洪塘镇塘下村");
    EXPECT_EQ(c.main_url, "rtsp://10.20.3.41:554/Streaming/Channels/101");
    EXPECT_EQ(c.sub_url, "rtsp://10.20.3.41:554/Streaming/Channels/102");
    EXPECT_EQ(c.group, "洪塘镇");
    EXPECT_EQ(c.rtsp_transport, "udp");
}

TEST(MessageTypes, LayoutSwitchAndHeartbeat) {
    EXPECT_EQ(std::get<LayoutSwitch>(parseCorpus("layout.switch.json").event.body).layout, "consultation");
    const Accepted hb = parseCorpus("heartbeat.json");
    EXPECT_TRUE(std::holds_alternative<Heartbeat>(hb.event.body));
    EXPECT_EQ(hb.body_json, "{}");
    // A heartbeat's body members are ignored, not refused.
    EXPECT_NE(accepted(parseMessage(envelopeWith("heartbeat", R"({"uptime_s":86400})"))), nullptr);
}

TEST(MessageTypes, AlarmRaiseCarriesResponders) {
    const Accepted a = parseCorpus("alarm.raise.responders.json");
    const Alarm& alarm = std::get<AlarmRaise>(a.event.body).alarm;
    ASSERT_EQ(alarm.responders.size(), 3u);
    EXPECT_EQ(alarm.responders[0].name, "黄志明");
    EXPECT_EQ(alarm.responders[0].role, "洪塘镇镇长");
    EXPECT_EQ(alarm.responders[0].grid, "袁州区/洪塘镇");
    EXPECT_EQ(alarm.responders[0].phone, "135-7950-8866");
    EXPECT_EQ(alarm.responders[2].name, "钟小梅");
    EXPECT_EQ(alarm.responders[2].phone, "");
}

TEST(MessageTypes, AlarmSuppressDefaultsToOutOfService) {
    const Accepted a = parseCorpus("alarm.suppress.json");
    const auto& s = std::get<AlarmSuppress>(a.event.body);
    EXPECT_EQ(s.id, "TL-JX-2207");
    EXPECT_TRUE(s.suppressed);
    EXPECT_NE(s.reason.find("传感器检修"), std::string::npos);
    ParseResult bare = parseMessage(envelopeWith("alarm.suppress", R"({"id":"A1"})"));
    ASSERT_NE(accepted(bare), nullptr);
    EXPECT_TRUE(std::get<AlarmSuppress>(accepted(bare)->event.body).suppressed);
    ParseResult back = parseMessage(envelopeWith("alarm.suppress", R"({"id":"A1","suppressed":false})"));
    ASSERT_NE(accepted(back), nullptr);
    EXPECT_FALSE(std::get<AlarmSuppress>(accepted(back)->event.body).suppressed);
}

TEST(MessageTypes, IncidentUpsertCarriesEveryField) {
    const Accepted a = parseCorpus("incident.upsert.json");
    const Incident& i = std::get<IncidentUpsert>(a.event.body).incident;
    EXPECT_EQ(i.id, "INC-20260714-003");
    EXPECT_EQ(i.title, "袁州区洪塘镇7·14山洪灾害");
    EXPECT_EQ(i.grade, IncidentGrade::Larger);
    EXPECT_EQ(i.site, "袁州区洪塘镇塘下村");
    EXPECT_EQ(i.alarms, (std::vector<std::string>{"RAIN-YZ-0714-003", "RES-YZ-012"}));
    EXPECT_EQ(i.occurred_ms, 1783989300000);
    EXPECT_EQ(i.report_due_ms, 0) << "the countdown is the console's, never the backend's";
    for (const char* grade : {"general", "larger", "major", "especially_major"})
        EXPECT_NE(accepted(parseMessage(envelopeWith("incident.upsert", std::string(R"({"id":"I","title":"t","grade":")") + grade + "\"}"))), nullptr);
}

TEST(MessageTypes, CallAnswerCarriesEveryField) {
    const Accepted a = parseCorpus("callresponse.answer.json");
    const auto& c = std::get<CallAnswer>(a.event.body);
    EXPECT_EQ(c.alarm_id, "RAIN-YZ-0714-003");
    EXPECT_EQ(c.call_id, "RAIN-YZ-0714-003#1");
    EXPECT_EQ(c.answered_ms, 1783989070000);
    EXPECT_EQ(c.channel, "voice");
    EXPECT_EQ(c.note, "按键1确认：已收到，正在组织转移");
    ParseResult bare = parseMessage(envelopeWith("callresponse.answer", R"({"alarm":"A1","call":"A1#1"})"));
    ASSERT_NE(accepted(bare), nullptr);
    EXPECT_EQ(std::get<CallAnswer>(accepted(bare)->event.body).answered_ms, 0) << "0 = the console's receive time";
}

TEST(MessageTypes, ConsoleDecisionsParseOnTheFeed) {
    const std::string call = R"({"v":1,"source":"operator","seq":61,"ts":1783989001000,"type":"callresponse.call","body":{"alarm":"RAIN-YZ-0714-003","call":{"id":"RAIN-YZ-0714-003#1","name":"刘建军","role":"塘下村支书","grid":"袁州区/洪塘镇/塘下村","phone":"139-7950-1123","tier":0,"deadline":1783989300000},"cause":"raise"}})";
    ParseResult r = parseFeedMessage(call);
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    const auto& p = std::get<CallPlace>(a->event.body);
    EXPECT_EQ(p.call.id, "RAIN-YZ-0714-003#1");
    EXPECT_EQ(p.call.person.name, "刘建军");
    EXPECT_EQ(p.call.person.grid, "袁州区/洪塘镇/塘下村");
    EXPECT_EQ(p.call.tier, 0);
    EXPECT_EQ(p.call.deadline_ms, 1783989300000);
    EXPECT_EQ(p.cause, "raise");
    EXPECT_EQ(a->body_json, encodeBody(a->event.body));

    // A manual answer is always channel "manual", whatever the body says.
    auto manual = parseBody("action.callresponse.answer", R"({"alarm":"A1","call":"A1#1","note":"已电话确认","operator":"王晓燕","channel":"sms"})");
    ASSERT_TRUE(std::holds_alternative<EventBody>(manual)) << std::get<Rejection>(manual).detail;
    EXPECT_EQ(std::get<CallAnswerRecord>(std::get<EventBody>(manual)).answer.channel, "manual");

    // A reverted linkage region has no alarm and no cameras.
    auto reverted = parseBody("linkage.show", R"({"region":"linkage","cause":"ack+delay"})");
    ASSERT_TRUE(std::holds_alternative<EventBody>(reverted)) << std::get<Rejection>(reverted).detail;
    EXPECT_TRUE(std::get<LinkageShow>(std::get<EventBody>(reverted)).alarm_id.empty());
}

TEST(MessageTypes, OperatorActionsAreRefusedFromBackends) {
    for (const char* type : {"action.alarm.ack", "action.task.status"}) {
        SCOPED_TRACE(type);
        const std::string body = std::string(type) == "action.alarm.ack"
                                     ? R"({"id":"A1","operator":"王晓燕"})"
                                     : R"({"id":"T1","status":"done","operator":"王晓燕"})";
        ParseResult r = parseMessage(envelopeWith(type, body));
        const Rejection* rej = rejected(r);
        ASSERT_NE(rej, nullptr);
        EXPECT_EQ(rej->reason, RejectReason::UnknownType);
        EXPECT_EQ(rej->detail.rfind("type: ", 0), 0u) << rej->detail;
        EXPECT_NE(rej->detail.find("operator action"), std::string::npos) << rej->detail;
        EXPECT_EQ(rej->source, "test-backend");
        EXPECT_EQ(rej->seq, 7u);
    }
}

TEST(MessageTypes, OperatorSourceIsReservedForTheConsole) {
    ParseResult r = parseMessage(R"({"v":1,"source":"operator","seq":1,"ts":1,"type":"heartbeat","body":{}})");
    const Rejection* rej = rejected(r);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->reason, RejectReason::BadValue);
    EXPECT_EQ(rej->detail.rfind("source: ", 0), 0u) << rej->detail;
}

TEST(MessageTypes, FeedMessagesAcceptOperatorActions) {
    const std::string ack = R"({"v":1,"source":"operator","seq":3,"ts":1783989500000,"type":"action.alarm.ack","body":{"id":"RAIN-YZ-0714-003","operator":"王晓燕"}})";
    ParseResult r = parseFeedMessage(ack);
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    const auto& body = std::get<AlarmAck>(a->event.body);
    EXPECT_EQ(body.id, "RAIN-YZ-0714-003");
    EXPECT_EQ(body.operator_name, "王晓燕");

    const std::string status = R"({"v":1,"source":"operator","seq":4,"ts":1783989600000,"type":"action.task.status","body":{"id":"T-20260714-017","status":"done","operator":"陈志强"}})";
    ParseResult s = parseFeedMessage(status);
    const Accepted* sa = accepted(s);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(std::get<TaskStatusSet>(sa->event.body).status, TaskStatus::Done);
}

TEST(MessageTypes, ParseBodyAcceptsOperatorActionsForReplay) {
    auto r = parseBody("action.task.status", R"({"id":"T1","status":"cancelled","operator":"赵丽"})");
    ASSERT_TRUE(std::holds_alternative<EventBody>(r)) << std::get<Rejection>(r).detail;
    const auto& s = std::get<TaskStatusSet>(std::get<EventBody>(r));
    EXPECT_EQ(s.status, TaskStatus::Cancelled);
    EXPECT_EQ(s.operator_name, "赵丽");

    auto bad = parseBody("action.alarm.ack", R"({"id":"A1"})");
    ASSERT_TRUE(std::holds_alternative<Rejection>(bad));
    EXPECT_EQ(std::get<Rejection>(bad).reason, RejectReason::MissingField);
    EXPECT_EQ(std::get<Rejection>(bad).detail.rfind("body.operator: ", 0), 0u) << std::get<Rejection>(bad).detail;

    auto unknown = parseBody("alarm.explode", "{}");
    ASSERT_TRUE(std::holds_alternative<Rejection>(unknown));
    EXPECT_EQ(std::get<Rejection>(unknown).reason, RejectReason::UnknownType);
}

TEST(MessageTypes, MembersMayComeInAnyOrderWithWhitespace) {
    const std::string bytes = "\n { \"body\" : { \"id\" : \"A9\" } ,\t\"type\":\"alarm.clear\", \"ts\":0,"
                              " \"seq\":18446744073709551615, \"source\":\"泾县-水库\", \"v\":1 }\r\n";
    ParseResult r = parseMessage(bytes);
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->event.seq, 18446744073709551615ull);
    EXPECT_EQ(a->event.source, "泾县-水库");
}

} // namespace
} // namespace wall::protocol::test
