// The board's order: red first, then unacked / returned-unacked / acked, newest
// first; shelved and suppressed alarms in their own lists, never lost.
#include "model/alarm_order.hpp"

#include "model_test_support.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

using test::at;

Alarm alarm(const std::string& id, WarningLevel level, TimeMs raised_ms) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.raised_ms = raised_ms;
    return a;
}

std::vector<std::string> ids(const std::set<AlarmOrder::Key>& keys) {
    std::vector<std::string> out;
    for (auto& k : keys) out.push_back(std::get<3>(k));
    return out;
}

/// State plus an order refreshed after every event, as the UI keeps them.
struct Board {
    State state;
    AlarmOrder order;
    void apply(const Event& e, const std::string& id) {
        wall::apply(state, e);
        order.refresh(state, id);
    }
};

TEST(AlarmOrder, LevelThenStateThenNewestFirst) {
    Board b;
    b.apply(at(1, AlarmRaise{alarm("y-old", WarningLevel::Yellow, 100)}), "y-old");
    b.apply(at(2, AlarmRaise{alarm("y-new", WarningLevel::Yellow, 200)}), "y-new");
    b.apply(at(3, AlarmRaise{alarm("r", WarningLevel::Red, 50)}), "r");
    b.apply(at(4, AlarmRaise{alarm("y-acked", WarningLevel::Yellow, 300)}), "y-acked");
    b.apply(at(5, AlarmAck{"y-acked", "熊磊"}, "operator"), "y-acked");
    b.apply(at(6, AlarmRaise{alarm("y-rtn", WarningLevel::Yellow, 50)}), "y-rtn");
    b.apply(at(7, AlarmClear{"y-rtn"}), "y-rtn");
    EXPECT_EQ(ids(b.order.ordered()), (std::vector<std::string>{"r", "y-new", "y-old", "y-rtn", "y-acked"}));
    EXPECT_EQ(b.order.countByLevel()[levelIndex(WarningLevel::Yellow)], 4);
    EXPECT_EQ(b.order.unackedByLevel()[levelIndex(WarningLevel::Yellow)], 3); // the returned one still needs an ack
}

TEST(AlarmOrder, SameTimeOrdersById) {
    Board b;
    b.apply(at(1, AlarmRaise{alarm("b", WarningLevel::Blue, 100)}), "b");
    b.apply(at(2, AlarmRaise{alarm("a", WarningLevel::Blue, 100)}), "a");
    EXPECT_EQ(ids(b.order.ordered()), (std::vector<std::string>{"a", "b"}));
}

TEST(AlarmOrder, ShelvedAndSuppressedLeaveTheMainOrderForTheirOwnLists) {
    Board b;
    for (const char* id : {"s1", "s2", "k", "x"}) b.apply(at(1, AlarmRaise{alarm(id, WarningLevel::Orange, 10)}), id);
    b.apply(at(2, AlarmShelve{"s1", 100'000, "设备检修", "熊磊"}, "operator"), "s1");
    b.apply(at(3, AlarmShelve{"s2", 100'000, "误报核实中", "熊磊"}, "operator"), "s2");
    b.apply(at(4, AlarmSuppress{"x", true, "停用"}), "x");
    EXPECT_EQ(ids(b.order.ordered()), (std::vector<std::string>{"k"}));
    EXPECT_EQ(ids(b.order.shelved()), (std::vector<std::string>{"s1", "s2"}));
    EXPECT_EQ(ids(b.order.suppressed()), (std::vector<std::string>{"x"}));
    EXPECT_EQ(b.order.countByLevel()[levelIndex(WarningLevel::Orange)], 1);
    // Back in the main order when the shelve ends.
    b.apply(at(5, AlarmUnshelve{"s1", "console", "expired"}, "operator"), "s1");
    EXPECT_EQ(ids(b.order.ordered()), (std::vector<std::string>{"k", "s1"}));
    EXPECT_EQ(b.order.shelved().size(), 1u);
}

TEST(AlarmOrder, AlarmBackToNormalLeavesEveryList) {
    Board b;
    b.apply(at(1, AlarmRaise{alarm("a", WarningLevel::Red, 10)}), "a");
    b.apply(at(2, AlarmAck{"a", "熊磊"}, "operator"), "a");
    b.apply(at(3, AlarmClear{"a"}), "a");
    EXPECT_EQ(b.order.size(), 0u);
    EXPECT_EQ(b.order.countByLevel()[0], 0);
}

TEST(AlarmOrder, IncrementalEqualsRebuild) {
    Board b;
    for (int i = 0; i < 200; ++i) {
        const std::string id = "a" + std::to_string(i % 37);
        const auto level = static_cast<WarningLevel>(1 + i % 4);
        switch (i % 5) {
        case 0: case 1: b.apply(at(i, AlarmRaise{alarm(id, level, i * 7 % 50)}), id); break;
        case 2: b.apply(at(i, AlarmAck{id, "熊磊"}, "operator"), id); break;
        case 3: b.apply(at(i, AlarmClear{id}), id); break;
        case 4: b.apply(at(i, AlarmShelve{id, 1'000'000, "设备检修", "熊磊"}, "operator"), id); break;
        }
    }
    AlarmOrder fresh;
    fresh.rebuild(b.state);
    EXPECT_EQ(fresh.ordered(), b.order.ordered());
    EXPECT_EQ(fresh.shelved(), b.order.shelved());
    EXPECT_EQ(fresh.countByLevel(), b.order.countByLevel());
    EXPECT_EQ(fresh.unackedByLevel(), b.order.unackedByLevel());
}

} // namespace
} // namespace wall
