#include "wal_checkpointer.hpp"

#include "base/thread_name.hpp"

#include <spdlog/spdlog.h>

namespace wall::journal {

WalCheckpointer::WalCheckpointer(const std::string& path, std::chrono::milliseconds period, const std::string& vfs)
    : conn_(path, SQLITE_OPEN_READWRITE, vfs), period_(period) {
    sqlite3_busy_timeout(conn_.handle(), 1000);
    // This connection only checkpoints; it must never start one on its own commit.
    sqlite3_wal_autocheckpoint(conn_.handle(), 0);
    conn_.exec("PRAGMA synchronous=FULL", "set synchronous=FULL on the checkpoint connection");
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

// std::jthread requests the stop (ending the wait) and joins before conn_ closes.
WalCheckpointer::~WalCheckpointer() = default;

void WalCheckpointer::run(std::stop_token stop) {
    nameThisThread("journal-wal");
    int failures_logged = 0;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, stop, period_, [&stop] { return stop.stop_requested(); })) {
        lock.unlock();
        try {
            // PASSIVE: copy what no reader still needs, never wait for the writer.
            const int rc = sqlite3_wal_checkpoint_v2(conn_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                     nullptr, nullptr);
            if ((rc & 0xff) != SQLITE_BUSY) conn_.check(rc, "background WAL checkpoint");
        } catch (const std::exception& e) {
            // Not fatal, even for a failed fsync of the database file: a checkpoint
            // that fails does not advance the WAL's backfill mark, so the next one
            // copies those frames again from the WAL, which holds every commit.
            if (failures_logged++ < 5) spdlog::warn("{}", e.what());
        }
        lock.lock();
    }
}

} // namespace wall::journal
