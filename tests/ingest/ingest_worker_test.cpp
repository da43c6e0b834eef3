// The ingest path over real sockets: every accepted event is journaled once,
// acked after commit, applied once, and reaches the UI in commit order.
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

namespace wall::test {
namespace {

using namespace std::chrono_literals;
using client::BackendClient;
using client::ClientOptions;

ClientOptions clientFor(const ingest::IngestWorker& w, const std::string& source, uint64_t first_seq = 1) {
    ClientOptions o;
    o.endpoint = w.routerEndpoint();
    o.source = source;
    o.first_seq = first_seq;
    return o;
}

/// Sends envelopes with at most `window` in flight, then waits for every ack.
void sendAll(BackendClient& c, const std::vector<std::string>& envelopes, uint64_t first_seq, size_t window = 2000) {
    for (size_t i = 0; i < envelopes.size(); ++i) {
        while (c.unacked() >= window) c.pump(10);
        c.sendEnvelope(first_seq + i, envelopes[i]);
        if (i % 256 == 0) c.pump(0);
    }
    ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 60s)) << c.unacked() << " messages never acked";
}

// ---- Group: the 10,000-event stream of the issue, then resends of part of it.
TEST(IngestWorker, TenThousandEventsAreAckedJournaledAndAppliedOnceEvenWhenResent) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    BackendClient c(clientFor(*console.worker, "monitor-platform"));

    constexpr uint64_t kEvents = 10000;
    std::vector<std::string> envelopes;
    for (uint64_t i = 0; i < kEvents; ++i) envelopes.push_back(envelope("monitor-platform", i + 1, sampleBody(i)));
    sendAll(c, envelopes, 1);
    EXPECT_EQ(c.acked(), kEvents);
    EXPECT_TRUE(c.errors().empty()) << c.errors().front().raw;
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, kEvents));
    EXPECT_EQ(console.ui.drained, kEvents);
    const uint64_t hash_after_stream = stateHash(console.ui.state);
    const std::string layout_before = console.ui.state.active_layout;
    const uint64_t applied_before = console.ui.state.applied_events;
    const TimeMs last_event_before = console.ui.state.last_event_ms;
    // Undoes the marker below for the hash comparisons (stateHash covers every member):
    // its layout, and the link and counters it moved.
    auto undoMarker = [&](State& s) {
        s.active_layout = layout_before;
        s.links.erase("duty-system");
        s.applied_events = applied_before;
        s.last_event_ms = last_event_before;
    };

    // Resend 1,000 of them (same seq, same bytes) from a fresh client, as a
    // backend that restarted would: all acked as duplicates, nothing applied.
    BackendClient again(clientFor(*console.worker, "monitor-platform"));
    std::vector<std::string> repeat(envelopes.begin() + 3000, envelopes.begin() + 4000);
    sendAll(again, repeat, 3001);
    EXPECT_EQ(again.acked(), 1000u);
    EXPECT_EQ(again.duplicateAcks(), 1000u);

    // A marker event after the resends: once it is drained, anything the
    // resends had (wrongly) applied would have been drained before it.
    BackendClient marker(clientFor(*console.worker, "duty-system"));
    marker.send("layout.switch", R"({"layout":"review"})");
    ASSERT_TRUE(marker.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, kEvents + 1));
    EXPECT_EQ(console.ui.drained, kEvents + 1) << "resent duplicates reached the UI";
    EXPECT_EQ(console.ui.state.active_layout, "review");
    undoMarker(console.ui.state);
    EXPECT_EQ(stateHash(console.ui.state), hash_after_stream);

    // Same seq, different body: refused as stale_or_duplicate, not applied.
    BackendClient liar(clientFor(*console.worker, "monitor-platform"));
    liar.sendEnvelope(42, envelope("monitor-platform", 42, AlarmClear{"AL-DIFFERENT"}));
    liar.waitAllAcked(client::Clock::now() + 10s);
    ASSERT_EQ(liar.errors().size(), 1u);
    EXPECT_EQ(liar.errors()[0].reason, "stale_or_duplicate");
    EXPECT_EQ(liar.errors()[0].seq, 42u);

    const auto counters = console.worker->counters();
    EXPECT_EQ(counters.accepted, kEvents + 1);
    EXPECT_EQ(counters.duplicates, 1000u);
    EXPECT_EQ(counters.rejected[static_cast<int>(protocol::RejectReason::StaleOrDuplicate)], 1u);
    EXPECT_TRUE(counters.fault.empty()) << counters.fault;

    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, static_cast<int64_t>(kEvents + 1));
    // The journal replays to exactly what the UI saw.
    journal::Recovered r = journal::recoverState(*console.journal);
    undoMarker(r.state);
    EXPECT_EQ(stateHash(r.state), hash_after_stream);
}

