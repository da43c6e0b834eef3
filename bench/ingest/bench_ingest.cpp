// bench_ingest: durable events/s through the whole ingest path, against a raw
// ZeroMQ receive loop on the same messages, side by side in one run.
//
//   raw      a DEALER pushes every envelope to a ROUTER that only receives
//            (recv_multipart, nothing else): the ceiling ZeroMQ sets here.
//   durable  a BackendClient (window of in-flight messages, resend on
//            timeout) → ROUTER → framing check → protocol::parseMessage →
//            Journal::appendBatch (one transaction per batch, synchronous=FULL,
//            real file) → ack → apply → hand-off, with a "UI" thread draining
//            the committed queue once per 60 Hz frame and applying to its
//            replica. Timed from the first send until every event is acked
//            AND applied by the UI.
//
// Absolute rates on shared 2-core machines are noisy, so rounds alternate
// raw/durable and the summary gives each round's ratio and the median.
// Journal files go to $WALL_BENCH_DIR (default /tmp) and are removed.
//
// Run: cmake --build build --target bench_ingest && build/bin/bench_ingest [events] [rounds] [window] [batch]
// (defaults 200000 events, 3 rounds, window 20000, the worker's default batch
// limit (4096); about 30 s on the 2-core VM)

#include "client/backend_client.hpp"
#include "ingest/ingest_worker.hpp"
#include "journal/journal.hpp"
#include "model/model.hpp"
#include "protocol/protocol.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace {

using namespace wall;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// A realistic mix: mostly alarm raises (≈450 bytes), updates, clears, task upserts.
EventBody benchBody(uint64_t i) {
    const std::string id = "AL-" + std::to_string(i % 20000);
    switch (i % 8) {
    case 0: case 1: case 2: case 3: case 4: {
        Alarm a;
        a.id = id;
        a.level = static_cast<WarningLevel>(1 + i % 4);
        a.category = "rain";
        a.title = "青龙雨量站 1小时降雨量" + std::to_string(20 + i % 80) + "mm";
        a.message = "1小时降雨量达预警标准，3小时累计" + std::to_string(i % 150) + "mm，请相关乡镇做好防范";
        a.site = GridSite{"清江县", "青龙镇", "青龙村", "青龙雨量站"};
        a.device = "RG-QL-" + std::to_string(i % 64);
        a.cameras = {"cam-01", "cam-02"};
        return AlarmRaise{a};
    }
    case 5: {
        AlarmUpdate u;
        u.id = id;
        u.level = static_cast<WarningLevel>(1 + (i / 8) % 4);
        u.message = "复测数据更新";
        return u;
    }
    case 6: return AlarmClear{id};
    default: {
        Task t;
        t.id = "TK-" + std::to_string(i % 200);
        t.title = "下游群众转移";
        t.commander = "李建国";
        t.commander_phone = "138****2301";
        t.site = "青龙镇青龙村";
        t.incident = "青龙水库超汛限";
        t.deadline_ms = 1784073600000 + static_cast<int64_t>(i) * 1000;
        t.status = static_cast<TaskStatus>(i % 4);
        return TaskUpsert{t};
    }
    }
}

std::vector<std::string> makeEnvelopes(uint64_t n, uint64_t first_seq) {
    std::vector<std::string> out;
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
        const EventBody body = benchBody(i);
        out.push_back(R"({"v":1,"source":"monitor-platform","seq":)" + std::to_string(first_seq + i) +
                      R"(,"ts":1784073600000,"type":")" + eventTypeName(body) + R"(","body":)" +
                      protocol::encodeBody(body) + "}");
    }
    return out;
}

/// ROUTER that only receives: the same bytes, no parse, no journal, no reply.
double rawReceiveRate(const std::vector<std::string>& envelopes) {
    zmq::context_t ctx{1};
    zmq::socket_t router{ctx, zmq::socket_type::router};
    router.set(zmq::sockopt::rcvhwm, 200000);
    router.set(zmq::sockopt::linger, 0);
    router.bind("tcp://127.0.0.1:*");
    const std::string endpoint = router.get(zmq::sockopt::last_endpoint);

    std::atomic<bool> go{false};
    std::thread sender([&] {
        zmq::context_t sctx{1};
        zmq::socket_t dealer{sctx, zmq::socket_type::dealer};
        dealer.set(zmq::sockopt::sndhwm, 200000);
        dealer.set(zmq::sockopt::linger, 2000);
        dealer.connect(endpoint);
        while (!go) std::this_thread::yield();
        for (const std::string& e : envelopes) dealer.send(zmq::buffer(e), zmq::send_flags::none);
    });
    std::vector<zmq::message_t> frames;
    // Let the connection come up before timing (the durable run does the same).
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto t0 = Clock::now();
    go = true;
    size_t bytes = 0;
    for (size_t i = 0; i < envelopes.size(); ++i) {
        frames.clear();
        (void)zmq::recv_multipart(router, std::back_inserter(frames));
        bytes += frames.back().size();
    }
    const double s = secondsSince(t0);
    sender.join();
    if (bytes == 0) std::printf("raw: received nothing\n");
    return envelopes.size() / s;
}

