// Shared pieces of the ingest tests: temp journals, a running worker on a
// free loopback port, envelopes built byte-exactly (so resends can repeat
// them), a deterministic event mix, and the UI side draining into a replica.
#pragma once

#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"
#include "model/model.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace wall::test {

/// A fresh directory under the system temp dir, removed at destruction.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    std::string file(const std::string& name) const { return (path / name).string(); }
};

/// @brief {"v":1,"source","seq","ts","type","body"} exactly as a backend would send it.
std::string envelope(const std::string& source, uint64_t seq, const EventBody& body, int64_t ts = 1700000000000);

/// @brief The i-th event of a deterministic mix: raises over `ids` alarm ids, updates, clears, tasks, cameras.
EventBody sampleBody(uint64_t i, uint64_t ids = 500);

/// The UI side: drains committed events into a replica State.
struct UiReplica {
    State state;
    uint64_t drained = 0;
    std::vector<Event> last;   // the most recent drain
    /// @brief Drains until at least `total` events arrived overall or the timeout; true when reached.
    bool drainUntil(ingest::IngestWorker& worker, uint64_t total, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// @brief One non-blocking drain.
    void drainOnce(ingest::IngestWorker& worker);
};

/// A journal + worker on free loopback ports; the journal outlives the worker.
struct RunningConsole {
    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<ingest::IngestWorker> worker;
    UiReplica ui;
    /// @brief Opens (or reopens) the journal at path, recovers, starts a worker.
    RunningConsole(const std::string& path, ingest::IngestConfig config = {});
    /// @brief Stops the worker so the journal may be read on this thread.
    void stopWorker() { worker->stop(); }
};

/// @brief Loopback config with OS-chosen ports.
ingest::IngestConfig loopbackConfig();

} // namespace wall::test
