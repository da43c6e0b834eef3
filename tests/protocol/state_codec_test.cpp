// Checkpoints: decodeState(encodeState(s)) equals s in every field of every
// struct (compared one by one here, and by the descriptions' firstDifference),
// and damaged blobs throw naming the field.
#include "protocol_test_support.hpp"

#include "model/describe.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace wall::protocol::test {
namespace {

State richState() {
    State s;
    // Build through apply() like the console does, then set every remaining field by hand.
    auto applyBody = [&](const std::string& source, uint64_t seq, TimeMs recv, EventBody body) {
        Event e;
        e.source = source;
        e.seq = seq;
        e.ts_ms = recv - 40;
        e.recv_ms = recv;
        e.body = std::move(body);
        apply(s, e);
    };
    Alarm a;
    a.id = "RAIN-YZ-0714-003";
    a.level = WarningLevel::Red;
    a.category = "rain";
    a.title = "洪塘镇雨量站1小时降雨量超红色阈值";
    a.message = "累计 86.5 毫米\n请叫应";
    a.site = {"袁州区", "洪塘镇", "塘下村", "山洪危险区"};
    a.device = "YZ-HT-07";
    a.cameras = {"cam-ht-bridge", "cam-ht-school"};
    applyBody("yuanzhou-monitor", 1, 1783989000000, AlarmRaise{a});
    Alarm b = a;
    b.id = "TL-JX-2207";
    b.level = WarningLevel::Orange;
    b.category = "tailings";
    b.cameras.clear();
    applyBody("jingxian-tailings", 9, 1783989001000, AlarmRaise{b});
    applyBody("operator", 1, 1783989002000, AlarmAck{"RAIN-YZ-0714-003", "王晓燕"});
    applyBody("jingxian-tailings", 10, 1783989003000, AlarmClear{"TL-JX-2207"});

    Task t;
    t.id = "T-1";
    t.title = "转移群众";
    t.commander = "黄志明";
    t.commander_phone = "135";
    t.site = "塘下村";
    t.incident = "7·14强降雨";
    t.deadline_ms = 1783992600000;
    t.status = TaskStatus::InProgress;
    t.note = "冲锋舟2艘";
    applyBody("field-tasks", 3, 1783989004000, TaskUpsert{t});
    applyBody("field-tasks", 4, 1783989005000, CameraUpsert{Camera{"cam-1", "塘下桥", "塘下村", "rtsp://a/main", "rtsp://a/sub", "洪塘镇"}});
    Roster r;
    r.date = "2026-07-14";
    Shift sh;
    sh.label = "白班";
    sh.start_ms = 1783987200000;
    sh.end_ms = 1784030400000;
    sh.leader = {"李建国", "带班领导", "0795-3561001"};
    sh.officers = {{"王晓燕", "值班员", "138"}, {"陈志强", "值班员", "139"}};
    sh.contacts = {{"刘洋", "水利局联络员", "0795"}};
    r.shifts = {sh, sh};
    r.shifts[1].label = "夜班";
    applyBody("duty-system", 88, 1783989006000, RosterSet{r});
    applyBody("duty-system", 89, 1783989007000, LayoutSwitch{"consultation"});
    s.alarms["RAIN-YZ-0714-003"].raise_count = 3;

    // Lifecycle, 叫应, incidents, linkage, mute, through apply() like the console.
    Alarm c = a;
    c.id = "RES-YZ-011";
    c.level = WarningLevel::Orange;
    c.responders = {Responder{"黄志明", "洪塘镇镇长", "袁州区/洪塘镇", "135-7950-8866"}, Responder{"刘村支书", "", "", ""}};
    applyBody("yuanzhou-monitor", 2, 1783989008000, AlarmRaise{c});
    Call call;
    call.id = "RES-YZ-011#1";
    call.person = c.responders[0];
    call.deadline_ms = 1783989608000;
    applyBody("operator", 2, 1783989009000, CallPlace{"RES-YZ-011", call, "raise"});
    call.id = "RES-YZ-011#2";
    call.person = c.responders[1];
    applyBody("operator", 3, 1783989010000, CallPlace{"RES-YZ-011", call, "raise"});
    applyBody("callcenter", 1, 1783989070000, CallAnswer{"RES-YZ-011", "RES-YZ-011#1", 1783989065000, "voice", "已组织转移"});
    call.id = "RES-YZ-011#3";
    call.person = Responder{"袁州区应急局局长", "局长", "袁州区", "0795-1"};
    call.tier = 1;
    applyBody("operator", 4, 1783989610000, CallPlace{"RES-YZ-011", call, "escalation of RES-YZ-011#2"});
    applyBody("operator", 5, 1783989610001, CallEscalate{"RES-YZ-011", "RES-YZ-011#2", "RES-YZ-011#3"});
    applyBody("operator", 6, 1783989620000,
              CallAnswerRecord{CallAnswer{"RES-YZ-011", "RES-YZ-011#3", 0, "manual", "已电话确认"}, "王晓燕"});
    applyBody("operator", 7, 1783989630000, SopStepSet{"RES-YZ-011", 2, true, "王晓燕"});
    applyBody("operator", 8, 1783989640000, AlarmShelve{"RES-YZ-011", 1783993240000, "库区检修", "王晓燕"});
    applyBody("jingxian-tailings", 11, 1783989650000, AlarmSuppress{"TL-JX-2207", true, "传感器停用"});
    Incident inc;
    inc.id = "INC-0714-01";
    inc.title = "袁州区7·14强降雨";
    inc.grade = IncidentGrade::Larger;
    inc.site = "洪塘镇";
    inc.alarms = {"RAIN-YZ-0714-003", "RES-YZ-011"};
    applyBody("incident-system", 1, 1783989660000, IncidentUpsert{inc});
    applyBody("operator", 9, 1783989670000, IncidentReported{"INC-0714-01", "李建国", "已报市应急局"});
    inc.id = "INC-0714-02";
    inc.grade = IncidentGrade::General;
    applyBody("incident-system", 2, 1783989680000, IncidentUpsert{inc});
    applyBody("operator", 10, 1783989690000, LinkageShow{"linkage", "RES-YZ-011", {"cam-1", "cam-2"}, "alarm"});
    applyBody("operator", 11, 1783989700000, SoundMute{WarningLevel::Yellow, true, "王晓燕"});
    // An alarm that went back to normal, remembered for chattering.
    Alarm d = b;
    d.id = "FLAP-1";
    applyBody("jingxian-tailings", 12, 1783989710000, AlarmRaise{d});
    applyBody("operator", 12, 1783989720000, AlarmAck{"FLAP-1", "王晓燕"});
    applyBody("jingxian-tailings", 13, 1783989730000, AlarmClear{"FLAP-1"});
    // Format 3: drills and their alarms, a lost link, the reporting rule.
    applyBody("operator", 14, 1783989740000, ReportingRules{ReportWindows{60, 35, 30}});
    applyBody("drill-director", 1, 1783989750000, DrillStart{"DR-1", "袁州区山洪灾害防御实战演练", DrillKind::Tabletop, "李建国"});
    Alarm drill = a;
    drill.id = "YZ-DRILL-0714-01";
    applyBody("yuanzhou-monitor", 2, 1783989760000, AlarmRaise{drill});
    applyBody("drill-director", 2, 1783989770000, DrillEnd{"DR-1", "李建国"});
    applyBody("operator", 15, 1783989780000, LinkStateChange{"jingxian-tailings", "lost", 2600});
    return s;
}

void expectSameResponder(const Responder& a, const Responder& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.role, b.role);
    EXPECT_EQ(a.grid, b.grid);
    EXPECT_EQ(a.phone, b.phone);
}

