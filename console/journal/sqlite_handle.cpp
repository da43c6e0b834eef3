#include "sqlite_handle.hpp"

#include <climits>

namespace wall::journal {

std::string journalErrorText(std::string_view path, std::string_view operation, std::string_view detail) {
    return fileErrorText("journal", path, operation, detail);
}

std::string fileErrorText(std::string_view kind, std::string_view path, std::string_view operation,
                          std::string_view detail) {
    std::string text(kind);
    text += ' ';
    text += path;
    text += ": ";
    text += operation;
    text += ": ";
    text += detail;
    return text;
}

namespace {

// sqlite3_errmsg() says "file is not a database" for both a foreign file and a
// journal whose header was overwritten; tell the operator what that means.
std::string describe(sqlite3* db, int rc, std::string_view kind) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    detail += " (sqlite code " + std::to_string(rc) + ")";
    const int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB)
        detail += "; the file is not a SQLite database, or its header is damaged";
    else if (primary == SQLITE_CORRUPT)
        detail += "; the " + std::string(kind) + (kind == "journal" ? " file" : "") + " is damaged";
    else if (primary == SQLITE_READONLY)
        detail += "; the file or its directory is read-only";
    else if (rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_DIR_FSYNC)
        detail += "; fsync failed: the disk did not confirm the write";
    else if (primary == SQLITE_FULL)
        detail += "; the disk is full";
    return detail;
}

/// Damage gets its own type: start-up sets a damaged journal aside instead of refusing to run.
[[noreturn]] void throwFor(int rc, const std::string& text) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) throw JournalDamaged(text);
    throw JournalError(text);
}

} // namespace

// ---- Connection

Connection::Connection(const std::string& path, int open_flags, const std::string& vfs, std::string_view kind)
    : path_(path), kind_(kind) {
    // NOMUTEX: each connection is used from one thread at a time (see journal.hpp).
    const int rc = sqlite3_open_v2(path.c_str(), &db_, open_flags | SQLITE_OPEN_NOMUTEX,
                                   vfs.empty() ? nullptr : vfs.c_str());
    if (rc != SQLITE_OK) {
        const std::string detail = describe(db_, rc, kind_);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throwFor(rc, fileErrorText(kind_, path_, "open", detail));
    }
    sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
    if (db_) sqlite3_close_v2(db_);
}

void Connection::check(int rc, std::string_view operation) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throwFor(rc, fileErrorText(kind_, path_, operation, describe(db_, rc, kind_)));
}

void Connection::exec(const char* sql, std::string_view operation) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return;
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    detail += " (sqlite code " + std::to_string(rc) + ")";
    if ((rc & 0xff) == SQLITE_NOTADB)
        detail += "; the file is not a SQLite database, or its header is damaged";
    throwFor(rc, fileErrorText(kind_, path_, operation, detail));
}

// ---- Statement

Statement::Statement(Connection& connection, const char* sql, std::string_view operation)
    : conn_(connection), operation_(operation) {
    const int rc = sqlite3_prepare_v3(conn_.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    conn_.check(rc, "prepare " + operation_);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Use::~Use() {
    // Reset releases the statement's read transaction; its return code repeats
    // the last step's error, which step() has already reported.
    sqlite3_reset(s_.stmt_);
    sqlite3_clear_bindings(s_.stmt_);
}

void Statement::Use::bind(int index, int64_t value) {
    s_.conn_.check(sqlite3_bind_int64(s_.stmt_, index, value), s_.operation_);
}

void Statement::Use::bind(int index, std::string_view text) {
    // SQLITE_STATIC: callers keep the text alive until the statement is reset.
    s_.conn_.check(sqlite3_bind_text64(s_.stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
                   s_.operation_);
}

void Statement::Use::bindBlob(int index, std::string_view bytes) {
    s_.conn_.check(sqlite3_bind_blob64(s_.stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC), s_.operation_);
}

bool Statement::Use::step() {
    const int rc = sqlite3_step(s_.stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    s_.conn_.check(rc, s_.operation_);
    return false;
}

int64_t Statement::Use::int64(int column) const { return sqlite3_column_int64(s_.stmt_, column); }

std::string Statement::Use::text(int column) const { return std::string(textView(column)); }

std::string_view Statement::Use::textView(int column) const {
    // Ask for the bytes first: column_bytes after column_text could convert twice.
    const auto* data = sqlite3_column_blob(s_.stmt_, column);
    const int size = sqlite3_column_bytes(s_.stmt_, column);
    if (!data || size <= 0) return {};
    return {static_cast<const char*>(data), static_cast<size_t>(size)};
}

bool Statement::Use::isNull(int column) const { return sqlite3_column_type(s_.stmt_, column) == SQLITE_NULL; }

} // namespace wall::journal
