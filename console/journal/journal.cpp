// The journal's storage: schema, group-committed appends, checkpoints and
// streaming reads. recoverState() lives in recover.cpp.
//
// [SECTION] Schema and migrations
// [SECTION] Cached statements
// [SECTION] Journal: open, append, checkpoints, reads, stats
//
// Durability and throughput. The database runs in WAL mode with
// synchronous=FULL: a commit returns only after the WAL is fsync'ed, so a
// record the caller acks after appendBatch() returns survives a crash or power
// cut. An fsync costs 1-10 ms depending on the disk (about 6 ms on the shared
// build VM), so one transaction per event would cap ingest at a few hundred
// events/s. appendBatch() therefore commits a whole batch in one transaction
// (group commit): the ingest worker drains everything that arrived while the
// previous commit was syncing, journals it with one fsync, then acks it all.
// Every event stays durable before its ack, and throughput grows with the batch
// until the disk's synced write bandwidth is the limit (figures: bench/journal).
// Batching adds no window of loss: nothing in a batch is acked before its one
// fsync returned, so a crash mid-batch loses only unacked events, which the
// backends resend; it adds latency of at most one commit (the batch waits for
// the previous fsync), which is what the ack already waited for anyway.
// A failed commit is final for this Journal (see appendBatch in journal.hpp).
// Copying the WAL back into the database runs on a background connection
// (wal_checkpointer.hpp) so that those copies do not stall the acks.

#include "journal/journal.hpp"

#include "chain_hash.hpp"
#include "protocol/protocol.hpp"
#include "sqlite_handle.hpp"
#include "wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <system_error>

namespace wall::journal {

// ---------------------------------------------------------------------------
// [SECTION] Schema and migrations
// ---------------------------------------------------------------------------
namespace {

// PRAGMA user_version of the newest schema this build writes. Raise it and add
// a step to migrate() when the schema changes; never edit an old step.
constexpr int kSchemaVersion = 2;
// meta.format: tells a wallconsole journal apart from any other SQLite file.
constexpr const char* kFormatName = "wallconsole-journal";

// Version 1. recv_ms is non-decreasing in id order (appendBatch enforces it),
// so both the rowid and the recv_ms index are time-ordered. No AUTOINCREMENT:
// rows are never deleted from the top, so max(id)+1 is already monotonic.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE events(
    id      INTEGER PRIMARY KEY,
    recv_ms INTEGER NOT NULL,
    source  TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    ts_ms   INTEGER NOT NULL,
    type    TEXT    NOT NULL,
    body    TEXT    NOT NULL,
    user_id TEXT    NOT NULL DEFAULT '',
    UNIQUE(source, seq)
);
CREATE INDEX events_recv_ms ON events(recv_ms);
CREATE TABLE checkpoints(
    id         INTEGER PRIMARY KEY,
    upto_id    INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL,
    state_blob BLOB    NOT NULL
);
CREATE INDEX checkpoints_upto_id ON checkpoints(upto_id);
INSERT INTO meta(key, value) VALUES ('format', 'wallconsole-journal'), ('format_version', '1');
PRAGMA user_version = 1;
)sql";

// Version 2: the audit chain (journal/audit.hpp). Rows journaled before it keep
// a NULL hash; the chain starts at the first row written by a version-2 build.
// The partial index finds the chain's head without scanning unchained rows.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE events ADD COLUMN hash BLOB;
CREATE INDEX events_chain ON events(id) WHERE hash IS NOT NULL;
UPDATE meta SET value = '2' WHERE key = 'format_version';
PRAGMA user_version = 2;
)sql";

int64_t queryInt(Connection& c, const char* sql, std::string_view operation) {
    Statement statement(c, sql, operation);
    Statement::Use use(statement);
    return use.step() ? use.int64(0) : 0;
}

std::string queryText(Connection& c, const char* sql, std::string_view operation) {
    Statement statement(c, sql, operation);
    Statement::Use use(statement);
    return use.step() ? use.text(0) : std::string();
}

