// [SECTION] index
//   Impl state        sockets, queues, counters, the authoritative State
//   Construction      bind (fails loudly with the endpoint), start the thread
//   Thread loop       poll ROUTER + wake fd, gather a batch, pipeline it through the journal
//   Journal stage     the "ingest-journal" thread: appendBatch / writeCheckpoint
//   Batch finish      judge outcomes → replies → apply → publish → decide → hand-off → checkpoint
//   UI-side API       postAction, drainCommitted, counters
#include "ingest/ingest_worker.hpp"

#include "auth/gatekeeper.hpp"
#include "base/clock.hpp"
#include "base/thread_name.hpp"
#include "ingest/checkpoint_encoder.hpp"
#include "journal/journal.hpp"
#include "model/alarm_rules.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <sys/eventfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::ingest {

uint64_t IngestCounters::rejectedTotal() const {
    uint64_t n = 0;
    for (uint64_t r : rejected) n += r;
    return n;
}

namespace {

constexpr int kPollTimeoutMs = 20;          // upper bound on stop latency while idle
constexpr TimeMs kRuleTimerMs = 200;        // shelve expiries and 叫应 deadlines are checked at least this often
using protocol::kOperatorSource;

/// Where a reply goes: the ROUTER identity, plus the empty delimiter REQ-style peers expect.
struct Route {
    zmq::message_t identity;
    bool delimiter = false;
};

/// One message or action in the batch being committed.
struct BatchItem {
    Route route;                 // empty identity for operator actions (nobody to ack)
    bool from_operator = false;  // the console's own event (an intent or a decision): publish on PUB after commit
    bool decision = false;       // a decision of the console's deciders (also from_operator)
    bool from_feed = false;      // a subscribed feed's event (journal seq numbered by the worker)
    bool heartbeat = false;      // acked and handed to the UI, never journaled
    size_t record = SIZE_MAX;    // index into the batch's journal records
    std::optional<journal::AppendOutcome> outcome; // set after the commit
    Event event;
    std::string type;            // wire type, e.g. "alarm.raise"
    std::string body_json;       // canonical body, as the journal stores it
    std::string user_id;         // the sender's CURVE key name (ZMQ User-Id); empty without CURVE
};

/// A second copy of a (source, seq) already in the batch (a resend that raced
/// its original). It is judged against the first copy once that one's journal
/// outcome is known, so repeats never cost an extra transaction.
struct Repeat {
    BatchItem item;
    size_t first;                // index of the first copy in the batch
};

/// The batch being gathered. Repeats of a (source, seq) already in it are
/// found through a 64-bit key hash; a hash collision between different keys
/// is sent to the next batch, where the journal judges it (always correct).
struct Gathering {
    std::vector<BatchItem> items;
    std::vector<Repeat> repeats;
    std::unordered_map<uint64_t, size_t> index_of;  // key hash → first copy in items
    std::vector<BatchItem> collided;                 // to the next batch
    bool empty() const { return items.empty(); }
};

/// Owns an eventfd; written by postAction(), polled and drained by the worker.
struct WakeFd {
    int fd = -1;
    WakeFd() : fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
        if (fd < 0) throw std::runtime_error("ingest: eventfd() failed");
    }
    ~WakeFd() { if (fd >= 0) ::close(fd); }
    WakeFd(const WakeFd&) = delete;
    WakeFd& operator=(const WakeFd&) = delete;
    void signal() const { uint64_t one = 1; [[maybe_unused]] auto n = ::write(fd, &one, sizeof one); }
    void clear() const { uint64_t v; [[maybe_unused]] auto n = ::read(fd, &v, sizeof v); }
};

/// Logs the first few refusals of each reason, then one in a thousand, so a flood cannot flood the log.
bool shouldLogRejection(uint64_t count_for_reason) {
    return count_for_reason <= 20 || count_for_reason % 1000 == 0;
}

} // namespace

// ---------------------------------------------------------------- Impl state
/// One batch on its way through the journal stage and back.
struct Commit {
    std::vector<BatchItem> items;
    std::vector<Repeat> repeats;
    std::vector<journal::Record> records;          // the journaled items, in item order
    std::vector<journal::AppendOutcome> outcomes;  // filled by the journal stage
    std::optional<journal::Checkpoint> checkpoint; // stored in the batch's transaction
    uint64_t serial = 0;                           // submission order
    double commit_ms = 0;                          // appendBatch wall time
    std::exception_ptr error;                      // the journal stage failed: nothing was acked
};

struct IngestWorker::Impl {
    journal::Journal& journal;        // journal stage only, while running
    IngestConfig config;
    State state;                      // authoritative; ingest thread only
    uint64_t operator_seq = 0;        // last seq used for source "operator"; ingest thread only
    uint64_t since_checkpoint = 0;    // journaled events since the last checkpoint; ingest thread only
    int64_t last_id = 0;              // newest journal record id; ingest thread only

