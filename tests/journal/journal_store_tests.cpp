// The journal as a store: what goes in comes out, (source, seq) is unique,
// ids and receive times only move forward, data survives a reopen, and files
// that are not journals are refused with an error that names them.

#include "journal_fixture.hpp"

#include <sqlite3.h>

#include <csignal>
#include <fstream>
#include <sys/wait.h>

namespace wall::journal::testing {
namespace {

std::vector<Record> readAll(Journal& journal, int64_t after_id = 0, std::optional<TimeMs> until = std::nullopt) {
    std::vector<Record> out;
    journal.forEachSince(after_id, until, [&](const Record& r) { out.push_back(r); });
    return out;
}

// ---- Append and read back: every field survives, including Chinese text.

using JournalStore = JournalTest;

TEST_F(JournalStore, AppendedRecordsReadBackFieldForField) {
    Journal journal(file("journal.db"));
    std::vector<Record> batch = {
        recordOf("yuanzhou-monitor", 1, kDayStartMs + 10, rainAlarm("RG-0001", "西坑村")),
        recordOf("field-tasks", 1, kDayStartMs + 20, evacuationTask("T-01", TaskStatus::Accepted)),
        recordOf("yuanzhou-monitor", 2, kDayStartMs + 30, Heartbeat{}),
    };
    batch[1].user_id = "field-tasks.jingxian";
    batch[2].seq = 18446744073709551615ull;  // largest uint64 seq survives the signed column

    const auto outcomes = journal.appendBatch(batch);
    ASSERT_EQ(outcomes.size(), 3u);
    for (auto o : outcomes) EXPECT_EQ(o, AppendOutcome::Inserted);
    EXPECT_EQ(batch[0].id, 1);
    EXPECT_EQ(batch[1].id, 2);
    EXPECT_EQ(batch[2].id, 3);
    EXPECT_EQ(journal.lastId(), 3);

    const auto stored = readAll(journal);
    ASSERT_EQ(stored.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(stored[i].id, batch[i].id);
        EXPECT_EQ(stored[i].recv_ms, batch[i].recv_ms);
        EXPECT_EQ(stored[i].source, batch[i].source);
        EXPECT_EQ(stored[i].seq, batch[i].seq);
        EXPECT_EQ(stored[i].ts_ms, batch[i].ts_ms);
        EXPECT_EQ(stored[i].type, batch[i].type);
        EXPECT_EQ(stored[i].body, batch[i].body);
        EXPECT_EQ(stored[i].user_id, batch[i].user_id);
    }
    EXPECT_NE(stored[0].body.find("西坑村"), std::string::npos);
    EXPECT_EQ(stored[0].type, "alarm.raise");
}

TEST_F(JournalStore, EmptyBatchWritesNothing) {
    Journal journal(file("journal.db"));
    std::vector<Record> none;
    EXPECT_TRUE(journal.appendBatch(none).empty());
    EXPECT_EQ(journal.lastId(), 0);
}

// ---- Duplicates and conflicts: the resend-everything-unacked contract.

TEST_F(JournalStore, ResentSameBodyIsDuplicateAndDifferentBodyIsConflict) {
    Journal journal(file("journal.db"));
    std::vector<Record> first = {recordOf("yuanzhou-monitor", 7, kDayStartMs, rainAlarm("RG-7", "南庙村")),
                                 recordOf("yuanzhou-monitor", 8, kDayStartMs + 1, Heartbeat{})};
    journal.appendBatch(first);

    std::vector<Record> again = {
        recordOf("yuanzhou-monitor", 7, kDayStartMs + 500, rainAlarm("RG-7", "南庙村")),  // same body
        recordOf("yuanzhou-monitor", 8, kDayStartMs + 501, AlarmClear{"RG-7"}),          // reused seq
        recordOf("yuanzhou-monitor", 9, kDayStartMs + 502, AlarmClear{"RG-7"}),          // new
        recordOf("jingxian-monitor", 7, kDayStartMs + 503, rainAlarm("RG-7", "南庙村")),  // other source
    };
    const auto outcomes = journal.appendBatch(again);
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_EQ(outcomes[0], AppendOutcome::Duplicate);
    EXPECT_EQ(outcomes[1], AppendOutcome::Conflict);
    EXPECT_EQ(outcomes[2], AppendOutcome::Inserted);
    EXPECT_EQ(outcomes[3], AppendOutcome::Inserted);
    EXPECT_EQ(again[0].id, first[0].id) << "a duplicate names the row already stored";
    EXPECT_EQ(again[1].id, first[1].id);

    const auto stored = readAll(journal);
    ASSERT_EQ(stored.size(), 4u);
    EXPECT_EQ(stored[1].type, "heartbeat") << "a conflict must not overwrite the accepted record";
}

TEST_F(JournalStore, DuplicatesAndConflictsInsideOneBatch) {
    Journal journal(file("journal.db"));
    std::vector<Record> batch = {
        recordOf("yuanzhou-monitor", 1, kDayStartMs, rainAlarm("RG-1", "竹亭村")),
        recordOf("yuanzhou-monitor", 1, kDayStartMs, rainAlarm("RG-1", "竹亭村")),  // duplicate of [0]
        recordOf("yuanzhou-monitor", 1, kDayStartMs, AlarmClear{"RG-1"}),          // conflict with [0]
        recordOf("yuanzhou-monitor", 2, kDayStartMs, Heartbeat{}),
        recordOf("yuanzhou-monitor", 2, kDayStartMs, Heartbeat{}),  // duplicate of [3]
    };
    const auto outcomes = journal.appendBatch(batch);
    const std::vector<AppendOutcome> expected = {AppendOutcome::Inserted, AppendOutcome::Duplicate,
                                                 AppendOutcome::Conflict, AppendOutcome::Inserted,
                                                 AppendOutcome::Duplicate};
    EXPECT_EQ(outcomes, expected);
    EXPECT_EQ(batch[1].id, batch[0].id);
    EXPECT_EQ(batch[4].id, batch[3].id);
    EXPECT_EQ(readAll(journal).size(), 2u);
    EXPECT_EQ(journal.lastId(), 2);
}

TEST_F(JournalStore, SameBodyUnderADifferentTypeIsAConflict) {
    Journal journal(file("journal.db"));
    std::vector<Record> first = {recordOf("operator", 1, kDayStartMs, LayoutSwitch{"duty"})};
    journal.appendBatch(first);
    std::vector<Record> retyped = first;
    retyped[0].type = "camera.upsert";
    EXPECT_EQ(journal.appendBatch(retyped)[0], AppendOutcome::Conflict);
}

// ---- Ordering: ids and receive times never go backwards.

TEST_F(JournalStore, IdsIncreaseAcrossBatches) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(300, kDayStartMs);
    int64_t previous = 0;
    for (size_t from = 0; from < scenario.records.size(); from += 37) {
        const size_t count = std::min<size_t>(37, scenario.records.size() - from);
        std::span<Record> batch(scenario.records.data() + from, count);
        journal.appendBatch(batch);
        for (const Record& r : batch) {
            EXPECT_GT(r.id, previous);
            previous = r.id;
        }
    }
    EXPECT_EQ(journal.lastId(), previous);
    int64_t visited = 0;
    journal.forEachSince(0, std::nullopt, [&](const Record& r) { EXPECT_EQ(r.id, ++visited); });
    EXPECT_EQ(visited, 300);
}

TEST_F(JournalStore, ReceiveTimeIsRaisedToStayNonDecreasing) {
    const std::string path = file("journal.db");
    {
        Journal journal(path);
        std::vector<Record> batch = {recordOf("a", 1, 1000, Heartbeat{}), recordOf("a", 2, 500, Heartbeat{}),
                                     recordOf("a", 3, 2000, Heartbeat{}), recordOf("a", 4, 1999, Heartbeat{})};
        journal.appendBatch(batch);
        EXPECT_EQ(batch[1].recv_ms, 1000) << "the caller learns the time actually stored";
        EXPECT_EQ(batch[3].recv_ms, 2000);
    }
    Journal reopened(path);  // the floor is the stored maximum, not in-memory state
    std::vector<Record> late = {recordOf("a", 5, 1500, Heartbeat{})};
    reopened.appendBatch(late);
    EXPECT_EQ(late[0].recv_ms, 2000);

    std::vector<TimeMs> times;
    reopened.forEachSince(0, std::nullopt, [&](const Record& r) { times.push_back(r.recv_ms); });
    EXPECT_EQ(times, (std::vector<TimeMs>{1000, 1000, 2000, 2000, 2000}));
}

TEST_F(JournalStore, ForEachSinceStopsAfterUntilAndStartsAfterId) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(50, kDayStartMs, 10);
    journal.appendBatch(scenario.records);
    const auto window = readAll(journal, 10, kDayStartMs + 29 * 10);  // ids 11..30
    ASSERT_EQ(window.size(), 20u);
    EXPECT_EQ(window.front().id, 11);
    EXPECT_EQ(window.back().id, 30);
    EXPECT_TRUE(readAll(journal, 50).empty());
    EXPECT_TRUE(readAll(journal, 0, kDayStartMs - 1).empty());
}

