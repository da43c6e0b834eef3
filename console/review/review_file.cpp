// The review file: schema, the journal it belongs to, bookmarks.
//
// [SECTION] Journal identity and paths
// [SECTION] Bookmark text
// [SECTION] Schema
// [SECTION] ReviewFile
//
// Opening never writes to a file before it is known to be an empty new file or
// a review file of this journal: a foreign file (the journal itself, another
// program's database) is refused exactly as it was found.

#include "review/review_file.hpp"

#include "base/utf8.hpp"
#include "journal/sqlite_handle.hpp"
#include "model/beijing_time.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace wall::review {

namespace fs = std::filesystem;
using journal::Connection;
using journal::Statement;

namespace {
constexpr const char* kKind = "review file";

std::string errorText(std::string_view path, std::string_view operation, std::string_view detail) {
    return journal::fileErrorText(kKind, path, operation, detail);
}

/// Runs body, turning the SQLite helpers' JournalError (already worded for a review file) into ReviewError.
template <class Body> auto guarded(Body&& body) {
    try {
        return body();
    } catch (const journal::JournalError& e) {
        throw ReviewError(e.what());
    }
}

uint64_t fnv1a64(std::string_view bytes) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string hex64(uint64_t v) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
    return buf;
}

std::string beijingText(TimeMs ms) { return formatDate(ms) + " " + formatClock(ms); }
} // namespace

// ---------------------------------------------------------------------------
// [SECTION] Journal identity and paths
// ---------------------------------------------------------------------------

bool JournalIdentity::sameJournal(const JournalIdentity& o) const {
    return first_id == o.first_id && first_recv_ms == o.first_recv_ms && first_source == o.first_source &&
           first_seq == o.first_seq && first_type == o.first_type && first_body_hash == o.first_body_hash;
}

std::string JournalIdentity::describe() const {
    if (empty()) return "no records";
    return "first record #" + std::to_string(first_id) + " " + first_source + "#" + std::to_string(first_seq) + " " +
           first_type + " received " + beijingText(first_recv_ms) + " (Beijing), body hash " + hex64(first_body_hash);
}

JournalIdentity journalIdentity(const std::string& journal_path, const std::optional<journal::Record>& first) {
    JournalIdentity id;
    id.path = journal_path;
    if (!first) return id;
    id.first_id = first->id;
    id.first_recv_ms = first->recv_ms;
    id.first_source = first->source;
    id.first_seq = first->seq;
    id.first_type = first->type;
    id.first_body_hash = fnv1a64(first->body);
    return id;
}

std::string defaultReviewPath(const std::string& journal_path) {
    constexpr std::string_view kDb = ".db";
    std::string_view stem = journal_path;
    if (stem.size() > kDb.size() && stem.ends_with(kDb)) stem.remove_suffix(kDb.size());
    return std::string(stem) + ".review.db";
}

std::string loginName() {
    if (const char* user = std::getenv("USER"); user && *user) return user;
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    return "unknown";
}

// ---------------------------------------------------------------------------
// [SECTION] Bookmark text
// ---------------------------------------------------------------------------

namespace {
/// Names and authors are one line; notes may hold line breaks and tabs.
std::optional<std::string> textProblem(std::string_view what, std::string_view text, size_t max_bytes,
                                       bool multiline) {
    if (!isValidUtf8(text)) {
        size_t pos = 0;
        while (pos < text.size()) {
            const size_t begin = pos;
            const char32_t cp = nextCodepoint(text, pos);
            if (decodedMalformed(text, begin, pos, cp))
                return std::string(what) + " is not valid UTF-8 (bad byte at offset " + std::to_string(begin) +
                       "); names and notes must be UTF-8 text (a GBK terminal? set LANG=zh_CN.UTF-8)";
        }
    }
    if (text.size() > max_bytes)
        return std::string(what) + " is " + std::to_string(text.size()) + " bytes, more than the limit of " +
               std::to_string(max_bytes) + " (a Chinese character is 3 bytes)";
    for (unsigned char c : text) {
        const bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
        if ((c < 0x20 || c == 0x7f) && !allowed_break)
            return std::string(what) + " holds a control character (byte " + std::to_string(c) + ")" +
                   (multiline ? "" : "; it must be one line");
    }
    return std::nullopt;
}
} // namespace