    zmq::context_t context{1};
    zmq::socket_t router{context, zmq::socket_type::router};
    zmq::socket_t pub;                // unset when config.pub_endpoint is empty
    std::string router_endpoint;      // resolved at bind; immutable afterwards
    std::string pub_endpoint;         // resolved at bind; immutable afterwards
    std::unique_ptr<auth::Gatekeeper> gatekeeper; // CURVE + ZAP in this context; null without CURVE
    bool zap_fault_reported = false;  // ingest thread only
    WakeFd wake;                      // postAction / journal stage / checkpoint encoder → ingest thread
    CheckpointEncoder checkpoints{[this] { wake.signal(); }};
    std::optional<journal::Checkpoint> encoded_checkpoint; // ready, waits for the next commit; ingest thread only

    std::mutex action_mutex;
    std::deque<OperatorAction> actions;        // guarded by action_mutex
    std::deque<feeds::FeedEvent> feed_events;  // guarded by action_mutex
    std::unordered_map<std::string, uint64_t> feed_seq; // last journal seq given per feed source; ingest thread only
    std::atomic<uint64_t> feed_losses{0};      // feed batches whose commit failed

    std::vector<std::shared_ptr<Decider>> deciders; // the alarm rules first; ingest thread only
    std::deque<OperatorAction> decided;        // decisions waiting for the next batch; ingest thread only
    TimeMs next_decider_check_ms = 0;          // when to run the deciders' timers next; ingest thread only
    bool started_deciders = false;             // atStart has run; ingest thread only
    std::atomic<bool> decide_soon{false};      // decideSoon(): run the timers at the next turn

    // A batch whose events caused decisions waits here until the batch carrying
    // them is committed, so the wall shows both in the same frame.
    std::vector<Event> held_for_decisions;     // ingest thread only
    uint64_t release_held_at = 0;              // serial of the commit that carries them (0: nothing held)
    uint64_t submitted_serial = 0;             // serial of the last submitted commit; ingest thread only

    // Journal stage: at most one batch in the journal at a time, while the
    // ingest thread gathers and parses the next one (the fsync overlaps parsing).
    std::mutex stage_mutex;
    std::condition_variable_any stage_cv;      // a commit request (stop wakes it through the token)
    std::optional<Commit> stage_request;       // guarded by stage_mutex
    std::optional<Commit> stage_result;        // guarded by stage_mutex
    bool in_flight = false;                    // a request or result exists; ingest thread only
    uint64_t received_unflushed = 0;           // accepted reads not yet added to counters; ingest thread only
    std::vector<BatchItem> spare_items;        // a finished batch's buffer, reused: large allocations per
                                               // batch cost more (malloc_consolidate) than parsing; ingest thread only

    std::mutex committed_mutex;
    std::condition_variable committed_space;   // UI drained: room in committed
    std::deque<std::vector<Event>> committed;  // guarded by committed_mutex

    mutable std::mutex counters_mutex;
    IngestCounters counters;                   // guarded by counters_mutex

    std::stop_source stopping;                 // stop(), or a failed commit: both threads end
    std::atomic<bool> running{false};
    std::jthread thread;                       // "ingest"; last: starts after the rest exists

    Impl(journal::Journal& j, State s, IngestConfig c, std::vector<std::shared_ptr<Decider>> extra)
        : journal(j), config(std::move(c)), state(std::move(s)) {
        deciders.push_back(std::make_shared<AlarmRules>(config.rules));
        for (auto& d : extra) deciders.push_back(std::move(d));
    }

    void bindSockets();
    void run();
    void journalStage();
    void gather(Gathering& g, std::vector<zmq::message_t>& frames);
    void add(Gathering& g, BatchItem&& item);
    std::optional<BatchItem> consoleItem(EventBody&& body, bool decision);
    BatchItem feedItem(feeds::FeedEvent&& e);
    bool readMessage(std::vector<zmq::message_t>& frames, std::optional<BatchItem>& out);
    void reply(Route& route, const std::string& payload);
    void submit(Gathering& g);
    void finish(Commit& c, Gathering& next);
    void failCommit(const Commit& c);
    struct Judged;
    void judgeItems(Commit& c, Judged& j);
    void judgeRepeats(Commit& c, Judged& j, Gathering& next);
    void requeue(Judged& j);
    void count(const Commit& c, const Judged& j);
    void handOffWithDecisions(std::vector<Event>&& events, bool decided_now, uint64_t serial);
    void handOff(std::vector<Event>&& events);
    void runDeciderTimers();
    void writeFinalCheckpoint();
    void fault(const std::string& what);
};