void migrateStep(Connection& c, const char* sql, std::string_view operation) {
    c.exec("BEGIN IMMEDIATE", "begin schema change");
    try {
        c.exec(sql, operation);
        c.exec("COMMIT", "commit schema change");
    } catch (...) {
        sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void migrate(Connection& c, int64_t from_version) {
    if (from_version < 1) migrateStep(c, kSchemaV1, "create schema version 1");
    if (from_version < 2) migrateStep(c, kSchemaV2, "migrate to schema version 2 (audit chain)");
}

/// PRAGMA quick_check rather than integrity_check: both verify every page, every
/// b-tree and every record's format; integrity_check also cross-checks each index
/// against its table (UNIQUE(source, seq), recv_ms). On a 1M-event journal (300 MB)
/// quick_check takes 0.4 s warm vs 0.9 s, and both about 5 s cold, limited by reading
/// the file; the index cross-check is the part start-up can afford to skip, because
/// a damaged index is rebuilt by REINDEX and loses no record.
void checkIntegrity(Connection& c) {
    Statement check(c, "PRAGMA quick_check(8)", "integrity check (quick_check)");
    Statement::Use rows(check);
    std::string problems;
    while (rows.step()) {
        const std::string line = rows.text(0);
        if (line == "ok") return;
        if (!problems.empty()) problems += "; ";
        problems += line;
    }
    throw JournalDamaged(journalErrorText(c.path(), "integrity check (quick_check)", "failed: " + problems));
}

/// Sets the connection up and brings the schema to kSchemaVersion (read-only:
/// checks it is there). Runs before any statement is prepared, because
/// preparing needs the tables.
int openSchema(Connection& c, const OpenOptions& options) {
    sqlite3_busy_timeout(c.handle(), 5000);  // wallctl may read while the console writes
    const OpenMode mode = options.mode;
    const bool salvage = mode == OpenMode::Salvage;
    const bool read_only = mode != OpenMode::CreateOrOpen;
    // Until the file is known sound, closing must not checkpoint the WAL into it:
    // a damaged journal is set aside exactly as it was found.
    sqlite3_db_config(c.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);

    // The first statement reads the file header: a foreign or damaged file fails here.
    if (read_only) {
        queryText(c, "PRAGMA journal_mode", "read journal mode");
    } else {
        const std::string journal_mode = queryText(c, "PRAGMA journal_mode=WAL", "switch to WAL mode");
        if (journal_mode != "wal" && c.path() != ":memory:")
            spdlog::warn("journal {}: journal_mode is '{}', not 'wal' (file system without shared memory?); "
                         "commits stay durable but readers block the writer", c.path(), journal_mode);
        c.exec("PRAGMA synchronous=FULL", "set synchronous=FULL");
    }
    // Before anything is written (a migration) to a file that may be damaged.
    if (options.integrity_check) checkIntegrity(c);
    // 16 MiB page cache: appends touch the rowid tree, the (source,seq) and recv_ms indexes.
    c.exec("PRAGMA cache_size=-16384", "set cache size");

    const int64_t version = queryInt(c, "PRAGMA user_version", "read schema version");
    if (version > kSchemaVersion)
        throw JournalError(journalErrorText(
            c.path(), "check schema version",
            "written by a newer wallconsole (schema version " + std::to_string(version) +
                ", this build reads up to " + std::to_string(kSchemaVersion) + ")"));
    if (salvage) return static_cast<int>(version);  // read what is there, as it is
    if (read_only && version < kSchemaVersion)
        throw JournalError(journalErrorText(
            c.path(), "check schema version",
            version == 0 ? std::string("not a wallconsole journal (no journal schema)")
                         : "schema version " + std::to_string(version) +
                               " needs migrating; open it once read-write (start the console on it)"));
    if (version == 0) {
        const int64_t objects = queryInt(c, "SELECT count(*) FROM sqlite_schema", "inspect schema");
        if (objects > 0)
            throw JournalError(journalErrorText(c.path(), "check format",
                                                "is a SQLite database but not a wallconsole journal "
                                                "(it has tables and no journal schema version)"));
    }
    migrate(c, version);

    const std::string format =
        queryText(c, "SELECT value FROM meta WHERE key = 'format'", "read journal format");
    if (format != kFormatName)
        throw JournalError(journalErrorText(c.path(), "check format",
                                            "meta.format is '" + format + "', expected '" + kFormatName + "'"));
    sqlite3_db_config(c.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    return kSchemaVersion;
}

// ---------------------------------------------------------------------------
// [SECTION] Cached statements
// ---------------------------------------------------------------------------

constexpr const char* kInsertEvent =
    "INSERT INTO events(recv_ms, source, seq, ts_ms, type, body, user_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(source, seq) DO NOTHING";
constexpr const char* kFindEvent = "SELECT id, type, body FROM events WHERE source = ?1 AND seq = ?2";
constexpr const char* kSelectSince =
    "SELECT id, recv_ms, source, seq, ts_ms, type, body, user_id FROM events WHERE id > ?1 ORDER BY id";
constexpr const char* kSelectOne =
    "SELECT id, recv_ms, source, seq, ts_ms, type, body, user_id FROM events WHERE id = ?1";
constexpr const char* kSelectFirst =
    "SELECT id, recv_ms, source, seq, ts_ms, type, body, user_id FROM events ORDER BY id LIMIT 1";
// recv_ms never decreases in id order, so the newest row also holds the last event time.
constexpr const char* kSelectLast =
    "SELECT id, recv_ms, source, seq, ts_ms, type, body, user_id FROM events ORDER BY id DESC LIMIT 1";
constexpr const char* kChainHead = "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1";
constexpr const char* kSelectCheckpoint =
    "SELECT upto_id, at_ms, state_blob FROM checkpoints WHERE upto_id < ?1 AND at_ms <= ?2 "
    "ORDER BY upto_id DESC, id DESC LIMIT 1";

// The writer checkpoints itself only when the log passes this many pages
// (4 KiB each): the backstop behind the background checkpointer.
constexpr int kWriterCheckpointPages = 8192;
constexpr std::chrono::milliseconds kBackgroundCheckpointPeriod{50};

// Checkpoint thinning: a checkpoint can be megabytes and the ingest worker
// writes one every N events, so older ones are thinned on each write. Kept:
// the newest kKeepNewestCheckpoints (fallbacks when the newest blob is bad) and
// the first checkpoint of every hour of receive time, so "state at T" for drill
// review starts at most an hour of records before T.
constexpr int kKeepNewestCheckpoints = 3;
constexpr int64_t kCheckpointBucketMs = 3600 * 1000;
constexpr const char* kThinCheckpoints =
    "DELETE FROM checkpoints WHERE id NOT IN (SELECT id FROM checkpoints ORDER BY upto_id DESC, id DESC LIMIT ?1) "
    "AND id NOT IN (SELECT MIN(id) FROM checkpoints GROUP BY at_ms / ?2)";

constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();

Record readRecord(const Statement::Use& row) {
    Record r;
    r.id = row.int64(0);
    r.recv_ms = row.int64(1);
    r.source = row.text(2);
    r.seq = static_cast<uint64_t>(row.int64(3));
    r.ts_ms = row.int64(4);
    r.type = row.text(5);
    r.body = row.text(6);
    r.user_id = row.text(7);
    return r;
}

} // namespace

struct Journal::Impl {
    Connection conn;            // declared first: destroyed after every statement below
    int schema_version;         // set by openSchema(), which must run before any prepare
    std::string write_failure;  // set by the first failed write transaction: no write is tried after it
    Statement begin;
    Statement commit;
    Statement rollback;
    Statement insert_event;
    Statement find_event;       // stored (id, type, body) of a (source, seq)
    Statement max_recv;         // floor for the next recv_ms
    Statement max_id;
    Statement recv_of_id;       // recv_ms of one record: a checkpoint's at_ms
    Statement select_since;
    Statement insert_checkpoint;
    Statement select_checkpoint;
    Statement thin_checkpoints;
    std::optional<Statement> chain_head;  // the last chained row's hash; writers only
    std::optional<Statement> set_hash;    // links a just-inserted operator row; writers only
    std::unique_ptr<WalCheckpointer> wal_checkpointer;  // null unless the file is in WAL mode

    Impl(const std::string& path, const OpenOptions& options)
        : conn(path, options.mode == OpenMode::CreateOrOpen ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                            : SQLITE_OPEN_READONLY,
               options.vfs),
          schema_version(openSchema(conn, options)),
          begin(conn, "BEGIN IMMEDIATE", "begin write transaction"),
          commit(conn, "COMMIT", "commit (synchronous=FULL)"),
          rollback(conn, "ROLLBACK", "roll back write transaction"),
          insert_event(conn, kInsertEvent, "insert event"),
          find_event(conn, kFindEvent, "look up existing (source, seq)"),
          max_recv(conn, "SELECT MAX(recv_ms) FROM events", "read newest recv_ms"),
          max_id(conn, "SELECT MAX(id) FROM events", "read last id"),
          recv_of_id(conn, "SELECT recv_ms FROM events WHERE id = ?1", "read a record's recv_ms"),
          select_since(conn, kSelectSince, "read events since id"),
          insert_checkpoint(conn, "INSERT INTO checkpoints(upto_id, at_ms, state_blob) VALUES(?1, ?2, ?3)",
                            "write checkpoint"),
          select_checkpoint(conn, kSelectCheckpoint, "read checkpoint"),
          thin_checkpoints(conn, kThinCheckpoints, "thin old checkpoints") {
        if (options.mode != OpenMode::CreateOrOpen) return;
        chain_head.emplace(conn, kChainHead, "read the audit chain's head");
        set_hash.emplace(conn, "UPDATE events SET hash = ?1 WHERE id = ?2", "link a row into the audit chain");
        if (queryText(conn, "PRAGMA journal_mode", "read journal mode") != "wal") return;
        sqlite3_wal_autocheckpoint(conn.handle(), kWriterCheckpointPages);
        wal_checkpointer = std::make_unique<WalCheckpointer>(conn.path(), kBackgroundCheckpointPeriod, options.vfs);
    }

    /// Refuses every write after a failed one: after a failed fsync the page cache may
    /// hold pages the kernel will never write, while a retried fsync reports success.
    void checkWritable() const {
        if (!write_failure.empty())
            throw JournalError(journalErrorText(conn.path(), "write",
                                                "refused: the journal stopped writing after a failed commit (" +
                                                    write_failure + "); restart to continue"));
    }

    /// Runs body in one write transaction; any failure is final for this Journal.
    template <class Body>
    void writeTransaction(Body&& body) {
        checkWritable();
        try {
            run(begin);
            body();
            run(commit);
        } catch (const std::exception& e) {
            write_failure = e.what();
            rollbackQuietly();
            throw;
        } catch (...) {
            write_failure = "unknown error";
            rollbackQuietly();
            throw;
        }
    }

    void run(Statement& s) {
        Statement::Use use(s);
        use.step();
    }

    int64_t scalar(Statement& s) {
        Statement::Use use(s);
        return use.step() && !use.isNull(0) ? use.int64(0) : 0;
    }

    void rollbackQuietly() {
        // A failed COMMIT may already have rolled back; a second ROLLBACK would then fail.
        if (sqlite3_get_autocommit(conn.handle())) return;
        try {
            run(rollback);
        } catch (const std::exception& e) {
            spdlog::error("{}", e.what());
        }
    }

    std::optional<Checkpoint> checkpoint(int64_t below_upto_id, std::optional<TimeMs> at_or_before) {
        Statement::Use use(select_checkpoint);
        use.bind(1, below_upto_id);
        use.bind(2, at_or_before.value_or(kNoLimit));
        if (!use.step()) return std::nullopt;
        Checkpoint c;
        c.upto_id = use.int64(0);
        c.at_ms = use.int64(1);
        c.state_blob = use.text(2);
        return c;
    }
};

// ---------------------------------------------------------------------------
// [SECTION] Journal: open, append, checkpoints, reads, stats
// ---------------------------------------------------------------------------

namespace {
void createParentDirectories(const std::string& path) {
    if (path.empty()) throw JournalError("journal: open: the journal path is empty");
    if (path == ":memory:") return;
    if (std::filesystem::is_directory(path))
        throw JournalError(journalErrorText(path, "open", "is a directory, expected a journal file"));
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw JournalError(journalErrorText(path, "create directory " + parent.string(), ec.message()));
}
} // namespace

Journal::Journal(const std::string& path) : Journal(path, OpenMode::CreateOrOpen) {}

Journal::Journal(const std::string& path, OpenMode mode) : Journal(path, OpenOptions{mode, false, {}}) {}

Journal::Journal(const std::string& path, const OpenOptions& options) : path_(path) {
    if (options.mode == OpenMode::CreateOrOpen) {
        createParentDirectories(path);
    } else {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw JournalError(journalErrorText(path, "open read-only", "no journal file at this path"));
    }
    impl_ = std::make_unique<Impl>(path, options);
}

Journal::~Journal() = default;

std::vector<AppendOutcome> Journal::appendBatch(std::span<Record> records, const Checkpoint* with) {
    std::vector<AppendOutcome> outcomes(records.size(), AppendOutcome::Inserted);
    if (records.empty()) {
        if (with) writeCheckpoint(*with);
        return outcomes;
    }
    const std::optional<Checkpoint> checkpoint = with ? std::optional(checkedCheckpoint(*with)) : std::nullopt;

    // Results are staged and copied into records only after COMMIT succeeds,
    // so a failed batch leaves the caller's records as they were.
    struct Assigned {
        int64_t id = 0;
        TimeMs recv_ms = 0;
    };
    std::vector<Assigned> assigned(records.size());
    Impl& s = *impl_;
    sqlite3* db = s.conn.handle();

    s.writeTransaction([&] {
        // Read inside the write transaction: the floor and the chain head are exact
        // even if another process appended since this connection last looked.
        TimeMs floor = s.scalar(s.max_recv);
        std::optional<ChainHash> head;  // read on the first operator row of the batch
        for (size_t i = 0; i < records.size(); ++i) {
            const Record& r = records[i];
            const TimeMs recv_ms = std::max(floor, r.recv_ms);
            bool inserted = false;
            {
                Statement::Use insert(s.insert_event);
                insert.bind(1, recv_ms);
                insert.bind(2, r.source);
                insert.bind(3, static_cast<int64_t>(r.seq));  // uint64 stored bit-for-bit
                insert.bind(4, r.ts_ms);
                insert.bind(5, r.type);
                insert.bind(6, r.body);
                insert.bind(7, r.user_id);
                insert.step();
                inserted = sqlite3_changes(db) > 0;  // 0: ON CONFLICT DO NOTHING fired
            }
            if (inserted) {
                assigned[i] = {sqlite3_last_insert_rowid(db), recv_ms};
                floor = recv_ms;
                if (r.source == protocol::kOperatorSource) {
                    if (!head) {
                        Statement::Use read(*s.chain_head);
                        head = read.step() ? chainHashFromBytes(read.textView(0)) : ChainHash{};
                    }
                    Record stored = r;
                    stored.id = assigned[i].id;
                    stored.recv_ms = recv_ms;
                    *head = chainHash(*head, stored);
                    Statement::Use link(*s.set_hash);
                    link.bindBlob(1, chainHashBytes(*head));
                    link.bind(2, stored.id);
                    link.step();
                }
                continue;
            }
            // (source, seq) is already stored, earlier or in this very batch:
            // the uncommitted rows of our own transaction are visible here.
            Statement::Use find(s.find_event);
            find.bind(1, r.source);
            find.bind(2, static_cast<int64_t>(r.seq));
            if (!find.step())
                throw JournalError(journalErrorText(path_, "insert event",
                                                    "insert of " + r.source + "#" + std::to_string(r.seq) +
                                                        " was ignored but no stored row has that (source, seq)"));
            assigned[i] = {find.int64(0), r.recv_ms};
            const bool same = find.textView(1) == r.type && find.textView(2) == r.body;
            outcomes[i] = same ? AppendOutcome::Duplicate : AppendOutcome::Conflict;
        }
        if (checkpoint) storeCheckpoint(*checkpoint, with->state_blob);
    });

    for (size_t i = 0; i < records.size(); ++i) {
        records[i].id = assigned[i].id;
        if (outcomes[i] == AppendOutcome::Inserted) records[i].recv_ms = assigned[i].recv_ms;
    }
    return outcomes;
}

/// The checkpoint's row as it will be stored: at_ms is taken from the journal, not
/// trusted from the caller: a checkpoint stamped earlier than its last record would
/// be picked for a "state at T" that must not include that record yet.
Checkpoint Journal::checkedCheckpoint(const Checkpoint& checkpoint) {
    Impl& s = *impl_;
    const int64_t last = lastId();
    if (checkpoint.upto_id < 0 || checkpoint.upto_id > last)
        throw JournalError(journalErrorText(path_, "write checkpoint",
                                            "upto_id " + std::to_string(checkpoint.upto_id) +
                                                " is outside the journal (last id " + std::to_string(last) + ")"));
    Checkpoint stored{checkpoint.upto_id, checkpoint.at_ms, {}};
    if (checkpoint.upto_id > 0) {
        Statement::Use find(s.recv_of_id);
        find.bind(1, checkpoint.upto_id);
        if (find.step()) stored.at_ms = find.int64(0);
    }
    return stored;
}

/// Inside a write transaction: the insert, and the thinning of older checkpoints.
void Journal::storeCheckpoint(const Checkpoint& checked, const std::string& blob) {
    Impl& s = *impl_;
    {
        Statement::Use insert(s.insert_checkpoint);
        insert.bind(1, checked.upto_id);
        insert.bind(2, checked.at_ms);
        insert.bindBlob(3, blob);
        insert.step();
    }
    {
        Statement::Use thin(s.thin_checkpoints);
        thin.bind(1, kKeepNewestCheckpoints);
        thin.bind(2, kCheckpointBucketMs);
        thin.step();
    }
}

void Journal::writeCheckpoint(const Checkpoint& checkpoint) {
    const Checkpoint checked = checkedCheckpoint(checkpoint);
    impl_->writeTransaction([&] { storeCheckpoint(checked, checkpoint.state_blob); });  // insert and thinning: one fsync
}

std::optional<Checkpoint> Journal::latestCheckpoint(std::optional<TimeMs> at_or_before) {
    return impl_->checkpoint(kNoLimit, at_or_before);
}

std::optional<Checkpoint> Journal::checkpointBefore(int64_t below_upto_id, std::optional<TimeMs> at_or_before) {
    return impl_->checkpoint(below_upto_id, at_or_before);
}

void Journal::forEachSince(int64_t after_id, std::optional<TimeMs> until_ms,
                           const std::function<void(const Record&)>& visit) {
    Impl& s = *impl_;
    // The cached statement is busy when visit() re-enters forEachSince; that
    // nested call gets its own statement instead of clobbering the outer scan.
    std::optional<Statement> own;
    Statement* statement = &s.select_since;
    if (statement->busy()) statement = &own.emplace(s.conn, kSelectSince, "read events since id");

    // Rows stream one at a time: memory stays flat for a million records.
    // recv_ms never decreases in id order, so the first record past until_ms ends the scan.
    Statement::Use rows(*statement);
    rows.bind(1, after_id);
    while (rows.step()) {
        if (until_ms && rows.int64(1) > *until_ms) break;
        visit(readRecord(rows));
    }
}

std::vector<Record> Journal::readSince(int64_t after_id, std::optional<TimeMs> until_ms, size_t limit) {
    std::vector<Record> out;
    Statement::Use rows(impl_->select_since);
    rows.bind(1, after_id);
    while (out.size() < limit && rows.step()) {
        if (until_ms && rows.int64(1) > *until_ms) break;
        out.push_back(readRecord(rows));
    }
    return out;
}

int64_t Journal::forEachReadable(int64_t after_id, const std::function<void(const Record&)>& visit) {
    Impl& s = *impl_;
    // The highest id tells where probing stops; when even that is unreadable,
    // probing gives up after a long run of ids that do not read.
    constexpr int64_t kGiveUpAfterMisses = 1'000'000;
    std::optional<int64_t> max_id;
    try {
        max_id = s.scalar(s.max_id);
    } catch (const JournalError&) {
    }
    Statement scan(s.conn, kSelectSince, "salvage: scan events");
    Statement probe(s.conn, kSelectOne, "salvage: read one event");
    int64_t unreadable = 0;
    int64_t last = after_id;  // every id <= last has been visited or counted
    for (;;) {
        // Scan in id order until the end or the first damaged page.
        try {
            Statement::Use rows(scan);
            rows.bind(1, last);
            while (rows.step()) {
                const Record r = readRecord(rows);
                if (r.id > last + 1) unreadable += r.id - last - 1;  // ids never skip in a sound journal
                last = r.id;
                visit(r);
            }
            return unreadable;
        } catch (const JournalError&) {
        }
        // Damaged: probe id by id past the hole, then scan again from the first readable one.
        int64_t misses = 0;
        bool found = false;
        for (int64_t id = last + 1; max_id ? id <= *max_id : misses < kGiveUpAfterMisses; ++id) {
            try {
                Statement::Use row(probe);
                row.bind(1, id);
                if (row.step()) {
                    const Record r = readRecord(row);
                    unreadable += id - last - 1;
                    last = id;
                    visit(r);
                    found = true;
                    break;
                }
            } catch (const JournalError&) {
            }
            ++misses;
        }
        if (!found) {
            if (max_id && *max_id > last) unreadable += *max_id - last;
            return unreadable;
        }
    }
}

int64_t Journal::lastId() { return impl_->scalar(impl_->max_id); }

std::optional<Record> Journal::firstRecord() {
    // Prepared per call: asked once per open (review file, replay range), never on the ingest path.
    Statement q(impl_->conn, kSelectFirst, "read the first record");
    Statement::Use row(q);
    if (!row.step()) return std::nullopt;
    return readRecord(row);
}

std::optional<Record> Journal::lastRecord() {
    Statement q(impl_->conn, kSelectLast, "read the last record");
    Statement::Use row(q);
    if (!row.step()) return std::nullopt;
    return readRecord(row);
}

const std::string& Journal::writeFailure() const { return impl_->write_failure; }

std::optional<std::pair<TimeMs, TimeMs>> Journal::timeSpan() {
    Statement q(impl_->conn, "SELECT MIN(recv_ms), MAX(recv_ms) FROM events", "read the time span");
    Statement::Use row(q);
    if (!row.step() || row.isNull(0)) return std::nullopt;
    return std::make_pair(row.int64(0), row.int64(1));
}

Stats Journal::stats() {
    Impl& s = *impl_;
    Stats out;
    {
        Statement q(s.conn, "SELECT count(*), MIN(recv_ms), MAX(recv_ms) FROM events", "count events");
        Statement::Use row(q);
        if (row.step()) {
            out.events = row.int64(0);
            out.first_ms = row.isNull(1) ? 0 : row.int64(1);
            out.last_ms = row.isNull(2) ? 0 : row.int64(2);
        }
    }
    {
        Statement q(s.conn, "SELECT count(*) FROM checkpoints", "count checkpoints");
        out.checkpoints = s.scalar(q);
    }
    auto grouped = [&](const char* sql, std::string_view operation) {
        std::vector<std::pair<std::string, int64_t>> counts;
        Statement q(s.conn, sql, operation);
        Statement::Use row(q);
        while (row.step()) counts.emplace_back(row.text(0), row.int64(1));
        return counts;
    };
    out.by_type = grouped("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type",
                          "count events by type");
    out.by_source = grouped("SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY n DESC, source",
                            "count events by source");

    // On-disk footprint: the database plus its write-ahead log.
    std::error_code ec;
    for (const std::string& file : {path_, path_ + "-wal"}) {
        const auto bytes = std::filesystem::file_size(file, ec);
        if (!ec) out.file_bytes += static_cast<int64_t>(bytes);
    }
    return out;
}

} // namespace wall::journal