void expectSameState(const State& x, const State& y) {
    ASSERT_EQ(x.alarms.size(), y.alarms.size());
    for (const auto& [id, a] : x.alarms) {
        SCOPED_TRACE(id);
        auto it = y.alarms.find(id);
        ASSERT_NE(it, y.alarms.end());
        const Alarm& b = it->second;
        expectSameAlarmWireFields(a, b);
        EXPECT_EQ(a.source, b.source);
        EXPECT_EQ(a.updated_ms, b.updated_ms);
        EXPECT_EQ(a.active, b.active);
        EXPECT_EQ(a.acked, b.acked);
        EXPECT_EQ(a.acked_by, b.acked_by);
        EXPECT_EQ(a.acked_ms, b.acked_ms);
        EXPECT_EQ(a.raise_count, b.raise_count);
        ASSERT_EQ(a.responders.size(), b.responders.size());
        for (size_t i = 0; i < a.responders.size(); ++i) expectSameResponder(a.responders[i], b.responders[i]);
        EXPECT_EQ(a.activations, b.activations);
        EXPECT_EQ(a.shelved_until_ms, b.shelved_until_ms);
        EXPECT_EQ(a.shelved_by, b.shelved_by);
        EXPECT_EQ(a.shelve_reason, b.shelve_reason);
        EXPECT_EQ(a.suppressed, b.suppressed);
        EXPECT_EQ(a.suppressed_by, b.suppressed_by);
        EXPECT_EQ(a.suppress_reason, b.suppress_reason);
        ASSERT_EQ(a.calls.size(), b.calls.size());
        for (size_t i = 0; i < a.calls.size(); ++i) {
            const Call& p = a.calls[i];
            const Call& q = b.calls[i];
            EXPECT_EQ(p.id, q.id);
            expectSameResponder(p.person, q.person);
            EXPECT_EQ(p.tier, q.tier);
            EXPECT_EQ(p.called_ms, q.called_ms);
            EXPECT_EQ(p.deadline_ms, q.deadline_ms);
            EXPECT_EQ(p.answered_ms, q.answered_ms);
            EXPECT_EQ(p.channel, q.channel);
            EXPECT_EQ(p.note, q.note);
            EXPECT_EQ(p.recorded_by, q.recorded_by);
            EXPECT_EQ(p.escalated_ms, q.escalated_ms);
            EXPECT_EQ(p.escalated_to, q.escalated_to);
        }
        EXPECT_EQ(a.sop_done, b.sop_done);
        ASSERT_EQ(a.history.size(), b.history.size());
        for (size_t i = 0; i < a.history.size(); ++i) {
            const AlarmTransition& p = a.history[i];
            const AlarmTransition& q = b.history[i];
            EXPECT_EQ(p.ts_ms, q.ts_ms);
            EXPECT_EQ(p.from, q.from);
            EXPECT_EQ(p.to, q.to);
            EXPECT_EQ(p.actor, q.actor);
            EXPECT_EQ(p.cause, q.cause);
        }
    }
    EXPECT_EQ(x.roster.date, y.roster.date);
    ASSERT_EQ(x.roster.shifts.size(), y.roster.shifts.size());
    for (size_t i = 0; i < x.roster.shifts.size(); ++i) {
        const Shift& p = x.roster.shifts[i];
        const Shift& q = y.roster.shifts[i];
        EXPECT_EQ(p.label, q.label);
        EXPECT_EQ(p.start_ms, q.start_ms);
        EXPECT_EQ(p.end_ms, q.end_ms);
        auto samePerson = [](const Person& m, const Person& n) { return m.name == n.name && m.role == n.role && m.phone == n.phone; };
        EXPECT_TRUE(samePerson(p.leader, q.leader));
        ASSERT_EQ(p.officers.size(), q.officers.size());
        for (size_t j = 0; j < p.officers.size(); ++j) EXPECT_TRUE(samePerson(p.officers[j], q.officers[j]));
        ASSERT_EQ(p.contacts.size(), q.contacts.size());
        for (size_t j = 0; j < p.contacts.size(); ++j) EXPECT_TRUE(samePerson(p.contacts[j], q.contacts[j]));
    }
    ASSERT_EQ(x.tasks.size(), y.tasks.size());
    for (const auto& [id, t] : x.tasks) {
        const Task& u = y.tasks.at(id);
        EXPECT_EQ(t.id, u.id);
        EXPECT_EQ(t.title, u.title);
        EXPECT_EQ(t.commander, u.commander);
        EXPECT_EQ(t.commander_phone, u.commander_phone);
        EXPECT_EQ(t.site, u.site);
        EXPECT_EQ(t.incident, u.incident);
        EXPECT_EQ(t.deadline_ms, u.deadline_ms);
        EXPECT_EQ(t.status, u.status);
        EXPECT_EQ(t.updated_ms, u.updated_ms);
        EXPECT_EQ(t.note, u.note);
    }
    ASSERT_EQ(x.cameras.size(), y.cameras.size());
    for (const auto& [id, c] : x.cameras) {
        const Camera& d = y.cameras.at(id);
        EXPECT_EQ(c.id, d.id);
        EXPECT_EQ(c.name, d.name);
        EXPECT_EQ(c.site, d.site);
        EXPECT_EQ(c.main_url, d.main_url);
        EXPECT_EQ(c.sub_url, d.sub_url);
        EXPECT_EQ(c.group, d.group);
    }
    ASSERT_EQ(x.links.size(), y.links.size());
    for (const auto& [source, l] : x.links) {
        const SourceLink& m = y.links.at(source);
        EXPECT_EQ(l.source, m.source);
        EXPECT_EQ(l.last_seen_ms, m.last_seen_ms);
        EXPECT_EQ(l.last_seq, m.last_seq);
        EXPECT_EQ(l.accepted, m.accepted);
    }
    EXPECT_EQ(x.active_layout, y.active_layout);
    ASSERT_EQ(x.incidents.size(), y.incidents.size());
    for (const auto& [id, i] : x.incidents) {
        const Incident& j = y.incidents.at(id);
        EXPECT_EQ(i.id, j.id);
        EXPECT_EQ(i.title, j.title);
        EXPECT_EQ(i.grade, j.grade);
        EXPECT_EQ(i.site, j.site);
        EXPECT_EQ(i.alarms, j.alarms);
        EXPECT_EQ(i.occurred_ms, j.occurred_ms);
        EXPECT_EQ(i.report_due_ms, j.report_due_ms);
        EXPECT_EQ(i.reported_ms, j.reported_ms);
        EXPECT_EQ(i.reported_by, j.reported_by);
        EXPECT_EQ(i.report_note, j.report_note);
        EXPECT_EQ(i.updated_ms, j.updated_ms);
    }
    ASSERT_EQ(x.linkage.size(), y.linkage.size());
    for (const auto& [region, l] : x.linkage) {
        const LinkageShow& m = y.linkage.at(region);
        EXPECT_EQ(l.region, m.region);
        EXPECT_EQ(l.alarm_id, m.alarm_id);
        EXPECT_EQ(l.cameras, m.cameras);
        EXPECT_EQ(l.cause, m.cause);
    }
    EXPECT_EQ(x.muted, y.muted);
    EXPECT_EQ(x.response.calls, y.response.calls);
    EXPECT_EQ(x.response.answered, y.response.answered);
    EXPECT_EQ(x.response.escalated, y.response.escalated);
    EXPECT_EQ(x.response.answer_ms, y.response.answer_ms);
    EXPECT_EQ(x.response.reports_due, y.response.reports_due);
    EXPECT_EQ(x.response.reported, y.response.reported);
    EXPECT_EQ(x.response.reported_on_time, y.response.reported_on_time);
    EXPECT_EQ(x.call_serial, y.call_serial);
    EXPECT_EQ(x.normal_activations, y.normal_activations);
    EXPECT_EQ(x.applied_events, y.applied_events);
    EXPECT_EQ(x.last_event_ms, y.last_event_ms);
}

