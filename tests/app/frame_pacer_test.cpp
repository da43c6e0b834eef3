// FramePacer: a headless loop is paced from the first frame; a window is paced
// only once its swaps prove not to wait for vblank, and never while they do.
#include "app/frame_pacer.hpp"

#include <gtest/gtest.h>

namespace wall::app {
namespace {

using namespace std::chrono_literals;
using Clock = FramePacer::Clock;

TEST(FramePacer, HeadlessKeepsTheRefreshRateWithoutBursts) {
    Clock::time_point now{};
    FramePacer pacer(50, /*trust_swap=*/false, now);
    EXPECT_TRUE(pacer.pacing());
    now += 5ms;  // a quick frame waits for the rest of its 20 ms
    EXPECT_EQ(pacer.nextFrameAt(now), Clock::time_point{} + 20ms);
    now = Clock::time_point{} + 20ms + 45ms;  // a slow one: start at once...
    EXPECT_EQ(pacer.nextFrameAt(now), now);
    now += 3ms;  // ...and the next quick frame is not rushed to catch up
    EXPECT_EQ(pacer.nextFrameAt(now), Clock::time_point{} + 65ms + 20ms);
}

TEST(FramePacer, AWindowWhoseSwapWaitsIsNeverSlowedDown) {
    Clock::time_point now{};
    FramePacer pacer(60, /*trust_swap=*/true, now);
    for (int i = 0; i < 1000; ++i) {
        now += 16ms;  // vsync: every frame lasts about an interval
        EXPECT_EQ(pacer.nextFrameAt(now), now);
    }
    EXPECT_FALSE(pacer.pacing());
}

TEST(FramePacer, AWindowWhoseSwapDoesNotWaitIsPacedAfterItShows) {
    Clock::time_point now{};
    FramePacer pacer(60, /*trust_swap=*/true, now);
    for (int i = 0; i < FramePacer::kEarlyFramesToPace - 1; ++i) {
        now += 7ms;  // Xvfb: 140 Hz
        EXPECT_EQ(pacer.nextFrameAt(now), now);
    }
    now += 20ms;  // one ordinary frame breaks the run: still trusted
    EXPECT_EQ(pacer.nextFrameAt(now), now);
    for (int i = 0; i < FramePacer::kEarlyFramesToPace - 1; ++i) pacer.nextFrameAt(now += 7ms);
    EXPECT_FALSE(pacer.pacing());
    now += 7ms;
    pacer.nextFrameAt(now);  // the 30th early frame in a row
    EXPECT_TRUE(pacer.pacing());
    now += 7ms;
    EXPECT_GT(pacer.nextFrameAt(now), now) << "now it waits out the rest of the interval";
}

} // namespace
} // namespace wall::app
