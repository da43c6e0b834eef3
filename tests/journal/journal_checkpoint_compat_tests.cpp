// Journals on disk hold checkpoints of format 1 (each struct written by hand,
// its own key names). fixtures/checkpoint_format1.db was written by that codec
// (fixture_writer.cpp) with every entity kind populated; today's code must
// decode it to the state a full replay of its records gives, member by member
// (model/describe.hpp), and to the golden state dump beside it, which format 2
// wrote (kept as it is: it is also the sample of a format-2 checkpoint).
#include "journal_fixture.hpp"

#include "journal/replay.hpp"
#include "model/describe.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace wall::journal::testing {
namespace {

const std::string kFixture = std::string(WALL_JOURNAL_FIXTURE_DIR) + "/checkpoint_format1.db";
const std::string kGolden = std::string(WALL_JOURNAL_FIXTURE_DIR) + "/checkpoint_format1_state.json";

class CheckpointFormat1 : public JournalTest {
protected:
    void SetUp() override {
        JournalTest::SetUp();
        // A copy: opening may touch the file (WAL, shm), the fixture stays as committed.
        std::filesystem::copy_file(kFixture, file("old.db"));
        journal_ = std::make_unique<Journal>(file("old.db"), OpenMode::ExistingReadOnly);
    }

    /// @brief The state after replaying the records up to and including upto_id (all when 0).
    State replayed(int64_t upto_id) {
        State state;
        journal_->forEachSince(0, std::nullopt, [&](const Record& record) {
            if (upto_id != 0 && record.id > upto_id) return;
            std::string why;
            EXPECT_TRUE(replayRecord(state, record, why)) << record.type << ": " << why;
        });
        return state;
    }

    std::unique_ptr<Journal> journal_;
};

TEST_F(CheckpointFormat1, BlobDecodesToTheReplayedState) {
    const auto checkpoint = journal_->latestCheckpoint();
    ASSERT_TRUE(checkpoint);
    ASSERT_EQ(checkpoint->state_blob.rfind("{\"v\":1,", 0), 0u) << "the fixture must stay a format-1 checkpoint";
    // Decoded directly: recoverState would fall back to a full replay and hide a broken decoder.
    const State decoded = protocol::decodeState(checkpoint->state_blob);
    State expected = replayed(checkpoint->upto_id);
    // Format 1 predates keeping the cameras' link reports in the state: they cannot come back from it.
    expected.camera_streams.clear();
    // Its links were refreshed by heartbeats then, which the journal never held: they come from the blob.
    expected.links = decoded.links;
    expected.applied_events = decoded.applied_events;  // which counted the heartbeat the fixture journaled
    EXPECT_EQ(desc::firstDifference(decoded, expected), "");
    EXPECT_EQ(stateHash(decoded), stateHash(expected));

    // Every entity kind is there, so no member is compared only at its default.
    const Alarm& shelved = decoded.alarms.at("RES-YZ-011");
    EXPECT_EQ(shelved.calls.size(), 3u);
    EXPECT_FALSE(shelved.history.empty());
    EXPECT_NE(shelved.shelved_until_ms, 0);
    EXPECT_EQ(shelved.sop_done, (std::vector<uint8_t>{0, 0, 1}));
    EXPECT_TRUE(decoded.alarms.at("TL-JX-2207").suppressed);
    EXPECT_EQ(decoded.roster.shifts.size(), 2u);
    EXPECT_EQ(decoded.roster.shifts[0].officers.size(), 2u);
    EXPECT_EQ(decoded.roster.shifts[0].contacts.size(), 1u);
    EXPECT_EQ(decoded.tasks.size(), 1u);
    EXPECT_EQ(decoded.cameras.size(), 2u);
    EXPECT_EQ(decoded.incidents.size(), 2u);
    EXPECT_EQ(decoded.linkage.size(), 1u);
    EXPECT_TRUE(decoded.muted[levelIndex(WarningLevel::Yellow)]);
    EXPECT_EQ(decoded.response.reported_on_time, 1u);
    EXPECT_EQ(decoded.normal_activations.count("FLAP-1"), 1u);
}

TEST_F(CheckpointFormat1, RecoveryEqualsFullReplay) {
    Recovered r = recoverState(*journal_);
    EXPECT_EQ(r.skipped, 0);
    EXPECT_EQ(r.replayed, 4) << "the records after the checkpoint, on top of it";
    State full = replayed(0);
    // Camera link reports before a format-1 checkpoint are not in it, and its heartbeat-refreshed
    // link times are not in the journal (see above).
    r.state.camera_streams.clear();
    full.camera_streams.clear();
    full.links = r.state.links;
    full.applied_events = r.state.applied_events;
    EXPECT_EQ(desc::firstDifference(r.state, full), "");
    EXPECT_EQ(stateHash(r.state), stateHash(full));
}

// The golden file is what format 2 wrote for this state: it stays a format-2 sample
// (format 3 added drills, alarms' drill_id, links' lost_since_ms, the reporting rule),
// so it checks that format-2 checkpoints at the sites still read, to the same state.
TEST_F(CheckpointFormat1, DecodesToTheGoldenStateWhichFormat2WroteAndRoundTripsInFormat3) {
    const State decoded = protocol::decodeState(journal_->latestCheckpoint()->state_blob);
    std::ifstream in(kGolden, std::ios::binary);
    ASSERT_TRUE(in) << kGolden;
    std::stringstream golden;
    golden << in.rdbuf();
    ASSERT_EQ(golden.str().rfind("{\"v\":2,", 0), 0u);
    EXPECT_EQ(desc::firstDifference(protocol::decodeState(golden.str()), decoded), "");
    const std::string blob = protocol::encodeState(decoded);
    ASSERT_EQ(blob.rfind("{\"v\":3,", 0), 0u);
    EXPECT_EQ(desc::firstDifference(protocol::decodeState(blob), decoded), "");
    EXPECT_EQ(protocol::encodeState(protocol::decodeState(blob)), blob);
}

} // namespace
} // namespace wall::journal::testing
