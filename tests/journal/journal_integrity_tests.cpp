// The journal's defences, each against a real SQLite file:
//   - the audit chain: an untouched journal verifies; copies with one row
//     edited, one deleted, two swapped are each caught and the row named;
//     journals from before the chain are migrated and the chain starts there;
//   - start-up integrity check: pages overwritten in the middle of the file
//     are found, the file is set aside byte for byte, what reads is salvaged,
//     and a fresh journal continues from that state;
//   - fsync failure (a VFS that fails xSync): the commit fails and every later
//     write is refused, no retry.
#include "failing_vfs.hpp"
#include "journal_fixture.hpp"

#include "journal/audit.hpp"

#include <sqlite3.h>

#include <fstream>
#include <iterator>

namespace wall::journal::testing {
namespace {

namespace fs = std::filesystem;

/// Backend raises interleaved with operator acks (operator seqs 1, 2, 3, … as the ingest worker numbers them).
std::vector<Record> mixedRecords(int n, uint64_t& operator_seq, uint64_t& backend_seq) {
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
        const std::string id = "RG-" + std::to_string(backend_seq);
        ++backend_seq;  // before the call: an argument that both changes and reads it is unsequenced
        out.push_back(recordOf("yuanzhou-monitor", backend_seq, kDayStartMs + static_cast<TimeMs>(backend_seq),
                               rainAlarm(id, "西坑村")));
        if (i % 3 == 2)
            out.push_back(recordOf("operator", ++operator_seq, kDayStartMs + static_cast<TimeMs>(backend_seq),
                                   AlarmAck{id, "值班员 王晓燕"}));
    }
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs SQL on a file directly, as someone with write access to it would.
void tamper(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << " in " << sql;
    sqlite3_free(error);
    sqlite3_close(db);
}

class AuditChain : public JournalTest {
protected:
    /// A closed journal with 60 backend rows and 20 operator rows, in three batches.
    void SetUp() override {
        JournalTest::SetUp();
        path_ = file("journal.db");
        Journal j(path_);
        uint64_t op = 0, backend = 0;
        for (int batch = 0; batch < 3; ++batch) {
            std::vector<Record> records = mixedRecords(20, op, backend);
            j.appendBatch(records);
            for (const Record& r : records)
                if (r.source == "operator") operator_ids_.push_back(r.id);
        }
    }
    /// @brief A copy of the journal to damage (the original stays as it was).
    std::string copy(const std::string& name) {
        const std::string to = file(name);
        fs::copy_file(path_, to);
        return to;
    }

