// The durable event journal: SQLite in WAL mode. Every accepted event and
// every operator action is a row, time-indexed by receive time, unique by
// (source, seq). Periodic state checkpoints keep start-up fast and let the
// drill review ask for "state at time T". Used from one thread at a time;
// internally a background thread with its own connection copies the WAL back
// into the database (wal_checkpointer.hpp), so that work seldom delays an ack.
#pragma once

#include "model/model.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace wall::journal {

/// Every SQLite failure becomes this, naming the file, the statement and sqlite's message.
struct JournalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The file is damaged: SQLite reports corruption, the header is unreadable, or
/// the start-up integrity check (PRAGMA quick_check) failed. openRecovering()
/// sets such a file aside and salvages what it can; nothing else writes to it.
struct JournalDamaged : JournalError {
    using JournalError::JournalError;
};

struct Record {
    int64_t id = 0;          // assigned by append; monotonically increasing
    TimeMs recv_ms = 0;      // console receive time: the time index
    std::string source;
    uint64_t seq = 0;
    TimeMs ts_ms = 0;        // sender's time
    std::string type;        // wire type, e.g. "alarm.raise"
    std::string body;        // canonical JSON body (protocol::encodeBody)
    std::string user_id;     // authenticated peer name (CURVE), empty when none
};

enum class AppendOutcome : uint8_t {
    Inserted,   // new (source, seq): apply it
    Duplicate,  // same (source, seq) and same body already journaled: ack again, do not apply
    Conflict    // same (source, seq) with a different body: reject stale_or_duplicate
};

struct Checkpoint {
    int64_t upto_id = 0;     // last record id folded into the state
    TimeMs at_ms = 0;        // recv_ms of that record
    std::string state_blob;  // protocol::encodeState
};

struct Stats {
    int64_t events = 0;
    int64_t checkpoints = 0;
    TimeMs first_ms = 0, last_ms = 0;
    std::vector<std::pair<std::string, int64_t>> by_type;
    std::vector<std::pair<std::string, int64_t>> by_source;
    int64_t file_bytes = 0;
};

/// How a Journal opens its file.
enum class OpenMode : uint8_t {
    CreateOrOpen,     // the console: creates the file (and parent dirs) when missing
    ExistingReadOnly, // wallctl, drill review: the file must exist; it is never written
    Salvage           // a damaged copy set aside: read-only, any schema version, reads row by row
};

struct OpenOptions {
    OpenMode mode = OpenMode::CreateOrOpen;
    bool integrity_check = false; // run PRAGMA quick_check at open; JournalDamaged when it fails
    std::string vfs;              // SQLite VFS name; empty = the default (tests register a failing one)
};

class Journal {
public:
    /// @brief Opens or creates the journal at path (parent dirs created). Throws JournalError.
    explicit Journal(const std::string& path);
    /// @brief Opens with mode; ExistingReadOnly refuses a missing file and any write (JournalError).
    Journal(const std::string& path, OpenMode mode);
    /// @brief Opens with options (integrity check, VFS). Throws JournalDamaged for a damaged file.
    Journal(const std::string& path, const OpenOptions& options);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    /// @brief Appends a batch in one transaction committed with synchronous=FULL.
    /// Assigns record ids to inserted rows. The returned outcomes match records one to one.
    /// Inserted records also get the stored recv_ms (raised to the previous record's when
    /// smaller, so the time index never goes backwards); Duplicate and Conflict records get
    /// the id of the row already stored. On error nothing is written and records are untouched.
    /// Rows of source "operator" (operator actions, the console's own decisions) are linked
    /// into the audit hash chain (journal/audit.hpp) in the same transaction.
    /// A failed COMMIT (fsync error included) is final: this and every later write throws,
    /// because after a failed fsync the kernel may have dropped the dirty pages while
    /// reporting the next fsync as clean (PostgreSQL's fsync lesson). Reopen to continue.
    /// with: a checkpoint stored in the same transaction (one fsync for both), as writeCheckpoint would.
    std::vector<AppendOutcome> appendBatch(std::span<Record> records, const Checkpoint* with = nullptr);

