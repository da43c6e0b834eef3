// LinkHealth: the state machine behind the tile's live/stalled/failed overlay.
// Pure: times are made up, nothing sleeps.

#include <gtest/gtest.h>

#include "streams/link_health.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;

class LinkHealthTest : public ::testing::Test {
protected:
    Clock::time_point t0 = Clock::time_point{} + 1000s;
    LinkHealth health{t0};
};

TEST_F(LinkHealthTest, StartsConnectingAndGoesLiveOnFirstFrame) {
    EXPECT_EQ(health.state(), LinkState::Connecting);
    health.onOpening(t0);
    health.onOpened(t0 + 100ms);
    EXPECT_EQ(health.state(), LinkState::Connecting);
    health.onFrame(t0 + 200ms, 0);
    EXPECT_EQ(health.state(), LinkState::Live);
    EXPECT_EQ(health.counters().frames, 1u);
    EXPECT_EQ(health.counters().state_changes, 1u);
}

TEST_F(LinkHealthTest, NoNewFrameForTwoSecondsIsStalled) {
    health.onOpening(t0);
    health.onOpened(t0);
    health.onFrame(t0, 0);
    health.tick(t0 + 1999ms);
    EXPECT_EQ(health.state(), LinkState::Live);
    health.tick(t0 + 2000ms);
    EXPECT_EQ(health.state(), LinkState::Stalled);
    EXPECT_EQ(health.frameAge(t0 + 2500ms), 2500ms);
    health.onFrame(t0 + 3s, 40000);
    EXPECT_EQ(health.state(), LinkState::Live);
}

TEST_F(LinkHealthTest, FrozenTimestampsCountAsStalledThoughFramesArrive) {
    health.onOpening(t0);
    health.onOpened(t0);
    health.onFrame(t0, 1000);
    // The camera keeps sending, but the pts never moves: a frozen picture.
    for (int i = 1; i <= 60; ++i) health.onFrame(t0 + i * 40ms, 1000);
    health.tick(t0 + 2400ms);
    EXPECT_EQ(health.state(), LinkState::Stalled);
    EXPECT_EQ(health.counters().frozen_frames, 60u);
    EXPECT_EQ(health.counters().frames, 1u);
}

TEST_F(LinkHealthTest, AttemptThatHangsBeforeAnyFrameIsStalled) {
    health.onOpening(t0);
    health.tick(t0 + 1s);
    EXPECT_EQ(health.state(), LinkState::Connecting);
    health.tick(t0 + 2s);
    EXPECT_EQ(health.state(), LinkState::Stalled);
}

TEST_F(LinkHealthTest, ErrorsReconnectWithDoublingBackoff) {
    health.onOpening(t0);
    health.onOpened(t0);
    health.onFrame(t0, 0);
    Clock::time_point now = t0 + 1s;
    const Clock::duration expected[] = {500ms, 1s, 2s, 4s, 4s};
    for (Clock::duration delay : expected) {
        health.onError(now, FailReason::ConnectionRefused, "avformat_open_input failed: Connection refused", 0.5);
        EXPECT_EQ(health.state(), LinkState::Reconnecting);
        EXPECT_EQ(health.retryAt() - now, delay);  // jitter01 = 0.5 means no jitter
        now = health.retryAt();
        health.onOpening(now);
    }
    EXPECT_EQ(health.reason(), FailReason::ConnectionRefused);
    EXPECT_EQ(health.counters().reconnects, 5u);
}

TEST_F(LinkHealthTest, JitterStaysWithinFifteenPercent) {
    const LinkTiming timing;
    EXPECT_EQ(LinkHealth::retryDelay(timing, 1, 0s, false, 0.0), 425ms);
    EXPECT_EQ(LinkHealth::retryDelay(timing, 1, 0s, false, 1.0), 575ms);
    EXPECT_EQ(LinkHealth::retryDelay(timing, 3, 0s, false, 0.5), 2s);
}

TEST_F(LinkHealthTest, AfterAMinuteOfFailuresRetriesEveryThirtySecondsAndSaysFailed) {
    health.onOpening(t0);
    Clock::time_point now = t0;
    health.onError(now, FailReason::HostUnreachable, "No route to host", 0.5);
    while (now - t0 < 60s) {
        now = health.retryAt();
        health.onOpening(now);
        health.onError(now, FailReason::HostUnreachable, "No route to host", 0.5);
    }
    EXPECT_EQ(health.state(), LinkState::Failed);
    EXPECT_EQ(health.retryAt() - now, 30s);
}

TEST_F(LinkHealthTest, PermanentReasonsFailAtOnceAndRetrySlowly) {
    for (FailReason reason : {FailReason::AuthRefused, FailReason::StreamNotFound, FailReason::UnsupportedCodec}) {
        LinkHealth h(t0);
        h.onOpening(t0);
        h.onError(t0, reason, "x", 0.5);
        EXPECT_EQ(h.state(), LinkState::Failed) << toString(reason);
        EXPECT_EQ(h.retryAt() - t0, 30s) << toString(reason);
        EXPECT_FALSE(toChinese(reason).empty());
    }
}

TEST_F(LinkHealthTest, RecoveryClearsReasonAndResetsBackoff) {
    health.onOpening(t0);
    health.onError(t0, FailReason::Timeout, "timed out", 0.5);
    health.onOpening(health.retryAt());
    health.onError(t0 + 1s, FailReason::Timeout, "timed out", 0.5);
    EXPECT_EQ(health.failuresInRow(), 2);
    health.onOpening(t0 + 2s);
    health.onOpened(t0 + 2s);
    health.onFrame(t0 + 2100ms, 0);
    EXPECT_EQ(health.state(), LinkState::Live);
    EXPECT_EQ(health.reason(), FailReason::None);
    EXPECT_EQ(health.failuresInRow(), 0);
    health.onError(t0 + 5s, FailReason::EndOfStream, "eof", 0.5);
    EXPECT_EQ(health.retryAt() - (t0 + 5s), 500ms);
}

TEST_F(LinkHealthTest, NewConnectionAcceptsRestartedTimestamps) {
    health.onOpening(t0);
    health.onOpened(t0);
    health.onFrame(t0, 5'000'000);
    health.onError(t0 + 1s, FailReason::EndOfStream, "eof", 0.5);
    health.onOpening(t0 + 2s);
    health.onOpened(t0 + 2s);
    health.onFrame(t0 + 2100ms, 0);  // a restarted server starts its clock at zero again
    EXPECT_EQ(health.state(), LinkState::Live);
}

TEST_F(LinkHealthTest, EveryChangeIsCounted) {
    health.onOpening(t0);
    health.onOpened(t0);
    health.onFrame(t0, 0);                       // -> live
    health.tick(t0 + 3s);                        // -> stalled
    health.onOpening(t0 + 3s);                   // -> reconnecting
    health.onOpened(t0 + 3s);
    health.onFrame(t0 + 3100ms, 1);              // -> live
    EXPECT_EQ(health.counters().state_changes, 4u);
}

}  // namespace
}  // namespace wall::streams