std::optional<std::string> bookmarkProblem(const source::Bookmark& b) {
    if (b.at_ms < 0) return "the time " + std::to_string(b.at_ms) + " is before 1970";
    if (b.name.find_first_not_of(" \t") == std::string::npos) return std::string("the name is empty");
    if (auto p = textProblem("the name", b.name, kMaxBookmarkNameBytes, false)) return p;
    if (auto p = textProblem("the note", b.note, kMaxBookmarkNoteBytes, true)) return p;
    if (auto p = textProblem("the author", b.author, kMaxBookmarkAuthorBytes, false)) return p;
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// [SECTION] Schema
// ---------------------------------------------------------------------------
namespace {

// PRAGMA user_version of the newest schema this build writes. Raise it and add
// a migration step when the schema changes; never edit an old step.
constexpr int kSchemaVersion = 1;
constexpr const char* kFormatName = "wallconsole-review";
constexpr const char* kJournalFormatName = "wallconsole-journal";  // what the journal's meta.format says

// AUTOINCREMENT: a removed bookmark's id is never handed out again, so a
// replay that still shows it cannot confuse it with a newer one.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE bookmarks(
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms      INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    author     TEXT    NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL
);
CREATE INDEX bookmarks_at ON bookmarks(at_ms, id);
INSERT INTO meta(key, value) VALUES ('format', 'wallconsole-review'), ('format_version', '1');
PRAGMA user_version = 1;
)sql";

// The journal's identity, one meta row per member.
constexpr const char* kJournalKeys[] = {"journal_path",   "journal_first_id",   "journal_first_recv_ms",
                                        "journal_first_source", "journal_first_seq", "journal_first_type",
                                        "journal_first_body_hash"};

int64_t queryInt(Connection& c, const char* sql, std::string_view operation) {
    Statement s(c, sql, operation);
    Statement::Use use(s);
    return use.step() && !use.isNull(0) ? use.int64(0) : 0;
}

std::optional<std::string> metaValue(Connection& c, const char* key) {
    Statement s(c, "SELECT value FROM meta WHERE key = ?1", "read meta");
    Statement::Use use(s);
    use.bind(1, std::string_view(key));
    if (!use.step()) return std::nullopt;
    return use.text(0);
}

/// What an existing file holds, read before anything is written to it.
struct Found {
    bool empty = false;  // no tables at all: a new file (or one whose creation never committed)
    int64_t version = 0;
};

/// Refuses anything that is not an empty file or a review file this build can read.
Found inspect(Connection& c) {
    Found f;
    // The first statement reads the header: a foreign or damaged file fails here.
    f.version = queryInt(c, "PRAGMA user_version", "read schema version");
    const int64_t objects = queryInt(c, "SELECT count(*) FROM sqlite_schema", "inspect schema");
    if (objects == 0 && f.version == 0) {
        f.empty = true;
        return f;
    }
    const bool has_meta =
        queryInt(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'", "inspect schema") > 0;
    const std::string format = has_meta ? metaValue(c, "format").value_or("") : "";
    if (format == kJournalFormatName)
        throw ReviewError(errorText(c.path(), "check format",
                                    "is a wallconsole journal, not a review file; bookmarks go in a file of "
                                    "their own (the default is JOURNAL.review.db beside the journal)"));
    if (format != kFormatName)
        throw ReviewError(errorText(c.path(), "check format",
                                    "is a SQLite database but not a wallconsole review file" +
                                        (format.empty() ? std::string(" (no meta.format)")
                                                        : " (meta.format is '" + format + "')")));
    if (f.version > kSchemaVersion)
        throw ReviewError(errorText(c.path(), "check schema version",
                                    "written by a newer wallconsole (review schema version " +
                                        std::to_string(f.version) + ", this build reads up to " +
                                        std::to_string(kSchemaVersion) + ")"));
    if (f.version < 1)
        throw ReviewError(errorText(c.path(), "check schema version",
                                    "has meta.format '" + format + "' but no schema version; the file is damaged"));
    return f;
}

/// quick_check: a review file is a few pages, so the check costs nothing and damage is named at open.
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
    throw ReviewError(errorText(c.path(), "integrity check (quick_check)", "the review file is damaged: " + problems));
}

