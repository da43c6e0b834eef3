// FeedTracker's rules on plain inputs (no sockets): order and at-most-once,
// gaps found by an update or by a heartbeat, the snapshot's discard rule, a
// publisher restart that is one resync and no gap, and a snapshot turned into
// only the events that make the console's objects equal the publisher's.
#include "feeds/feed_tracker.hpp"

#include <gtest/gtest.h>

namespace wall::feeds {
namespace {

constexpr const char* kSource = "yuanzhou-monitor";

protocol::Accepted raise(const std::string& id, uint64_t seq, const std::string& title = "小时雨量超警戒") {
    Alarm a;
    a.id = id;
    a.level = WarningLevel::Orange;
    a.title = title;
    Event e{kSource, seq, 1000, 0, AlarmRaise{a}};
    return protocol::Accepted{e, "alarm.raise", protocol::encodeBody(e.body)};
}

LiveMessage update(uint64_t epoch, uint64_t seq, const std::string& id) {
    LiveMessage m;
    m.source = kSource;
    m.epoch = epoch;
    m.seq = seq;
    m.update = raise(id, seq);
    return m;
}

LiveMessage heartbeat(uint64_t epoch, uint64_t last_seq) {
    LiveMessage m;
    m.source = kSource;
    m.epoch = epoch;
    m.seq = last_seq;
    m.heartbeat = true;
    return m;
}

/// The events' types, console reports as "resync:<phase>:<reason>".
std::vector<std::string> kinds(const TrackerOutput& out) {
    std::vector<std::string> k;
    for (const FeedEvent& e : out.events) {
        if (auto* r = std::get_if<FeedResync>(&e.body)) k.push_back("resync:" + r->phase + ":" + r->reason);
        else k.push_back(eventTypeName(e.body));
    }
    return k;
}

class TrackerTest : public ::testing::Test {
protected:
    FeedTracker tracker{kSource, {}};
    TrackerOutput out;

    void live(LiveMessage m) { tracker.onLive(std::move(m), 0, out); }
    void snapshot(uint64_t epoch, uint64_t seq, std::vector<protocol::Accepted> objects) {
        tracker.onSnapshot(Snapshot{kSource, epoch, seq, tracker.requestId(), std::move(objects)}, 0, out);
    }
    /// Connects and syncs on an empty snapshot at seq, epoch 7.
    void syncAt(uint64_t seq) {
        tracker.start(0, out);
        snapshot(7, seq, {});
        ASSERT_EQ(tracker.status().phase, FeedPhase::Live);
        out = {};
    }
};

TEST_F(TrackerTest, FirstContactAsksForASnapshotAndQueuesUntilItComes) {
    tracker.start(0, out);
    EXPECT_TRUE(out.request_snapshot);
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"resync:started:connect"}));
    out = {};
    live(update(7, 5, "a5"));   // at or below the snapshot: discarded
    live(update(7, 6, "a6"));
    live(update(7, 7, "a7"));
    EXPECT_TRUE(out.events.empty()) << "nothing applies before the snapshot";
    snapshot(7, 5, {raise("a1", 5)});
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"alarm.raise", "alarm.raise", "alarm.raise", "resync:done:connect"}));
    EXPECT_EQ(tracker.status().phase, FeedPhase::Live);
    EXPECT_EQ(tracker.status().last_seq, 7u);
    EXPECT_EQ(tracker.status().discarded, 1u);
    EXPECT_EQ(tracker.status().gaps, 0u);
}

TEST_F(TrackerTest, UpdatesPassInOrderAndEachAtMostOnce) {
    syncAt(10);
    live(update(7, 11, "a"));
    live(update(7, 11, "a"));   // repeated
    live(update(7, 10, "b"));   // covered by the snapshot at 10
    live(update(7, 12, "c"));
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"alarm.raise", "alarm.raise"}));
    EXPECT_EQ(tracker.status().duplicates, 1u);
    EXPECT_EQ(tracker.status().discarded, 1u);
    EXPECT_EQ(tracker.status().last_seq, 12u);
}

