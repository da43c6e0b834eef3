// The review file (复盘记录): reviewers' bookmarks on a journal, kept in a
// SQLite file of their own beside it (JOURNAL.review.db), never in the journal,
// whose bytes and audit chain stay as the console wrote them. The file records
// which journal it belongs to (that journal's first record), so bookmarks made
// on one drill's journal are never shown over another's.
//
// Used from one thread at a time (the GL thread's replay, or wallctl). The file
// is in SQLite's rollback-journal mode (no -wal/-shm beside it): it is tiny,
// writes are rare, and a review file on a read-only medium (a journal copied
// to a reviewer's disc) can still be listed. Every add is its own transaction,
// committed with synchronous=FULL before add() returns.
#pragma once

#include "journal/journal.hpp"
#include "source/replay_control.hpp"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wall::review {

/// Every refusal and failure of a review file; the text names the file and says what to do.
struct ReviewError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The review file belongs to another journal (another drill, or a journal replaced after damage).
struct ReviewOfOtherJournal : ReviewError {
    using ReviewError::ReviewError;
};

/// What identifies a journal: its first record never changes while the journal grows, and
/// differs between journals (receive time in ms, sender, sequence, body). The path is kept
/// for messages only: a journal copied with its review file to a reviewer's machine is the same journal.
struct JournalIdentity {
    std::string path;              // where the journal was when the review file was made (not compared)
    int64_t first_id = 0;          // 0 = the journal has no records
    TimeMs first_recv_ms = 0;
    std::string first_source;
    uint64_t first_seq = 0;
    std::string first_type;
    uint64_t first_body_hash = 0;  // FNV-1a 64 of the canonical body

    bool empty() const { return first_id == 0; }
    /// @brief True when both name the same journal (path not compared).
    bool sameJournal(const JournalIdentity& other) const;
    /// @brief "first record #1 yuanzhou-monitor#1 alarm.raise received 2026-07-15 08:00:00 (Beijing)".
    std::string describe() const;
};

/// @brief The identity of the journal at journal_path whose first record is `first` (nullopt: an empty journal).
JournalIdentity journalIdentity(const std::string& journal_path, const std::optional<journal::Record>& first);

/// @brief The review file beside a journal: "x/journal.db" → "x/journal.review.db"; a name not ending in
/// ".db" gets ".review.db" appended.
std::string defaultReviewPath(const std::string& journal_path);

/// @brief Who adds a bookmark when nobody said: the login name ($USER, else the password entry), else "unknown".
std::string loginName();

// Limits on a bookmark's text, in bytes of UTF-8 (a CJK character is 3).
constexpr size_t kMaxBookmarkNameBytes = 256;
constexpr size_t kMaxBookmarkNoteBytes = 16 * 1024;
constexpr size_t kMaxBookmarkAuthorBytes = 128;

/// @brief Why add() would refuse b (empty name, invalid UTF-8, control characters, too long, negative time);
/// nullopt when it would store it.
std::optional<std::string> bookmarkProblem(const source::Bookmark& b);

/// How a ReviewFile opens its file.
enum class ReviewOpen : uint8_t {
    CreateOrOpen,     // replay, `wallctl review add`: created when missing (its directory must exist);
                      // an existing file that cannot be written opens read-only (see readOnly())
    ExistingReadOnly, // `wallctl review bookmarks`: the file must exist; nothing is ever written
};

class ReviewFile {
public:
    /// @brief Opens (or creates) the review file at path for the journal `journal`. Throws ReviewError naming
    /// the file when it is missing (ExistingReadOnly), cannot be created (no such directory, read-only
    /// location), is the journal itself, is foreign or damaged, or has a newer schema; ReviewOfOtherJournal
    /// when it belongs to another journal. Creating needs a non-empty journal identity.
    ReviewFile(const std::string& path, const JournalIdentity& journal, ReviewOpen mode = ReviewOpen::CreateOrOpen);
    ~ReviewFile();
    ReviewFile(ReviewFile&&) noexcept;
    ReviewFile& operator=(ReviewFile&&) noexcept;
    ReviewFile(const ReviewFile&) = delete;
    ReviewFile& operator=(const ReviewFile&) = delete;

    /// @brief Stores b (its id ignored; created_ms 0 = now) and returns its new id. Throws ReviewError when
    /// bookmarkProblem(b) names a problem, the file is read-only, or the write fails.
    int64_t add(const source::Bookmark& b);
    /// @brief Every bookmark, by at_ms, then by id (the order they were added).
    std::vector<source::Bookmark> list();
    /// @brief Removes bookmark id; false when there is none. Throws ReviewError when read-only.
    bool remove(int64_t id);

    /// @brief True when the file (or its directory) cannot be written, or it was opened ExistingReadOnly.
    bool readOnly() const;
    /// @brief The journal the file was made for, as stored in it (the path where it was then).
    const JournalIdentity& journal() const;
    const std::string& path() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::review
