// What a subscribed feed hands to the ingest worker, and the interface the
// worker offers for it (feeds/ sits below ingest/, so the worker implements
// FeedSink and the app wires the two together).
#pragma once

#include "model/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace wall::feeds {

/// One event to journal and apply for a feed, in the order the tracker decided.
struct FeedEvent {
    std::string source;          // the feed's source name: the journal source (the sink assigns the journal seq)
    TimeMs ts_ms = 0;            // the publisher's time (0 for the console's own reports)
    EventBody body;
    std::string type;            // wire type; empty = the sink takes eventTypeName(body)
    std::string body_json;       // canonical body; empty = the sink encodes it
    bool console_report = false; // the console's own report (feed.resync): journaled as source "operator" and published
};

/// Where FeedSubscriber delivers. Implemented by ingest::IngestWorker (and by test doubles).
class FeedSink {
public:
    virtual ~FeedSink() = default;
    /// @brief Queues the events (journal first, then apply, in this order); moves them out and returns true,
    /// or returns false and leaves batch untouched when the queue is full (never blocks).
    virtual bool postFeed(std::vector<FeedEvent>& batch) = 0;
    /// @brief How many feed batches failed to commit so far: any increase means every feed must resync.
    virtual uint64_t feedLosses() const = 0;
};

} // namespace wall::feeds