// ---------------------------------------------------------------- Construction
void IngestWorker::Impl::bindSockets() {
    // ZMQ_MAXMSGSIZE = the protocol limit, so an oversize peer is disconnected
    // by libzmq as soon as the frame header announces the size, before any of
    // the body is buffered: memory per peer stays bounded by libzmq's read
    // buffer whatever a peer sends. No reply is possible (the connection is
    // gone) and the worker never sees the message, so "oversize" refusals
    // are never counted here; protocol::parseMessage's "oversize" check stays
    // as a second line for any other caller. A limit that replied "oversize"
    // below a larger socket limit would make the console buffer up to that
    // larger size per peer for nothing but a courtesy reply.
    router.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(config.max_message_bytes));
    router.set(zmq::sockopt::linger, 0);
    router.set(zmq::sockopt::rcvhwm, 200000);
    router.set(zmq::sockopt::sndhwm, 200000);
    if (config.curve.enabled()) {
        // The ZAP handler lives in this context (ZAP is per context) and must
        // answer before the ROUTER accepts anyone.
        gatekeeper = std::make_unique<auth::Gatekeeper>(context, config.curve);
        gatekeeper->secure(router);
    }
    try {
        router.bind(config.router_endpoint);
    } catch (const zmq::error_t& e) {
        throw std::runtime_error("ingest: cannot bind ROUTER to " + config.router_endpoint + ": " + e.what());
    }
    router_endpoint = router.get(zmq::sockopt::last_endpoint);
    if (!config.pub_endpoint.empty()) {
        pub = zmq::socket_t(context, zmq::socket_type::pub);
        pub.set(zmq::sockopt::linger, 0);
        try {
            pub.bind(config.pub_endpoint);
        } catch (const zmq::error_t& e) {
            throw std::runtime_error("ingest: cannot bind PUB to " + config.pub_endpoint + ": " + e.what());
        }
        pub_endpoint = pub.get(zmq::sockopt::last_endpoint);
    }
}

IngestWorker::IngestWorker(journal::Journal& journal, State recovered, IngestConfig config,
                           std::vector<std::shared_ptr<Decider>> deciders)
    : impl_(std::make_unique<Impl>(journal, std::move(recovered), std::move(config), std::move(deciders))) {
    Impl& m = *impl_;
    if (m.config.batch_limit == 0) m.config.batch_limit = 1;
    if (m.config.committed_queue_batches == 0) m.config.committed_queue_batches = 1;
    if (auto it = m.state.links.find(kOperatorSource); it != m.state.links.end())
        m.operator_seq = it->second.last_seq;
    m.last_id = journal.lastId();
    m.bindSockets();
    {
        std::lock_guard lock(m.counters_mutex);
        m.counters.last_journal_id = m.last_id;
    }
    m.running = true;
    // Sockets were made on this thread; the thread start is a full fence, after
    // which only the worker thread touches them (ZeroMQ's migration rule).
    m.thread = std::jthread([&m] { m.run(); });
    spdlog::info("ingest: ROUTER {} PUB {} (journal {}, last id {})", m.router_endpoint,
                 m.pub_endpoint.empty() ? "off" : m.pub_endpoint, journal.path(), m.last_id);
}

IngestWorker::~IngestWorker() { stop(); }

void IngestWorker::stop() {
    impl_->stopping.request_stop();
    impl_->committed_space.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->running = false;
}

// ---------------------------------------------------------------- Thread loop
void IngestWorker::Impl::fault(const std::string& what) {
    spdlog::error("ingest: {}", what);
    std::lock_guard lock(counters_mutex);
    counters.fault = what;
}

void IngestWorker::Impl::run() {
    nameThisThread("ingest");
    std::jthread journal_thread([this] { journalStage(); });
    Gathering gathering;
    std::vector<zmq::message_t> frames;
    while (!stopping.stop_requested()) {
        try {
            zmq::pollitem_t items[] = {
                {router.handle(), 0, ZMQ_POLLIN, 0},
                {nullptr, wake.fd, ZMQ_POLLIN, 0},
            };
            // Sleep only when there is nothing to do: no collided leftovers, and
            // either nothing in the journal or a full batch already waiting.
            // A full batch waiting for the journal listens only for the journal's
            // wake-up, instead of spinning on a readable ROUTER.
            const bool full = gathering.items.size() + gathering.repeats.size() >= config.batch_limit;
            runDeciderTimers();
            if (gatekeeper && !zap_fault_reported) {
                if (std::string why = gatekeeper->fault(); !why.empty()) {
                    fault(why);
                    zap_fault_reported = true;
                }
            }
            if ((gathering.empty() && decided.empty()) || in_flight) {
                if (full) zmq::poll(&items[1], 1, std::chrono::milliseconds(kPollTimeoutMs));
                else zmq::poll(items, 2, std::chrono::milliseconds(kPollTimeoutMs));
            }
            if (items[1].revents & ZMQ_POLLIN) wake.clear();

            gather(gathering, frames);
            std::optional<Commit> done;
            if (in_flight) {
                std::lock_guard lock(stage_mutex);
                if (stage_result) {
                    done = std::move(stage_result);
                    stage_result.reset();
                    in_flight = false;
                }
            }
            // Next batch into the journal first, then finish the previous one
            // while it syncs.
            if (!encoded_checkpoint) encoded_checkpoint = checkpoints.takeEncoded();
            if (!in_flight && (!gathering.empty() || encoded_checkpoint)) submit(gathering);
            if (done) {
                if (done->error && std::any_of(done->items.begin(), done->items.end(), [](const BatchItem& i) { return i.from_feed && !i.heartbeat; }))
                    ++feed_losses; // never applied: the feeds resync
                finish(*done, gathering);
                done->items.clear();
                spare_items = std::move(done->items);
            }
            // Held events whose decisions could not be journaled (refused, or nothing left to carry them) go now.
            if (!in_flight && gathering.empty() && decided.empty() && !held_for_decisions.empty())
                handOffWithDecisions({}, false, release_held_at);
        } catch (const std::exception& e) {
            fault(std::string("worker stopped: ") + e.what());
            break;
        } catch (...) {
            fault("worker stopped: unknown exception");
            break;
        }
    }
    {
        std::lock_guard lock(stage_mutex);
        stopping.request_stop();
    }
    stage_cv.notify_all();
    journal_thread.join();
    writeFinalCheckpoint();
    running = false;
}

