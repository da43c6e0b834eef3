// Move-only RAII owners of a SQLite connection and its prepared statements,
// with one error path: every failing call becomes a JournalError that names
// the file (by its kind: "journal", "review file"), the operation and
// sqlite3_errmsg(). A library of its own (wall_sqlite), so the review file
// (console/review/) shares it without linking the journal's write path.
// Only console/journal/ and console/review/ see sqlite3.h.
#pragma once

#include "journal/journal.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace wall::journal {

/// @brief The error text every journal failure uses: "journal <path>: <operation>: <detail>".
std::string journalErrorText(std::string_view path, std::string_view operation, std::string_view detail);
/// @brief The same for a file of another kind: "<kind> <path>: <operation>: <detail>".
std::string fileErrorText(std::string_view kind, std::string_view path, std::string_view operation,
                          std::string_view detail);

/// One open database connection. Closed in the destructor (statements first:
/// every Statement must die before its Connection).
class Connection {
public:
    /// @brief Opens the file with sqlite3_open_v2 flags (and a VFS name, empty = default); throws JournalError on failure.
    /// kind names the file in every error ("journal", "review file").
    Connection(const std::string& path, int open_flags, const std::string& vfs = {}, std::string_view kind = "journal");
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

    /// @brief Throws JournalError naming operation when rc is not SQLITE_OK/ROW/DONE
    /// (JournalDamaged when SQLite reports corruption or an unreadable header).
    void check(int rc, std::string_view operation) const;
    /// @brief Runs SQL that returns no rows we need (DDL, PRAGMA setters, BEGIN/COMMIT).
    void exec(const char* sql, std::string_view operation);

private:
    sqlite3* db_ = nullptr;  // owned; sqlite3_close_v2 in the destructor
    std::string path_;       // for error messages
    std::string kind_;       // what the file is, for error messages ("journal")
};

/// A cached prepared statement. Reset and unbound after each use through
/// Statement::Use, so a thrown error never leaves it mid-step holding a read lock.
class Statement {
public:
    Statement(Connection& connection, const char* sql, std::string_view operation);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Scope of one execution: binds, steps, reads columns, resets on exit.
    class Use {
    public:
        explicit Use(Statement& statement) : s_(statement) {}
        ~Use();
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;

        void bind(int index, int64_t value);
        void bind(int index, std::string_view text);
        void bindBlob(int index, std::string_view bytes);
        /// @brief Steps once; true when a row is available, false when done. Throws on error.
        bool step();
        int64_t int64(int column) const;
        std::string text(int column) const;
        std::string_view textView(int column) const;  // valid until the next step()
        bool isNull(int column) const;

    private:
        Statement& s_;
    };

    /// @brief True while a Use of this statement is stepping (re-entrant callers must prepare their own).
    bool busy() const { return sqlite3_stmt_busy(stmt_) != 0; }

private:
    Connection& conn_;
    sqlite3_stmt* stmt_ = nullptr;  // owned; finalized in the destructor
    std::string operation_;         // names the statement in errors
};

} // namespace wall::journal
