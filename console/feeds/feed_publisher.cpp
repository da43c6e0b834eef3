#include "feeds/feed_publisher.hpp"

#include "base/clock.hpp"
#include "base/thread_name.hpp"
#include "feeds/feed_tracker.hpp"
#include "feeds/feed_wire.hpp"
#include "protocol/protocol.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::feeds {
namespace {

/// Every object of the publisher's state, as the bodies a snapshot carries.
std::vector<EventBody> snapshotBodies(const State& state) {
    std::vector<EventBody> bodies;
    std::vector<const Alarm*> alarms;
    for (const auto& [id, a] : state.alarms)
        if (a.active) alarms.push_back(&a);
    std::sort(alarms.begin(), alarms.end(), [](auto* x, auto* y) { return x->id < y->id; });
    for (const Alarm* a : alarms) bodies.push_back(AlarmRaise{*a});
    for (const auto& [id, c] : state.cameras) bodies.push_back(CameraUpsert{c});
    for (const auto& [id, t] : state.tasks) bodies.push_back(TaskUpsert{t});
    for (const auto& [id, i] : state.incidents) bodies.push_back(IncidentUpsert{i});
    if (!state.roster.date.empty()) bodies.push_back(RosterSet{state.roster});
    return bodies;
}

} // namespace

struct FeedPublisher::Impl {
    PublisherConfig config;
    zmq::context_t context{1};
    zmq::socket_t pub{context, zmq::socket_type::pub};
    zmq::socket_t router{context, zmq::socket_type::router};
    std::string pub_endpoint, snapshot_endpoint; // resolved at bind

    std::mutex queue_mutex;
    std::condition_variable queue_cv;  // room in the queue, or the queue emptied
    std::deque<EventBody> queue;       // guarded by queue_mutex
    size_t in_hand = 0;                // taken from the queue, not yet sent; guarded by queue_mutex

    mutable std::mutex state_mutex;
    State state;                       // what was published; guarded by state_mutex
    uint64_t seq = 0;                  // last seq sent; guarded by state_mutex
    uint64_t snapshots = 0;            // guarded by state_mutex

    std::jthread thread;               // last: starts after the rest exists; stop() ends it

    /// @brief True once stop() was called; any thread.
    bool stopping() const { return thread.get_stop_token().stop_requested(); }
    void run(std::stop_token stop);
    void serveSnapshot(zmq::message_t& identity, std::string_view request);
};

FeedPublisher::FeedPublisher(PublisherConfig config) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.config = std::move(config);
    if (m.config.epoch == 0) m.config.epoch = static_cast<uint64_t>(nowMs());
    for (zmq::socket_t* s : {&m.pub, &m.router}) {
        s->set(zmq::sockopt::linger, 0);
        s->set(zmq::sockopt::heartbeat_ivl, 1000);
        s->set(zmq::sockopt::heartbeat_timeout, 3000);
        s->set(zmq::sockopt::heartbeat_ttl, 3000);
        if (!m.config.curve_secret_key.empty()) {
            // Proves the publisher to subscribers that pinned its public key (no ZAP: it does not vet them).
            s->set(zmq::sockopt::curve_server, true);
            s->set(zmq::sockopt::curve_secretkey, m.config.curve_secret_key);
        }
    }
    m.pub.set(zmq::sockopt::sndhwm, m.config.sndhwm);
    m.pub.set(zmq::sockopt::sndbuf, m.config.sndbuf_bytes);
    try {
        m.pub.bind(m.config.pub_endpoint);
    } catch (const zmq::error_t& e) {
        throw std::runtime_error("publisher: cannot bind PUB to " + m.config.pub_endpoint + ": " + e.what());
    }
    try {
        m.router.bind(m.config.snapshot_endpoint);
    } catch (const zmq::error_t& e) {
        throw std::runtime_error("publisher: cannot bind snapshot ROUTER to " + m.config.snapshot_endpoint + ": " + e.what());
    }
    m.pub_endpoint = m.pub.get(zmq::sockopt::last_endpoint);
    m.snapshot_endpoint = m.router.get(zmq::sockopt::last_endpoint);
    m.thread = std::jthread([&m](std::stop_token stop) { m.run(stop); });
}

FeedPublisher::~FeedPublisher() { stop(); }

void FeedPublisher::stop() {
    {
        // Under the queue's lock, so a publish() or flush() between its check and its wait still wakes.
        std::lock_guard lock(impl_->queue_mutex);
        impl_->thread.request_stop();
    }
    impl_->queue_cv.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
}

void FeedPublisher::publish(EventBody body) {
    std::unique_lock lock(impl_->queue_mutex);
    impl_->queue_cv.wait(lock, [&] { return impl_->queue.size() < impl_->config.queue_cap || impl_->stopping(); });
    impl_->queue.push_back(std::move(body));
}

void FeedPublisher::flush() {
    std::unique_lock lock(impl_->queue_mutex);
    impl_->queue_cv.wait(lock, [&] { return (impl_->queue.empty() && impl_->in_hand == 0) || impl_->stopping(); });
}

