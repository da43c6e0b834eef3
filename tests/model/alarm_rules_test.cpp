// The console's alarm rules engine (model/alarm_rules.hpp), fed with applied
// events and a clock it is handed: who gets called for a new warning, who is
// called next when nobody answers (谁主管谁叫应), shelve expiry, out-of-service
// suppression, and that a decision in flight is not issued twice.
#include "model/alarm_rules.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;

Responder person(const std::string& name, const std::string& role, const std::string& phone) {
    return Responder{name, role, "", phone};
}

ConsoleRules qingjiangRules() {
    ConsoleRules r;
    r.call_response.min_level = WarningLevel::Orange;
    r.call_response.deadline_s = {300, 600, 1800, 3600};
    r.call_response.grid = {
        {"青龙镇", "青龙村", {person("王建军", "村支书", "138-0000-0001"), person("李秀英", "村主任", "138-0000-0002")}},
        {"青龙镇", "", {person("吴德华", "镇长", "138-0000-0011")}},
        {"", "", {person("陈国华", "县防指副指挥长", "138-0000-0100")}},
    };
    r.out_of_service = {{"WL-OLD-01", "", "设备检修"}, {"", "test", "测试类别停用"}};
    return r;
}

struct Rules : ::testing::Test {
    State s;
    AlarmRules engine{qingjiangRules()};
    uint64_t seq = 0;

    Event event(TimeMs t, EventBody body, const std::string& source = "monitor") {
        Event e;
        e.source = source;
        e.seq = ++seq;
        e.ts_ms = e.recv_ms = t;
        e.body = std::move(body);
        return e;
    }
    /// Applies backend events and returns the engine's reactions (not applied).
    std::vector<EventBody> feed(TimeMs t, std::vector<EventBody> bodies) {
        std::vector<Event> applied;
        for (auto& b : bodies) {
            applied.push_back(event(t, std::move(b)));
            apply(s, applied.back());
        }
        return engine.react(s, applied, t);
    }
    /// Applies the engine's decisions as the worker would (source "operator").
    void commit(TimeMs t, const std::vector<EventBody>& decisions) {
        for (const auto& d : decisions) apply(s, event(t, d, "operator"));
    }
    static Alarm alarm(const std::string& id, WarningLevel level, const std::string& township,
                       const std::string& village) {
        Alarm a;
        a.id = id;
        a.level = level;
        a.category = "reservoir";
        a.device = "WL-QLSK-01";
        a.site = {"清江县", township, village, "青龙水库"};
        return a;
    }
};

template <class T> std::vector<T> only(const std::vector<EventBody>& v) {
    std::vector<T> out;
    for (auto& b : v)
        if (auto* t = std::get_if<T>(&b)) out.push_back(*t);
    return out;
}

TEST_F(Rules, ARedVillageWarningCallsEveryVillagePersonWithTheRedDeadline) {
    auto out = feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}});
    auto calls = only<CallPlace>(out);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].call.id, "AL-1#1");
    EXPECT_EQ(calls[1].call.id, "AL-1#2");
    EXPECT_EQ(calls[0].call.person.name, "王建军");
    EXPECT_EQ(calls[0].call.person.grid, "清江县/青龙镇/青龙村");
    EXPECT_EQ(calls[1].call.person.name, "李秀英");
    EXPECT_EQ(calls[0].call.tier, 0);
    EXPECT_EQ(calls[0].call.deadline_ms, kT0 + 300'000);
    EXPECT_EQ(calls[0].cause, "raise");
}

TEST_F(Rules, BelowTheMinimumLevelNobodyIsCalled) {
    EXPECT_TRUE(feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Yellow, "青龙镇", "青龙村")}}).empty());
}

TEST_F(Rules, WithoutAVillageCellTheTownshipThenTheCountyAnswers) {
    auto out = feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Orange, "青龙镇", "下湾村")}});
    auto calls = only<CallPlace>(out);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].call.person.name, "吴德华");
    EXPECT_EQ(calls[0].call.deadline_ms, kT0 + 600'000);
    out = feed(kT0, {AlarmRaise{alarm("AL-2", WarningLevel::Orange, "白沙乡", "白沙村")}});
    calls = only<CallPlace>(out);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].call.person.name, "陈国华");
}

TEST_F(Rules, TheAlarmsOwnRespondersWinOverTheGrid) {
    Alarm a = alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村");
    a.responders = {Responder{"赵大山", "水库管理员", "清江县/青龙镇/青龙水库", "138-0000-0009"}};
    auto calls = only<CallPlace>(feed(kT0, {AlarmRaise{a}}));
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].call.person.name, "赵大山");
}

