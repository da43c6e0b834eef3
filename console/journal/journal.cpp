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
// Copying the WAL back into the database runs on a background connection
// (wal_checkpointer.hpp) so that those copies do not stall the acks.

#include "journal/journal.hpp"

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
constexpr int kSchemaVersion = 1;
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

void migrate(Connection& c, int64_t from_version) {
    if (from_version < 1) {
        c.exec("BEGIN IMMEDIATE", "begin schema creation");
        try {
            c.exec(kSchemaV1, "create schema version 1");
            c.exec("COMMIT", "commit schema creation");
        } catch (...) {
            sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
    // Future: if (from_version < 2) { ... PRAGMA user_version = 2; } in one transaction.
}

/// Sets the connection up and brings the schema to kSchemaVersion (read-only:
/// checks it is there). Runs before any statement is prepared, because
/// preparing needs the tables.
int openSchema(Connection& c, OpenMode mode) {
    sqlite3_busy_timeout(c.handle(), 5000);  // wallctl may read while the console writes
    const bool read_only = mode == OpenMode::ExistingReadOnly;

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
    // 16 MiB page cache: appends touch the rowid tree, the (source,seq) and recv_ms indexes.
    c.exec("PRAGMA cache_size=-16384", "set cache size");

    const int64_t version = queryInt(c, "PRAGMA user_version", "read schema version");
    if (version > kSchemaVersion)
        throw JournalError(journalErrorText(
            c.path(), "check schema version",
            "written by a newer wallconsole (schema version " + std::to_string(version) +
                ", this build reads up to " + std::to_string(kSchemaVersion) + ")"));
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
    std::unique_ptr<WalCheckpointer> wal_checkpointer;  // null unless the file is in WAL mode

    Impl(const std::string& path, OpenMode mode)
        : conn(path, mode == OpenMode::ExistingReadOnly ? SQLITE_OPEN_READONLY
                                                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE),
          schema_version(openSchema(conn, mode)),
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
        if (mode == OpenMode::ExistingReadOnly) return;
        if (queryText(conn, "PRAGMA journal_mode", "read journal mode") != "wal") return;
        sqlite3_wal_autocheckpoint(conn.handle(), kWriterCheckpointPages);
        wal_checkpointer = std::make_unique<WalCheckpointer>(conn.path(), kBackgroundCheckpointPeriod);
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

Journal::Journal(const std::string& path, OpenMode mode) : path_(path) {
    if (mode == OpenMode::CreateOrOpen) {
        createParentDirectories(path);
    } else {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw JournalError(journalErrorText(path, "open read-only", "no journal file at this path"));
    }
    impl_ = std::make_unique<Impl>(path, mode);
}

Journal::~Journal() = default;

std::vector<AppendOutcome> Journal::appendBatch(std::span<Record> records) {
    std::vector<AppendOutcome> outcomes(records.size(), AppendOutcome::Inserted);
    if (records.empty()) return outcomes;

    // Results are staged and copied into records only after COMMIT succeeds,
    // so a failed batch leaves the caller's records as they were.
    struct Assigned {
        int64_t id = 0;
        TimeMs recv_ms = 0;
    };
    std::vector<Assigned> assigned(records.size());
    Impl& s = *impl_;
    sqlite3* db = s.conn.handle();

    s.run(s.begin);
    try {
        // Read inside the write transaction: the floor is exact even if another
        // process appended since this connection last looked.
        TimeMs floor = s.scalar(s.max_recv);
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
        s.run(s.commit);
    } catch (...) {
        s.rollbackQuietly();
        throw;
    }

    for (size_t i = 0; i < records.size(); ++i) {
        records[i].id = assigned[i].id;
        if (outcomes[i] == AppendOutcome::Inserted) records[i].recv_ms = assigned[i].recv_ms;
    }
    return outcomes;
}

void Journal::writeCheckpoint(const Checkpoint& checkpoint) {
    Impl& s = *impl_;
    const int64_t last = lastId();
    if (checkpoint.upto_id < 0 || checkpoint.upto_id > last)
        throw JournalError(journalErrorText(path_, "write checkpoint",
                                            "upto_id " + std::to_string(checkpoint.upto_id) +
                                                " is outside the journal (last id " + std::to_string(last) + ")"));
    // at_ms is taken from the journal, not trusted from the caller: a checkpoint
    // stamped earlier than its last record would be picked for a "state at T"
    // that must not include that record yet.
    TimeMs at_ms = checkpoint.at_ms;
    if (checkpoint.upto_id > 0) {
        Statement::Use find(s.recv_of_id);
        find.bind(1, checkpoint.upto_id);
        if (find.step()) at_ms = find.int64(0);
    }
    s.run(s.begin);  // insert and thinning commit together: one fsync
    try {
        {
            Statement::Use insert(s.insert_checkpoint);
            insert.bind(1, checkpoint.upto_id);
            insert.bind(2, at_ms);
            insert.bindBlob(3, checkpoint.state_blob);
            insert.step();
        }
        {
            Statement::Use thin(s.thin_checkpoints);
            thin.bind(1, kKeepNewestCheckpoints);
            thin.bind(2, kCheckpointBucketMs);
            thin.step();
        }
        s.run(s.commit);
    } catch (...) {
        s.rollbackQuietly();
        throw;
    }
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

int64_t Journal::lastId() { return impl_->scalar(impl_->max_id); }

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
