#include "ingest/checkpoint_encoder.hpp"

#include "protocol/protocol.hpp"

#include <pthread.h>

#include <spdlog/spdlog.h>

namespace wall::ingest {

CheckpointEncoder::CheckpointEncoder(std::function<void()> on_encoded)
    : on_encoded_(std::move(on_encoded)), thread_([this](std::stop_token stop) { run(stop); }) {}

CheckpointEncoder::~CheckpointEncoder() {
    thread_.request_stop();
    changed_.notify_all();
}

bool CheckpointEncoder::start(int64_t upto_id, TimeMs at_ms, const State& state) {
    {
        std::lock_guard lock(mutex_);
        if (snapshot_ || encoding_ || encoded_) return false;
        snapshot_ = Snapshot{upto_id, at_ms, state};
    }
    changed_.notify_all();
    return true;
}

std::optional<journal::Checkpoint> CheckpointEncoder::takeEncoded() {
    if (!has_encoded_.load(std::memory_order_acquire)) return std::nullopt;
    std::optional<journal::Checkpoint> out;
    {
        std::lock_guard lock(mutex_);
        out.swap(encoded_);
        has_encoded_ = false;
    }
    if (out) changed_.notify_all();
    return out;
}

std::optional<journal::Checkpoint> CheckpointEncoder::finish() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !snapshot_ && !encoding_; });
    std::optional<journal::Checkpoint> out;
    out.swap(encoded_);
    has_encoded_ = false;
    return out;
}

void CheckpointEncoder::run(std::stop_token stop) {
    pthread_setname_np(pthread_self(), "ingest-checkpoint");
    for (;;) {
        Snapshot snapshot;
        {
            std::unique_lock lock(mutex_);
            if (!changed_.wait(lock, stop, [&] { return snapshot_.has_value(); })) return;
            snapshot = std::move(*snapshot_);
            snapshot_.reset();
            encoding_ = true;
        }
        std::optional<journal::Checkpoint> encoded;
        try {
            encoded = journal::Checkpoint{snapshot.upto_id, snapshot.at_ms, protocol::encodeState(snapshot.state)};
        } catch (const std::exception& e) {
            // The journal still holds every record: a restart replays from the checkpoint before.
            spdlog::error("ingest: checkpoint at record {} not written, encoding failed: {}", snapshot.upto_id, e.what());
        }
        {
            std::lock_guard lock(mutex_);
            encoded_ = std::move(encoded);
            has_encoded_ = encoded_.has_value();
            encoding_ = false;
        }
        changed_.notify_all();
        if (on_encoded_) on_encoded_();
    }
}

} // namespace wall::ingest
