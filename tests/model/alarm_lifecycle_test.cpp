// The alarm state machine (ISA-18.2 / IEC 62682) as apply() runs it: every
// state, every transition, the history each one writes, and the 叫应 calls,
// response figures and reporting countdowns that ride on it. Pure model: events
// in, State out; the clock is the events' receive times.
#include "model/model.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;

Event at(TimeMs offset_ms, EventBody body, std::string source = "monitor") {
    static uint64_t seq = 0;
    Event e;
    e.source = std::move(source);
    e.seq = ++seq;
    e.ts_ms = e.recv_ms = kT0 + offset_ms;
    e.body = std::move(body);
    return e;
}

Alarm redAlarm(const std::string& id = "AL-1") {
    Alarm a;
    a.id = id;
    a.level = WarningLevel::Red;
    a.category = "reservoir";
    a.title = "青龙水库超汛限水位";
    a.site = {"清江县", "青龙镇", "青龙村", "青龙水库"};
    return a;
}

struct Lifecycle : ::testing::Test {
    State s;
    void raise(TimeMs t, const Alarm& a = redAlarm()) { apply(s, at(t, AlarmRaise{a})); }
    void clear(TimeMs t, const std::string& id = "AL-1") { apply(s, at(t, AlarmClear{id})); }
    void ack(TimeMs t, const std::string& id = "AL-1") { apply(s, at(t, AlarmAck{id, "刘芳"}, "operator")); }
    const Alarm& alarm(const std::string& id = "AL-1") { return s.alarms.at(id); }
    AlarmState state(const std::string& id = "AL-1") { return alarmState(alarm(id)); }
    const AlarmTransition& lastTransition(const std::string& id = "AL-1") { return alarm(id).history.back(); }
};

// ---- The four basic states and the moves between them.
TEST_F(Lifecycle, RaiseIsUnackedWithAHistoryEntryFromNormal) {
    raise(0);
    EXPECT_EQ(state(), AlarmState::Unacked);
    ASSERT_EQ(alarm().history.size(), 1u);
    EXPECT_EQ(lastTransition().from, AlarmState::Normal);
    EXPECT_EQ(lastTransition().to, AlarmState::Unacked);
    EXPECT_EQ(lastTransition().actor, "monitor");
    EXPECT_EQ(lastTransition().cause, "alarm.raise");
    EXPECT_EQ(lastTransition().ts_ms, kT0);
    EXPECT_EQ(alarm().raise_count, 1u);
}

TEST_F(Lifecycle, AckMakesItAckedAndRecordsTheOperator) {
    raise(0);
    ack(1000);
    EXPECT_EQ(state(), AlarmState::Acked);
    EXPECT_EQ(alarm().acked_by, "刘芳");
    EXPECT_EQ(alarm().acked_ms, kT0 + 1000);
    EXPECT_EQ(lastTransition().from, AlarmState::Unacked);
    EXPECT_EQ(lastTransition().to, AlarmState::Acked);
    EXPECT_EQ(lastTransition().actor, "刘芳");
    EXPECT_EQ(lastTransition().cause, "action.alarm.ack");
    ack(2000); // a second ack changes nothing
    EXPECT_EQ(alarm().acked_ms, kT0 + 1000);
    EXPECT_EQ(alarm().history.size(), 2u);
}

TEST_F(Lifecycle, ClearBeforeAckIsReturnedUnackedAndStillNeedsAnAck) {
    raise(0);
    clear(1000);
    EXPECT_EQ(state(), AlarmState::ReturnedUnacked);
    EXPECT_FALSE(alarm().active);
    EXPECT_EQ(lastTransition().to, AlarmState::ReturnedUnacked);
    EXPECT_EQ(lastTransition().cause, "alarm.clear");
    clear(1500); // clearing twice is no transition
    EXPECT_EQ(alarm().history.size(), 2u);
    ack(2000); // the ack of a returned alarm takes it back to normal: it leaves the board
    EXPECT_EQ(s.alarms.count("AL-1"), 0u);
}

