// kill -9 in the middle of a stream. The console side runs as its own process
// (ingest_test_server); a BackendClient streams events and resends whatever
// is unacked. After the kill and a restart the stream finishes. Then:
//   - every acked event is in the journal exactly once;
//   - the state recovered from the journal equals the state built here from
//     the events as sent (in the journal's order, with its receive times);
//   - the state the console showed just before the kill (its last printed
//     replica hash) is what the journal reproduces for that prefix: alarm and
//     ack states are the same before and after the restart.
#include "server_process.hpp"
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

/// Replays journal records into a State, taking backend events from what was sent.
struct ExpectedState {
    const std::vector<std::string>& sent;  // envelopes by seq - 1
    State state;
    int64_t applied = 0;
    void apply(const journal::Record& r) {
        Event e;
        if (r.source == "operator") {
            auto body = protocol::parseBody(r.type, r.body);
            ASSERT_TRUE(std::holds_alternative<EventBody>(body)) << r.type << " " << r.body;
            e.body = std::get<EventBody>(body);
        } else {
            ASSERT_GE(r.seq, 1u);
            ASSERT_LE(r.seq, sent.size());
            auto parsed = protocol::parseMessage(sent[r.seq - 1]);
            ASSERT_TRUE(std::holds_alternative<protocol::Accepted>(parsed));
            e = std::get<protocol::Accepted>(parsed).event;
        }
        e.source = r.source;
        e.seq = r.seq;
        e.ts_ms = r.ts_ms;
        e.recv_ms = r.recv_ms;
        wall::apply(state, e);
        ++applied;
    }
};

TEST(KillRestart, AckedEventsSurviveKillNineOnceEachAndStateMatches) {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    constexpr uint64_t kEvents = 12000;
    constexpr uint64_t kKillAfterAcks = 4000;
    std::vector<std::string> sent;
    for (uint64_t i = 0; i < kEvents; ++i) sent.push_back(envelope("monitor-platform", i + 1, sampleBody(i, 300)));

    auto server = std::make_unique<ServerProcess>(INGEST_TEST_SERVER, path, "tcp://127.0.0.1:*");
    const std::string endpoint = server->waitReady();
    ASSERT_FALSE(endpoint.empty()) << "ingest_test_server did not start";

    client::ClientOptions o;
    o.endpoint = endpoint;
    o.source = "monitor-platform";
    o.resend_after_ms = 300;
    client::BackendClient c(o);

    uint64_t next = 0, before_applied = 0, before_hash = 0;
    bool killed = false;
    const auto end = std::chrono::steady_clock::now() + 90s;
    while ((next < kEvents || c.unacked() > 0) && std::chrono::steady_clock::now() < end) {
        while (next < kEvents && c.unacked() < 500) {
            c.sendEnvelope(next + 1, sent[next]);
            ++next;
        }
        c.pump(2);
        server->readOutput();
        if (!killed && c.acked() >= kKillAfterAcks) {
            server->killHard();
            before_applied = server->applied();
            before_hash = server->hash();
            killed = true;
            // Down for a while: the client keeps resending into the void.
            for (int i = 0; i < 20; ++i) c.pump(10);
            server = std::make_unique<ServerProcess>(INGEST_TEST_SERVER, path, endpoint);
            ASSERT_EQ(server->waitReady(), endpoint) << "restart could not bind " << endpoint;
        }
    }
    ASSERT_TRUE(killed);
    ASSERT_EQ(c.unacked(), 0u) << "stream did not finish";
    EXPECT_EQ(c.acked(), kEvents);
    EXPECT_TRUE(c.errors().empty()) << c.errors().front().raw;
    ASSERT_GT(before_applied, 0u) << "the console printed nothing before the kill";
    // Give the operator's acks of the last alarms time to land, then stop cleanly.
    for (int i = 0; i < 20; ++i) {
        c.pump(10);
        server->readOutput();
    }
    EXPECT_EQ(server->terminate(), 0);

    journal::Journal journal(path);
    std::set<uint64_t> seqs;
    int64_t backend_records = 0, operator_records = 0;
    ExpectedState expected{sent};
    ExpectedState prefix{sent};
    journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.source == "operator") {
            ++operator_records;
        } else {
            ++backend_records;
            seqs.insert(r.seq);
        }
        expected.apply(r);
        if (prefix.applied < static_cast<int64_t>(before_applied)) prefix.apply(r);
    });
    EXPECT_EQ(backend_records, static_cast<int64_t>(kEvents)) << "an acked event is missing or duplicated";
    EXPECT_EQ(seqs.size(), kEvents);
    EXPECT_EQ(*seqs.begin(), 1u);
    EXPECT_EQ(*seqs.rbegin(), kEvents);
    EXPECT_GT(operator_records, 0);

    const journal::Recovered recovered = journal::recoverState(journal);
    EXPECT_EQ(recovered.skipped, 0);
    EXPECT_EQ(stateHash(recovered.state), stateHash(expected.state));
    ASSERT_EQ(prefix.applied, static_cast<int64_t>(before_applied));
    EXPECT_EQ(stateHash(prefix.state), before_hash) << "the state shown before the kill is not what the journal replays";

    size_t acked_alarms = 0;
    for (auto& [id, a] : recovered.state.alarms) acked_alarms += a.acked;
    EXPECT_GT(acked_alarms, 0u);
    std::printf("[          ] %llu resends, %lld operator acks, %zu acked alarms, killed after %llu applied\n",
                static_cast<unsigned long long>(c.resends()), static_cast<long long>(operator_records), acked_alarms,
                static_cast<unsigned long long>(before_applied));
}

} // namespace
} // namespace wall::test
