// The ingest worker: a thread ("ingest") that owns the console's ZeroMQ
// sockets and the authoritative State, plus a journal stage thread
// ("ingest-journal") that owns the Journal while the worker runs. Per batch:
//     ROUTER recv → framing check → protocol::parseMessage → journal (one
//     transaction, synchronous=FULL) → ack/error replies → apply → hand-off
// so nothing is acked before it is durable (ack-after-commit), and nothing
// reaches the UI before it is durable either. Operator actions from the UI
// take the same path and are then published on the PUB socket.
// Batches are pipelined: while batch k is in appendBatch (its fsync), the
// ingest thread reads and parses batch k+1. Only one batch is in the journal
// at a time, so commits, acks and UI hand-offs stay in arrival order.
//
// Thread contract:
//   - The constructor (any thread) binds both sockets, so a taken port fails
//     there with the endpoint in the message, then starts the thread.
//   - postAction(), drainCommitted(), counters() and the endpoint getters may
//     be called from any one other thread (the UI); none of them blocks on I/O.
//   - The Journal is used only by the journal stage thread while the worker
//     lives; the caller may use it again after stop() or destruction.
//   - Operator actions wait in a mutex-guarded deque capped at
//     action_queue_cap; postAction() wakes the worker through an eventfd that
//     the worker polls next to the ROUTER, so the UI owns no ZeroMQ socket.
//   - Committed batches wait for the UI in a deque capped at
//     committed_queue_batches. When it is full the worker waits (checking the
//     stop flag) instead of dropping: backpressure reaches the backends
//     through ZeroMQ's queues and their unacked windows.
//
// The console's deciders (model/decider.hpp) run on the ingest thread: the
// alarm rules (model/alarm_rules.hpp) always, and whatever the caller adds
// (camera linkage, the camera file, stream reports, who is on duty). They see
// each operator intent before it is journaled, the events of each applied
// batch, and a timer (about every 200 ms, at once after a restart so expiries
// that fell due while down fire promptly, and at once after decideSoon()).
// Their decisions take the operator-action path (journaled as source
// "operator", applied, published on PUB with the type as topic). A batch whose
// events caused decisions reaches the UI together with them (one commit later),
// so the wall never shows a new warning without its calls and cameras.
//
// Heartbeats are acked and handed to the UI (they refresh link last_seen) but
// are NOT journaled: they carry no state, and journaling one per second per
// source would bloat the journal for nothing. The status bar derives silence
// from last_seen at draw time; the outages themselves (live → lost → live) are
// decided by core::LinkWatch and journaled as link.state for the review.
#pragma once

#include "auth/auth_config.hpp"
#include "feeds/feed_event.hpp"
#include "model/decider.hpp"
#include "model/model.hpp"
#include "model/rules.hpp"
#include "protocol/protocol.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace wall::journal { class Journal; }
namespace wall::auth { class Gatekeeper; }

