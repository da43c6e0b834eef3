// recoverState: restart and "state at time T" for drill review. The reference
// is the model applying the same events directly; the journal path (encode,
// store, checkpoint, decode, parse, apply) must land on the same stateHash.

#include "journal_fixture.hpp"

namespace wall::journal::testing {
namespace {

using Recover = JournalTest;

void writeCheckpointAt(Journal& journal, const Scenario& scenario, int64_t upto_id) {
    const State state = referenceState(scenario, static_cast<size_t>(upto_id));
    journal.writeCheckpoint({upto_id, scenario.records[upto_id - 1].recv_ms, protocol::encodeState(state)});
}

TEST_F(Recover, EmptyJournalGivesEmptyState) {
    Journal journal(file("journal.db"));
    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.last_id, 0);
    EXPECT_EQ(r.replayed, 0);
    EXPECT_EQ(stateHash(r.state), stateHash(State{}));
}

TEST_F(Recover, FullReplayMatchesDirectApply) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(700, kDayStartMs);
    journal.appendBatch(scenario.records);

    const Recovered r = recoverState(journal);
    const State expected = referenceState(scenario, 700);
    EXPECT_EQ(r.replayed, 700);
    EXPECT_EQ(r.skipped, 0);
    EXPECT_EQ(r.last_id, 700);
    EXPECT_EQ(r.state.applied_events, 700u);
    EXPECT_EQ(stateHash(r.state), stateHash(expected));
    EXPECT_FALSE(r.state.alarms.empty()) << "the scenario must leave something on the board";
    EXPECT_FALSE(r.state.tasks.empty());
}

TEST_F(Recover, CheckpointPlusReplayMatchesFullReplay) {
    const std::string path = file("journal.db");
    auto scenario = makeScenario(700, kDayStartMs);
    uint64_t full_hash = 0;
    {
        Journal journal(path);
        journal.appendBatch(scenario.records);
        full_hash = stateHash(recoverState(journal).state);
        writeCheckpointAt(journal, scenario, 650);
    }
    Journal journal(path);  // as on restart
    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.replayed, 50) << "only the records after the checkpoint are replayed";
    EXPECT_EQ(r.last_id, 700);
    EXPECT_EQ(stateHash(r.state), full_hash);
    EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario, 700)));
    EXPECT_EQ(r.state.applied_events, 700u);
}

TEST_F(Recover, CheckpointAtTheLastRecordReplaysNothing) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(70, kDayStartMs);
    journal.appendBatch(scenario.records);
    writeCheckpointAt(journal, scenario, 70);
    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.replayed, 0);
    EXPECT_EQ(r.last_id, 70);
    EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario, 70)));
}

// ---- State at time T: events at t = 1..100, T = 50 must show exactly the first 50.

class StateAtTime : public JournalTest {
protected:
    void SetUp() override {
        JournalTest::SetUp();
        journal_.emplace(file("journal.db"));
        scenario_ = makeScenario(100, kDayStartMs + 1000, 1000);  // t = 1 s .. 100 s
        journal_->appendBatch(scenario_.records);
    }
    TimeMs t(int seconds) const { return kDayStartMs + seconds * 1000; }
    void expectFirstFifty(const Recovered& r) {
        EXPECT_EQ(r.state.applied_events, 50u);
        EXPECT_EQ(r.last_id, 50);
        EXPECT_EQ(r.state.last_event_ms, t(50));
        EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario_, 50)));
        EXPECT_NE(stateHash(r.state), stateHash(referenceState(scenario_, 51)))
            << "the scenario must tell 50 from 51 events apart, or this test cannot fail";
    }

    std::optional<Journal> journal_;
    Scenario scenario_;
};

TEST_F(StateAtTime, WithoutCheckpoint) {
    const Recovered r = recoverState(*journal_, t(50));
    EXPECT_EQ(r.replayed, 50);
    expectFirstFifty(r);
}

TEST_F(StateAtTime, BetweenTwoRecordsIncludesOnlyTheEarlier) {
    const Recovered r = recoverState(*journal_, t(50) + 999);
    expectFirstFifty(r);
}

TEST_F(StateAtTime, WithCheckpointBeforeT) {
    writeCheckpointAt(*journal_, scenario_, 30);
    const Recovered r = recoverState(*journal_, t(50));
    EXPECT_EQ(r.replayed, 20);
    expectFirstFifty(r);
}