    /// @brief Stores a checkpoint, committed with synchronous=FULL. Throws when upto_id > lastId().
    /// Thins older ones in the same commit: keeps the newest 3 and the first of each hour (at_ms).
    /// The stored at_ms is the recv_ms of record upto_id as journaled (the caller's value is a fallback).
    void writeCheckpoint(const Checkpoint& checkpoint);
    /// @brief Newest checkpoint, or the newest with at_ms <= at_or_before.
    std::optional<Checkpoint> latestCheckpoint(std::optional<TimeMs> at_or_before = std::nullopt);
    /// @brief Newest checkpoint with upto_id < below_upto_id (and at_ms <= at_or_before when given):
    /// the fallback when a newer checkpoint's blob no longer decodes.
    std::optional<Checkpoint> checkpointBefore(int64_t below_upto_id,
                                               std::optional<TimeMs> at_or_before = std::nullopt);

    /// @brief Visits records with id > after_id (and recv_ms <= until_ms when given), in id order.
    void forEachSince(int64_t after_id, std::optional<TimeMs> until_ms,
                      const std::function<void(const Record&)>& visit);

    /// @brief At most `limit` records with id > after_id (and recv_ms <= until_ms when given), in id order:
    /// a reader that keeps ahead of a clock without holding a statement open between reads.
    std::vector<Record> readSince(int64_t after_id, std::optional<TimeMs> until_ms, size_t limit);

    /// @brief Like forEachSince, but steps over records that cannot be read (damaged pages) instead
    /// of failing; returns how many record ids in the range could not be read. For salvage.
    int64_t forEachReadable(int64_t after_id, const std::function<void(const Record&)>& visit);

    /// @brief The first and last records' receive times (from the time index; no scan); nullopt when empty.
    std::optional<std::pair<TimeMs, TimeMs>> timeSpan();
    /// @brief Id of the newest record, 0 when empty.
    int64_t lastId();
    /// @brief The oldest record (what identifies a journal to its review file), nullopt when empty. By index, no scan.
    std::optional<Record> firstRecord();
    /// @brief The newest record (its recv_ms is the journal's last event time), nullopt when empty. By index, no scan.
    std::optional<Record> lastRecord();
    /// @brief Why writes stopped for good (a failed commit), empty while the journal accepts writes.
    const std::string& writeFailure() const;
    /// @brief Counts by type and source, time span and on-disk size (database + WAL). Scans the table.
    Stats stats();
    const std::string& path() const { return path_; }

private:
    Checkpoint checkedCheckpoint(const Checkpoint& checkpoint);
    void storeCheckpoint(const Checkpoint& checked, const std::string& blob);
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

/// Rebuilds State from the journal: newest usable checkpoint, then replay of
/// the records after it (up to at_ms when given). Records that no longer
/// parse are skipped and counted, never fatal.
struct Recovered {
    State state;
    int64_t last_id = 0;
    int64_t replayed = 0;
    int64_t skipped = 0;
};
Recovered recoverState(Journal& journal, std::optional<TimeMs> at_ms = std::nullopt);

/// What openRecovering() found and did at start-up.
struct OpenedJournal {
    std::unique_ptr<Journal> journal;  // ready for the ingest worker
    Recovered recovered;               // the state to start from
    std::string damage;                // empty when the journal was sound; else why it was set aside
    std::string set_aside_path;        // where the damaged file (and its -wal/-shm) now is
    int64_t salvaged = 0;              // records read back from the damaged copy
    int64_t unreadable = 0;            // record ids that could not be read (or no longer parse)
};

/// The console's start-up: opens path with an integrity check and recovers its state. A
/// damaged journal is renamed aside with a timestamp suffix (its -wal and -shm too; never
/// overwritten or deleted), its readable records are replayed (best effort, row by row),
/// and a fresh journal at path continues from that state, seeded as its first checkpoint.
/// Throws JournalError when the file is refused for any other reason (foreign, newer schema).
OpenedJournal openRecovering(const std::string& path, const OpenOptions& options = {});

} // namespace wall::journal