void storeIdentity(Connection& c, const JournalIdentity& j) {
    const std::string values[] = {j.path,
                                  std::to_string(j.first_id),
                                  std::to_string(j.first_recv_ms),
                                  j.first_source,
                                  std::to_string(j.first_seq),
                                  j.first_type,
                                  hex64(j.first_body_hash)};
    Statement insert(c, "INSERT INTO meta(key, value) VALUES(?1, ?2)", "store the journal's identity");
    for (size_t i = 0; i < std::size(kJournalKeys); ++i) {
        Statement::Use use(insert);
        use.bind(1, std::string_view(kJournalKeys[i]));
        use.bind(2, std::string_view(values[i]));
        use.step();
    }
}

JournalIdentity loadIdentity(Connection& c) {
    std::string values[std::size(kJournalKeys)];
    for (size_t i = 0; i < std::size(kJournalKeys); ++i) {
        auto v = metaValue(c, kJournalKeys[i]);
        if (!v) throw ReviewError(errorText(c.path(), "read the journal's identity",
                                            std::string("meta.") + kJournalKeys[i] + " is missing; the file is damaged"));
        values[i] = std::move(*v);
    }
    JournalIdentity j;
    try {
        j.path = values[0];
        j.first_id = std::stoll(values[1]);
        j.first_recv_ms = std::stoll(values[2]);
        j.first_source = values[3];
        j.first_seq = std::stoull(values[4]);
        j.first_type = values[5];
        j.first_body_hash = std::stoull(values[6], nullptr, 16);
    } catch (const std::exception&) {
        throw ReviewError(errorText(c.path(), "read the journal's identity", "a meta value is not a number; the file is damaged"));
    }
    return j;
}

bool writableDirectory(const fs::path& dir) { return ::access(dir.c_str(), W_OK | X_OK) == 0; }

} // namespace

// ---------------------------------------------------------------------------
// [SECTION] ReviewFile
// ---------------------------------------------------------------------------

struct ReviewFile::Impl {
    std::unique_ptr<Connection> conn;  // destroyed after the statements (declared first)
    bool read_only = false;            // nothing may be written (mode, permissions, medium)
    JournalIdentity journal;           // as stored in the file
    std::string path;
    std::optional<Statement> insert;   // writers only
    std::optional<Statement> erase;    // writers only
    std::optional<Statement> select_all;
};