TEST_F(TrackerTest, AMissingSeqIsAGapRecoveredBySnapshot) {
    syncAt(10);
    live(update(7, 11, "a"));
    out = {};
    live(update(7, 13, "c"));   // 12 lost
    EXPECT_TRUE(out.request_snapshot);
    ASSERT_EQ(kinds(out), (std::vector<std::string>{"resync:started:gap"}));
    const auto& gap = std::get<FeedResync>(out.events[0].body);
    EXPECT_EQ(gap.expected_seq, 12u);
    EXPECT_EQ(gap.received_seq, 13u);
    EXPECT_EQ(tracker.status().gaps, 1u);
    EXPECT_FALSE(tracker.status().fault.empty()) << "the gap shows until recovered";
    out = {};
    live(update(7, 14, "d"));
    snapshot(7, 13, {raise("a", 11), raise("c", 13)});  // 13 is in the snapshot, 14 applies after it
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"alarm.raise", "alarm.raise", "resync:done:gap"}));
    EXPECT_EQ(tracker.status().last_seq, 14u);
    EXPECT_EQ(tracker.status().discarded, 1u);
    EXPECT_TRUE(tracker.status().fault.empty());
}

TEST_F(TrackerTest, AHeartbeatAheadOfTheLastUpdateRevealsATrailingLoss) {
    syncAt(10);
    live(heartbeat(7, 10));
    EXPECT_FALSE(out.request_snapshot);
    live(heartbeat(7, 12));
    EXPECT_TRUE(out.request_snapshot);
    EXPECT_EQ(tracker.status().gaps, 1u);
}

TEST_F(TrackerTest, AHoleAmongTheQueuedUpdatesIsAnotherGap) {
    syncAt(10);
    live(update(7, 12, "b"));  // gap: 11 lost
    live(update(7, 14, "d"));  // 13 lost too, while waiting
    out = {};
    snapshot(7, 11, {});
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"alarm.raise", "resync:done:gap", "resync:started:gap"}));
    EXPECT_TRUE(out.request_snapshot);
    EXPECT_EQ(tracker.status().phase, FeedPhase::Syncing);
    EXPECT_EQ(tracker.status().gaps, 2u);
}

TEST_F(TrackerTest, ANewEpochIsOneResyncAndNoGap) {
    syncAt(5000);
    for (uint64_t seq = 1; seq <= 50; ++seq) live(update(8, seq, "n" + std::to_string(seq)));  // restarted: seq from 1
    EXPECT_EQ(tracker.status().gaps, 0u);
    EXPECT_EQ(tracker.status().resyncs, 2u) << "connect + epoch, not one per update";
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"resync:started:epoch"}));
    out = {};
    snapshot(8, 40, {});
    EXPECT_EQ(tracker.status().epoch, 8u);
    EXPECT_EQ(tracker.status().last_seq, 50u);
    EXPECT_EQ(tracker.status().epochs, 1u);
    EXPECT_EQ(tracker.status().gaps, 0u);
}

TEST_F(TrackerTest, ASnapshotSendsOnlyWhatDiffersAndClearsWhatIsGone) {
    FeedTracker recovered(kSource, {"old-1", "kept"});  // active at start, from the journal
    recovered.start(0, out);
    out = {};
    recovered.onSnapshot(Snapshot{kSource, 7, 3, recovered.requestId(), {raise("kept", 3), raise("new", 3)}}, 0, out);
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"alarm.raise", "alarm.raise", "alarm.clear", "resync:done:connect"}));
    EXPECT_EQ(std::get<AlarmClear>(out.events[2].body).id, "old-1");
    // A second snapshot with the same content: nothing to apply.
    out = {};
    recovered.onLive(heartbeat(7, 5), 0, out);   // gap: 4, 5 lost
    out = {};
    recovered.onSnapshot(Snapshot{kSource, 7, 5, recovered.requestId(), {raise("kept", 5), raise("new", 5)}}, 0, out);
    EXPECT_EQ(kinds(out), (std::vector<std::string>{"resync:done:gap"}));
}

TEST_F(TrackerTest, AStaleSnapshotReplyIsIgnored) {
    tracker.start(0, out);
    tracker.onSnapshot(Snapshot{kSource, 7, 3, tracker.requestId() + 5, {}}, 0, out);
    EXPECT_EQ(tracker.status().phase, FeedPhase::Syncing);
}

TEST_F(TrackerTest, SilenceThenAFrameResyncs) {
    syncAt(10);
    tracker.onSilence(0);
    EXPECT_TRUE(tracker.status().silent);
    live(heartbeat(7, 10));
    EXPECT_FALSE(tracker.status().silent);
    EXPECT_TRUE(out.request_snapshot);
    EXPECT_EQ(tracker.status().resync_reason, "silence");
}

} // namespace
} // namespace wall::feeds