TEST(IngestWorker, RepeatsInsideOneBatchAreJournaledOnce) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    BackendClient c(clientFor(*console.worker, "field-task"));
    c.keepAcks(true);
    // Each envelope twice back to back on one connection: most pairs land in
    // the same batch, where the second copy is judged against the first.
    constexpr uint64_t kEvents = 300;
    for (uint64_t i = 0; i < kEvents; ++i) {
        const std::string env = envelope("field-task", i + 1, sampleBody(i));
        ASSERT_TRUE(c.sendRaw(env));
        ASSERT_TRUE(c.sendRaw(env));
    }
    const auto end = client::Clock::now() + 30s;
    while (c.acks().size() < 2 * kEvents && client::Clock::now() < end) c.pump(10);
    ASSERT_EQ(c.acks().size(), 2 * kEvents);
    EXPECT_TRUE(c.errors().empty());
    std::map<uint64_t, int> fresh, repeated;
    for (const auto& a : c.acks()) (a.duplicate ? repeated : fresh)[a.seq]++;
    EXPECT_EQ(fresh.size(), kEvents);
    EXPECT_EQ(repeated.size(), kEvents);
    EXPECT_EQ(console.worker->counters().duplicates, kEvents);
    EXPECT_EQ(console.worker->counters().accepted, kEvents);
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, kEvents));
    console.ui.drainOnce(*console.worker);
    EXPECT_EQ(console.ui.drained, kEvents);
    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, static_cast<int64_t>(kEvents));
}

TEST(IngestWorker, TwoCopiesWithDifferentBodiesInOneBatch) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    BackendClient c(clientFor(*console.worker, "field-task"));
    c.keepAcks(true);
    ASSERT_TRUE(c.sendRaw(envelope("field-task", 7, AlarmClear{"A"})));
    ASSERT_TRUE(c.sendRaw(envelope("field-task", 7, AlarmClear{"B"})));
    const auto end = client::Clock::now() + 10s;
    while (c.acks().size() + c.errors().size() < 2 && client::Clock::now() < end) c.pump(10);
    ASSERT_EQ(c.acks().size(), 1u);
    ASSERT_EQ(c.errors().size(), 1u);
    EXPECT_EQ(c.errors()[0].reason, "stale_or_duplicate");
    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, 1);
}

// ---- Group: heartbeats and links.
// A heartbeat is acked and reaches the deciders (the link watch), but leaves no state: it is never
// journaled, and the state must stay what the journal replays.
TEST(IngestWorker, HeartbeatsAreAckedButNeitherJournaledNorInTheState) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    BackendClient c(clientFor(*console.worker, "calling-system"));
    for (int i = 0; i < 5; ++i) c.send("heartbeat", "{}");
    ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 10s));
    EXPECT_EQ(c.acked(), 5u);
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, 5));
    EXPECT_FALSE(console.ui.state.links.count("calling-system"));
    EXPECT_EQ(console.ui.state.applied_events, 0u);
    EXPECT_EQ(console.worker->counters().heartbeats, 5u);
    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, 0);
}