TEST(StateCodec, RoundTripKeepsEveryField) {
    const State s = richState();
    ASSERT_EQ(s.alarms.size(), 4u);
    ASSERT_TRUE(s.alarms.at("RAIN-YZ-0714-003").acked);
    ASSERT_FALSE(s.alarms.at("TL-JX-2207").active);
    // Every new field is set, so a field the codec drops cannot hide behind a default.
    const Alarm& res = s.alarms.at("RES-YZ-011");
    ASSERT_EQ(alarmState(res), AlarmState::Shelved);
    ASSERT_EQ(res.calls.size(), 3u);
    ASSERT_EQ(res.calls[1].escalated_to, "RES-YZ-011#3");
    ASSERT_EQ(res.calls[2].recorded_by, "王晓燕");
    ASSERT_EQ(res.sop_done, (std::vector<uint8_t>{0, 0, 1}));
    ASSERT_GE(res.history.size(), 2u);
    ASSERT_EQ(alarmState(s.alarms.at("TL-JX-2207")), AlarmState::Suppressed);
    ASSERT_EQ(s.incidents.size(), 2u);
    ASSERT_NE(s.incidents.at("INC-0714-01").reported_ms, 0);
    ASSERT_EQ(s.linkage.size(), 1u);
    ASSERT_TRUE(s.muted[levelIndex(WarningLevel::Yellow)]);
    ASSERT_EQ(s.response.answer_ms[levelIndex(WarningLevel::Orange)].size(), 1u);
    ASSERT_EQ(s.response.escalated[levelIndex(WarningLevel::Orange)], 1u);
    ASSERT_EQ(s.call_serial, 3u);
    ASSERT_EQ(s.normal_activations.count("FLAP-1"), 1u);
    const std::string blob = encodeState(s);
    const State back = decodeState(blob);
    expectSameState(s, back);
    EXPECT_EQ(desc::firstDifference(s, back), "");
    EXPECT_EQ(stateHash(s), stateHash(back));
    EXPECT_EQ(encodeState(back), blob) << "equal states give equal blobs";
}