// The first record names the journal to its review file; the last one's time ends
// the range a "state at T" may ask for. Both from the index, in a read-only open.
TEST_F(JournalStore, FirstAndLastRecordsOfAJournal) {
    const std::string path = file("journal.db");
    {
        Journal journal(path);
        EXPECT_FALSE(journal.firstRecord());
        EXPECT_FALSE(journal.lastRecord());
        auto scenario = makeScenario(30, kDayStartMs, 10);
        journal.appendBatch(scenario.records);
    }
    Journal reader(path, OpenMode::ExistingReadOnly);
    const auto first = reader.firstRecord();
    const auto last = reader.lastRecord();
    ASSERT_TRUE(first && last);
    EXPECT_EQ(first->id, 1);
    EXPECT_EQ(first->recv_ms, kDayStartMs);
    EXPECT_EQ(first->type, "alarm.raise");
    EXPECT_NE(first->body.find("西坑村"), std::string::npos);
    EXPECT_EQ(last->id, 30);
    EXPECT_EQ(last->recv_ms, kDayStartMs + 29 * 10);
    EXPECT_EQ(last->seq, 30u);
}

TEST_F(JournalStore, NestedForEachSinceDoesNotDisturbTheOuterScan) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(5, kDayStartMs);
    journal.appendBatch(scenario.records);
    int outer = 0, inner = 0;
    journal.forEachSince(0, std::nullopt, [&](const Record& r) {
        ++outer;
        journal.forEachSince(r.id, std::nullopt, [&](const Record&) { ++inner; });
    });
    EXPECT_EQ(outer, 5);
    EXPECT_EQ(inner, 4 + 3 + 2 + 1);
}