TEST_F(Rules, CallIdsFollowTheStateSerialAndCountCallsInFlight) {
    s.call_serial = 41; // calls placed before (e.g. before a restart)
    auto first = only<CallPlace>(feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    auto second = only<CallPlace>(feed(kT0, {AlarmRaise{alarm("AL-2", WarningLevel::Red, "青龙镇", "")}}));
    ASSERT_EQ(first.size(), 2u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(first[0].call.id, "AL-1#42");
    EXPECT_EQ(first[1].call.id, "AL-1#43");
    EXPECT_EQ(second[0].call.id, "AL-2#44"); // the first two are not applied yet
}

TEST_F(Rules, ARaiseOfAnActiveAlarmOrAPipelinedRepeatCallsNobodyAgain) {
    auto out = feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}});
    ASSERT_EQ(only<CallPlace>(out).size(), 2u);
    // The same raise reacted to again before the calls are applied (pipelined batch): nothing new.
    std::vector<Event> again{event(kT0, AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")})};
    again[0].recv_ms = s.alarms.at("AL-1").activations.back();
    EXPECT_TRUE(engine.react(s, again, kT0).empty());
    commit(kT0, out);
    EXPECT_TRUE(feed(kT0 + 1000, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}).empty());
}

TEST_F(Rules, AReRaiseWithCallsStillOpenCallsNobodyNew) {
    commit(kT0, feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    feed(kT0 + 1000, {AlarmClear{"AL-1"}});
    EXPECT_TRUE(feed(kT0 + 2000, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}).empty());
    // Once all answered, a new activation is called again.
    apply(s, event(kT0 + 3000, CallAnswer{"AL-1", "AL-1#1", 0, "voice", ""}, "callcenter"));
    apply(s, event(kT0 + 3000, CallAnswer{"AL-1", "AL-1#2", 0, "voice", ""}, "callcenter"));
    feed(kT0 + 4000, {AlarmClear{"AL-1"}});
    auto calls = only<CallPlace>(feed(kT0 + 5000, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].call.id, "AL-1#3");
}

TEST_F(Rules, OutOfServiceDevicesAndCategoriesAreSuppressedAndNotCalled) {
    Alarm a = alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村");
    a.device = "WL-OLD-01";
    auto out = feed(kT0, {AlarmRaise{a}});
    ASSERT_EQ(out.size(), 1u);
    auto sup = std::get<AlarmSuppress>(out[0]);
    EXPECT_EQ(sup.id, "AL-1");
    EXPECT_TRUE(sup.suppressed);
    EXPECT_EQ(sup.reason, "设备检修");
    EXPECT_TRUE(feed(kT0, {AlarmRaise{a}}).empty()); // in flight: not again
    commit(kT0, out);
    EXPECT_EQ(alarmState(s.alarms.at("AL-1")), AlarmState::Suppressed);
    Alarm t = alarm("AL-2", WarningLevel::Blue, "青龙镇", "");
    t.category = "test";
    EXPECT_EQ(only<AlarmSuppress>(feed(kT0, {AlarmRaise{t}})).size(), 1u);
}

