// Builds state checkpoints off the ingest thread. The worker hands over a copy
// of its state (much cheaper than encoding it); the "ingest-checkpoint" thread
// encodes it; the worker attaches the result to its next journal transaction.
// So neither the encoding nor an fsync of its own holds up a batch's acks.
// One checkpoint at a time: while one is on its way, the worker asks again later.
#pragma once

#include "journal/journal.hpp"
#include "model/model.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace wall::ingest {

class CheckpointEncoder {
public:
    /// on_encoded: called on the encoder's thread when a checkpoint is ready (wakes the worker).
    explicit CheckpointEncoder(std::function<void()> on_encoded);
    /// @brief Stops the thread; a checkpoint being encoded is abandoned.
    ~CheckpointEncoder();
    CheckpointEncoder(const CheckpointEncoder&) = delete;
    CheckpointEncoder& operator=(const CheckpointEncoder&) = delete;

    /// @brief Takes a snapshot of `state` as of journal record `upto_id`; false (nothing copied) while
    /// the previous checkpoint is still being encoded or waits to be taken.
    bool start(int64_t upto_id, TimeMs at_ms, const State& state);
    /// @brief The encoded checkpoint, once; nullopt while none is ready.
    std::optional<journal::Checkpoint> takeEncoded();
    /// @brief Waits for a checkpoint being encoded and returns it (a clean stop writes it); nullopt when none.
    std::optional<journal::Checkpoint> finish();

private:
    struct Snapshot {
        int64_t upto_id = 0;
        TimeMs at_ms = 0;
        State state;
    };
    void run(std::stop_token stop);

    std::function<void()> on_encoded_;
    std::mutex mutex_;
    std::condition_variable_any changed_;
    std::optional<Snapshot> snapshot_;               // guarded by mutex_: waiting to be encoded
    bool encoding_ = false;                          // guarded by mutex_
    std::optional<journal::Checkpoint> encoded_;     // guarded by mutex_: waiting to be taken
    std::atomic<bool> has_encoded_{false};           // encoded_ is set: the worker asks every loop turn without the lock
    std::jthread thread_;                            // last: starts after the rest exists
};

} // namespace wall::ingest
