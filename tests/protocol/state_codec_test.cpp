// Checkpoints: decodeState(encodeState(s)) equals s in every field of every
// struct (stateHash skips some fields, so fields are compared one by one),
// and damaged blobs throw naming the field.
#include "protocol_test_support.hpp"

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
    return s;
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
    EXPECT_EQ(x.applied_events, y.applied_events);
    EXPECT_EQ(x.last_event_ms, y.last_event_ms);
}

TEST(StateCodec, RoundTripKeepsEveryField) {
    const State s = richState();
    ASSERT_EQ(s.alarms.size(), 2u);
    ASSERT_TRUE(s.alarms.at("RAIN-YZ-0714-003").acked);
    ASSERT_FALSE(s.alarms.at("TL-JX-2207").active);
    const std::string blob = encodeState(s);
    const State back = decodeState(blob);
    expectSameState(s, back);
    EXPECT_EQ(stateHash(s), stateHash(back));
    EXPECT_EQ(encodeState(back), blob) << "equal states give equal blobs";
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
    expectDecodeError(replaced("\"v\":1", "\"v\":2"), "state.v");
    expectDecodeError(replaced("\"officers\":[{\"name\":\"王晓燕\"", "\"officers\":[{\"name\":5"), "state.roster.shifts[0].officers[0].name");
}

} // namespace
} // namespace wall::protocol::test