// ---- Persistence: what was committed is there after a reopen.

TEST_F(JournalStore, RecordsAndCheckpointsSurviveReopen) {
    const std::string path = file("journal.db");
    auto scenario = makeScenario(120, kDayStartMs);
    {
        Journal journal(path);
        journal.appendBatch(std::span(scenario.records).first(100));
        journal.writeCheckpoint({100, scenario.records[99].recv_ms, "blob-100"});
    }
    Journal journal(path);
    EXPECT_EQ(journal.lastId(), 100);
    auto checkpoint = journal.latestCheckpoint();
    ASSERT_TRUE(checkpoint);
    EXPECT_EQ(checkpoint->upto_id, 100);
    EXPECT_EQ(checkpoint->state_blob, "blob-100");

    // A backend resending after the restart gets duplicates, not new rows.
    auto outcomes = journal.appendBatch(std::span(scenario.records).subspan(90, 30));
    for (int i = 0; i < 10; ++i) EXPECT_EQ(outcomes[i], AppendOutcome::Duplicate);
    for (int i = 10; i < 30; ++i) EXPECT_EQ(outcomes[i], AppendOutcome::Inserted);
    EXPECT_EQ(journal.lastId(), 120);
    EXPECT_EQ(readAll(journal).back().body, scenario.records.back().body);
}