uint64_t FeedPublisher::lastSeq() const {
    std::lock_guard lock(impl_->state_mutex);
    return impl_->seq;
}
uint64_t FeedPublisher::epoch() const { return impl_->config.epoch; }
uint64_t FeedPublisher::contentHash() const {
    std::lock_guard lock(impl_->state_mutex);
    return feedContentHash(impl_->state, impl_->config.source);
}
uint64_t FeedPublisher::snapshotsServed() const {
    std::lock_guard lock(impl_->state_mutex);
    return impl_->snapshots;
}
const std::string& FeedPublisher::pubEndpoint() const { return impl_->pub_endpoint; }
const std::string& FeedPublisher::snapshotEndpoint() const { return impl_->snapshot_endpoint; }

void FeedPublisher::Impl::serveSnapshot(zmq::message_t& identity, std::string_view request) {
    const auto request_id = parseSnapshotRequest(request);
    if (!request_id) return; // not a snapshot request: ignore
    std::vector<std::string> frames;
    {
        std::lock_guard lock(state_mutex);
        // Everything up to seq is in the state: the subscriber discards queued updates <= seq.
        const TimeMs now = nowMs();
        for (EventBody& body : snapshotBodies(state)) {
            Event e{config.source, std::max<uint64_t>(seq, 1), now, 0, std::move(body)};
            frames.push_back(protocol::encodeEnvelope(e));
        }
        frames.insert(frames.begin(), encodeSnapshotHeader(config.source, config.epoch, seq, *request_id, frames.size()));
        ++snapshots;
    }
    router.send(identity, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    for (size_t i = 0; i < frames.size(); ++i)
        router.send(zmq::buffer(frames[i]), (i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none) |
                                                zmq::send_flags::dontwait);
}

void FeedPublisher::Impl::run(std::stop_token stop) {
    nameThisThread("publisher");
    TimeMs next_heartbeat = 0;
    std::vector<zmq::message_t> frames;
    std::deque<EventBody> taken;
    while (!stop.stop_requested()) {
        try {
            zmq::pollitem_t items[] = {{router.handle(), 0, ZMQ_POLLIN, 0}};
            {
                std::unique_lock lock(queue_mutex);
                taken.swap(queue);
                in_hand = taken.size();
            }
            queue_cv.notify_all();
            if (taken.empty()) zmq::poll(items, 1, std::chrono::milliseconds(5));
            // Snapshot requests first: a subscriber waiting on one queues our live updates meanwhile.
            for (;;) {
                frames.clear();
                if (!zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
                if (frames.size() >= 2) serveSnapshot(frames[0], frames.back().to_string_view());
            }
            const TimeMs now = nowMs();
            for (EventBody& body : taken) {
                Event e{config.source, 0, now, now, std::move(body)};
                {
                    std::lock_guard lock(state_mutex);
                    e.seq = ++seq;
                    apply(state, e);
                }
                const std::string type = eventTypeName(e.body);
                // dontwait: at the high-water mark ZeroMQ drops for that subscriber; it sees the gap.
                pub.send(zmq::buffer(type), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
                pub.send(zmq::buffer(encodeLive(e, config.epoch)), zmq::send_flags::dontwait);
            }
            if (!taken.empty()) {
                taken.clear();
                std::lock_guard lock(queue_mutex);
                in_hand = 0;
                queue_cv.notify_all();
            }
            if (now >= next_heartbeat) {
                uint64_t last;
                {
                    std::lock_guard lock(state_mutex);
                    last = seq;
                }
                pub.send(zmq::buffer(std::string_view("heartbeat")), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
                pub.send(zmq::buffer(encodeLiveHeartbeat(config.source, config.epoch, last, now)), zmq::send_flags::dontwait);
                next_heartbeat = now + config.heartbeat_ms;
            }
        } catch (const std::exception& e) {
            spdlog::error("publisher: {}", e.what());
        }
    }
}

RandomAlarmStream::RandomAlarmStream(std::string id_prefix, size_t pool, uint64_t seed)
    : prefix_(std::move(id_prefix)), pool_(std::max<size_t>(pool, 1)), rng_(seed), active_(pool_, false) {}

EventBody RandomAlarmStream::next() {
    static const char* kTitles[] = {"小时雨量超警戒", "水库水位超汛限", "尾矿库浸润线超限", "山洪灾害预警",
                                    "地质灾害隐患点位移", "森林火点（卫星）", "危化品储罐温度异常", "河道水位上涨"};
    static const char* kTownships[] = {"洪塘镇", "石门镇", "温泉镇", "西村镇", "湖泽镇"};
    ++serial_;
    const size_t i = rng_() % pool_;
    const std::string id = prefix_ + "-" + std::to_string(i);
    const unsigned roll = rng_() % 100;
    if (!active_[i] || roll < 40) {
        Alarm a;
        a.id = id;
        a.level = static_cast<WarningLevel>(1 + rng_() % 4);
        a.category = "rain";
        a.title = kTitles[rng_() % std::size(kTitles)];
        a.message = "第" + std::to_string(serial_) + "次观测";
        a.site = GridSite{"清江县", kTownships[rng_() % std::size(kTownships)], "", ""};
        active_[i] = true;
        return AlarmRaise{a};
    }
    if (roll < 75) {
        AlarmUpdate u;
        u.id = id;
        u.level = static_cast<WarningLevel>(1 + rng_() % 4);
        u.message = "更新 " + std::to_string(serial_);
        return u;
    }
    active_[i] = false;
    return AlarmClear{id};
}

} // namespace wall::feeds
