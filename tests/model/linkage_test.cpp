// Camera linkage decisions (console/model/linkage.hpp): which alarm's cameras a
// linkage region shows, frame by frame. The state is built with the real
// apply() from events, the clock is a plain number, so every case is exact.
#include "model/alarm_order.hpp"
#include "model/linkage.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

constexpr TimeMs kT0 = 1'760'000'000'000;

class LinkageFixture : public testing::Test {
protected:
    LinkageFixture() {
        rules.linkage_timing.hold_s = 10;
        rules.linkage_timing.revert_after_ack_s = 30;
        director.setRegions({{"linkage", {"cam-01"}, false}});
    }

    void apply(EventBody body, TimeMs at, std::string source = "monitor") {
        Event e;
        e.source = std::move(source);
        e.seq = ++seq;
        e.ts_ms = e.recv_ms = at;
        e.body = std::move(body);
        wall::apply(state, e);
        // As UiModel does, so every test also runs the director's incremental path.
        if (const std::string* id = touchedAlarmId(e.body)) touched.push_back(*id);
        ++generation;
    }
    void raise(const std::string& id, WarningLevel level, TimeMs at, std::vector<std::string> cameras,
               std::string village = "龙潭村") {
        Alarm a;
        a.id = id;
        a.level = level;
        a.title = "预警 " + id;
        a.site = {"清江县", "石门镇", std::move(village), ""};
        a.cameras = std::move(cameras);
        a.raised_ms = at;
        apply(AlarmRaise{a}, at);
    }
    /// Runs the director at `now` and keeps every change it reports.
    std::vector<LinkageShow> frame(TimeMs now) {
        auto changes = director.update(state, now, rules, generation, &touched);
        touched.clear();
        journal.insert(journal.end(), changes.begin(), changes.end());
        return changes;
    }
    std::string showing(const std::string& region = "linkage") const {
        const LinkageDecision* d = director.decision(region);
        return d ? d->alarm_id : "<no region>";
    }

    State state;
    ConsoleRules rules;
    LinkageDirector director;
    std::vector<LinkageShow> journal;
    uint64_t seq = 0;
    uint64_t generation = 1;            // alarms generation, moved by apply()
    std::vector<std::string> touched;   // alarms apply() changed since the last frame()
};

// ---- Which cameras an alarm brings

TEST(LinkedCameras, AlarmsOwnCamerasFirstThenDeviceThenAreaVillageTownship) {
    std::vector<LinkageRule> rules{{"石门镇", "", {"cam-t"}, ""},
                                   {"龙潭村", "", {"cam-v"}, "site"},
                                   {"龙潭水库大坝", "", {"cam-a"}, ""},
                                   {"", "rg-17", {"cam-d"}, "big"}};
    Alarm a;
    a.site = {"清江县", "石门镇", "", ""};
    EXPECT_EQ(linkedCameras(a, rules), std::vector<std::string>{"cam-t"});
    a.site.village = "龙潭村";
    std::string region;
    EXPECT_EQ(linkedCameras(a, rules, &region), std::vector<std::string>{"cam-v"});
    EXPECT_EQ(region, "site");
    a.site.area = "龙潭水库大坝";
    EXPECT_EQ(linkedCameras(a, rules), std::vector<std::string>{"cam-a"});
    a.device = "rg-17";
    EXPECT_EQ(linkedCameras(a, rules, &region), std::vector<std::string>{"cam-d"});
    EXPECT_EQ(region, "big");
    a.cameras = {"cam-own"};
    EXPECT_EQ(linkedCameras(a, rules), std::vector<std::string>{"cam-own"});
    Alarm elsewhere;
    elsewhere.site = {"清江县", "白沙乡", "", ""};
    EXPECT_TRUE(linkedCameras(elsewhere, rules).empty());
}

// ---- Showing, holding, taking over

TEST_F(LinkageFixture, AnAlarmWithCamerasIsShownInTheSameUpdate) {
    EXPECT_TRUE(frame(kT0).empty()) << "nothing to show, nothing to journal";
    raise("a1", WarningLevel::Yellow, kT0 + 100, {"cam-07", "cam-08"});
    const auto changes = frame(kT0 + 116);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].region, "linkage");
    EXPECT_EQ(changes[0].alarm_id, "a1");
    EXPECT_EQ(changes[0].cameras, (std::vector<std::string>{"cam-07", "cam-08"}));
    EXPECT_EQ(changes[0].cause, "alarm");
    EXPECT_TRUE(frame(kT0 + 132).empty()) << "a change is reported once";
}