TEST_F(Lifecycle, ClearOfAnAckedAlarmIsNormal) {
    raise(0);
    ack(1000);
    clear(2000);
    EXPECT_EQ(s.alarms.count("AL-1"), 0u);
}

TEST_F(Lifecycle, ReRaiseAfterClearNeedsANewAckAndKeepsCountingActivations) {
    raise(0);
    clear(1000);
    raise(2000); // back before anyone acked: a new activation of the same alarm
    EXPECT_EQ(state(), AlarmState::Unacked);
    EXPECT_EQ(alarm().raise_count, 2u);
    ack(3000);
    clear(4000); // normal: leaves the map ...
    ASSERT_EQ(s.alarms.count("AL-1"), 0u);
    raise(5000); // ... and its activations come back with it
    EXPECT_EQ(state(), AlarmState::Unacked);
    EXPECT_FALSE(alarm().acked);
    EXPECT_EQ(alarm().raise_count, 3u);
    EXPECT_EQ(alarm().activations, (std::vector<TimeMs>{kT0, kT0 + 2000, kT0 + 5000}));
    EXPECT_EQ(alarm().raised_ms, kT0 + 5000);
}

TEST_F(Lifecycle, RaiseOfAnActiveAlarmUpdatesItWithoutANewActivation) {
    raise(0);
    ack(1000);
    Alarm again = redAlarm();
    again.title = "青龙水库水位继续上涨";
    raise(2000, again);
    EXPECT_EQ(state(), AlarmState::Acked); // still acked: same activation
    EXPECT_EQ(alarm().title, "青龙水库水位继续上涨");
    EXPECT_EQ(alarm().raise_count, 1u);
    EXPECT_EQ(alarm().activations.size(), 1u);
}

TEST_F(Lifecycle, ChatteringActivationsAreCappedNewestLast) {
    for (int i = 0; i < 12; ++i) {
        raise(i * 1000);
        clear(i * 1000 + 500);
    }
    EXPECT_EQ(alarm().raise_count, 12u);
    ASSERT_EQ(alarm().activations.size(), kActivationHistoryCap);
    EXPECT_EQ(alarm().activations.back(), kT0 + 11000);
    EXPECT_EQ(alarm().activations.front(), kT0 + (12 - static_cast<int>(kActivationHistoryCap)) * 1000);
}

TEST_F(Lifecycle, HistoryIsCappedOldestFirst) {
    raise(0);
    for (int i = 1; i <= 50; ++i) {
        clear(i * 100);
        raise(i * 100 + 50);
    }
    ASSERT_EQ(alarm().history.size(), kAlarmHistoryCap);
    EXPECT_EQ(lastTransition().ts_ms, kT0 + 5050);
    EXPECT_EQ(lastTransition().to, AlarmState::Unacked);
}