TEST_F(Rules, ShelvesExpireAtTheirTimeOnce) {
    feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Yellow, "青龙镇", "青龙村")}});
    apply(s, event(kT0 + 1000, AlarmShelve{"AL-1", kT0 + 60'000, "检修", "张伟"}, "operator"));
    EXPECT_EQ(engine.nextDue(s), kT0 + 60'000);
    EXPECT_TRUE(engine.due(s, kT0 + 59'999).empty());
    auto out = engine.due(s, kT0 + 60'000);
    ASSERT_EQ(out.size(), 1u);
    auto un = std::get<AlarmUnshelve>(out[0]);
    EXPECT_EQ(un.id, "AL-1");
    EXPECT_EQ(un.operator_name, "console");
    EXPECT_EQ(un.cause, "expired");
    EXPECT_TRUE(engine.due(s, kT0 + 60'200).empty()); // in flight
    commit(kT0 + 60'300, out);
    EXPECT_EQ(alarmState(s.alarms.at("AL-1")), AlarmState::Unacked);
    EXPECT_EQ(engine.nextDue(s), std::nullopt);
}

TEST_F(Rules, AnUnansweredVillageCallEscalatesToTheTownshipThenTheCountyThenTheLeaderOnDuty) {
    Shift day;
    day.label = "白班";
    day.start_ms = kT0 - 3'600'000;
    day.end_ms = kT0 + 3'600'000;
    day.leader = {"黄卫东", "带班领导", "138-0000-1234"};
    s.roster.shifts.push_back(day);
    commit(kT0, feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    apply(s, event(kT0 + 1000, CallAnswer{"AL-1", "AL-1#2", 0, "voice", ""}, "callcenter"));

    EXPECT_EQ(engine.nextDue(s), kT0 + 300'000);
    EXPECT_TRUE(engine.due(s, kT0 + 299'999).empty()); // not before the deadline
    TimeMs now = kT0 + 300'000;
    auto out = engine.due(s, now);
    ASSERT_EQ(out.size(), 2u); // the answered call does not escalate
    auto esc = std::get<CallEscalate>(out[0]);
    auto place = std::get<CallPlace>(out[1]);
    EXPECT_EQ(esc.call_id, "AL-1#1");
    EXPECT_EQ(esc.to_call_id, "AL-1#3");
    EXPECT_EQ(place.call.id, "AL-1#3");
    EXPECT_EQ(place.call.person.name, "吴德华");
    EXPECT_EQ(place.call.tier, 1);
    EXPECT_EQ(place.call.deadline_ms, now + 300'000);
    EXPECT_EQ(place.cause, "escalation of AL-1#1");
    EXPECT_TRUE(engine.due(s, now + 100).empty()); // in flight
    commit(now, out);

    now += 300'000;
    out = engine.due(s, now);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(std::get<CallEscalate>(out[0]).call_id, "AL-1#3");
    EXPECT_EQ(std::get<CallPlace>(out[1]).call.person.name, "陈国华");
    EXPECT_EQ(std::get<CallPlace>(out[1]).call.tier, 2);
    commit(now, out);

    now += 300'000;
    out = engine.due(s, now);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(std::get<CallPlace>(out[1]).call.person.name, "黄卫东");
    EXPECT_EQ(std::get<CallPlace>(out[1]).call.tier, 3);
    commit(now, out);

    now += 300'000;
    out = engine.due(s, now);
    ASSERT_EQ(out.size(), 1u); // nobody above the leader on duty
    EXPECT_EQ(std::get<CallEscalate>(out[0]).to_call_id, "");
    commit(now, out);
    EXPECT_TRUE(engine.due(s, now + 3'600'000).empty());
    EXPECT_EQ(engine.nextDue(s), std::nullopt);
    EXPECT_EQ(s.response.escalated[levelIndex(WarningLevel::Red)], 1u);
}

TEST_F(Rules, TwoOverdueCallsOfOneTierCallTheSupervisorOnce) {
    commit(kT0, feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    auto out = engine.due(s, kT0 + 300'000);
    auto esc = only<CallEscalate>(out);
    ASSERT_EQ(esc.size(), 2u);
    ASSERT_EQ(only<CallPlace>(out).size(), 1u);
    EXPECT_EQ(esc[0].to_call_id, esc[1].to_call_id);
}

TEST_F(Rules, CallsOfAlarmsThatAreGoneNeverEscalate) {
    commit(kT0, feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Red, "青龙镇", "青龙村")}}));
    apply(s, event(kT0 + 1000, AlarmAck{"AL-1", "刘芳"}, "operator"));
    feed(kT0 + 2000, {AlarmClear{"AL-1"}});
    ASSERT_EQ(s.alarms.count("AL-1"), 0u);
    EXPECT_TRUE(engine.due(s, kT0 + 3'600'000).empty());
}

TEST_F(Rules, ADecisionTheStateNeverShowsIsRetriedLater) {
    feed(kT0, {AlarmRaise{alarm("AL-1", WarningLevel::Yellow, "青龙镇", "青龙村")}});
    apply(s, event(kT0, AlarmShelve{"AL-1", kT0 + 1000, "检修", "张伟"}, "operator"));
    ASSERT_EQ(engine.due(s, kT0 + 1000).size(), 1u);
    EXPECT_TRUE(engine.due(s, kT0 + 2000).empty());
    EXPECT_EQ(engine.due(s, kT0 + 60'000).size(), 1u); // its batch was lost: asked again
}

} // namespace
} // namespace wall

namespace wall {
namespace {

// A crash between journaling a raise and journaling its calls: on start the
// engine finds the warning uncalled in its current activation and calls it.
TEST_F(Rules, AtStartAWarningWhoseCallsWereLostIsCalledOnceAndAnAnsweredOneIsNot) {
    Event lost = event(kT0, AlarmRaise{alarm("AL-LOST", WarningLevel::Red, "青龙镇", "青龙村")});
    apply(s, lost); // applied, but the reaction never made it to the journal
    auto placed = feed(kT0, {AlarmRaise{alarm("AL-OK", WarningLevel::Orange, "青龙镇", "青龙村")}});
    commit(kT0, placed);
    for (const CallPlace& c : only<CallPlace>(placed)) apply(s, event(kT0 + 1000, CallAnswer{c.alarm_id, c.call.id, 0, "voice", "收到"}));

    AlarmRules restarted{qingjiangRules()};
    auto out = restarted.missedBeforeStart(s, kT0 + 60'000);
    auto calls = only<CallPlace>(out);
    ASSERT_EQ(calls.size(), 2u); // the two 青龙村 persons, for AL-LOST only
    for (const CallPlace& c : calls) {
        EXPECT_EQ(c.alarm_id, "AL-LOST");
        EXPECT_EQ(c.call.deadline_ms, kT0 + 60'000 + 300'000); // the red deadline, from now
    }
    EXPECT_TRUE(restarted.missedBeforeStart(s, kT0 + 60'000).empty()) << "in flight: not issued twice";
}

TEST_F(Rules, AtStartAnUnsuppressedOutOfServiceAlarmIsSuppressed) {
    Alarm a = alarm("AL-OOS", WarningLevel::Red, "青龙镇", "青龙村");
    a.device = "WL-OLD-01";
    apply(s, event(kT0, AlarmRaise{a}));
    auto out = AlarmRules{qingjiangRules()}.missedBeforeStart(s, kT0 + 1000);
    ASSERT_EQ(only<AlarmSuppress>(out).size(), 1u);
    EXPECT_TRUE(only<CallPlace>(out).empty());
}

} // namespace
} // namespace wall
