// Sequence tracking for one subscribed source (the ZeroMQ guide's Clone
// pattern, console side). Pure logic, no sockets and no clock of its own:
// FeedSubscriber feeds it live frames, snapshot replies and timer ticks, and
// carries out what it asks for (post these events, send a snapshot request).
//
// Guarantees, per source:
//   - updates are passed on in seq order, each at most once (seq <= last is dropped);
//   - a missing seq (an update or a heartbeat ahead of last+1) is a gap: it is
//     reported (feed.resync started, reason gap), counted, and recovered by a
//     snapshot; live updates meanwhile are queued (bounded), those at or below
//     the snapshot's seq are discarded, the rest applied after it;
//   - a new epoch (publisher restart) is one resync (reason epoch), not a gap;
//   - the snapshot becomes the events that make the console's objects equal
//     the publisher's: raise/upsert what differs from what this feed last
//     applied (a fingerprint per object), clear this source's alarms not in it.
#pragma once

#include "feeds/feed_event.hpp"
#include "feeds/feed_wire.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace wall::feeds {

enum class FeedPhase : uint8_t {
    Syncing, // a snapshot is asked for; live updates are queued
    Live     // in sequence; updates applied as they come
};
const char* toWire(FeedPhase phase); // "syncing" | "live"

/// What one source's tracker knows and has counted (copied out for the UI, stats and tests).
struct FeedStatus {
    std::string source;
    FeedPhase phase = FeedPhase::Syncing;
    std::string resync_reason;   // why the current (or last) resync started
    uint64_t epoch = 0;          // 0 = none seen yet
    uint64_t last_seq = 0;       // last update applied (or the snapshot's seq)
    TimeMs last_message_ms = 0;  // any frame from the source (console clock)
    bool silent = false;         // nothing for silent_after_ms (通信中断)
    uint64_t applied = 0;        // live updates passed on
    uint64_t snapshot_events = 0;// events a snapshot turned into
    uint64_t discarded = 0;      // updates at or below a snapshot's seq (queued, or still in flight after it)
    uint64_t duplicates = 0;     // updates at or below last_seq while live
    uint64_t gaps = 0;           // gaps detected
    uint64_t resyncs = 0;        // snapshots asked for (any reason)
    uint64_t snapshots = 0;      // snapshots applied
    uint64_t epochs = 0;         // epoch changes seen (publisher restarts)
    uint64_t refused = 0;        // frames that did not parse or named another source
    uint64_t queued = 0;         // updates waiting for the snapshot now
    uint64_t queued_max = 0;
    std::string fault;           // why the feed is out of sync now; empty when live
};

/// What the subscriber must do after one tracker call.
struct TrackerOutput {
    std::vector<FeedEvent> events;   // to post to the sink, in order
    bool request_snapshot = false;   // send a (new) snapshot request
};

class FeedTracker {
public:
    /// @brief active_alarm_ids: this source's active alarms in the recovered state (cleared if a snapshot lacks them).
    FeedTracker(std::string source, const std::vector<std::string>& active_alarm_ids, size_t queue_cap = 200000);

    /// @brief First contact: asks for the initial snapshot (reason connect).
    void start(TimeMs now, TrackerOutput& out);
    /// @brief A live frame from this source (heartbeat or update).
    void onLive(LiveMessage&& message, TimeMs now, TrackerOutput& out);
    /// @brief A snapshot reply; ignored unless it answers the request in flight.
    void onSnapshot(Snapshot&& snapshot, TimeMs now, TrackerOutput& out);
    /// @brief Timer: nothing arrived for silent_after_ms. The next frame resyncs (reason silence).
    void onSilence(TimeMs now);
    /// @brief A batch of this feed failed to commit: resync (reason journal).
    void onLoss(TimeMs now, TrackerOutput& out);
    /// @brief A frame that did not parse or named another source.
    void onRefused() { ++status_.refused; }

    /// @brief The id the next snapshot reply must echo (the subscriber sends it in its request).
    uint64_t requestId() const { return request_id_; }
    const FeedStatus& status() const { return status_; }

private:
    void resync(const std::string& reason, uint64_t expected, uint64_t received, TimeMs now, TrackerOutput& out);
    void pass(protocol::Accepted&& update, TimeMs ts_ms, TrackerOutput& out);
    void note(const EventBody& body, const std::string& body_json);
    void report(FeedResync body, TrackerOutput& out);

    FeedStatus status_;
    size_t queue_cap_;
    uint64_t request_id_ = 0;                 // request in flight (0 = none)
    uint64_t snapshot_seq_ = 0;               // seq of the last snapshot applied (this epoch)
    bool queue_overflowed_ = false;           // updates were dropped from the queue: the snapshot is not enough
    std::deque<LiveMessage> queue_;           // live updates waiting for the snapshot
    // What this feed last applied of each object ("alarm:<id>", "camera:<id>", "task:<id>",
    // "incident:<id>", "roster"): a fingerprint of its canonical body, 0 = unknown (resent on the next snapshot).
    std::unordered_map<std::string, uint64_t> applied_objects_;
};

/// @brief Hash of the content of one source's active alarms (id, level, texts, site, device, cameras),
/// the same on the console and on the publisher: the tests' "states are equal" check.
uint64_t feedContentHash(const State& state, const std::string& source);

} // namespace wall::feeds