// ---- Shelving: by an operator, with a reason, for a limited time.
TEST_F(Lifecycle, ShelveHidesItWithReasonAndTimeAndOperatorUnshelveRestoresIt) {
    raise(0);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 60'000, "设备调试", "张伟"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Shelved);
    EXPECT_EQ(alarm().shelved_until_ms, kT0 + 60'000);
    EXPECT_EQ(alarm().shelve_reason, "设备调试");
    EXPECT_EQ(alarm().shelved_by, "张伟");
    EXPECT_EQ(lastTransition().from, AlarmState::Unacked);
    EXPECT_EQ(lastTransition().to, AlarmState::Shelved);
    EXPECT_EQ(lastTransition().actor, "张伟");
    EXPECT_EQ(lastTransition().cause, "设备调试");
    apply(s, at(2000, AlarmUnshelve{"AL-1", "张伟", "operator"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Unacked);
    EXPECT_EQ(alarm().shelved_until_ms, 0);
    EXPECT_TRUE(alarm().shelve_reason.empty());
    EXPECT_EQ(lastTransition().cause, "unshelved");
}

TEST_F(Lifecycle, ShelveExpiryIsJournaledAsAnUnshelveByTheConsole) {
    raise(0);
    ack(500);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 5000, "误报排查", "张伟"}, "operator"));
    apply(s, at(5000, AlarmUnshelve{"AL-1", "console", "expired"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Acked);
    EXPECT_EQ(lastTransition().actor, "console");
    EXPECT_EQ(lastTransition().cause, "shelve expired");
}

TEST_F(Lifecycle, ShelveInThePastOrOfUnknownAlarmIsIgnored) {
    raise(0);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 1000, "过期", "张伟"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Unacked);
    apply(s, at(1000, AlarmShelve{"AL-X", kT0 + 9000, "无此告警", "张伟"}, "operator"));
    EXPECT_EQ(s.alarms.count("AL-X"), 0u);
}

TEST_F(Lifecycle, AShelvedAlarmThatClearsIsReturnedUnackedWhenTheShelveEnds) {
    raise(0);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 60'000, "检修", "张伟"}, "operator"));
    clear(2000);
    EXPECT_EQ(state(), AlarmState::Shelved); // underneath it cleared, unacked
    EXPECT_FALSE(alarm().active);
    apply(s, at(60'000, AlarmUnshelve{"AL-1", "console", "expired"}, "operator"));
    EXPECT_EQ(state(), AlarmState::ReturnedUnacked);
}

TEST_F(Lifecycle, AShelvedAlarmAckedAndClearedLeavesTheBoard) {
    raise(0);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 60'000, "检修", "张伟"}, "operator"));
    ack(1500);
    EXPECT_EQ(state(), AlarmState::Shelved);
    clear(2000);
    EXPECT_EQ(state(), AlarmState::Shelved); // still shelved: the shelve keeps it until it ends
    apply(s, at(3000, AlarmUnshelve{"AL-1", "console", "expired"}, "operator"));
    EXPECT_EQ(s.alarms.count("AL-1"), 0u);
}

// ---- Suppression: out of service, by the backend or by configuration.
TEST_F(Lifecycle, SuppressOnAndOffWithReasonAndSource) {
    raise(0);
    apply(s, at(1000, AlarmSuppress{"AL-1", true, "设备检修"}, "monitor"));
    EXPECT_EQ(state(), AlarmState::Suppressed);
    EXPECT_EQ(alarm().suppressed_by, "monitor");
    EXPECT_EQ(alarm().suppress_reason, "设备检修");
    EXPECT_EQ(lastTransition().cause, "设备检修");
    apply(s, at(1500, AlarmSuppress{"AL-1", true, "again"}, "monitor")); // no change, no entry
    EXPECT_EQ(alarm().suppress_reason, "设备检修");
    apply(s, at(2000, AlarmSuppress{"AL-1", false, ""}, "monitor"));
    EXPECT_EQ(state(), AlarmState::Unacked);
    EXPECT_TRUE(alarm().suppressed_by.empty());
    EXPECT_EQ(lastTransition().cause, "alarm.suppress");
}

TEST_F(Lifecycle, SuppressionByConfigurationComesFromTheConsole) {
    raise(0);
    apply(s, at(1000, AlarmSuppress{"AL-1", true, "设备检修（配置）"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Suppressed);
    EXPECT_EQ(alarm().suppressed_by, "operator");
    EXPECT_EQ(lastTransition().actor, "operator");
}

TEST_F(Lifecycle, SuppressionOverridesShelving) {
    raise(0);
    apply(s, at(1000, AlarmShelve{"AL-1", kT0 + 60'000, "检修", "张伟"}, "operator"));
    apply(s, at(2000, AlarmSuppress{"AL-1", true, "停用"}, "monitor"));
    EXPECT_EQ(state(), AlarmState::Suppressed);
    apply(s, at(3000, AlarmUnshelve{"AL-1", "张伟", "operator"}, "operator"));
    EXPECT_EQ(state(), AlarmState::Suppressed);
    EXPECT_EQ(alarm().history.size(), 3u); // unshelve under suppression shows no change
}

// ---- 叫应 calls and the response figures.
Call callTo(const std::string& id, const std::string& name, int tier, TimeMs deadline) {
    Call c;
    c.id = id;
    c.person = {name, "村支书", "清江县/青龙镇/青龙村", "138-0000-0001"};
    c.tier = tier;
    c.deadline_ms = deadline;
    return c;
}

TEST_F(Lifecycle, CallPlaceCountsFirstTierCallsAndTheSerial) {
    raise(0);
    apply(s, at(100, CallPlace{"AL-1", callTo("AL-1#1", "王村长", 0, kT0 + 300'100), "raise"}, "operator"));
    apply(s, at(100, CallPlace{"AL-1", callTo("AL-1#1", "王村长", 0, kT0 + 300'100), "raise"}, "operator"));
    ASSERT_EQ(alarm().calls.size(), 1u); // same id twice: placed once
    EXPECT_EQ(alarm().calls[0].called_ms, kT0 + 100);
    EXPECT_EQ(s.call_serial, 2u);       // the serial counts every decision, so ids never repeat
    EXPECT_EQ(s.response.calls[levelIndex(WarningLevel::Red)], 1u);
    apply(s, at(200, CallPlace{"AL-X", callTo("AL-X#3", "某人", 0, kT0 + 1000), "raise"}, "operator"));
    EXPECT_EQ(s.call_serial, 3u);
    EXPECT_EQ(s.response.calls[levelIndex(WarningLevel::Red)], 1u);
}

TEST_F(Lifecycle, AnswersFromTheCallingSystemAndByHandAreRecordedOnce) {
    raise(0);
    apply(s, at(0, CallPlace{"AL-1", callTo("AL-1#1", "王村长", 0, kT0 + 300'000), "raise"}, "operator"));
    apply(s, at(0, CallPlace{"AL-1", callTo("AL-1#2", "李支书", 0, kT0 + 300'000), "raise"}, "operator"));
    apply(s, at(0, CallPlace{"AL-1", callTo("AL-1#3", "赵主任", 0, kT0 + 300'000), "raise"}, "operator"));
    apply(s, at(60'000, CallAnswer{"AL-1", "AL-1#1", 0, "voice", "已收到"}, "callcenter"));
    apply(s, at(70'000, CallAnswer{"AL-1", "AL-1#1", 0, "sms", "again"}, "callcenter")); // second answer ignored
    CallAnswerRecord manual{CallAnswer{"AL-1", "AL-1#2", 0, "", "已电话确认，正在组织转移"}, "刘芳"};
    apply(s, at(180'000, manual, "operator"));
    const Alarm& a = alarm();
    EXPECT_EQ(a.calls[0].answered_ms, kT0 + 60'000);
    EXPECT_EQ(a.calls[0].channel, "voice");
    EXPECT_EQ(a.calls[0].note, "已收到");
    EXPECT_EQ(a.calls[1].channel, "manual");
    EXPECT_EQ(a.calls[1].recorded_by, "刘芳");
    EXPECT_EQ(a.calls[1].note, "已电话确认，正在组织转移");
    const int red = levelIndex(WarningLevel::Red);
    EXPECT_EQ(s.response.calls[red], 3u);
    EXPECT_EQ(s.response.answered[red], 2u);
    EXPECT_EQ(medianAnswerMs(s.response, WarningLevel::Red), 120'000); // (60 s + 180 s) / 2
    apply(s, at(200'000, CallAnswer{"AL-1", "AL-1#3", kT0 + 90'000, "app", ""}, "callcenter")); // carries its own time
    EXPECT_EQ(medianAnswerMs(s.response, WarningLevel::Red), 90'000);
    EXPECT_EQ(medianAnswerMs(s.response, WarningLevel::Blue), 0);
}

TEST_F(Lifecycle, EscalationMarksTheCallAndAnAnsweredCallNeverEscalates) {
    raise(0);
    apply(s, at(0, CallPlace{"AL-1", callTo("AL-1#1", "王村长", 0, kT0 + 5000), "raise"}, "operator"));
    apply(s, at(0, CallPlace{"AL-1", callTo("AL-1#2", "李支书", 0, kT0 + 5000), "raise"}, "operator"));
    apply(s, at(1000, CallAnswer{"AL-1", "AL-1#2", 0, "voice", ""}, "callcenter"));
    apply(s, at(5000, CallEscalate{"AL-1", "AL-1#1", "AL-1#3"}, "operator"));
    apply(s, at(5000, CallPlace{"AL-1", callTo("AL-1#3", "镇长", 1, kT0 + 10'000), "escalation of AL-1#1"}, "operator"));
    apply(s, at(5000, CallEscalate{"AL-1", "AL-1#2", "AL-1#4"}, "operator")); // answered: ignored
    const Alarm& a = alarm();
    EXPECT_EQ(a.calls[0].escalated_ms, kT0 + 5000);
    EXPECT_EQ(a.calls[0].escalated_to, "AL-1#3");
    EXPECT_EQ(a.calls[1].escalated_ms, 0);
    EXPECT_EQ(a.calls[2].tier, 1);
    const int red = levelIndex(WarningLevel::Red);
    EXPECT_EQ(s.response.escalated[red], 1u);
    EXPECT_EQ(s.response.calls[red], 2u); // the supervisor's call is not a first-tier call
    apply(s, at(6000, CallEscalate{"AL-1", "AL-1#1", "AL-1#9"}, "operator")); // once only
    EXPECT_EQ(alarm().calls[0].escalated_to, "AL-1#3");
    EXPECT_EQ(s.response.escalated[red], 1u);
}

// ---- Incidents and the 1-hour upward-reporting countdown.
Incident incident(IncidentGrade grade) {
    Incident i;
    i.id = "INC-1";
    i.title = "青龙水库险情";
    i.grade = grade;
    return i;
}

TEST_F(Lifecycle, CountdownStartsOnlyAtLargerAndAboveAndOnlyOnce) {
    apply(s, at(0, IncidentUpsert{incident(IncidentGrade::General)}));
    EXPECT_EQ(s.incidents.at("INC-1").report_due_ms, 0);
    EXPECT_EQ(s.response.reports_due, 0u);
    apply(s, at(1000, IncidentUpsert{incident(IncidentGrade::Larger)}));
    EXPECT_EQ(s.incidents.at("INC-1").report_due_ms, kT0 + 1000 + kReportWindowMs);
    apply(s, at(2000, IncidentUpsert{incident(IncidentGrade::Major)})); // regrading does not restart it
    EXPECT_EQ(s.incidents.at("INC-1").report_due_ms, kT0 + 1000 + kReportWindowMs);
    EXPECT_EQ(s.incidents.at("INC-1").grade, IncidentGrade::Major);
    EXPECT_EQ(s.response.reports_due, 1u);
}

TEST_F(Lifecycle, ReportedOnTimeAndLateAreCounted) {
    apply(s, at(0, IncidentUpsert{incident(IncidentGrade::Especially)}));
    apply(s, at(30 * 60'000, IncidentReported{"INC-1", "黄卫东", "已电话报告市应急局"}, "operator"));
    const Incident& i = s.incidents.at("INC-1");
    EXPECT_EQ(i.reported_ms, kT0 + 30 * 60'000);
    EXPECT_EQ(i.reported_by, "黄卫东");
    EXPECT_EQ(s.response.reported, 1u);
    EXPECT_EQ(s.response.reported_on_time, 1u);
    apply(s, at(31 * 60'000, IncidentReported{"INC-1", "黄卫东", "again"}, "operator")); // once
    EXPECT_EQ(s.response.reported, 1u);
    // A later upsert from the backend keeps the console's report fields.
    apply(s, at(32 * 60'000, IncidentUpsert{incident(IncidentGrade::Especially)}));
    EXPECT_EQ(s.incidents.at("INC-1").reported_by, "黄卫东");

    Incident late = incident(IncidentGrade::Larger);
    late.id = "INC-2";
    apply(s, at(0, IncidentUpsert{late}));
    apply(s, at(kReportWindowMs + 1, IncidentReported{"INC-2", "黄卫东", "迟报"}, "operator"));
    EXPECT_EQ(s.response.reported, 2u);
    EXPECT_EQ(s.response.reported_on_time, 1u);
}

} // namespace
} // namespace wall
