// Copies the write-ahead log back into the database on its own thread and its
// own connection, so the ingest thread's commits (and therefore its acks) do
// not stall while SQLite checkpoints megabytes and fsyncs the database file.
//
// The writer keeps a large automatic-checkpoint threshold as a backstop: under
// sustained load a background checkpoint rarely finishes between two commits,
// and only the writer can then restart the log. Because this thread has
// already copied most frames, that backstop checkpoint has little left to do.
#pragma once

#include "sqlite_handle.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace wall::journal {

class WalCheckpointer {
public:
    /// @brief Opens a second connection to path (through vfs, empty = default) and starts thread "journal-wal".
    WalCheckpointer(const std::string& path, std::chrono::milliseconds period, const std::string& vfs = {});
    /// @brief Stops and joins the thread, then closes its connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run(std::stop_token stop);

    Connection conn_;                    // used only by thread_ once it runs
    std::chrono::milliseconds period_;   // time between passive checkpoints
    std::mutex mutex_;                   // pairs with wake_
    std::condition_variable_any wake_;   // the period's wait; a stop request ends it early
    std::jthread thread_;                // declared last: starts after every field above exists, stops and joins first
};

} // namespace wall::journal