// ---------------------------------------------------------------- Journal stage
void IngestWorker::Impl::journalStage() {
    nameThisThread("ingest-journal");
    for (;;) {
        Commit c;
        {
            std::unique_lock lock(stage_mutex);
            stage_cv.wait(lock, stopping.get_token(), [&] { return stage_request.has_value(); });
            if (!stage_request) return; // stop, nothing pending
            c = std::move(*stage_request);
            stage_request.reset();
        }
        try {
            if (c.records.empty() && c.checkpoint) journal.writeCheckpoint(*c.checkpoint);
            if (!c.records.empty()) {
                const auto t0 = std::chrono::steady_clock::now();
                // One transaction, synchronous=FULL; a checkpoint rides along (no fsync of its own).
                c.outcomes = journal.appendBatch(c.records, c.checkpoint ? &*c.checkpoint : nullptr);
                c.commit_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (c.outcomes.size() != c.records.size())
                    throw journal::JournalError("journal returned " + std::to_string(c.outcomes.size()) +
                                                " outcomes for " + std::to_string(c.records.size()) + " records");
            }
        } catch (...) {
            c.error = std::current_exception();
        }
        {
            std::lock_guard lock(stage_mutex);
            stage_result = std::move(c);
        }
        wake.signal();
    }
}

void IngestWorker::Impl::reply(Route& route, const std::string& payload) {
    if (route.identity.size() == 0) return;
    // Non-blocking everywhere: a peer that went away or stopped reading loses
    // its reply (it will resend), the worker never stalls on it.
    router.send(route.identity, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (route.delimiter) router.send(zmq::message_t(), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router.send(zmq::buffer(payload), zmq::send_flags::dontwait);
}

/// Reads one ROUTER message (without blocking). Returns false when none is waiting.
/// out is set for an accepted message; refusals are answered here and leave out empty.
bool IngestWorker::Impl::readMessage(std::vector<zmq::message_t>& frames, std::optional<BatchItem>& out) {
    frames.clear();
    auto got = zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait);
    if (!got) return false;
    const TimeMs recv_ms = nowMs();

    Route route;
    route.identity = std::move(frames[0]);
    std::optional<protocol::Rejection> refusal;
    zmq::message_t* payload = nullptr;
    if (frames.size() == 2) {
        payload = &frames[1];
    } else if (frames.size() == 3 && frames[1].size() == 0) {
        route.delimiter = true;
        payload = &frames[2];
    } else {
        refusal = protocol::badFramingRejection(frames.size() - 1);
        // The payload is most likely the last frame: name the message from it if it can be read.
        if (frames.size() > 1 && frames.back().size() <= config.max_message_bytes)
            protocol::nameRefusedMessage(frames.back().to_string_view(), *refusal);
    }

    if (!refusal) {
        auto parsed = protocol::parseMessage(payload->to_string_view(), config.max_message_bytes);
        auto* accepted = std::get_if<protocol::Accepted>(&parsed);
        std::string user_id;
        if (accepted && gatekeeper) {
            // Set by the ZAP handler for this connection: the key's name in the allow-list.
            const char* name = zmq_msg_gets(payload->handle(), "User-Id");
            user_id = name ? name : "";
            if (auto why = gatekeeper->refuse(user_id, accepted->type)) {
                refusal = protocol::Rejection{protocol::RejectReason::NotPermitted, std::move(*why), accepted->event.source,
                                              accepted->event.seq, true, {}};
                accepted = nullptr;
            }
        }
        if (accepted) {
            BatchItem item;
            item.user_id = std::move(user_id);
            item.route = std::move(route);
            item.event = std::move(accepted->event);
            item.event.recv_ms = recv_ms;
            item.type = std::move(accepted->type);
            item.body_json = std::move(accepted->body_json);
            item.heartbeat = std::holds_alternative<Heartbeat>(item.event.body);
            out = std::move(item);
            ++received_unflushed;
            return true;
        }
        if (!refusal) refusal = std::get<protocol::Rejection>(std::move(parsed));
    }

    uint64_t count_for_reason;
    {
        std::lock_guard lock(counters_mutex);
        counters.received += received_unflushed + 1;
        counters.unanswered += received_unflushed;
        received_unflushed = 0;
        count_for_reason = ++counters.rejected[static_cast<int>(refusal->reason)];
    }
    if (shouldLogRejection(count_for_reason))
        spdlog::warn("ingest: refused {} message from {} seq {}: {} (#{} of this reason)",
                     protocol::toWire(refusal->reason), refusal->source.empty() ? "?" : refusal->source,
                     refusal->has_seq ? std::to_string(refusal->seq) : "?", refusal->detail, count_for_reason);
    reply(route, protocol::encodeError(*refusal));
    return true;
}

namespace {
uint64_t keyHash(const Event& e) {
    return std::hash<std::string>{}(e.source) ^ (e.seq * 0x9E3779B97F4A7C15ull);
}
} // namespace

/// An event the console itself originates, numbered as source "operator". It must
/// read back as it was written, or a replay would skip it: one that does not (a
/// rules-file text longer than the wire allows, say) is refused here, loudly.
std::optional<BatchItem> IngestWorker::Impl::consoleItem(EventBody&& body, bool decision) {
    BatchItem item;
    item.from_operator = true;
    item.decision = decision;
    item.type = eventTypeName(body);
    item.body_json = protocol::encodeBody(body);
    if (auto back = protocol::parseBody(item.type, item.body_json); auto* refused = std::get_if<protocol::Rejection>(&back)) {
        fault("not journaling the console's own " + item.type + ", it would not replay: " + refused->detail);
        return std::nullopt;
    }
    item.event.source = kOperatorSource;
    item.event.seq = ++operator_seq;
    item.event.ts_ms = item.event.recv_ms = nowMs();
    item.event.body = std::move(body);
    return item;
}

/// A subscribed feed's event, journaled under the feed's source. The journal seq is the
/// console's own count per source (from the recovered state's last seq), not the
/// publisher's: the publisher's (epoch, seq) order was enforced by the feed's tracker,
/// and its seq restarts with each epoch, which must not collide in the journal.
BatchItem IngestWorker::Impl::feedItem(feeds::FeedEvent&& e) {
    BatchItem item;
    item.from_feed = true;
    item.heartbeat = std::holds_alternative<Heartbeat>(e.body);
    item.type = e.type.empty() ? eventTypeName(e.body) : std::move(e.type);
    item.body_json = e.body_json.empty() ? protocol::encodeBody(e.body) : std::move(e.body_json);
    if (!item.heartbeat) {
        auto [it, fresh] = feed_seq.try_emplace(e.source, 0);
        if (fresh)
            if (auto link = state.links.find(e.source); link != state.links.end()) it->second = link->second.last_seq;
        item.event.seq = ++it->second;
    }
    item.event.source = std::move(e.source);
    item.event.ts_ms = e.ts_ms;
    item.event.recv_ms = nowMs();
    item.event.body = std::move(e.body);
    return item;
}

void IngestWorker::Impl::add(Gathering& g, BatchItem&& item) {
    if (!item.heartbeat) {
        auto [it, fresh] = g.index_of.try_emplace(keyHash(item.event), g.items.size());
        if (!fresh) {
            const Event& first = g.items[it->second].event;
            if (first.seq == item.event.seq && first.source == item.event.source)
                g.repeats.push_back({std::move(item), it->second});
            else
                g.collided.push_back(std::move(item));
            return;
        }
    }
    g.items.push_back(std::move(item));
}

void IngestWorker::Impl::gather(Gathering& g, std::vector<zmq::message_t>& frames) {
    if (g.items.capacity() < config.batch_limit) g.items.reserve(config.batch_limit);
    if (g.items.empty() && !g.collided.empty()) {
        auto leftovers = std::move(g.collided);
        g.collided.clear();
        for (BatchItem& item : leftovers) add(g, std::move(item));
    }
    // The console's decisions and operator actions first: they are few, and
    // deadlines and the operator are waiting on them.
    while (!decided.empty() && g.items.size() < config.batch_limit) {
        if (auto item = consoleItem(std::move(decided.front()), /*decision=*/true)) add(g, std::move(*item));
        decided.pop_front();
    }
    std::vector<OperatorAction> intents;
    {
        std::lock_guard lock(action_mutex);
        while (!actions.empty() && g.items.size() + intents.size() < config.batch_limit) {
            intents.push_back(std::move(actions.front()));
            actions.pop_front();
        }
        while (!feed_events.empty() && g.items.size() + intents.size() < config.batch_limit) {
            feeds::FeedEvent e = std::move(feed_events.front());
            feed_events.pop_front();
            if (!e.console_report) add(g, feedItem(std::move(e)));
            else if (auto item = consoleItem(std::move(e.body), /*decision=*/true)) add(g, std::move(*item));
        }
    }
    // Outside the lock: the deciders fill in what the intent leaves to the authority (who acted...).
    const TimeMs now = intents.empty() ? 0 : nowMs();
    for (OperatorAction& intent : intents) {
        for (const auto& d : deciders) d->complete(intent, state, now);
        if (auto item = consoleItem(std::move(intent), /*decision=*/false)) add(g, std::move(*item));
    }
    while (g.items.size() + g.repeats.size() < config.batch_limit) {
        std::optional<BatchItem> item;
        if (!readMessage(frames, item)) break;
        if (item) add(g, std::move(*item)); // else refused and answered
    }
    if (received_unflushed > 0) {
        std::lock_guard lock(counters_mutex);
        counters.received += received_unflushed;
        counters.unanswered += received_unflushed;
        received_unflushed = 0;
    }
}

void IngestWorker::Impl::submit(Gathering& g) {
    Commit c;
    c.items = std::move(g.items);
    c.repeats = std::move(g.repeats);
    g.items = std::move(spare_items);
    spare_items = std::vector<BatchItem>();
    g.items.clear();
    g.repeats.clear();
    g.index_of.clear();
    c.records.reserve(c.items.size());
    for (BatchItem& item : c.items) {
        if (item.heartbeat) continue; // no state in a heartbeat: not journaled
        item.record = c.records.size();
        journal::Record r;
        r.recv_ms = item.event.recv_ms;
        r.source = item.event.source;
        r.seq = item.event.seq;
        r.ts_ms = item.event.ts_ms;
        r.type = item.type;
        r.body = std::move(item.body_json);
        r.user_id = std::move(item.user_id);
        c.records.push_back(std::move(r));
    }
    c.checkpoint = std::move(encoded_checkpoint);
    encoded_checkpoint.reset();
    c.serial = ++submitted_serial;
    {
        std::lock_guard lock(stage_mutex);
        stage_request = std::move(c);
    }
    in_flight = true;
    stage_cv.notify_one();
}

// ---------------------------------------------------------------- Batch finish
/// What a committed batch comes to, before any of it leaves the worker.
struct IngestWorker::Impl::Judged {
    IngestCounters delta;
    uint64_t answered = 0;  // backend messages of this batch that get their reply now
    std::vector<std::pair<Route*, std::string>> replies;
    std::vector<Event> to_ui;
    std::vector<OperatorAction> retry, retry_decisions; // our own seqs that collided: numbered again
    std::vector<feeds::FeedEvent> feed_retry;
};

void IngestWorker::Impl::failCommit(const Commit& c) {
    // A failed commit (an fsync error above all) is final: no retry. After a
    // failed fsync the kernel may have dropped the dirty pages and report the
    // next fsync as clean, so a retried commit could ack what never reached
    // the disk (PostgreSQL's fsync lesson). The writer stops for good and
    // nothing more is acked: the backends keep their unacked messages and
    // resend them to the restarted console; operator actions of the failed
    // batch are lost with it (the operator saw no change). The Journal itself
    // refuses any later write, so the batch already submitted behind this one
    // is refused too. The fault stays on the wall until a restart.
    std::string why = "unknown exception";
    try {
        std::rethrow_exception(c.error);
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
    }
    fault("journal write failed, ingest stopped, nothing is acknowledged any more; restart the console "
          "(backends resend what is unacked): " + why);
    stopping.request_stop();
}

void IngestWorker::Impl::judgeItems(Commit& c, Judged& j) {
    j.replies.reserve(c.items.size() + c.repeats.size());
    j.to_ui.reserve(c.items.size());
    for (BatchItem& item : c.items) {
        const auto outcome = item.heartbeat ? journal::AppendOutcome::Inserted : c.outcomes[item.record];
        item.outcome = outcome;
        if (item.from_feed && outcome != journal::AppendOutcome::Inserted) {
            // The journal already holds this (source, seq) (a journal newer than the recovered
            // state): number it again. Never a duplicate: the feed's tracker passes each update once.
            j.feed_retry.push_back(feeds::FeedEvent{item.event.source, item.event.ts_ms, std::move(item.event.body), item.type, "", false});
            continue;
        }
        if (outcome == journal::AppendOutcome::Conflict) {
            if (item.from_operator) {
                // Our own seq collided with a journaled one (journal newer than the
                // recovered state): try again under the next seq.
                (item.decision ? j.retry_decisions : j.retry).push_back(std::move(item.event.body));
                continue;
            }
            ++j.delta.rejected[static_cast<int>(protocol::RejectReason::StaleOrDuplicate)];
            ++j.answered;
            j.replies.emplace_back(&item.route, protocol::encodeError(protocol::staleOrDuplicateRejection(item.event.source, item.event.seq)));
            continue;
        }
        if (outcome == journal::AppendOutcome::Duplicate) {
            ++j.delta.duplicates;
            ++j.answered;
            j.replies.emplace_back(&item.route, protocol::encodeAck(item.event.source, item.event.seq, true));
            continue;
        }
        // Inserted (or a heartbeat).
        if (!item.heartbeat) {
            // The journal may raise recv_ms to keep its time index monotonic:
            // apply what was stored, so replay rebuilds exactly this state.
            item.event.recv_ms = c.records[item.record].recv_ms;
            last_id = std::max(last_id, c.records[item.record].id);
            ++since_checkpoint;
        }
        if (item.from_feed) {
            if (!item.heartbeat) ++j.delta.feed_events;
        } else if (!item.from_operator) {
            ++j.delta.accepted;
            if (item.heartbeat) ++j.delta.heartbeats;
            ++j.answered;
            j.replies.emplace_back(&item.route, protocol::encodeAck(item.event.source, item.event.seq, false));
        }
        apply(state, item.event);
        if (item.from_operator) {
            ++(item.decision ? j.delta.decisions : j.delta.operator_actions);
            if (auto* esc = std::get_if<CallEscalate>(&item.event.body))
                spdlog::info("rules: 叫应 call {} of alarm {} unanswered at its deadline, escalated to {}", esc->call_id,
                             esc->alarm_id, esc->to_call_id.empty() ? "nobody (no level above)" : esc->to_call_id);
            if (pub.handle() != nullptr) {
                pub.send(zmq::buffer(item.type), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
                pub.send(zmq::buffer(protocol::encodeEnvelope(item.event)), zmq::send_flags::dontwait);
            }
        }
        j.to_ui.push_back(std::move(item.event));
    }
}

/// Repeats: after an Inserted/Duplicate first copy, the journal holds the
/// first copy's body, so the repeat is a duplicate exactly when its body is
/// the same. After a Conflict the stored body is unknown here: ask the
/// journal in the next batch.
void IngestWorker::Impl::judgeRepeats(Commit& c, Judged& j, Gathering& next) {
    for (Repeat& r : c.repeats) {
        const BatchItem& first = c.items[r.first];
        if (first.outcome == journal::AppendOutcome::Conflict) {
            next.collided.push_back(std::move(r.item));
        } else if (r.item.body_json == c.records[first.record].body) {
            ++j.delta.duplicates;
            ++j.answered;
            j.replies.emplace_back(&r.item.route, protocol::encodeAck(r.item.event.source, r.item.event.seq, true));
        } else {
            ++j.delta.rejected[static_cast<int>(protocol::RejectReason::StaleOrDuplicate)];
            ++j.answered;
            protocol::Rejection rej = protocol::staleOrDuplicateRejection(r.item.event.source, r.item.event.seq);
            rej.detail = "seq " + std::to_string(r.item.event.seq) + " of source " + r.item.event.source +
                         " was sent twice with different bodies";
            j.replies.emplace_back(&r.item.route, protocol::encodeError(rej));
        }
    }
}

void IngestWorker::Impl::requeue(Judged& j) {
    if (!j.retry.empty() || !j.feed_retry.empty()) {
        std::lock_guard lock(action_mutex);
        for (auto it = j.retry.rbegin(); it != j.retry.rend(); ++it) actions.push_front(std::move(*it));
        for (auto it = j.feed_retry.rbegin(); it != j.feed_retry.rend(); ++it) feed_events.push_front(std::move(*it));
    }
    for (auto it = j.retry_decisions.rbegin(); it != j.retry_decisions.rend(); ++it) decided.push_front(std::move(*it));
}

void IngestWorker::Impl::count(const Commit& c, const Judged& j) {
    std::lock_guard lock(counters_mutex);
    counters.accepted += j.delta.accepted;
    counters.duplicates += j.delta.duplicates;
    counters.unanswered -= j.answered;
    counters.heartbeats += j.delta.heartbeats;
    counters.operator_actions += j.delta.operator_actions;
    counters.decisions += j.delta.decisions;
    counters.feed_events += j.delta.feed_events;
    for (int i = 0; i < protocol::kRejectReasonCount; ++i) counters.rejected[i] += j.delta.rejected[i];
    if (c.checkpoint) ++counters.checkpoints;
    if (!c.records.empty()) {
        ++counters.batches;
        counters.last_commit_ms = c.commit_ms;
        counters.max_commit_ms = std::max(counters.max_commit_ms, c.commit_ms);
    }
    counters.last_journal_id = last_id;
}

void IngestWorker::Impl::finish(Commit& c, Gathering& next) {
    if (c.error) {
        failCommit(c);
        if (!held_for_decisions.empty()) handOff(std::move(held_for_decisions));
        return;
    }
    // Durable from here on: ack, apply, publish.
    Judged j;
    judgeItems(c, j);
    judgeRepeats(c, j, next);
    requeue(j);
    // Replies wait until the counters are updated, so a backend that sees its
    // reply also sees it counted.
    count(c, j);
    for (auto& [route, payload] : j.replies) reply(*route, payload);

    bool decided_now = false;
    if (!j.to_ui.empty()) {
        std::vector<EventBody> out;
        const TimeMs now = nowMs();
        for (const auto& d : deciders) d->react(state, j.to_ui, now, out);
        decided_now = !out.empty();
        for (EventBody& d : out) decided.push_back(std::move(d));
    }
    handOffWithDecisions(std::move(j.to_ui), decided_now, c.serial);

    // Encoded on its own thread, stored with a later batch; last_id's record is
    // already committed, so the checkpoint is valid whenever it lands. While the
    // previous one is on its way this one waits for the next batch.
    if (config.checkpoint_every > 0 && since_checkpoint >= config.checkpoint_every &&
        checkpoints.start(last_id, state.last_event_ms, state))
        since_checkpoint = 0;
}

/// Events that caused decisions are held back until the commit that carries
/// those decisions (the next one submitted: the one already in the journal was
/// gathered before them); later batches join them, in order, so the hold lasts
/// at most two commits even while every batch brings new warnings.
void IngestWorker::Impl::handOffWithDecisions(std::vector<Event>&& events, bool decided_now, uint64_t serial) {
    if (held_for_decisions.empty() && !decided_now) {
        if (!events.empty()) handOff(std::move(events));
        return;
    }
    if (held_for_decisions.empty()) release_held_at = submitted_serial + 1;
    held_for_decisions.insert(held_for_decisions.end(), std::make_move_iterator(events.begin()),
                              std::make_move_iterator(events.end()));
    if (serial < release_held_at) return;
    handOff(std::move(held_for_decisions));
    held_for_decisions.clear();
    release_held_at = 0;
}

/// After the journal stage stopped: a checkpoint still on its way is stored, so a
/// clean stop leaves the newest one. A journal that failed refuses it, and that is fine.
void IngestWorker::Impl::writeFinalCheckpoint() {
    std::optional<journal::Checkpoint> last = std::move(encoded_checkpoint);
    if (!last) last = checkpoints.finish();
    if (!last) return;
    try {
        journal.writeCheckpoint(*last);
        std::lock_guard lock(counters_mutex);
        ++counters.checkpoints;
    } catch (const std::exception& e) {
        spdlog::warn("ingest: the last checkpoint was not written: {}", e.what());
    }
}

void IngestWorker::Impl::runDeciderTimers() {
    // Runs at once after a start, so expiries and deadlines that passed while
    // the console was down fire right away; then at the next due time, at least every kRuleTimerMs.
    const TimeMs now = nowMs();
    if (now < next_decider_check_ms && !decide_soon.exchange(false)) return;
    std::vector<EventBody> out;
    if (!started_deciders) {
        started_deciders = true;
        for (const auto& d : deciders) d->atStart(state, now, out);
    }
    std::optional<TimeMs> next;
    for (const auto& d : deciders) d->due(state, now, next, out);
    for (EventBody& d : out) decided.push_back(std::move(d));
    next_decider_check_ms = now + kRuleTimerMs;
    if (next) next_decider_check_ms = std::min(next_decider_check_ms, *next);
}

void IngestWorker::Impl::handOff(std::vector<Event>&& events) {
    std::unique_lock lock(committed_mutex);
    // Committed events are never dropped: wait for the UI instead. The wait
    // holds up the ROUTER reads, which is the backpressure we want.
    while (committed.size() >= config.committed_queue_batches && !stopping.stop_requested())
        committed_space.wait_for(lock, std::chrono::milliseconds(5));
    committed.push_back(std::move(events));
}

// ---------------------------------------------------------------- UI-side API
void IngestWorker::decideSoon() {
    impl_->decide_soon = true;
    impl_->wake.signal();
}

bool IngestWorker::postAction(OperatorAction action) {
    if (!impl_->running) return false;
    {
        std::lock_guard lock(impl_->action_mutex);
        if (impl_->actions.size() >= impl_->config.action_queue_cap) return false;
        impl_->actions.push_back(std::move(action));
    }
    impl_->wake.signal();
    return true;
}

bool IngestWorker::postFeed(std::vector<feeds::FeedEvent>& batch) {
    if (!impl_->running) return false;
    {
        std::lock_guard lock(impl_->action_mutex);
        // An empty queue takes any batch, so one large snapshot cannot wait forever.
        if (!impl_->feed_events.empty() && impl_->feed_events.size() + batch.size() > impl_->config.feed_queue_cap) return false;
        for (feeds::FeedEvent& e : batch) impl_->feed_events.push_back(std::move(e));
    }
    batch.clear();
    impl_->wake.signal();
    return true;
}

uint64_t IngestWorker::feedLosses() const { return impl_->feed_losses; }

bool IngestWorker::drainCommitted(std::vector<Event>& out) {
    std::deque<std::vector<Event>> taken;
    {
        std::lock_guard lock(impl_->committed_mutex);
        if (impl_->committed.empty()) return false;
        taken.swap(impl_->committed);
    }
    impl_->committed_space.notify_one();
    for (auto& batch : taken) {
        if (out.empty()) {
            out = std::move(batch);
        } else {
            out.insert(out.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        }
    }
    return true;
}

IngestCounters IngestWorker::counters() const {
    IngestCounters c;
    {
        std::lock_guard lock(impl_->counters_mutex);
        c = impl_->counters;
    }
    if (impl_->gatekeeper) {
        c.auth_refused = impl_->gatekeeper->refusals();
        c.allowed_keys = impl_->gatekeeper->allowedKeys();
    }
    return c;
}

auth::Gatekeeper* IngestWorker::gatekeeper() { return impl_->gatekeeper.get(); }

const std::string& IngestWorker::routerEndpoint() const { return impl_->router_endpoint; }
const std::string& IngestWorker::pubEndpoint() const { return impl_->pub_endpoint; }
const IngestConfig& IngestWorker::config() const { return impl_->config; }
bool IngestWorker::running() const { return impl_->running; }

} // namespace wall::ingest