ReviewFile::ReviewFile(const std::string& path, const JournalIdentity& journal, ReviewOpen mode)
    : impl_(std::make_unique<Impl>()) {
    Impl& s = *impl_;
    s.path = path;
    if (path.empty()) throw ReviewError("review file: open: the path is empty");
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw ReviewError(errorText(path, "open", "is a directory, expected a review file"));
    const bool exists = fs::exists(path, ec);
    if (!journal.path.empty() && exists && fs::equivalent(path, journal.path, ec))
        throw ReviewError(errorText(path, "open",
                                    "is the journal itself; bookmarks are never written into the journal "
                                    "(the default review file is " + defaultReviewPath(journal.path) + ")"));
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";

    if (mode == ReviewOpen::ExistingReadOnly) {
        if (!exists) throw ReviewError(errorText(path, "open read-only", "no review file at this path"));
        s.read_only = true;
    } else if (!exists) {
        if (!fs::is_directory(dir, ec))
            throw ReviewError(errorText(path, "create",
                                        "the directory " + dir.string() +
                                            " does not exist (a review file is made beside its journal)"));
        if (!writableDirectory(dir))
            throw ReviewError(errorText(path, "create",
                                        "the directory " + dir.string() +
                                            " is read-only (a read-only medium, or no permission); give "
                                            "--review-file a path in a writable directory"));
        if (journal.empty())
            throw ReviewError(errorText(path, "create",
                                        "the journal " + journal.path +
                                            " has no records yet; bookmarks mark times in a journal's record"));
    } else {
        // An existing file we may not write opens read-only: it can still be listed.
        s.read_only = ::access(path.c_str(), W_OK) != 0 || !writableDirectory(dir);
    }

    guarded([&] {
        const int flags = s.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        s.conn = std::make_unique<Connection>(path, flags, std::string(), kKind);
        Connection& c = *s.conn;
        sqlite3_busy_timeout(c.handle(), 5000);  // the replay may be adding while wallctl lists
        // Until the file is known to be ours, closing must not copy a WAL into it
        // (a copy of a journal given as --review-file stays as it was).
        sqlite3_db_config(c.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        if (!s.read_only && sqlite3_db_readonly(c.handle(), "main") == 1) s.read_only = true;

        Found found = inspect(c);
        if (found.empty) {
            if (s.read_only)
                throw ReviewError(errorText(path, "open", "is empty (its creation never finished); remove it"));
            c.exec("PRAGMA journal_mode=DELETE", "set rollback-journal mode");
            c.exec("PRAGMA synchronous=FULL", "set synchronous=FULL");
            c.exec("BEGIN IMMEDIATE", "begin creating the review file");
            try {
                found = inspect(c);  // another process may have created it meanwhile
                if (found.empty) {
                    c.exec(kSchemaV1, "create review schema version 1");
                    storeIdentity(c, journal);
                }
                c.exec("COMMIT", "commit the new review file");
            } catch (...) {
                sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
        } else if (!s.read_only) {
            c.exec("PRAGMA synchronous=FULL", "set synchronous=FULL");
        }
        checkIntegrity(c);
        s.journal = loadIdentity(c);
        if (!s.journal.sameJournal(journal))
            throw ReviewOfOtherJournal(errorText(
                path, "check journal",
                "belongs to another journal: it was made for " + s.journal.path + " (" + s.journal.describe() +
                    "), but " + (journal.path.empty() ? std::string("this journal") : journal.path) + " has " +
                    journal.describe() + ". Give --review-file a new path, or open the journal it was made for"));

        sqlite3_db_config(c.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
        s.select_all.emplace(c, "SELECT id, at_ms, name, note, author, created_ms FROM bookmarks ORDER BY at_ms, id",
                             "read bookmarks");
        if (s.read_only) return;
        s.insert.emplace(c, "INSERT INTO bookmarks(at_ms, name, note, author, created_ms) VALUES(?1, ?2, ?3, ?4, ?5)",
                         "add bookmark");
        s.erase.emplace(c, "DELETE FROM bookmarks WHERE id = ?1", "remove bookmark");
    });
}

ReviewFile::~ReviewFile() = default;
ReviewFile::ReviewFile(ReviewFile&&) noexcept = default;
ReviewFile& ReviewFile::operator=(ReviewFile&&) noexcept = default;

namespace {
[[noreturn]] void refuseReadOnly(const std::string& path, std::string_view operation) {
    throw ReviewError(errorText(path, operation,
                                "the review file is read-only (opened for listing, a read-only medium, or no "
                                "permission on the file or its directory); copy it to a writable place"));
}
} // namespace

int64_t ReviewFile::add(const source::Bookmark& b) {
    Impl& s = *impl_;
    if (auto problem = bookmarkProblem(b)) throw ReviewError(errorText(s.path, "add bookmark", *problem));
    if (s.read_only) refuseReadOnly(s.path, "add bookmark");
    return guarded([&] {
        Statement::Use use(*s.insert);
        use.bind(1, b.at_ms);
        use.bind(2, std::string_view(b.name));
        use.bind(3, std::string_view(b.note));
        use.bind(4, std::string_view(b.author));
        use.bind(5, b.created_ms != 0 ? b.created_ms : nowMs());
        use.step();
        return static_cast<int64_t>(sqlite3_last_insert_rowid(s.conn->handle()));
    });
}

std::vector<source::Bookmark> ReviewFile::list() {
    Impl& s = *impl_;
    return guarded([&] {
        std::vector<source::Bookmark> out;
        Statement::Use rows(*s.select_all);
        while (rows.step()) {
            source::Bookmark b;
            b.id = rows.int64(0);
            b.at_ms = rows.int64(1);
            b.name = rows.text(2);
            b.note = rows.text(3);
            b.author = rows.text(4);
            b.created_ms = rows.int64(5);
            out.push_back(std::move(b));
        }
        return out;
    });
}

bool ReviewFile::remove(int64_t id) {
    Impl& s = *impl_;
    if (s.read_only) refuseReadOnly(s.path, "remove bookmark");
    return guarded([&] {
        Statement::Use use(*s.erase);
        use.bind(1, id);
        use.step();
        return sqlite3_changes(s.conn->handle()) > 0;
    });
}

bool ReviewFile::readOnly() const { return impl_->read_only; }
const JournalIdentity& ReviewFile::journal() const { return impl_->journal; }
const std::string& ReviewFile::path() const { return impl_->path; }

} // namespace wall::review
