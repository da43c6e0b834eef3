// Smoke checks of apply() that every other model test builds on.
#include "model/model.hpp"

#include "model_test_support.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

using test::at;

TEST(ApplyBasics, RaiseAckClearLeavesNormalAndRemembersActivations) {
    State s;
    Alarm a;
    a.id = "a1";
    a.level = WarningLevel::Red;
    apply(s, at(1000, AlarmRaise{a}));
    ASSERT_EQ(alarmState(s.alarms.at("a1")), AlarmState::Unacked);
    apply(s, at(2000, AlarmAck{"a1", "张伟"}, "operator"));
    EXPECT_EQ(alarmState(s.alarms.at("a1")), AlarmState::Acked);
    apply(s, at(3000, AlarmClear{"a1"}));
    EXPECT_EQ(s.alarms.count("a1"), 0u);
    apply(s, at(4000, AlarmRaise{a}));
    const Alarm& again = s.alarms.at("a1");
    EXPECT_EQ(again.raise_count, 2u);
    EXPECT_EQ(again.activations.size(), 2u);
    EXPECT_FALSE(again.acked);
}

} // namespace
} // namespace wall