namespace wall::ingest {

struct IngestConfig {
    std::string router_endpoint = "tcp://127.0.0.1:5560"; // backends' DEALERs connect here; "tcp://127.0.0.1:*" picks a free port
    std::string pub_endpoint = "tcp://127.0.0.1:5561";    // outbound operator actions; "" disables the PUB socket
    size_t max_message_bytes = protocol::kDefaultMaxMessageBytes; // = ZMQ_MAXMSGSIZE: a larger frame disconnects its peer, no reply
    size_t batch_limit = 4096;            // messages per journal transaction at most (bench_ingest: +15-20% ev/s over 1024)
    uint64_t checkpoint_every = 50000;    // write a state checkpoint after this many journaled events
    int silent_after_ms = 2500;           // a link with no message for this long shows as silent (UI reads it):
                                          // 2.5 heartbeats (1 s apart) missed, so 通信中断 shows within 3 s
    size_t committed_queue_batches = 256; // hand-off queue cap (batches); full = backpressure, never drops
    size_t action_queue_cap = 256;        // pending operator actions; postAction() refuses beyond it
    size_t feed_queue_cap = 65536;        // pending feed events (SUB ingest); postFeed() refuses beyond it
    ConsoleRules rules;                   // 叫应 deadlines and grid, shelving, out-of-service (the rules' timers run here)
    auth::CurveServerConfig curve;        // CURVE on the ROUTER (ZAP allow-list, permissions); off when no key pair is set
};

/// An event the console itself originates: an operator action posted by the
/// UI, a stream or linkage report, or a decision of the console's rules. The
/// worker numbers it (source "operator"), journals it and publishes it.
using OperatorAction = EventBody;

/// A copy of the worker's counters, taken under one lock. Backend messages (the
/// ROUTER) always add up, at any moment:
///     received = accepted + duplicates + rejectedTotal() + unanswered
/// The console's own events and the subscribed feeds' events are counted apart.
struct IngestCounters {
    uint64_t received = 0;          // backend messages read from the ROUTER (any framing)
    uint64_t accepted = 0;          // backend messages journaled as new (Inserted), heartbeats included (acked, not journaled)
    uint64_t duplicates = 0;        // backend repeats of a journaled (source, seq): acked again, not applied
    uint64_t unanswered = 0;        // backend messages read and not answered yet (on their way through the journal;
                                    // after a failed commit they stay here: never acked, the backends resend them)
    uint64_t heartbeats = 0;        // of accepted: heartbeats
    uint64_t operator_actions = 0;  // operator intents posted by the wall (keys, clicks), journaled and published
    uint64_t decisions = 0;         // the console's own decisions journaled and published: the rules' 叫应 calls,
                                    // escalations, shelve expiries and out-of-service, camera linkage, the camera
                                    // file, stream states, feed resyncs (neither backend messages nor the operator's)
    uint64_t feed_events = 0;       // events of subscribed feeds journaled (not backend ROUTER messages; heartbeats not counted)
    std::array<uint64_t, protocol::kRejectReasonCount> rejected{}; // backend refusals by reason
    uint64_t batches = 0;           // journal transactions committed
    uint64_t checkpoints = 0;       // state checkpoints written
    double last_commit_ms = 0;      // wall time of the last appendBatch
    double max_commit_ms = 0;       // worst appendBatch so far
    int64_t last_journal_id = 0;    // id of the newest journaled record
    auth::RefusalCounts auth_refused{}; // CURVE: connections refused before any message, by reason (all 0 without CURVE)
    size_t allowed_keys = 0;        // CURVE: keys in the allow-list now
    std::string fault;              // last failure: why the thread stopped (a failed journal commit stops it for good) or a refused console event

    uint64_t rejectedTotal() const;
};

/// Also the sink of the SUB ingest (feeds::FeedSubscriber): feed events take the
/// operator-action path (journal first, then apply, hand-off) under the feed's
/// source, numbered by the worker (see postFeed).
class IngestWorker : public feeds::FeedSink {
public:
    /// @brief Binds the ROUTER (and PUB) and starts the "ingest" thread. Throws std::runtime_error naming the endpoint when a bind fails.
    /// deciders: run after the alarm rules (which config.rules always sets up), in this order.
    IngestWorker(journal::Journal& journal, State recovered, IngestConfig config = {},
                 std::vector<std::shared_ptr<Decider>> deciders = {});
    /// @brief Stops and joins the thread (prompt: the loop polls with a short timeout).
    ~IngestWorker();
    IngestWorker(const IngestWorker&) = delete;
    IngestWorker& operator=(const IngestWorker&) = delete;

    /// @brief Queues an operator action for journaling, applying and publishing; false (never blocks) when the queue is full or the worker stopped.
    /// The deciders complete it first (Decider::complete).
    bool postAction(OperatorAction action);

    /// @brief Any thread: runs the deciders' timers at once (a decider has news from another thread).
    void decideSoon();

    /// @brief Queues a subscribed feed's events, in order: journaled under their source with seqs the worker
    /// numbers (continuing the source's last journaled seq, so a publisher's restarted seq never collides),
    /// then applied; console reports (feed.resync) as source "operator", published. Heartbeats are not journaled.
    /// False (never blocks, batch untouched) when the queue is full or the worker stopped.
    bool postFeed(std::vector<feeds::FeedEvent>& batch) override;
    /// @brief Feed batches whose commit failed (their events were never applied).
    uint64_t feedLosses() const override;

    /// @brief Moves every committed event waiting for the UI into out (appended, in commit order); false when there was none.
    bool drainCommitted(std::vector<Event>& out);

    /// @brief Snapshot of the counters.
    IngestCounters counters() const;

    /// @brief The ROUTER's actual endpoint (port resolved when bound to "*").
    const std::string& routerEndpoint() const;
    /// @brief The PUB socket's actual endpoint ("" when disabled).
    const std::string& pubEndpoint() const;
    const IngestConfig& config() const;

    /// @brief The CURVE gatekeeper of the ROUTER (ZAP handler, refusal counts), or nullptr without CURVE.
    auth::Gatekeeper* gatekeeper();

    /// @brief False once the thread has stopped (asked to, or after a fault; see counters().fault).
    bool running() const;
    /// @brief Asks the thread to stop and joins it. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace wall::ingest
