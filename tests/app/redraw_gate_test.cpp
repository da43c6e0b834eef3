// RedrawGate: a calm wall keeps its picture; any change, the clock's second
// and the blink phase draw; input and events get settle frames, video does not.
#include "app/redraw_gate.hpp"

#include <gtest/gtest.h>

namespace wall::app {
namespace {

TEST(RedrawGate, CalmWallKeepsItsPictureUntilTheClockOrBlinkMoves) {
    RedrawGate gate(/*always=*/false);
    RedrawTriggers calm;
    calm.second = 100;
    EXPECT_TRUE(gate.shouldDraw(calm)) << "the first frame is always drawn";
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(gate.shouldDraw(calm));
    calm.blink_on = true;
    EXPECT_TRUE(gate.shouldDraw(calm));
    EXPECT_FALSE(gate.shouldDraw(calm));
    calm.second = 101;
    EXPECT_TRUE(gate.shouldDraw(calm));
    EXPECT_FALSE(gate.shouldDraw(calm));
    EXPECT_EQ(gate.skipped(), 12u);
}

TEST(RedrawGate, VideoDrawsOnceInputAndEventsSettle) {
    RedrawGate gate(false);
    RedrawTriggers t;
    gate.shouldDraw(t);
    t.video = true;
    EXPECT_TRUE(gate.shouldDraw(t));
    t.video = false;
    EXPECT_FALSE(gate.shouldDraw(t)) << "a new picture changes only its tile: no settle frames";
    for (bool RedrawTriggers::*trigger : {&RedrawTriggers::input, &RedrawTriggers::events, &RedrawTriggers::requested}) {
        t.*trigger = true;
        EXPECT_TRUE(gate.shouldDraw(t));
        t.*trigger = false;
        for (int i = 0; i < RedrawGate::kSettleFrames; ++i) EXPECT_TRUE(gate.shouldDraw(t)) << "settle frame " << i;
        EXPECT_FALSE(gate.shouldDraw(t));
    }
}

TEST(RedrawGate, AlwaysDrawsEveryTurn) {
    RedrawGate gate(/*always=*/true);
    const RedrawTriggers calm;
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(gate.shouldDraw(calm));
    EXPECT_EQ(gate.skipped(), 0u);
}

} // namespace
} // namespace wall::app