TEST_F(StateAtTime, CheckpointAfterTIsNotUsed) {
    writeCheckpointAt(*journal_, scenario_, 30);
    writeCheckpointAt(*journal_, scenario_, 80);
    const Recovered r = recoverState(*journal_, t(50));
    EXPECT_EQ(r.replayed, 20) << "must start from the checkpoint at 30, not the one at 80";
    expectFirstFifty(r);

    const Recovered latest = recoverState(*journal_);
    EXPECT_EQ(latest.replayed, 20) << "without T the newest checkpoint (80) is used";
    EXPECT_EQ(stateHash(latest.state), stateHash(referenceState(scenario_, 100)));
}

TEST_F(StateAtTime, CheckpointStampedTooEarlyByTheCallerIsStillNotUsedBeforeItsRecords) {
    // A caller passing the wrong time (here: t=40 for a state that holds 80
    // records) must not make a "state at t=50" include records 51..80.
    const State at80 = referenceState(scenario_, 80);
    journal_->writeCheckpoint({80, t(40), protocol::encodeState(at80)});
    EXPECT_EQ(journal_->latestCheckpoint()->at_ms, t(80));
    const Recovered r = recoverState(*journal_, t(50));
    expectFirstFifty(r);
}

TEST_F(StateAtTime, OnlyCheckpointAfterTMeansFullReplayUpToT) {
    writeCheckpointAt(*journal_, scenario_, 80);
    const Recovered r = recoverState(*journal_, t(50));
    EXPECT_EQ(r.replayed, 50);
    expectFirstFifty(r);
}

TEST_F(StateAtTime, BeforeTheFirstRecordIsEmpty) {
    const Recovered r = recoverState(*journal_, t(0));
    EXPECT_EQ(r.replayed, 0);
    EXPECT_EQ(stateHash(r.state), stateHash(State{}));
}

// ---- Damage: never fatal, and visible in the counts.

TEST_F(Recover, UnparseableRecordsAreSkippedAndCounted) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(40, kDayStartMs);
    std::vector<Record> all(scenario.records.begin(), scenario.records.begin() + 20);
    Record broken_json = recordOf("yuanzhou-monitor", 9001, kDayStartMs + 20, Heartbeat{});
    broken_json.type = "alarm.raise";
    broken_json.body = "{\"id\":\"RG-坏\",\"level\":";  // cut off mid-write by some old bug
    Record unknown_type = recordOf("yuanzhou-monitor", 9002, kDayStartMs + 20, Heartbeat{});
    unknown_type.type = "sensor.calibrate";  // a type this build does not know
    Record bad_value = recordOf("yuanzhou-monitor", 9003, kDayStartMs + 20, rainAlarm("RG-紫", "西坑村"));
    const auto red = bad_value.body.find("\"red\"");
    ASSERT_NE(red, std::string::npos) << bad_value.body;
    bad_value.body.replace(red, 5, "\"purple\"");  // no such warning level
    all.push_back(broken_json);
    all.push_back(unknown_type);
    all.push_back(bad_value);
    all.insert(all.end(), scenario.records.begin() + 20, scenario.records.end());
    ASSERT_EQ(all.size(), 43u);
    journal.appendBatch(all);

    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.skipped, 3);
    EXPECT_EQ(r.replayed, 40);
    EXPECT_EQ(r.last_id, 43);
    EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario, 40)));
    EXPECT_FALSE(r.state.alarms.count("RG-紫"));
}

TEST_F(Recover, UndecodableCheckpointFallsBackToAnOlderOne) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(300, kDayStartMs);
    journal.appendBatch(scenario.records);
    writeCheckpointAt(journal, scenario, 100);
    journal.writeCheckpoint({200, scenario.records[199].recv_ms, "{\"alarms\": [不完整"});

    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.replayed, 200) << "replay starts after the last good checkpoint (100)";
    EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario, 300)));
}

TEST_F(Recover, OnlyUndecodableCheckpointsMeansFullReplay) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(300, kDayStartMs);
    journal.appendBatch(scenario.records);
    journal.writeCheckpoint({150, scenario.records[149].recv_ms, std::string("\x00\x01garbage", 9)});
    journal.writeCheckpoint({250, scenario.records[249].recv_ms, ""});

    const Recovered r = recoverState(journal);
    EXPECT_EQ(r.replayed, 300);
    EXPECT_EQ(stateHash(r.state), stateHash(referenceState(scenario, 300)));
}

} // namespace
} // namespace wall::journal::testing