// ---- Group: checkpoints and restart.
TEST(IngestWorker, CheckpointsEveryNEventsAndRecoveryMatchesTheUi) {
    TempDir dir;
    uint64_t ui_hash = 0;
    {
        auto config = loopbackConfig();
        config.checkpoint_every = 100;
        config.batch_limit = 64;
        RunningConsole console(dir.file("journal.db"), config);
        BackendClient c(clientFor(*console.worker, "monitor-platform"));
        std::vector<std::string> envelopes;
        for (uint64_t i = 0; i < 450; ++i) envelopes.push_back(envelope("monitor-platform", i + 1, sampleBody(i, 40)));
        sendAll(c, envelopes, 1);
        ASSERT_TRUE(console.ui.drainUntil(*console.worker, 450));
        ui_hash = stateHash(console.ui.state);
        console.stopWorker();
        // A checkpoint follows the first batch that reaches 100 new events since the last.
        EXPECT_GE(console.worker->counters().checkpoints, 3u);
        auto cp = console.journal->latestCheckpoint();
        ASSERT_TRUE(cp.has_value());
        EXPECT_GE(cp->upto_id, 300);
    }
    // A second console on the same journal starts from the checkpoint and
    // keeps the operator/backends' seqs: the resent tail is all duplicates.
    RunningConsole again(dir.file("journal.db"), loopbackConfig());
    EXPECT_EQ(stateHash(again.ui.state), ui_hash);
    BackendClient c(clientFor(*again.worker, "monitor-platform"));
    for (uint64_t i = 440; i < 450; ++i) c.sendEnvelope(i + 1, envelope("monitor-platform", i + 1, sampleBody(i, 40)));
    ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 10s));
    EXPECT_EQ(c.duplicateAcks(), 10u);
}

TEST(IngestWorker, AClientStartedBeforeTheConsoleDeliversOnceItIsUp) {
    TempDir dir;
    std::string endpoint;
    {
        // Learn a free port, then let it go.
        journal::Journal scratch(dir.file("scratch.db"));
        ingest::IngestWorker probe(scratch, State{}, loopbackConfig());
        endpoint = probe.routerEndpoint();
    }
    ClientOptions o;
    o.endpoint = endpoint;
    o.source = "duty-system";
    o.resend_after_ms = 100;
    BackendClient c(o);
    for (int i = 0; i < 20; ++i) c.send("alarm.clear", R"({"id":"nothing"})");
    c.pump(50); // nobody there: all stay unacked
    EXPECT_EQ(c.unacked(), 20u);

    auto config = loopbackConfig();
    config.router_endpoint = endpoint;
    RunningConsole console(dir.file("journal.db"), config);
    ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 20s));
    EXPECT_EQ(c.acked(), 20u);
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, 20));
    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, 20);
}

TEST(IngestWorker, ABusyPortFailsAtConstructionNamingTheEndpoint) {
    TempDir dir;
    RunningConsole first(dir.file("a.db"), loopbackConfig());
    journal::Journal second_journal(dir.file("b.db"));
    ingest::IngestConfig config;
    config.router_endpoint = first.worker->routerEndpoint();
    config.pub_endpoint = "";
    try {
        ingest::IngestWorker second(second_journal, State{}, config);
        FAIL() << "second bind to " << config.router_endpoint << " succeeded";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(config.router_endpoint), std::string::npos) << e.what();
    }
}

TEST(IngestWorker, StopsPromptlyWhileTheUiIsNotDraining) {
    TempDir dir;
    auto config = loopbackConfig();
    config.committed_queue_batches = 1;
    config.batch_limit = 1;
    RunningConsole console(dir.file("journal.db"), config);
    BackendClient c(clientFor(*console.worker, "monitor-platform"));
    for (uint64_t i = 0; i < 50; ++i) c.send("alarm.clear", R"({"id":"x"})");
    // The UI never drains: the worker blocks on the full hand-off queue and
    // acks stall (backpressure). It must still stop when asked.
    while (c.acked() < 1) c.pump(10);
    c.pump(100);
    EXPECT_LT(c.acked(), 50u) << "committed events were dropped instead of holding the worker back";
    console.worker->stop();
    EXPECT_FALSE(console.worker->running());
}

} // namespace
} // namespace wall::test