struct DurableResult {
    double rate = 0;          // events/s acked and applied by the UI
    uint64_t batches = 0;
    double avg_batch = 0;
    double max_commit_ms = 0;
    double last_commit_ms = 0;
    uint64_t resends = 0;
};

DurableResult durableRate(const std::vector<std::string>& envelopes, const std::filesystem::path& dir, size_t window,
                          size_t batch_limit) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    journal::Journal journal((dir / "journal.db").string());
    ingest::IngestConfig config;
    config.router_endpoint = "tcp://127.0.0.1:*";
    config.pub_endpoint = "";
    config.batch_limit = batch_limit;
    ingest::IngestWorker worker(journal, State{}, config);

    // The "UI": drains once per 60 Hz frame and applies to its replica.
    std::atomic<uint64_t> applied{0};
    std::atomic<bool> ui_stop{false};
    std::thread ui([&] {
        State replica;
        std::vector<Event> events;
        while (!ui_stop) {
            events.clear();
            if (worker.drainCommitted(events)) {
                for (const Event& e : events) apply(replica, e);
                applied += events.size();
            }
            std::this_thread::sleep_for(std::chrono::microseconds(16667));
        }
    });

    client::ClientOptions o;
    o.endpoint = worker.routerEndpoint();
    o.source = "monitor-platform";
    o.resend_after_ms = 5000; // a 20k window under load must not trigger resends of healthy traffic
    client::BackendClient c(o);
    // Warm-up: one message so the connection is up before timing.
    {
        c.send("heartbeat", "{}");
        c.waitAllAcked(client::Clock::now() + std::chrono::seconds(10));
    }

    const auto t0 = Clock::now();
    const uint64_t first_seq = c.nextSeq();
    for (size_t i = 0; i < envelopes.size(); ++i) {
        while (c.unacked() >= window) c.pump(1);
        c.sendEnvelope(first_seq + i, envelopes[i]);
        if ((i & 255) == 0) c.pump(0);
    }
    c.waitAllAcked(client::Clock::now() + std::chrono::seconds(300));
    while (applied.load() < envelopes.size() + 1 && secondsSince(t0) < 300)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    const double s = secondsSince(t0);
    ui_stop = true;
    ui.join();

    const auto counters = worker.counters();
    worker.stop();
    DurableResult r;
    r.rate = envelopes.size() / s;
    r.batches = counters.batches;
    r.avg_batch = counters.batches ? double(counters.accepted - counters.heartbeats) / counters.batches : 0;
    r.max_commit_ms = counters.max_commit_ms;
    r.last_commit_ms = counters.last_commit_ms;
    r.resends = c.resends();
    if (c.acked() != envelopes.size() + 1 || !counters.fault.empty())
        std::printf("durable: only %llu of %zu acked; fault: %s\n", static_cast<unsigned long long>(c.acked()),
                    envelopes.size() + 1, counters.fault.c_str());
    return r;
}

} // namespace

int main(int argc, char** argv) {
    const uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    const size_t window = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 20000;
    const size_t batch_limit = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : ingest::IngestConfig{}.batch_limit;
    const char* base = std::getenv("WALL_BENCH_DIR");
    const std::filesystem::path dir =
        std::filesystem::path(base ? base : "/tmp") / ("wall-bench-ingest-" + std::to_string(::getpid()));

    // Seq 1 is the warm-up heartbeat; events follow from 2.
    const std::vector<std::string> envelopes = makeEnvelopes(events, 2);
    size_t bytes = 0;
    for (auto& e : envelopes) bytes += e.size();
    std::printf("bench_ingest: %llu events (avg %zu bytes), window %zu, batch limit %zu, %d rounds, journal in %s, "
                "%u cores\n",
                static_cast<unsigned long long>(events), bytes / std::max<size_t>(1, envelopes.size()), window,
                batch_limit, rounds,
                dir.string().c_str(), std::thread::hardware_concurrency());
    std::vector<double> ratios, durable_rates, raw_rates;
    for (int r = 0; r < rounds; ++r) {
        const double raw = rawReceiveRate(envelopes);
        const DurableResult d = durableRate(envelopes, dir, window, batch_limit);
        raw_rates.push_back(raw);
        durable_rates.push_back(d.rate);
        ratios.push_back(d.rate / raw);
        std::printf("round %d: raw %.0f ev/s | durable %.0f ev/s (%llu batches, avg %.0f ev/batch, commit last %.1f ms "
                    "max %.1f ms, %llu resends) | durable/raw %.3f\n",
                    r + 1, raw, d.rate, static_cast<unsigned long long>(d.batches), d.avg_batch, d.last_commit_ms,
                    d.max_commit_ms, static_cast<unsigned long long>(d.resends), d.rate / raw);
    }
    std::filesystem::remove_all(dir);
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("median: raw %.0f ev/s, durable %.0f ev/s, durable/raw %.3f (target: durable >= 100000 ev/s)\n",
                median(raw_rates), median(durable_rates), median(ratios));
    return 0;
}
