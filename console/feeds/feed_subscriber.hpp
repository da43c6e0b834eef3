// The console's SUB ingest: one thread ("feeds") owning a SUB socket and a
// snapshot DEALER per configured backend feed. Frames go through a
// FeedTracker per source; what it decides is posted to a FeedSink (the ingest
// worker), which journals and applies it like ROUTER events.
//
// Thread contract:
//   - The constructor connects the sockets (connect never fails on an absent
//     peer: ZeroMQ retries) and starts the thread; the destructor stops and joins.
//   - status() and fault() may be called from any thread (one lock, copies).
//   - When the sink is full the thread stops reading the SUB sockets until it
//     has room: the publisher's high-water mark then drops, which the tracker
//     sees as a gap and recovers by snapshot. Nothing is lost silently.
#pragma once

#include "feeds/feed_event.hpp"
#include "feeds/feed_tracker.hpp"
#include "model/model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace wall::feeds {

/// One backend that publishes: where its PUB and its snapshot ROUTER are.
struct FeedEndpoint {
    std::string source;             // the source name its envelopes carry
    std::string pub_endpoint;       // e.g. tcp://10.0.0.5:7001
    std::string snapshot_endpoint;  // e.g. tcp://10.0.0.5:7002
    std::string server_key;         // the publisher's CURVE public key (Z85), pinned; "" = plain ZMTP
};

/// @brief Parses "NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT" (the --subscribe option); throws std::invalid_argument.
FeedEndpoint parseFeedEndpoint(const std::string& text);

struct SubscriberConfig {
    std::vector<FeedEndpoint> feeds;
    int silent_after_ms = 2500;        // no frame for this long: 通信中断 (within 3 s), and a resync when it comes back
    int snapshot_timeout_ms = 2000;    // no reply for this long: ask again
    int zmq_heartbeat_ivl_ms = 1000;   // ZMQ_HEARTBEAT_IVL on every socket
    int zmq_heartbeat_timeout_ms = 3000; // ZMQ_HEARTBEAT_TIMEOUT / TTL: a dead peer's connection is dropped (and redialled)
    int rcvhwm = 100000;               // SUB receive high-water mark (messages)
    int rcvbuf_bytes = -1;             // SUB kernel receive buffer (ZMQ_RCVBUF); -1 = the OS default
    size_t queue_cap = 200000;         // live updates queued per source while a snapshot is awaited
    size_t max_message_bytes = protocol::kDefaultMaxMessageBytes;
    std::string curve_public_key;      // the console's CURVE key pair (Z85), used on feeds with a server_key
    std::string curve_secret_key;
};

class FeedSubscriber {
public:
    /// @brief Connects to every feed and starts the thread; recovered = the console's state at start.
    FeedSubscriber(FeedSink& sink, const State& recovered, SubscriberConfig config);
    ~FeedSubscriber();
    FeedSubscriber(const FeedSubscriber&) = delete;
    FeedSubscriber& operator=(const FeedSubscriber&) = delete;

    /// @brief Every source's status, in configuration order.
    std::vector<FeedStatus> status() const;
    /// @brief Why some feed is out of sync now (one line naming the source), "" when all are live.
    std::string fault() const;
    /// @brief Stops and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::feeds