TEST_F(LinkageFixture, ABurstOfTwentyAlarmsInTwoSecondsDoesNotFlapInsideTheHold) {
    // 20 orange alarms at 20 villages, one every 100 ms, the director running at 60 fps.
    int raised = 0;
    for (TimeMs t = kT0; t <= kT0 + 2500; t += 16) {
        while (raised < 20 && kT0 + raised * 100 <= t) {
            raise("b" + std::to_string(raised), WarningLevel::Orange, t, {"cam-" + std::to_string(20 + raised)},
                  "村" + std::to_string(raised));
            ++raised;
        }
        frame(t);
    }
    ASSERT_EQ(raised, 20);
    ASSERT_EQ(journal.size(), 1u) << "one change for the first alarm, then the hold";
    EXPECT_EQ(journal[0].alarm_id, "b0");
    // After the hold the newest unacknowledged alarm takes its turn, once.
    for (TimeMs t = kT0 + 2500; t <= kT0 + 10'500; t += 16) frame(t);
    ASSERT_EQ(journal.size(), 2u);
    EXPECT_EQ(journal[1].alarm_id, "b19");
    EXPECT_EQ(journal[1].cause, "alarm");
    for (TimeMs t = kT0 + 10'500; t <= kT0 + 19'000; t += 16) frame(t);
    EXPECT_EQ(journal.size(), 2u) << "nothing newer: it stays";
}

TEST_F(LinkageFixture, AHigherLevelTakesOverInsideTheHoldALowerOneWaits) {
    raise("y", WarningLevel::Yellow, kT0, {"cam-02"});
    frame(kT0);
    raise("b", WarningLevel::Blue, kT0 + 1000, {"cam-03"});
    frame(kT0 + 1000);
    EXPECT_EQ(showing(), "y");
    raise("r", WarningLevel::Red, kT0 + 2000, {"cam-04"});
    const auto changes = frame(kT0 + 2000);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].alarm_id, "r");
    EXPECT_EQ(changes[0].cause, "higher level");
    // The lower levels never come back over an unacknowledged red one, hold or not.
    for (TimeMs t = kT0 + 2000; t < kT0 + 60'000; t += 500) frame(t);
    EXPECT_EQ(showing(), "r");
    EXPECT_EQ(journal.size(), 2u);
}