// A writer killed with SIGKILL mid-stream (as kill -9 does to the console):
// every batch whose appendBatch() had returned, i.e. could have been acked,
// is there after reopening, complete and in order.
TEST_F(JournalStore, EveryReturnedBatchSurvivesSigkill) {
    const std::string path = file("journal.db");
    const auto scenario = makeScenario(20000, kDayStartMs);
    int ids[2];
    ASSERT_EQ(::pipe(ids), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(ids[0]);
        try {
            Journal journal(path);
            std::vector<Record> records = scenario.records;
            for (size_t from = 0; from < records.size(); from += 50) {
                std::span<Record> batch(records.data() + from, std::min<size_t>(50, records.size() - from));
                journal.appendBatch(batch);
                const int64_t acked = batch.back().id;  // the ingest worker would ack now
                if (::write(ids[1], &acked, sizeof acked) != sizeof acked) ::_exit(2);
            }
        } catch (...) {
            ::_exit(1);
        }
        ::pause();  // wait for the kill like a console that keeps running
        ::_exit(0);
    }
    ::close(ids[1]);
    int64_t acked = 0, got = 0;
    while (acked < 3000 && ::read(ids[0], &got, sizeof got) == sizeof got) acked = got;
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(ids[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer failed before it was killed";
    ASSERT_GE(acked, 3000);

    Journal journal(path);
    EXPECT_GE(journal.lastId(), acked);
    int64_t expected_id = 0;
    journal.forEachSince(0, std::nullopt, [&](const Record& r) {
        ASSERT_EQ(r.id, ++expected_id);
        const Record& sent = scenario.records[static_cast<size_t>(r.id - 1)];
        EXPECT_EQ(r.seq, sent.seq);
        EXPECT_EQ(r.body, sent.body);
    });
    EXPECT_EQ(expected_id, journal.lastId());
    const Recovered recovered = recoverState(journal);
    EXPECT_EQ(stateHash(recovered.state),
              stateHash(referenceState(scenario, static_cast<size_t>(journal.lastId()))));
}

TEST_F(JournalStore, ParentDirectoriesAreCreated) {
    const std::string path = file("state/wallconsole/夜班/journal.db");
    {
        Journal journal(path);
        std::vector<Record> one = {recordOf("a", 1, kDayStartMs, Heartbeat{})};
        journal.appendBatch(one);
    }
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_EQ(Journal(path).lastId(), 1);
}

// ---- Checkpoints: newest, newest before a time, older-than fallback.

TEST_F(JournalStore, CheckpointLookupByTimeAndFallback) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(30, kDayStartMs, 100);
    journal.appendBatch(scenario.records);
    EXPECT_FALSE(journal.latestCheckpoint());
    journal.writeCheckpoint({10, kDayStartMs + 900, "ten"});
    journal.writeCheckpoint({20, kDayStartMs + 1900, "twenty"});

    EXPECT_EQ(journal.latestCheckpoint()->state_blob, "twenty");
    EXPECT_EQ(journal.latestCheckpoint(kDayStartMs + 1900)->state_blob, "twenty");
    EXPECT_EQ(journal.latestCheckpoint(kDayStartMs + 1899)->state_blob, "ten");
    EXPECT_FALSE(journal.latestCheckpoint(kDayStartMs + 899));
    EXPECT_EQ(journal.checkpointBefore(20)->state_blob, "ten");
    EXPECT_FALSE(journal.checkpointBefore(10));

    EXPECT_THROW(journal.writeCheckpoint({31, kDayStartMs, "future"}), JournalError)
        << "a checkpoint cannot cover records that do not exist";
}

TEST_F(JournalStore, OldCheckpointsAreThinnedToNewestThreeAndOnePerHour) {
    Journal journal(file("journal.db"));
    constexpr TimeMs kMinute = 60 * 1000;
    auto scenario = makeScenario(300, kDayStartMs, kMinute);  // 5 hours, one event a minute
    journal.appendBatch(scenario.records);
    for (int64_t id = 10; id <= 300; id += 10)  // every 10 minutes: 30 checkpoints
        journal.writeCheckpoint({id, scenario.records[id - 1].recv_ms, "cp-" + std::to_string(id)});

    std::vector<int64_t> kept;
    for (auto c = journal.latestCheckpoint(); c; c = journal.checkpointBefore(c->upto_id))
        kept.insert(kept.begin(), c->upto_id);
    // First of each hour (ids 10, 61.., 121.., 181.., 241..: at_ms buckets) plus the newest three.
    EXPECT_EQ(kept, (std::vector<int64_t>{10, 70, 130, 190, 250, 280, 290, 300}));
    EXPECT_EQ(journal.stats().checkpoints, 8);
}

// ---- Stats: what wallctl journal stats prints.

TEST_F(JournalStore, StatsCountByTypeAndSource) {
    Journal journal(file("journal.db"));
    auto scenario = makeScenario(70, kDayStartMs, 1000);
    journal.appendBatch(scenario.records);
    journal.writeCheckpoint({70, kDayStartMs + 69000, "x"});

    const Stats stats = journal.stats();
    EXPECT_EQ(stats.events, 70);
    EXPECT_EQ(stats.checkpoints, 1);
    EXPECT_EQ(stats.first_ms, kDayStartMs);
    EXPECT_EQ(stats.last_ms, kDayStartMs + 69000);
    EXPECT_GT(stats.file_bytes, 0);

    int64_t total = 0;
    for (auto& [type, n] : stats.by_type) total += n;
    EXPECT_EQ(total, 70);
    auto count = [](const auto& list, const std::string& key) -> int64_t {
        for (auto& [k, n] : list)
            if (k == key) return n;
        return -1;
    };
    EXPECT_EQ(count(stats.by_type, "alarm.raise"), 10);
    EXPECT_EQ(count(stats.by_type, "action.alarm.ack"), 10);
    EXPECT_EQ(count(stats.by_source, "operator"), 37);  // acks, task moves, layout switches, camera link reports
    EXPECT_EQ(count(stats.by_source, "field-tasks"), 10);
}

// ---- Read-only opening: wallctl and drill review read a journal, possibly
// while the console writes it, and must never create or change one.

TEST_F(JournalStore, ReadOnlyRefusesMissingFileAndWrites) {
    const std::string missing = file("nowhere/journal.db");
    try {
        Journal journal(missing, OpenMode::ExistingReadOnly);
        FAIL() << "a missing journal must not be created read-only";
    } catch (const JournalError& e) {
        EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(file("nowhere")));

    const std::string path = file("journal.db");
    auto scenario = makeScenario(20, kDayStartMs);
    {
        Journal writer(path);
        writer.appendBatch(scenario.records);
    }
    Journal reader(path, OpenMode::ExistingReadOnly);
    EXPECT_EQ(reader.lastId(), 20);
    std::vector<Record> more = {recordOf("a", 1, kDayStartMs + 100, Heartbeat{})};
    EXPECT_THROW(reader.appendBatch(more), JournalError);
    EXPECT_EQ(more[0].id, 0) << "a failed batch leaves the caller's records untouched";
    EXPECT_THROW(reader.writeCheckpoint({20, kDayStartMs, "x"}), JournalError);
    EXPECT_EQ(reader.lastId(), 20);
}

TEST_F(JournalStore, ReadOnlyReaderSeesCommitsOfALiveWriter) {
    const std::string path = file("journal.db");
    Journal writer(path);
    auto scenario = makeScenario(60, kDayStartMs);
    writer.appendBatch(std::span(scenario.records).first(30));
    Journal reader(path, OpenMode::ExistingReadOnly);
    EXPECT_EQ(reader.lastId(), 30);
    writer.appendBatch(std::span(scenario.records).subspan(30));
    EXPECT_EQ(reader.lastId(), 60);
    EXPECT_EQ(stateHash(recoverState(reader).state), stateHash(referenceState(scenario, 60)));
}

TEST_F(JournalStore, ReadOnlyRefusesAnEmptySqliteFile) {
    const std::string path = file("empty.db");
    std::ofstream(path).flush();
    EXPECT_THROW(Journal(path, OpenMode::ExistingReadOnly), JournalError);
}

// ---- Refusals: foreign, damaged and future files give a JournalError naming the file.

TEST_F(JournalStore, TextFileIsRefusedWithThePathInTheError) {
    const std::string path = file("值班记录.txt");
    std::ofstream(path) << "这不是数据库 — this is a duty log written by hand, not a SQLite file.\n"
                        << std::string(4096, 'x');
    try {
        Journal journal(path);
        FAIL() << "opening a text file as a journal must throw";
    } catch (const JournalError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("not a database"), std::string::npos) << what;
    }
}

