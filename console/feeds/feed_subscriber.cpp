#include "feeds/feed_subscriber.hpp"

#include "base/clock.hpp"
#include "base/thread_name.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::feeds {
namespace {

constexpr int kPollMs = 20;        // stop latency and timer resolution
constexpr size_t kReadBurst = 512; // frames read per socket per turn, so one busy feed cannot starve the others

void setHeartbeats(zmq::socket_t& s, const SubscriberConfig& c) {
    s.set(zmq::sockopt::heartbeat_ivl, c.zmq_heartbeat_ivl_ms);
    s.set(zmq::sockopt::heartbeat_timeout, c.zmq_heartbeat_timeout_ms);
    s.set(zmq::sockopt::heartbeat_ttl, c.zmq_heartbeat_timeout_ms);
    s.set(zmq::sockopt::reconnect_ivl, 100);
    s.set(zmq::sockopt::reconnect_ivl_max, 1000);
    s.set(zmq::sockopt::linger, 0);
}

} // namespace

FeedEndpoint parseFeedEndpoint(const std::string& text) {
    const auto eq = text.find('=');
    const auto comma = text.find(',', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || eq == 0 || comma == std::string::npos || comma == eq + 1 || comma + 1 >= text.size())
        throw std::invalid_argument("expected NAME=PUB_ENDPOINT,SNAPSHOT_ENDPOINT, got '" + text + "'");
    return FeedEndpoint{text.substr(0, eq), text.substr(eq + 1, comma - eq - 1), text.substr(comma + 1)};
}

/// One feed's sockets and tracker; the thread's only.
struct Feed {
    FeedEndpoint endpoint;
    zmq::socket_t sub;
    zmq::socket_t snapshot;      // DEALER to the publisher's ROUTER
    FeedTracker tracker;
    TimeMs requested_ms = 0;     // when the request in flight was sent
};

struct FeedSubscriber::Impl {
    FeedSink& sink;
    SubscriberConfig config;
    zmq::context_t context{1};
    std::vector<std::unique_ptr<Feed>> feeds;
    std::vector<FeedEvent> pending;     // decided, not yet taken by the sink; thread only
    uint64_t losses_seen = 0;           // sink.feedLosses() last looked at; thread only

    mutable std::mutex status_mutex;
    std::vector<FeedStatus> statuses;   // guarded by status_mutex

    std::jthread thread;                // last: starts after the rest exists; stop() ends it

    Impl(FeedSink& s, SubscriberConfig c) : sink(s), config(std::move(c)) {}

    void run(std::stop_token stop);
    void carryOut(Feed& feed, TrackerOutput& out);
    bool flush();
    void publishStatus();
};

FeedSubscriber::FeedSubscriber(FeedSink& sink, const State& recovered, SubscriberConfig config)
    : impl_(std::make_unique<Impl>(sink, std::move(config))) {
    Impl& m = *impl_;
    for (const FeedEndpoint& e : m.config.feeds) {
        std::vector<std::string> active;
        for (const auto& [id, a] : recovered.alarms)
            if (a.active && a.source == e.source) active.push_back(id);
        auto feed = std::make_unique<Feed>(Feed{e, zmq::socket_t(m.context, zmq::socket_type::sub),
                                                zmq::socket_t(m.context, zmq::socket_type::dealer),
                                                FeedTracker(e.source, active, m.config.queue_cap), 0});
        const auto hard_limit = static_cast<int64_t>(m.config.max_message_bytes * 2);
        setHeartbeats(feed->sub, m.config);
        feed->sub.set(zmq::sockopt::rcvhwm, m.config.rcvhwm);
        feed->sub.set(zmq::sockopt::rcvbuf, m.config.rcvbuf_bytes);
        feed->sub.set(zmq::sockopt::maxmsgsize, hard_limit);
        feed->sub.set(zmq::sockopt::subscribe, "");
        setHeartbeats(feed->snapshot, m.config);
        // A snapshot is one multi-frame message; its frames are each an ordinary envelope.
        feed->snapshot.set(zmq::sockopt::maxmsgsize, hard_limit);
        if (!e.server_key.empty()) {
            // CURVE client on both sockets, pinning the publisher's key: a publisher without
            // the matching secret never completes a handshake, so the feed stays syncing (and says so).
            if (m.config.curve_secret_key.empty())
                throw std::runtime_error("feeds: " + e.source + " has a server key but the console has no CURVE key pair");
            for (zmq::socket_t* s : {&feed->sub, &feed->snapshot}) {
                s->set(zmq::sockopt::curve_serverkey, e.server_key);
                s->set(zmq::sockopt::curve_publickey, m.config.curve_public_key);
                s->set(zmq::sockopt::curve_secretkey, m.config.curve_secret_key);
            }
        }
        try {
            feed->sub.connect(e.pub_endpoint);
            feed->snapshot.connect(e.snapshot_endpoint);
        } catch (const zmq::error_t& err) {
            throw std::runtime_error("feeds: cannot connect to " + e.source + " (" + e.pub_endpoint + ", " +
                                     e.snapshot_endpoint + "): " + err.what());
        }
        spdlog::info("feeds: subscribed to {} at {} (snapshots {}){}", e.source, e.pub_endpoint, e.snapshot_endpoint,
                     e.server_key.empty() ? "" : ", CURVE with a pinned server key");
        m.feeds.push_back(std::move(feed));
    }
    m.losses_seen = sink.feedLosses();
    m.publishStatus();
    m.thread = std::jthread([&m](std::stop_token stop) { m.run(stop); });
}