TEST_F(LinkageFixture, RevertsAfterAckPlusDelayNotBefore) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    apply(AlarmAck{"a", "熊磊"}, kT0 + 20'000, "operator");
    frame(kT0 + 20'000);
    frame(kT0 + 49'999);
    EXPECT_EQ(showing(), "a") << "30 s after the ack it is still shown";
    const auto changes = frame(kT0 + 50'000);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].alarm_id, "");
    EXPECT_EQ(changes[0].cameras, std::vector<std::string>{"cam-01"}) << "back to the region's own camera";
    EXPECT_EQ(changes[0].cause, "ack+delay");
    EXPECT_EQ(showing(), "");
    EXPECT_TRUE(frame(kT0 + 60'000).empty()) << "an acknowledged alarm does not come back";
}

TEST_F(LinkageFixture, AnAckInsideTheHoldStillKeepsTheHold) {
    rules.linkage_timing.revert_after_ack_s = 0;
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    apply(AlarmAck{"a", "熊磊"}, kT0 + 1000, "operator");
    frame(kT0 + 1000);
    EXPECT_EQ(showing(), "a");
    frame(kT0 + 10'000);
    EXPECT_EQ(showing(), "");
}

TEST_F(LinkageFixture, AGoneAlarmRevertsAtOnce) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    apply(AlarmAck{"a", "熊磊"}, kT0 + 100, "operator");
    apply(AlarmClear{"a"}, kT0 + 200); // cleared and acknowledged: leaves the state
    ASSERT_EQ(state.alarms.count("a"), 0u);
    const auto changes = frame(kT0 + 216);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].cause, "alarm gone");
}

TEST_F(LinkageFixture, AnotherWaitingAlarmFollowsWhenTheShownOneEnds) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    raise("b", WarningLevel::Orange, kT0 - 1000, {"cam-06"}); // older: does not replace "a" after the hold
    frame(kT0 + 12'000);
    EXPECT_EQ(showing(), "a");
    apply(AlarmAck{"a", "熊磊"}, kT0 + 13'000, "operator");
    frame(kT0 + 43'000);
    EXPECT_EQ(showing(), "b");
    EXPECT_EQ(journal.back().cause, "alarm");
}

TEST_F(LinkageFixture, OperatorRevertKeepsOlderAlarmsOutNewOnesStillCome) {
    raise("a", WarningLevel::Red, kT0, {"cam-05"});
    raise("b", WarningLevel::Orange, kT0, {"cam-06"});
    frame(kT0);
    const LinkageShow revert = director.revertByOperator("linkage", kT0 + 1000);
    EXPECT_EQ(revert.alarm_id, "");
    EXPECT_EQ(revert.cameras, std::vector<std::string>{"cam-01"});
    EXPECT_EQ(revert.cause, "operator");
    EXPECT_TRUE(frame(kT0 + 1016).empty());
    EXPECT_EQ(showing(), "");
    raise("c", WarningLevel::Blue, kT0 + 2000, {"cam-09"});
    frame(kT0 + 2000);
    EXPECT_EQ(showing(), "c");
}

TEST_F(LinkageFixture, ShelvedAndSuppressedAlarmsLeaveTheWall) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    apply(AlarmShelve{"a", kT0 + 3'600'000, "设备检修", "熊磊"}, kT0 + 1000, "operator");
    const auto changes = frame(kT0 + 1000);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].cause, "alarm gone");
}

TEST_F(LinkageFixture, CamerasFromTheRulesAndThePreferredRegion) {
    director.setRegions({{"linkage", {"cam-01"}, false}, {"site", {"cam-03"}, false}});
    rules.linkage = {{"龙潭村", "", {"cam-11", "cam-12"}, "site"}};
    raise("a", WarningLevel::Yellow, kT0, {});
    raise("b", WarningLevel::Yellow, kT0, {"cam-02"}, "白沙村");
    const auto changes = frame(kT0);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(showing("site"), "a");
    EXPECT_EQ(director.decision("site")->cameras, (std::vector<std::string>{"cam-11", "cam-12"}));
    EXPECT_EQ(showing("linkage"), "b") << "no rule names a region: the first linkage region";
}

TEST_F(LinkageFixture, ARedWarningTakesOverTheBigGridOthersDoNot) {
    director.setRegions({{"linkage", {"cam-01"}, false}, {"cameras", {"cam-01", "cam-02"}, true}});
    raise("o", WarningLevel::Orange, kT0, {"cam-05"});
    frame(kT0);
    EXPECT_EQ(showing("linkage"), "o");
    EXPECT_EQ(showing("cameras"), "") << "an orange warning leaves the big grid alone";
    raise("r", WarningLevel::Red, kT0 + 500, {"cam-07", "cam-08", "cam-09"});
    const auto changes = frame(kT0 + 500);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(showing("linkage"), "r");
    EXPECT_EQ(showing("cameras"), "r");
    EXPECT_EQ(director.decision("cameras")->cameras.size(), 3u);
    apply(AlarmAck{"r", "熊磊"}, kT0 + 1000, "operator");
    frame(kT0 + 31'000);
    EXPECT_EQ(showing("cameras"), "") << "the grid goes back to its own cameras";
    EXPECT_EQ(showing("linkage"), "o") << "the orange warning gets the linkage region back";
}

TEST_F(LinkageFixture, ResumesFromTheJournaledLinkageWithoutReportingAgain) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    apply(LinkageShow{"linkage", "a", {"cam-05"}, "alarm"}, kT0, "operator");
    LinkageDirector restarted;
    restarted.setRegions({{"linkage", {"cam-01"}, false}});
    restarted.resume(state, kT0 + 60'000);
    EXPECT_EQ(restarted.decision("linkage")->alarm_id, "a");
    EXPECT_TRUE(restarted.update(state, kT0 + 60'016, rules).empty()) << "already journaled";
    // The hold restarts at resume: a same-level newcomer waits for it.
    raise("b", WarningLevel::Orange, kT0 + 61'000, {"cam-06"});
    EXPECT_TRUE(restarted.update(state, kT0 + 61'000, rules).empty());
    EXPECT_EQ(restarted.update(state, kT0 + 70'000, rules).size(), 1u);
    EXPECT_EQ(restarted.decision("linkage")->alarm_id, "b");
}

TEST_F(LinkageFixture, ResumeAfterAnOperatorRevertKeepsOlderAlarmsOut) {
    raise("a", WarningLevel::Orange, kT0, {"cam-05"});
    apply(LinkageShow{"linkage", "", {"cam-01"}, "operator"}, kT0 + 5000, "operator");
    LinkageDirector restarted;
    restarted.setRegions({{"linkage", {"cam-01"}, false}});
    restarted.resume(state, kT0 + 60'000);
    EXPECT_TRUE(restarted.update(state, kT0 + 60'016, rules).empty());
    EXPECT_EQ(restarted.decision("linkage")->alarm_id, "");
}

} // namespace
} // namespace wall