namespace wall::test {
namespace {

// ---- Group: the client's flow control (docs/protocol.md section 6.1).
TEST(ClientFlowControl, AtMostTheWindowIsInFlightAndTheResendTimerFollowsTheAcks) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    ClientOptions o = clientFor(*console.worker, "monitor-platform");
    o.window = 50;
    o.resend_after_ms = 5; // a floor far below the measured latency: the timer must come from the samples
    BackendClient c(o);
    EXPECT_DOUBLE_EQ(c.resendTimeoutMs(), 5.0) << "before any ack: the configured start";
    for (uint64_t i = 0; i < 2000; ++i) c.send(eventTypeName(sampleBody(i)), protocol::encodeBody(sampleBody(i)));
    EXPECT_LE(c.inFlight(), 50u);
    EXPECT_EQ(c.unacked(), 2000u) << "the rest wait on the client's side, in order";
    size_t most_in_flight = 0;
    const auto deadline = client::Clock::now() + 60s;
    while (c.unacked() > 0 && client::Clock::now() < deadline) {
        c.pump(10);
        most_in_flight = std::max(most_in_flight, c.inFlight());
    }
    ASSERT_EQ(c.unacked(), 0u);
    EXPECT_LE(most_in_flight, 50u);
    EXPECT_EQ(c.acked(), 2000u);
    EXPECT_TRUE(c.errors().empty());
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, 2000));
    EXPECT_GE(c.resendTimeoutMs(), 5.0);
}

// A console that answers every message 30 ms late, far above the client's 5 ms floor:
// the timer learns the latency (backing off after timeouts until a first send is
// answered in time), and from then on it stops resending.
TEST(ClientFlowControl, TheResendTimerLearnsASlowConsolesLatency) {
    zmq::context_t ctx;
    zmq::socket_t router(ctx, zmq::socket_type::router);
    router.set(zmq::sockopt::linger, 0);
    router.bind("tcp://127.0.0.1:*");
    const std::string endpoint = router.get(zmq::sockopt::last_endpoint);
    std::atomic<bool> stop{false};
    std::thread slow_console([&] {
        std::deque<std::pair<client::Clock::time_point, std::pair<std::string, std::string>>> due; // (when, (id, reply))
        while (!stop) {
            zmq::message_t id, payload;
            while (router.recv(id, zmq::recv_flags::dontwait)) {
                (void)router.recv(payload);
                const auto j = nlohmann::json::parse(payload.to_string());
                due.push_back({client::Clock::now() + 30ms,
                               {id.to_string(), R"({"v":1,"type":"ack","source":"slow","seq":)" +
                                                    std::to_string(j["seq"].get<uint64_t>()) + R"(,"duplicate":false})"}});
            }
            while (!due.empty() && due.front().first <= client::Clock::now()) {
                router.send(zmq::buffer(due.front().second.first), zmq::send_flags::sndmore);
                router.send(zmq::buffer(due.front().second.second), zmq::send_flags::none);
                due.pop_front();
            }
            std::this_thread::sleep_for(1ms);
        }
    });
    ClientOptions o;
    o.endpoint = endpoint;
    o.source = "slow";
    o.resend_after_ms = 5;
    BackendClient c(o);
    auto sendAndWait = [&](int n) {
        for (int i = 0; i < n; ++i) c.send("heartbeat", "{}");
        return c.waitAllAcked(client::Clock::now() + 20s);
    };
    EXPECT_DOUBLE_EQ(c.resendTimeoutMs(), 5.0);
    EXPECT_TRUE(sendAndWait(20));
    EXPECT_GT(c.resendTimeoutMs(), 30.0) << "learned from the first sends answered in time";
    const uint64_t resends_while_learning = c.resends();
    for (int round = 0; round < 5; ++round) EXPECT_TRUE(sendAndWait(20));
    // Without learning, each of these 100 would be resent at 5 ms; a loaded machine's
    // scheduling jitter may still cost the odd one.
    EXPECT_LT(c.resends() - resends_while_learning, 10u) << "once learned, messages are not resent";
    stop = true;
    slow_console.join();
}

} // namespace
} // namespace wall::test
