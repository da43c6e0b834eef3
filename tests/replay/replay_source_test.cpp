// The replay source against journals written in the test: the state it shows at
// any time is the journal's state at that time (what recovery rebuilds), however
// it got there (start, seek, play); the journal's bytes never change; times
// outside the journal are refused with its range named.
#include "journal_fixture.hpp"

#include "replay/replay_source.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace wall::replay {
namespace {

using journal::testing::JournalTest;
using journal::testing::kDayStartMs;
using journal::testing::makeScenario;
using namespace std::chrono_literals;

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Waits (never a fixed sleep) until `done` or the deadline.
template <class Done> bool waitFor(Done&& done, std::chrono::milliseconds limit = 20s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

class ReplaySourceTest : public JournalTest {
protected:
    static constexpr int kEvents = 5000;
    static constexpr TimeMs kStep = 100;  // 500 s of journal

    void SetUp() override {
        JournalTest::SetUp();
        path_ = file("journal.db");
        scenario_ = makeScenario(kEvents, kDayStartMs, kStep);
        journal::Journal journal(path_);
        // Written in batches, with a journal checkpoint in the middle, as the console writes.
        for (size_t i = 0; i < scenario_.records.size(); i += 500) {
            std::span<journal::Record> batch(scenario_.records.data() + i, std::min<size_t>(500, scenario_.records.size() - i));
            journal.appendBatch(batch);
            if (i == 2000) {
                journal::Checkpoint c;
                c.upto_id = journal.lastId();
                c.state_blob = protocol::encodeState(expectedAt(scenario_.records[i + 499].recv_ms));
                journal.writeCheckpoint(c);
            }
        }
    }

    /// The journal's state at t, as recovery rebuilds it.
    State expectedAt(TimeMs t) {
        State s;
        for (const Event& e : scenario_.events)
            if (e.recv_ms <= t) apply(s, e);
        return s;
    }

    ReplayOptions options(std::optional<TimeMs> at = std::nullopt) {
        ReplayOptions o;
        o.journal = path_;
        o.at = at;
        return o;
    }

    /// Drains what the source hands the wall, as the wall's frame loop does, into `state`.
    static void drainInto(ReplaySource& source, State& state) {
        State jumped;
        if (source.takeJump(jumped)) state = std::move(jumped);
        std::vector<Event> events;
        source.drainCommitted(events);
        for (const Event& e : events) apply(state, e);
    }

    std::string path_;
    journal::testing::Scenario scenario_;
};

TEST_F(ReplaySourceTest, StartsAtTheAskedTimeWithTheJournalsStateThenAndItsClock) {
    for (TimeMs at : {kDayStartMs, kDayStartMs + 1234 * kStep + 50, kDayStartMs + (kEvents - 1) * kStep}) {
        ReplaySource source(options(at));
        const State state = source.startState();
        EXPECT_EQ(stateHash(state), stateHash(expectedAt(at))) << at;
        EXPECT_EQ(source.nowMs(), at);
        EXPECT_TRUE(source.info().replay);
        EXPECT_FALSE(source.playing());
    }
}

TEST_F(ReplaySourceTest, SeeksAnywhereBeforeAndAfterTheIndexIsBuilt) {
    ReplaySource source(options(kDayStartMs + 100 * kStep));
    State shown = source.startState();
    // Before the pass over the range ends, seeks start from the journal's own checkpoints.
    const std::vector<TimeMs> times = {kDayStartMs + 4000 * kStep + 7, kDayStartMs + 10 * kStep,
                                       kDayStartMs + (kEvents - 1) * kStep, kDayStartMs, kDayStartMs + 2600 * kStep};
    for (int round = 0; round < 2; ++round) {
        for (TimeMs t : times) {
            source.seek(t);
            EXPECT_TRUE(source.seeking());
            ASSERT_TRUE(waitFor([&] { drainInto(source, shown); return !source.seeking(); }));
            EXPECT_EQ(source.nowMs(), t);
            EXPECT_EQ(stateHash(shown), stateHash(expectedAt(t))) << "round " << round << " at " << t;
        }
        source.waitUntilIndexed();  // the second round seeks from the in-memory snapshots
    }
    nlohmann::json report;
    source.addStats(report);
    EXPECT_EQ(report["mode"], "replay");
    EXPECT_EQ(report["replay"]["seek_ms"]["count"], 2 * times.size());
    EXPECT_GE(report["replay"]["index"]["snapshots"].get<int>(), 2);
}

TEST_F(ReplaySourceTest, PlayingAppliesEachEventOnceAndEndsWithTheStateAtTheEnd) {
    ReplayOptions o = options(kDayStartMs + 100 * kStep);
    o.speed = 64;
    o.play = true;
    ReplaySource source(o);
    State shown = source.startState();
    const TimeMs end = kDayStartMs + (kEvents - 1) * kStep;
    ASSERT_TRUE(waitFor([&] {
        drainInto(source, shown);
        // While playing, the wall's state is always the journal's at the replay clock.
        if (!source.seeking() && shown.applied_events != expectedAt(source.nowMs()).applied_events) return true;
        return !source.playing();
    }, 60s));
    EXPECT_EQ(source.nowMs(), end);
    EXPECT_EQ(stateHash(shown), stateHash(expectedAt(end)));
}

TEST_F(ReplaySourceTest, TheJournalsBytesNeverChange) {
    const std::string before = fileBytes(path_);
    {
        ReplaySource source(options());
        State shown = source.startState();
        source.seek(kDayStartMs + 3000 * kStep);
        ASSERT_TRUE(waitFor([&] { drainInto(source, shown); return !source.seeking(); }));
        source.setPlaying(true);
        source.addBookmark(source.nowMs(), "开始转移", "带班领导下令");
        source.waitUntilIndexed();
    }
    EXPECT_EQ(fileBytes(path_), before);
}

TEST_F(ReplaySourceTest, BookmarksSurviveARestartOfTheReplayAndNeverTouchTheJournal) {
    const std::string before = fileBytes(path_);
    const TimeMs first = kDayStartMs + 1000 * kStep, second = kDayStartMs + 3000 * kStep;
    {
        ReplaySource source(options());
        source.startState();
        EXPECT_TRUE(source.bookmarks().empty());
        ASSERT_TRUE(source.addBookmark(second, "下令转移", "带班领导 14:05 电话下令")) << source.lastError();
        ASSERT_TRUE(source.addBookmark(first, "red warning raised", "")) << source.lastError();
        ASSERT_EQ(source.bookmarks().size(), 2u);
        EXPECT_EQ(source.bookmarks()[0].at_ms, first);  // by time
    }
    ReplaySource again(options());
    again.startState();
    ASSERT_EQ(again.bookmarks().size(), 2u);
    EXPECT_EQ(again.bookmarks()[1].name, "下令转移");
    EXPECT_EQ(again.bookmarks()[1].note, "带班领导 14:05 电话下令");
    EXPECT_FALSE(again.bookmarks()[1].author.empty());
    EXPECT_EQ(fileBytes(path_), before);
    EXPECT_TRUE(std::filesystem::exists(file("journal.review.db")));
}

TEST_F(ReplaySourceTest, TimesOutsideTheJournalAreRefusedWithItsRange) {
    for (TimeMs t : {kDayStartMs - 1, kDayStartMs + kEvents * kStep}) {
        try {
            ReplaySource source(options(t));
            FAIL() << "accepted " << t;
        } catch (const ReplayError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("--at"), std::string::npos) << what;
            EXPECT_NE(what.find(describeRange(kDayStartMs, kDayStartMs + (kEvents - 1) * kStep)), std::string::npos) << what;
        }
    }
    ReplayOptions missing;
    missing.journal = file("nope.db");
    EXPECT_THROW(ReplaySource{missing}, ReplayError);
}

TEST_F(ReplaySourceTest, ATimeInAQuietGapShowsTheLastStateBeforeIt) {
    // Appended after a 2-hour gap (the console was down).
    const TimeMs after_gap = kDayStartMs + kEvents * kStep + 2 * 3600 * 1000;
    {
        journal::Journal journal(path_);
        std::vector<journal::Record> more = {journal::testing::recordOf("operator", 99999, after_gap, ConsoleStart{"0.1.0"})};
        journal.appendBatch(more);
    }
    const TimeMs in_gap = after_gap - 3600 * 1000;
    ReplaySource source(options(in_gap));
    EXPECT_EQ(stateHash(source.startState()), stateHash(expectedAt(in_gap)));
}

TEST_F(ReplaySourceTest, ReplaysAJournalWhileTheConsoleKeepsWritingIt) {
    journal::Journal writer(path_);  // the live console's connection
    ReplaySource source(options());
    State shown = source.startState();
    const TimeMs later = kDayStartMs + kEvents * kStep + 10;
    std::vector<journal::Record> more = {
        journal::testing::recordOf("yuanzhou-monitor", 88888, later, journal::testing::rainAlarm("RG-late", "西坑村"))};
    writer.appendBatch(more);
    source.seek(kDayStartMs + 4321 * kStep);
    ASSERT_TRUE(waitFor([&] { drainInto(source, shown); return !source.seeking(); }));
    EXPECT_EQ(stateHash(shown), stateHash(expectedAt(kDayStartMs + 4321 * kStep)));
}

} // namespace
} // namespace wall::replay