TEST_F(JournalStore, DamagedHeaderIsRefusedWithThePathInTheError) {
    const std::string path = file("journal.db");
    {
        Journal journal(path);
        auto scenario = makeScenario(200, kDayStartMs);
        journal.appendBatch(scenario.records);
    }
    // Keep the magic string, overwrite the rest of the header and the first pages.
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(16);
        const std::string garbage(8192, '\xA5');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    try {
        Journal journal(path);
        journal.lastId();
        FAIL() << "a damaged journal must throw";
    } catch (const JournalError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

TEST_F(JournalStore, OtherSqliteDatabaseIsRefused) {
    const std::string path = file("gis.sqlite");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE shelters(name TEXT); INSERT INTO shelters VALUES('袁州区第一中学');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    try {
        Journal journal(path);
        FAIL() << "a foreign SQLite database must be refused";
    } catch (const JournalError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("not a wallconsole journal"), std::string::npos) << what;
    }
}

TEST_F(JournalStore, JournalFromANewerSchemaIsRefused) {
    const std::string path = file("journal.db");
    { Journal journal(path); }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    try {
        Journal journal(path);
        FAIL() << "a journal from a newer build must be refused, not misread";
    } catch (const JournalError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
}

TEST_F(JournalStore, InMemoryJournalWorksForOtherModulesTests) {
    Journal journal(":memory:");
    auto scenario = makeScenario(30, kDayStartMs);
    journal.appendBatch(scenario.records);
    EXPECT_EQ(journal.lastId(), 30);
    EXPECT_EQ(stateHash(recoverState(journal).state), stateHash(referenceState(scenario, 30)));
}

TEST_F(JournalStore, DirectoryAsPathIsRefused) {
    EXPECT_THROW(Journal journal(dir_.string()), JournalError);
    EXPECT_THROW(Journal journal(""), JournalError);
}

TEST_F(JournalStore, JournalIsInWalModeWithFullSync) {
    const std::string path = file("journal.db");
    Journal journal(path);
    std::vector<Record> one = {recordOf("a", 1, kDayStartMs, Heartbeat{})};
    journal.appendBatch(one);
    EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

} // namespace
} // namespace wall::journal::testing
