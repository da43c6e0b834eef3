// StreamSelector: main/sub choice by tile size with hysteresis and hold time,
// hidden grace, and the "old stream stays until the new one has a frame" rule.

#include <gtest/gtest.h>

#include "streams/stream_selection.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;

class SelectionTest : public ::testing::Test {
protected:
    SelectionInput shown(float height, bool main_frame = true, bool sub_frame = true) {
        SelectionInput in;
        in.visible = true;
        in.tile_height_px = height;
        in.has_sub = true;
        in.main_has_frame = main_frame;
        in.sub_has_frame = sub_frame;
        return in;
    }
    Clock::time_point t0 = Clock::time_point{} + 100s;
    SelectionTuning tuning{};  // main from 540 px, +-15 %, hold 3 s, grace 3 s
    StreamSelector selector{tuning};
};

TEST_F(SelectionTest, SmallTileGetsSubLargeTileGetsMain) {
    EXPECT_EQ(selector.update(shown(200), t0).display, StreamKind::Sub);
    StreamSelector big(tuning);
    EXPECT_EQ(big.update(shown(1080), t0).display, StreamKind::Main);
}

TEST_F(SelectionTest, WithoutSubStreamAlwaysMain) {
    SelectionInput in = shown(100);
    in.has_sub = false;
    const SelectionOutput out = selector.update(in, t0);
    EXPECT_EQ(out.display, StreamKind::Main);
    EXPECT_TRUE(out.open_main);
    EXPECT_FALSE(out.open_sub);
}

TEST_F(SelectionTest, HysteresisKeepsChoiceNearThreshold) {
    selector.update(shown(500), t0);
    EXPECT_EQ(selector.target(), StreamKind::Sub);
    // 600 px is above 540 but below 540 * 1.15 = 621: stay on sub.
    selector.update(shown(600), t0 + 10s);
    EXPECT_EQ(selector.target(), StreamKind::Sub);
    selector.update(shown(640), t0 + 20s);
    EXPECT_EQ(selector.target(), StreamKind::Main);
    // 480 px is below 540 but above 459: stay on main.
    selector.update(shown(480), t0 + 30s);
    EXPECT_EQ(selector.target(), StreamKind::Main);
    selector.update(shown(400), t0 + 40s);
    EXPECT_EQ(selector.target(), StreamKind::Sub);
}

TEST_F(SelectionTest, MinimumHoldTimePreventsFlapping) {
    selector.update(shown(200), t0);
    selector.update(shown(1000), t0 + 3s);
    EXPECT_EQ(selector.target(), StreamKind::Main);
    selector.update(shown(200), t0 + 4s);  // only 1 s after the switch
    EXPECT_EQ(selector.target(), StreamKind::Main);
    selector.update(shown(200), t0 + 6s);
    EXPECT_EQ(selector.target(), StreamKind::Sub);
}

TEST_F(SelectionTest, OldStreamShowsUntilNewOneHasAFrame) {
    selector.update(shown(200, false, true), t0);
    // Grow the tile: main is opened but has no frame yet -> keep showing sub.
    SelectionOutput out = selector.update(shown(1000, false, true), t0 + 5s);
    EXPECT_EQ(selector.target(), StreamKind::Main);
    EXPECT_EQ(out.display, StreamKind::Sub);
    EXPECT_TRUE(out.open_main);
    EXPECT_TRUE(out.open_sub);
    out = selector.update(shown(1000, false, true), t0 + 5500ms);
    EXPECT_EQ(out.display, StreamKind::Sub);
    // Main delivers: show it and close sub.
    out = selector.update(shown(1000, true, true), t0 + 6s);
    EXPECT_EQ(out.display, StreamKind::Main);
    EXPECT_TRUE(out.open_main);
    EXPECT_FALSE(out.open_sub);
}

TEST_F(SelectionTest, HiddenTileClosesAfterGraceAndReopensWhenShown) {
    selector.update(shown(200), t0);
    SelectionInput hidden;
    hidden.has_sub = true;
    SelectionOutput out = selector.update(hidden, t0 + 2s);
    EXPECT_TRUE(out.open_sub);  // within the grace period
    out = selector.update(hidden, t0 + 3s);
    EXPECT_FALSE(out.open_sub);
    EXPECT_FALSE(out.open_main);
    EXPECT_FALSE(out.display.has_value());
    out = selector.update(shown(1000), t0 + 4s);
    EXPECT_EQ(out.display, StreamKind::Main);  // fresh choice, no hold from before
}

TEST_F(SelectionTest, ShortHideKeepsStreamsOpen) {
    selector.update(shown(200), t0);
    SelectionInput hidden;
    hidden.has_sub = true;
    selector.update(hidden, t0 + 1s);
    const SelectionOutput out = selector.update(shown(200), t0 + 2s);
    EXPECT_TRUE(out.open_sub);
    EXPECT_EQ(out.display, StreamKind::Sub);
}

}  // namespace
}  // namespace wall::streams
