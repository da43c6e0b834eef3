// Floods and noise: the rate per flood window, the flood threshold, chattering,
// stale alarms, the flood grouping (red never grouped), and the new activations
// that flash the board and ring the sound. Incremental results must equal a rebuild.
#include "model/alarm_load.hpp"

#include "model_test_support.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

constexpr TimeMs kT0 = 1'750'000'000'000; // an arbitrary "now" in 2025

using test::at;

Alarm alarm(const std::string& id, WarningLevel level, const std::string& village = "龙潭村",
            const std::string& category = "rain") {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = category;
    a.site = {"清江县", "石门镇", village, ""};
    return a;
}

/// State plus the load refreshed after every event, as the UI keeps them.
struct Load {
    State state;
    AlarmLoad load;
    void apply(const Event& e, const std::string& id) {
        wall::apply(state, e);
        load.refresh(state, id);
    }
    void raise(TimeMs t, const Alarm& a) { apply(at(t, AlarmRaise{a}), a.id); }
};

TEST(AlarmLoad, FloodEngagesAboveTheCountWithinTheWindowAndEndsAfterIt) {
    Load l;
    for (int i = 0; i < 10; ++i) l.raise(kT0 + i * 1000, alarm("a" + std::to_string(i), WarningLevel::Blue));
    l.load.tick(kT0 + 10'000);
    EXPECT_EQ(l.load.rate(), 10);
    EXPECT_FALSE(l.load.flooding()) << "10 in 10 minutes is the limit, not a flood";
    l.raise(kT0 + 11'000, alarm("a10", WarningLevel::Blue));
    l.load.tick(kT0 + 11'000);
    EXPECT_EQ(l.load.rate(), 11);
    EXPECT_TRUE(l.load.flooding());
    l.load.tick(kT0 + 600'000 + 5'500); // a0..a5 (seconds 0..5) left the window
    EXPECT_EQ(l.load.rate(), 5);
    EXPECT_FALSE(l.load.flooding());
}

TEST(AlarmLoad, FloodThresholdsComeFromTheRules) {
    Load l;
    FloodRules rules;
    rules.flood_count = 2;
    rules.flood_window_s = 60;
    l.load.setRules(rules);
    for (int i = 0; i < 3; ++i) l.raise(kT0 + i, alarm("a" + std::to_string(i), WarningLevel::Blue));
    l.load.tick(kT0 + 1000);
    EXPECT_TRUE(l.load.flooding());
    l.load.tick(kT0 + 61'000);
    EXPECT_EQ(l.load.rate(), 0);
}

TEST(AlarmLoad, ReRaiseAfterClearCountsAgainButARepeatedRaiseDoesNot) {
    Load l;
    const Alarm a = alarm("a", WarningLevel::Yellow);
    l.raise(kT0, a);
    l.raise(kT0 + 1000, a); // still active: the same activation
    l.apply(at(kT0 + 2000, AlarmClear{"a"}), "a");
    l.raise(kT0 + 3000, a);
    l.load.tick(kT0 + 3000);
    EXPECT_EQ(l.load.rate(), 2);
}

TEST(AlarmLoad, ChatteringIsThreeActivationsWithinAMinute) {
    Load l;
    const Alarm a = alarm("a", WarningLevel::Orange);
    for (int i = 0; i < 3; ++i) {
        l.raise(kT0 + i * 10'000, a);
        l.apply(at(kT0 + i * 10'000 + 1000, AlarmAck{"a", "熊磊"}, "operator"), "a");
        l.apply(at(kT0 + i * 10'000 + 2000, AlarmClear{"a"}), "a");
    }
    l.raise(kT0 + 30'000, a);
    const Alarm& now = l.state.alarms.at("a");
    EXPECT_TRUE(isChattering(now, kT0 + 30'000, FloodRules{}));
    EXPECT_FALSE(isChattering(now, kT0 + 100'000, FloodRules{})) << "a minute later it is quiet again";
    const std::vector<Activation> fresh = l.load.takeActivations();
    ASSERT_EQ(fresh.size(), 4u);
    EXPECT_FALSE(fresh[0].chattering);
    EXPECT_FALSE(fresh[1].chattering);
    EXPECT_TRUE(fresh[2].chattering);
    EXPECT_TRUE(fresh[3].chattering);
    EXPECT_TRUE(l.load.takeActivations().empty()) << "taken once";
}

TEST(AlarmLoad, AttentionIsTheNewestRedOrOrangeActivationThatIsNotChattering) {
    Load l;
    l.raise(kT0, alarm("blue", WarningLevel::Blue));
    EXPECT_EQ(l.load.attention(), nullptr);
    l.raise(kT0 + 1, alarm("orange", WarningLevel::Orange));
    ASSERT_NE(l.load.attention(), nullptr);
    EXPECT_EQ(l.load.attention()->id, "orange");
    l.raise(kT0 + 2, alarm("red", WarningLevel::Red));
    EXPECT_EQ(l.load.attention()->id, "red");
    l.raise(kT0 + 3, alarm("yellow", WarningLevel::Yellow));
    EXPECT_EQ(l.load.attention()->id, "red");
}

TEST(AlarmLoad, RecoveredAlarmsRingNothing) {
    Load l;
    l.raise(kT0, alarm("red", WarningLevel::Red));
    AlarmLoad recovered;
    recovered.rebuild(l.state);
    EXPECT_EQ(recovered.attention(), nullptr);
    EXPECT_TRUE(recovered.takeActivations().empty());
    recovered.tick(kT0 + 1000);
    EXPECT_EQ(recovered.rate(), 1) << "but past activations still count toward the rate";
}

TEST(AlarmLoad, StaleAfterADayAndNotOnceCleared) {
    Load l;
    Alarm old = alarm("old", WarningLevel::Blue);
    old.raised_ms = kT0 - 25 * 3600'000LL;
    l.raise(kT0, old);
    Alarm fresh = alarm("fresh", WarningLevel::Blue);
    fresh.raised_ms = kT0 - 23 * 3600'000LL;
    l.raise(kT0, fresh);
    l.load.tick(kT0);
    EXPECT_EQ(l.load.staleCount(), 1);
    EXPECT_TRUE(isStale(l.state.alarms.at("old"), kT0, FloodRules{}));
    EXPECT_FALSE(isStale(l.state.alarms.at("fresh"), kT0, FloodRules{}));
    l.load.tick(kT0 + 2 * 3600'000LL);
    EXPECT_EQ(l.load.staleCount(), 2) << "the cursor moves with the clock";
    l.apply(at(kT0 + 1, AlarmClear{"old"}), "old"); // returned-unacked: no longer active
    l.load.tick(kT0 + 2 * 3600'000LL);
    EXPECT_EQ(l.load.staleCount(), 1);
    l.load.tick(kT0); // clock went back: recount
    EXPECT_EQ(l.load.staleCount(), 0);
}

TEST(AlarmLoad, GroupsBySiteAndCategoryWithTheWorstLevelButNeverRed) {
    Load l;
    l.raise(kT0, alarm("y1", WarningLevel::Yellow, "龙潭村"));
    l.raise(kT0, alarm("o1", WarningLevel::Orange, "龙潭村"));
    l.raise(kT0, alarm("b1", WarningLevel::Blue, "龙潭村"));
    l.raise(kT0, alarm("r1", WarningLevel::Red, "龙潭村"));
    l.raise(kT0, alarm("b2", WarningLevel::Blue, "龙潭村", "reservoir"));
    l.raise(kT0, alarm("b3", WarningLevel::Blue, "上坪村"));
    const auto& groups = l.load.groups();
    ASSERT_EQ(groups.size(), 3u);
    const AlarmGroup& rain = groups.at(groupKeyOf(alarm("", WarningLevel::Blue, "龙潭村")));
    EXPECT_EQ(rain.count(), 3) << "the red one stays out of every group";
    EXPECT_EQ(rain.worst(), WarningLevel::Orange);
    EXPECT_EQ(rain.needs_ack, 3);
    EXPECT_EQ(std::get<3>(*rain.members.begin()), "o1") << "members in board order";
    // Group order: worst level first.
    EXPECT_EQ(std::get<3>(*l.load.groupOrder().begin()), rain.key);

    l.apply(at(kT0 + 1, AlarmAck{"o1", "熊磊"}, "operator"), "o1");
    l.apply(at(kT0 + 2, AlarmShelve{"y1", kT0 + 600'000, "设备检修", "熊磊"}, "operator"), "y1");
    EXPECT_EQ(rain.count(), 2);
    EXPECT_EQ(rain.needs_ack, 1);
    // Level changes move an alarm between levels within its group.
    l.apply(at(kT0 + 3, AlarmUpdate{"b1", WarningLevel::Red, {}, {}, {}}), "b1");
    EXPECT_EQ(rain.count(), 1);
    l.apply(at(kT0 + 4, AlarmAck{"o1", "熊磊"}, "operator"), "o1");
    l.apply(at(kT0 + 5, AlarmClear{"o1"}), "o1");
    EXPECT_EQ(groups.size(), 2u) << "an empty group goes";
}

TEST(AlarmLoad, IncrementalEqualsRebuildUnderChurn) {
    Load l;
    for (int i = 0; i < 3000; ++i) {
        const std::string id = "a" + std::to_string(i % 211);
        const auto level = static_cast<WarningLevel>(1 + (i / 7) % 4);
        const TimeMs t = kT0 + i * 100;
        switch (i % 6) {
        case 0: case 1: case 2: l.raise(t, alarm(id, level, "村" + std::to_string(i % 13))); break;
        case 3: l.apply(at(t, AlarmAck{id, "熊磊"}, "operator"), id); break;
        case 4: l.apply(at(t, AlarmClear{id}), id); break;
        case 5: l.apply(at(t, AlarmShelve{id, t + 1'000'000, "设备检修", "熊磊"}, "operator"), id); break;
        }
        if (i % 50 == 0) l.load.tick(t);
    }
    const TimeMs end = kT0 + 3000 * 100;
    l.load.tick(end);
    AlarmLoad fresh;
    fresh.rebuild(l.state);
    fresh.tick(end);
    EXPECT_EQ(fresh.groupOrder(), l.load.groupOrder());
    ASSERT_EQ(fresh.groups().size(), l.load.groups().size());
    for (auto& [key, g] : fresh.groups()) {
        EXPECT_EQ(g.members, l.load.groups().at(key).members);
        EXPECT_EQ(g.by_level, l.load.groups().at(key).by_level);
        EXPECT_EQ(g.needs_ack, l.load.groups().at(key).needs_ack);
    }
    EXPECT_EQ(fresh.staleCount(), l.load.staleCount());
    EXPECT_GT(l.load.rate(), 0);
}

} // namespace
} // namespace wall