FeedSubscriber::~FeedSubscriber() { stop(); }

void FeedSubscriber::stop() {
    impl_->thread.request_stop();  // seen within one poll interval
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::vector<FeedStatus> FeedSubscriber::status() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->statuses;
}

std::string FeedSubscriber::fault() const {
    std::lock_guard lock(impl_->status_mutex);
    for (const FeedStatus& s : impl_->statuses)
        if (!s.fault.empty()) return s.source + ": " + s.fault;
    return "";
}

void FeedSubscriber::Impl::publishStatus() {
    std::lock_guard lock(status_mutex);
    statuses.clear();
    for (const auto& f : feeds) statuses.push_back(f->tracker.status());
}

void FeedSubscriber::Impl::carryOut(Feed& feed, TrackerOutput& out) {
    for (FeedEvent& e : out.events) pending.push_back(std::move(e));
    out.events.clear();
    if (out.request_snapshot) {
        out.request_snapshot = false;
        feed.snapshot.send(zmq::buffer(encodeSnapshotRequest(feed.endpoint.source, feed.tracker.requestId())),
                           zmq::send_flags::dontwait);
        feed.requested_ms = nowMs();
    }
}

bool FeedSubscriber::Impl::flush() {
    if (pending.empty()) return true;
    return sink.postFeed(pending); // moves them out on success
}

void FeedSubscriber::Impl::run(std::stop_token stop) {
    nameThisThread("feeds");
    try {
        TrackerOutput out;
        const TimeMs started = nowMs();
        for (auto& f : feeds) {
            f->tracker.start(started, out);
            carryOut(*f, out);
        }
        std::vector<zmq::pollitem_t> items;
        std::vector<zmq::message_t> frames;
        std::vector<std::string_view> views;
        while (!stop.stop_requested()) {
            // Backpressure: read nothing new until the sink took what was decided.
            const bool room = flush();
            items.clear();
            for (auto& f : feeds) {
                items.push_back({f->sub.handle(), 0, static_cast<short>(room ? ZMQ_POLLIN : 0), 0});
                items.push_back({f->snapshot.handle(), 0, static_cast<short>(room ? ZMQ_POLLIN : 0), 0});
            }
            zmq::poll(items, std::chrono::milliseconds(room ? kPollMs : 2));
            const TimeMs now = nowMs();
            for (size_t i = 0; i < feeds.size() && room; ++i) {
                Feed& f = *feeds[i];
                for (size_t n = 0; n < kReadBurst; ++n) {
                    frames.clear();
                    if (!zmq::recv_multipart(f.sub, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
                    if (frames.size() != 2) { f.tracker.onRefused(); continue; }
                    auto parsed = parseLive(frames[1].to_string_view(), config.max_message_bytes);
                    auto* live = std::get_if<LiveMessage>(&parsed);
                    if (!live || live->source != f.endpoint.source) {
                        f.tracker.onRefused();
                        if (f.tracker.status().refused <= 20)
                            spdlog::warn("feeds: {} refused a frame: {}", f.endpoint.source,
                                         live ? "source " + live->source : std::get<protocol::Rejection>(parsed).detail);
                        continue;
                    }
                    f.tracker.onLive(std::move(*live), now, out);
                    carryOut(f, out);
                }
                frames.clear();
                if (zmq::recv_multipart(f.snapshot, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
                    views.clear();
                    for (auto& fr : frames) views.push_back(fr.to_string_view());
                    auto parsed = parseSnapshot(views, config.max_message_bytes);
                    if (auto* snap = std::get_if<Snapshot>(&parsed)) {
                        f.tracker.onSnapshot(std::move(*snap), now, out);
                        carryOut(f, out);
                    } else {
                        f.tracker.onRefused();
                        spdlog::warn("feeds: {} refused a snapshot: {}", f.endpoint.source, std::get<std::string>(parsed));
                    }
                }
            }
            // Timers: silence, unanswered snapshot requests, journal losses.
            const uint64_t losses = sink.feedLosses();
            for (auto& f : feeds) {
                const FeedStatus& s = f->tracker.status();
                const TimeMs last = s.last_message_ms ? s.last_message_ms : started;
                if (!s.silent && now - last > config.silent_after_ms) f->tracker.onSilence(now);
                if (losses != losses_seen) {
                    f->tracker.onLoss(now, out);
                    carryOut(*f, out);
                } else if (s.phase == FeedPhase::Syncing && now - f->requested_ms > config.snapshot_timeout_ms) {
                    carryOut(*f, (out.request_snapshot = true, out)); // same request id: a late reply still counts
                }
            }
            losses_seen = losses;
            publishStatus();
        }
    } catch (const std::exception& e) {
        spdlog::error("feeds: thread stopped: {}", e.what());
        std::lock_guard lock(status_mutex);
        for (FeedStatus& s : statuses) s.fault = std::string("feed thread stopped: ") + e.what();
    }
}

} // namespace wall::feeds