    std::string path_;
    std::vector<int64_t> operator_ids_;  // ids of the operator rows, in order
};

TEST_F(AuditChain, UntouchedJournalVerifiesClean) {
    const ChainReport r = verifyChain(path_);
    EXPECT_FALSE(r.broken) << r.broken->kind << ": " << r.broken->detail;
    EXPECT_EQ(r.chained_rows, static_cast<int64_t>(operator_ids_.size()));
    EXPECT_EQ(r.unchained_rows, 0);
    EXPECT_EQ(r.head_hex.size(), 64u);
}

TEST_F(AuditChain, ChainContinuesAcrossReopen) {
    {
        Journal j(path_);
        uint64_t op = 100, backend = 1000;
        std::vector<Record> more = mixedRecords(9, op, backend);
        j.appendBatch(more);
    }
    const ChainReport r = verifyChain(path_);
    EXPECT_FALSE(r.broken);
    EXPECT_EQ(r.chained_rows, static_cast<int64_t>(operator_ids_.size()) + 3);
}

TEST_F(AuditChain, EditedRowIsNamed) {
    const std::string edited = copy("edited.db");
    const int64_t victim = operator_ids_[7];
    tamper(edited, "UPDATE events SET body = replace(body, '王晓燕', '张三') WHERE id = " + std::to_string(victim));
    const ChainReport r = verifyChain(edited);
    ASSERT_TRUE(r.broken);
    EXPECT_EQ(r.broken->id, victim);
    EXPECT_EQ(r.broken->type, "action.alarm.ack");
    EXPECT_EQ(r.broken->kind, "edited") << r.broken->detail;
    EXPECT_EQ(r.chained_rows, 7);
}

TEST_F(AuditChain, EditedTimeOrRemovedHashIsNamed) {
    const std::string retimed = copy("retimed.db");
    tamper(retimed, "UPDATE events SET recv_ms = recv_ms + 1 WHERE id = " + std::to_string(operator_ids_[3]));
    ASSERT_TRUE(verifyChain(retimed).broken);
    EXPECT_EQ(verifyChain(retimed).broken->id, operator_ids_[3]);

    const std::string unhashed = copy("unhashed.db");
    tamper(unhashed, "UPDATE events SET hash = NULL WHERE id = " + std::to_string(operator_ids_[12]));
    const ChainReport r = verifyChain(unhashed);
    ASSERT_TRUE(r.broken);
    EXPECT_EQ(r.broken->id, operator_ids_[12]);
    EXPECT_EQ(r.broken->kind, "edited");
}

TEST_F(AuditChain, DeletedRowIsNamedAsAGap) {
    const std::string deleted = copy("deleted.db");
    tamper(deleted, "DELETE FROM events WHERE id = " + std::to_string(operator_ids_[10]));
    const ChainReport r = verifyChain(deleted);
    ASSERT_TRUE(r.broken);
    EXPECT_EQ(r.broken->id, operator_ids_[11]) << "the row after the gap is the first that fails";
    EXPECT_EQ(r.broken->kind, "deleted") << r.broken->detail;
    EXPECT_NE(r.broken->detail.find("seq 11"), std::string::npos) << r.broken->detail;
}

TEST_F(AuditChain, SwappedRowsAreNamedAsReordered) {
    const std::string swapped = copy("swapped.db");
    const std::string a = std::to_string(operator_ids_[4]), b = std::to_string(operator_ids_[9]);
    // Each row moves to the other's place, hash and all.
    tamper(swapped, "CREATE TEMP TABLE pair AS SELECT * FROM events WHERE id IN (" + a + ", " + b + ");"
                    "DELETE FROM events WHERE id IN (" + a + ", " + b + ");"
                    "INSERT INTO events SELECT CASE id WHEN " + a + " THEN " + b + " ELSE " + a +
                    " END, recv_ms, source, seq, ts_ms, type, body, user_id, hash FROM pair;");
    const ChainReport r = verifyChain(swapped);
    ASSERT_TRUE(r.broken);
    EXPECT_EQ(r.broken->id, operator_ids_[4]);
    EXPECT_EQ(r.broken->kind, "reordered") << r.broken->detail;
}

TEST_F(AuditChain, BackendRowsAreOutsideTheChain) {
    // Only operator actions and the console's decisions are chained; editing a
    // backend row is not something verify claims to see.
    const std::string edited = copy("backend-edited.db");
    tamper(edited, "UPDATE events SET body = replace(body, '西坑村', '南庙村') WHERE source = 'yuanzhou-monitor' AND seq = 5");
    EXPECT_FALSE(verifyChain(edited).broken);
}

TEST_F(JournalTest, JournalFromBeforeTheChainIsMigratedAndTheChainStartsAtItsFirstNewRow) {
    const std::string path = file("v1.db");
    // A version-1 journal as the previous build wrote it, with one operator row.
    tamper(path, R"sql(
        PRAGMA journal_mode=WAL;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE events(id INTEGER PRIMARY KEY, recv_ms INTEGER NOT NULL, source TEXT NOT NULL,
            seq INTEGER NOT NULL, ts_ms INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL,
            user_id TEXT NOT NULL DEFAULT '', UNIQUE(source, seq));
        CREATE INDEX events_recv_ms ON events(recv_ms);
        CREATE TABLE checkpoints(id INTEGER PRIMARY KEY, upto_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
            state_blob BLOB NOT NULL);
        CREATE INDEX checkpoints_upto_id ON checkpoints(upto_id);
        INSERT INTO meta(key, value) VALUES ('format', 'wallconsole-journal'), ('format_version', '1');
        INSERT INTO events(recv_ms, source, seq, ts_ms, type, body)
            VALUES (1784073600000, 'operator', 1, 1784073600000, 'layout.switch', '{"layout":"duty"}');
        PRAGMA user_version = 1;)sql");
    {
        Journal j(path);
        EXPECT_EQ(j.lastId(), 1);
        uint64_t op = 1, backend = 0;
        std::vector<Record> records = mixedRecords(6, op, backend);
        j.appendBatch(records);
    }
    const ChainReport r = verifyChain(path);
    EXPECT_FALSE(r.broken);
    EXPECT_EQ(r.unchained_rows, 1);
    EXPECT_EQ(r.chained_rows, 2);
}

// ---- Start-up integrity check and salvage

class IntegrityCheck : public JournalTest {};

TEST_F(IntegrityCheck, SoundJournalOpensAsItIs) {
    const std::string path = file("journal.db");
    {
        Journal j(path);
        std::vector<Record> records = makeScenario(300, kDayStartMs).records;
        j.appendBatch(records);
    }
    OpenedJournal opened = openRecovering(path);
    EXPECT_TRUE(opened.damage.empty()) << opened.damage;
    EXPECT_TRUE(opened.set_aside_path.empty());
    EXPECT_EQ(opened.journal->lastId(), 300);
    EXPECT_EQ(opened.recovered.replayed, 300 - opened.recovered.skipped);
}

TEST_F(IntegrityCheck, DamagedJournalIsSetAsideSalvagedAndReplaced) {
    const std::string path = file("journal.db");
    constexpr int kRecords = 12000;
    {
        Journal j(path);
        Scenario s = makeScenario(kRecords, kDayStartMs);
        for (size_t at = 0; at < s.records.size(); at += 500) {
            std::span<Record> batch(s.records.data() + at, std::min<size_t>(500, s.records.size() - at));
            j.appendBatch(batch);
        }
    }
    ASSERT_FALSE(fs::exists(path + "-wal")) << "the closed journal should be checkpointed into one file";

    // Overwrite runs of pages in the middle of the file, as a failing disk would.
    {
        const auto size = static_cast<int64_t>(fs::file_size(path));
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        const std::string garbage(3 * 4096, '\xA5');
        for (double at : {0.35, 0.5, 0.65}) {
            f.seekp((static_cast<int64_t>(size * at) / 4096) * 4096);
            f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        }
    }
    const std::string damaged_bytes = readFile(path);

    OpenedJournal opened = openRecovering(path);
    ASSERT_FALSE(opened.damage.empty()) << "quick_check must find overwritten pages";
    EXPECT_NE(opened.damage.find("quick_check"), std::string::npos) << opened.damage;
    ASSERT_TRUE(fs::exists(opened.set_aside_path));
    EXPECT_NE(opened.set_aside_path.find("journal.db.damaged-"), std::string::npos);
    EXPECT_TRUE(readFile(opened.set_aside_path) == damaged_bytes) << "the damaged file must be kept as found";

    EXPECT_GT(opened.salvaged, kRecords / 2);
    EXPECT_GT(opened.unreadable, 0) << "the overwritten pages held records";
    EXPECT_EQ(opened.salvaged + opened.unreadable, kRecords);
    EXPECT_EQ(opened.journal->lastId(), 0) << "a fresh journal at the same path";
    EXPECT_GT(opened.recovered.state.alarms.size(), 0u);
    const uint64_t salvaged_hash = stateHash(opened.recovered.state);
    opened.journal.reset();

    // The fresh journal alone restarts into the salvaged state (its seed checkpoint)…
    OpenedJournal again = openRecovering(path);
    EXPECT_TRUE(again.damage.empty()) << again.damage;
    EXPECT_EQ(stateHash(again.recovered.state), salvaged_hash);
    // …and takes new records on top of it.
    std::vector<Record> more{recordOf("yuanzhou-monitor", 90001, kDayStartMs + 3'600'000, rainAlarm("RG-new", "竹亭村"))};
    again.journal->appendBatch(more);
    again.journal.reset();
    OpenedJournal third = openRecovering(path);
    EXPECT_EQ(third.recovered.replayed, 1);
    EXPECT_TRUE(third.recovered.state.alarms.contains("RG-new"));
}

TEST_F(IntegrityCheck, DamagedHeaderIsSetAsideAndTheConsoleStartsEmpty) {
    const std::string path = file("journal.db");
    {
        Journal j(path);
        std::vector<Record> records = makeScenario(50, kDayStartMs).records;
        j.appendBatch(records);
    }
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.write("this is no longer a SQLite header", 33);
    }
    OpenedJournal opened = openRecovering(path);
    EXPECT_FALSE(opened.damage.empty());
    EXPECT_TRUE(fs::exists(opened.set_aside_path));
    EXPECT_EQ(opened.salvaged, 0);
    EXPECT_EQ(opened.journal->lastId(), 0);
}

// ---- fsync failure

TEST_F(JournalTest, FailedFsyncIsFinalNoWriteIsTriedAfterIt) {
    test::registerFailingSyncVfs();
    const std::string path = file("journal.db");
    uint64_t op = 0, backend = 0;
    std::vector<Record> first = mixedRecords(10, op, backend);
    std::vector<Record> failed = mixedRecords(10, op, backend);
    std::vector<Record> after = mixedRecords(10, op, backend);
    {
        Journal j(path, OpenOptions{OpenMode::CreateOrOpen, false, test::kFailingSyncVfs});
        j.appendBatch(first);
        EXPECT_TRUE(j.writeFailure().empty());

        test::setSyncFails(true);
        const int refused_before = test::refusedSyncs();
        EXPECT_THROW(j.appendBatch(failed), JournalError);
        EXPECT_GT(test::refusedSyncs(), refused_before) << "the commit must have reached xSync";
        test::setSyncFails(false);

        EXPECT_FALSE(j.writeFailure().empty());
        EXPECT_NE(j.writeFailure().find("commit"), std::string::npos) << j.writeFailure();
        // The disk "works" again; the journal still refuses: no retry after a failed fsync.
        try {
            j.appendBatch(after);
            ADD_FAILURE() << "a write after a failed fsync must be refused";
        } catch (const JournalError& e) {
            EXPECT_NE(std::string(e.what()).find("refused"), std::string::npos) << e.what();
        }
        EXPECT_THROW(j.writeCheckpoint(Checkpoint{0, 0, "{}"}), JournalError);
    }
    Journal reopened(path);
    int64_t count = 0;
    std::set<std::string> seen;
    reopened.forEachSince(0, std::nullopt, [&](const Record& r) {
        ++count;
        seen.insert(r.source + "#" + std::to_string(r.seq));
    });
    for (const Record& r : first) EXPECT_TRUE(seen.contains(r.source + "#" + std::to_string(r.seq)));
    for (const Record& r : after) EXPECT_FALSE(seen.contains(r.source + "#" + std::to_string(r.seq)));
    // The failed batch may or may not be there (its WAL frames were written, their
    // fsync failed): it was never acked, so a resend is journaled or acked as a duplicate.
    EXPECT_TRUE(count == static_cast<int64_t>(first.size()) ||
                count == static_cast<int64_t>(first.size() + failed.size())) << count;
}

} // namespace
} // namespace wall::journal::testing