// What encodeState wrote before the lifecycle members (commit 5dfcdaa): no lifecycle, 叫应,
// incident, linkage, mute or response members. Such checkpoints are on disk
// at every site, and must still restore, with the new members at their defaults.
const char* kCheckpointBeforeLifecycle =
    R"({"v":1,"alarms":[{"id":"RAIN-YZ-0714-003","source":"yuanzhou-monitor","level":"red","category":"rain",)"
    R"("title":"洪塘镇雨量站1小时降雨量超红色阈值","message":"","site":{"county":"袁州区","township":"洪塘镇",)"
    R"("village":"塘下村","area":""},"device":"","cameras":["cam-ht-bridge"],"raised_ms":1783988960000,)"
    R"("updated_ms":1783989000000,"active":true,"acked":false,"acked_by":"","acked_ms":0,"raise_count":2}],)"
    R"("roster":{"date":"2026-07-14","shifts":[]},"tasks":[],"cameras":[],)"
    R"("links":[{"source":"yuanzhou-monitor","last_seen_ms":1783989000000,"last_seq":1041,"accepted":1}],)"
    R"("active_layout":"duty","applied_events":1,"last_event_ms":1783989000000})";

TEST(StateCodec, CheckpointFromBeforeLifecycleDecodesWithDefaults) {
    const State s = decodeState(kCheckpointBeforeLifecycle);
    ASSERT_EQ(s.alarms.size(), 1u);
    const Alarm& a = s.alarms.at("RAIN-YZ-0714-003");
    EXPECT_EQ(a.title, "洪塘镇雨量站1小时降雨量超红色阈值");
    EXPECT_EQ(a.raise_count, 2u);
    EXPECT_EQ(alarmState(a), AlarmState::Unacked);
    EXPECT_TRUE(a.responders.empty());
    EXPECT_TRUE(a.activations.empty());
    EXPECT_EQ(a.shelved_until_ms, 0);
    EXPECT_FALSE(a.suppressed);
    EXPECT_TRUE(a.calls.empty());
    EXPECT_TRUE(a.sop_done.empty());
    EXPECT_TRUE(a.history.empty());
    EXPECT_TRUE(s.incidents.empty());
    EXPECT_TRUE(s.linkage.empty());
    EXPECT_EQ(s.muted, (std::array<bool, kWarningLevelCount>{}));
    EXPECT_EQ(s.response.calls, (std::array<uint32_t, kWarningLevelCount>{}));
    EXPECT_EQ(s.response.reports_due, 0u);
    EXPECT_EQ(s.call_serial, 0u);
    EXPECT_TRUE(s.normal_activations.empty());
    EXPECT_EQ(s.active_layout, "duty");
    EXPECT_EQ(s.links.at("yuanzhou-monitor").last_seq, 1041u);
    // Written back, it gains the new members and then round-trips like any other.
    const std::string blob = encodeState(s);
    EXPECT_NE(blob.find("\"call_serial\":0"), std::string::npos);
    expectSameState(s, decodeState(blob));
    EXPECT_EQ(stateHash(s), stateHash(decodeState(blob)));
}

