// The reference publisher of SUB ingest (docs/protocol.md section 11): what a
// backend that only publishes must implement, in ~200 lines. A PUB socket for
// live updates (topic = type), a ROUTER answering snapshot requests with the
// current objects and the seq they stand at, heartbeats carrying the last seq,
// and an epoch that changes at every start. `wallctl publish` and the tests use it.
//
// Thread contract: one thread ("publisher") owns both sockets and the state;
// publish() queues from any thread (blocking while the queue is full), and
// lastSeq()/contentHash() read under a lock.
#pragma once

#include "model/model.hpp"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace wall::feeds {

struct PublisherConfig {
    std::string source = "demo-publisher";
    std::string pub_endpoint = "tcp://127.0.0.1:*";
    std::string snapshot_endpoint = "tcp://127.0.0.1:*";
    uint64_t epoch = 0;          // 0 = the start time in ms (changes at every start)
    int heartbeat_ms = 1000;     // application heartbeat period
    int sndhwm = 100000;         // PUB high-water mark: beyond it a slow subscriber loses updates (and resyncs)
    int sndbuf_bytes = -1;       // PUB kernel send buffer (ZMQ_SNDBUF); -1 = the OS default
    size_t queue_cap = 10000;    // publish() blocks beyond this many unsent updates
    std::string curve_secret_key; // Z85: both sockets are CURVE servers with this key (subscribers pin its public key); "" = plain
};

class FeedPublisher {
public:
    /// @brief Binds both sockets (throws std::runtime_error naming the endpoint) and starts the thread.
    explicit FeedPublisher(PublisherConfig config);
    ~FeedPublisher();
    FeedPublisher(const FeedPublisher&) = delete;
    FeedPublisher& operator=(const FeedPublisher&) = delete;

    /// @brief Queues one update (stamped with the next seq when sent); blocks while the queue is full.
    void publish(EventBody body);
    /// @brief Waits until everything queued has been sent.
    void flush();
    /// @brief Seq of the last update sent.
    uint64_t lastSeq() const;
    uint64_t epoch() const;
    /// @brief feedContentHash of the publisher's own state (compare with the console's).
    uint64_t contentHash() const;
    /// @brief Snapshots served so far.
    uint64_t snapshotsServed() const;
    const std::string& pubEndpoint() const;
    const std::string& snapshotEndpoint() const;
    /// @brief Stops and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A random alarm stream over a fixed pool of alarm ids (raise, update, clear),
/// reproducible from its seed: what `wallctl publish` plays and the tests use.
class RandomAlarmStream {
public:
    RandomAlarmStream(std::string id_prefix, size_t pool, uint64_t seed);
    /// @brief The next update.
    EventBody next();

private:
    std::string prefix_;
    size_t pool_;
    std::mt19937_64 rng_;
    std::vector<bool> active_;
    uint64_t serial_ = 0;
};

} // namespace wall::feeds