TEST(StateCodec, FormatThreeMembersRoundTripAndAFormatTwoBlobStillReads) {
    const State s = richState();
    ASSERT_EQ(s.alarms.at("YZ-DRILL-0714-01").drill_id, "DR-1");
    ASSERT_EQ(s.drills.at("DR-1").alarms, 1u);
    ASSERT_NE(s.links.at("jingxian-tailings").lost_since_ms, 0);
    const State back = decodeState(encodeState(s));
    EXPECT_EQ(back.alarms.at("YZ-DRILL-0714-01").drill_id, "DR-1");
    EXPECT_EQ(back.drills.at("DR-1").name, "袁州区山洪灾害防御实战演练");
    EXPECT_EQ(back.drills.at("DR-1").kind, DrillKind::Tabletop);
    EXPECT_EQ(back.drills.at("DR-1").ended_ms, 1783989770000);
    EXPECT_EQ(back.report_windows, (ReportWindows{60, 35, 30}));
    EXPECT_EQ(back.links.at("jingxian-tailings").lost_since_ms, s.links.at("jingxian-tailings").lost_since_ms);

    // What format 2 wrote: the same, without the members format 3 added. It reads with their defaults.
    nlohmann::json v2 = nlohmann::json::parse(encodeState(s));
    v2["v"] = 2;
    v2.erase("drills");
    v2.erase("report_windows");
    for (auto& alarm : v2["alarms"]) alarm.erase("drill_id");
    for (auto& link : v2["links"]) link.erase("lost_since_ms");
    const State old = decodeState(v2.dump());
    EXPECT_TRUE(old.drills.empty());
    EXPECT_EQ(old.report_windows, ReportWindows{});
    EXPECT_EQ(old.alarms.at("YZ-DRILL-0714-01").drill_id, "");
    EXPECT_EQ(old.alarms.size(), s.alarms.size());
    // Format 3 requires them: a format-3 blob without one is damaged, and says which.
    nlohmann::json damaged = nlohmann::json::parse(encodeState(s));
    damaged.erase("drills");
    try {
        decodeState(damaged.dump());
        FAIL() << "a format-3 checkpoint without drills decoded";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("drills"), std::string::npos) << e.what();
    }
}

TEST(StateCodec, EmptyStateRoundTrips) {
    const State empty;
    const State back = decodeState(encodeState(empty));
    expectSameState(empty, back);
    EXPECT_EQ(back.active_layout, "") << "no layout.switch yet: the wall default applies";
}

TEST(StateCodec, ExtremeValuesRoundTrip) {
    State s;
    Alarm a;
    a.id = "x";
    a.raised_ms = std::numeric_limits<int64_t>::min();
    a.updated_ms = std::numeric_limits<int64_t>::max();
    a.raise_count = std::numeric_limits<uint32_t>::max();
    s.alarms[a.id] = a;
    s.links["s"] = SourceLink{"s", -1, std::numeric_limits<uint64_t>::max(), 0};
    s.applied_events = std::numeric_limits<uint64_t>::max();
    expectSameState(s, decodeState(encodeState(s)));
}

TEST(StateCodec, ManyAlarmsRoundTrip) {
    State s;
    for (int i = 0; i < 5000; ++i) {
        Alarm a;
        a.id = "A" + std::to_string(i);
        a.level = static_cast<WarningLevel>(1 + i % 4);
        a.title = "告警 " + std::to_string(i);
        s.alarms[a.id] = a;
    }
    const State back = decodeState(encodeState(s));
    EXPECT_EQ(back.alarms.size(), 5000u);
    EXPECT_EQ(stateHash(back), stateHash(s));
}

void expectDecodeError(const std::string& blob, const std::string& names) {
    try {
        decodeState(blob);
        ADD_FAILURE() << "decoded without error: " << blob.substr(0, 200);
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(names), std::string::npos) << e.what();
    }
}

TEST(StateCodec, DamagedBlobsThrowNamingTheField) {
    const std::string blob = encodeState(richState());
    expectDecodeError("", "state");
    expectDecodeError(blob.substr(0, blob.size() / 2), "checkpoint: state");
    expectDecodeError("[]", "state: expected object");
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string b = blob;
        const size_t at = b.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return b.replace(at, from.size(), to);
    };
    expectDecodeError(replaced("\"level\":\"red\"", "\"level\":\"crimson\""), "state.alarms[0].level");
    expectDecodeError(replaced("\"acked\":true", "\"acked\":1"), "state.alarms[0].acked");
    expectDecodeError(replaced("\"status\":\"in_progress\"", "\"status\":3"), "state.tasks[0].status");
    expectDecodeError(replaced("\"active_layout\"", "\"layout\""), "state.active_layout");
    expectDecodeError(replaced("\"v\":3", "\"v\":4"), "state.v");
    expectDecodeError(replaced("\"officers\":[{\"name\":\"王晓燕\"", "\"officers\":[{\"name\":5"), "state.roster.shifts[0].officers[0].name");
    // The new members are checked like the old ones when present.
    expectDecodeError(replaced("\"to\":\"shelved\"", "\"to\":\"hidden\""), "state.alarms[1].history[");
    expectDecodeError(replaced("\"grade\":\"larger\"", "\"grade\":\"big\""), "state.incidents[0].grade");
    expectDecodeError(replaced("\"muted\":[false", "\"muted\":[0"), "state.muted[0]");
    expectDecodeError(replaced("\"sop_done\":[0", "\"sop_done\":[256"), "state.alarms[1].sop_done[0]");
    expectDecodeError(replaced("\"answered_ms\":1783989065000", "\"answered_ms\":\"x\""), "state.alarms[1].calls[0].answered_ms");
}

} // namespace
} // namespace wall::protocol::test
