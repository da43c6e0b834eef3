// The kill loop: 20 kill -9s at random moments while a backend
// streams 5,000 alarm events/s and resends whatever is unacked, and the
// console's operator acks and shelves alarms as they appear. The console side
// is ingest_test_server (the console's own start-up: integrity-checked open,
// recovery, IngestWorker). After every kill the journal is read here and:
//   - every event the backend saw acked is in it (0 acked events missing);
//   - no (source, seq) is in it twice, and the state the restarted console
//     recovers equals the state rebuilt here from the journal row by row
//     (0 applied twice; ack and shelve states identical);
//   - what the console showed just before the kill is the journal's prefix
//     (nothing reached the screen before it was durable);
//   - the restarted console was READY within 3 s of its spawn.
// Random moments come from a fixed seed, so a failure can be replayed.
#include "server_process.hpp"
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <random>

namespace wall::test {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kKills = 20;
constexpr int kEventsPerSecond = 5000;
constexpr auto kReadyWithin = 3000ms;
constexpr const char* kSource = "monitor-platform";

/// The journal as the test reads it after each kill: every record applied in id order.
struct JournalReplay {
    State state;
    int64_t last_id = 0;
    int64_t records = 0;
    std::vector<uint8_t> backend_seen;  // by seq: times the backend's (source, seq) is in the journal
    int64_t duplicates = 0;
    int64_t operator_rows = 0;

    /// @brief Applies records after last_id; when the count passes prefix_target, returns the hash there.
    std::optional<uint64_t> catchUp(const std::string& path, int64_t prefix_target) {
        std::optional<uint64_t> prefix_hash;
        journal::Journal journal(path, journal::OpenMode::ExistingReadOnly);
        journal.forEachSince(last_id, std::nullopt, [&](const journal::Record& r) {
            auto parsed = protocol::parseBody(r.type, r.body);
            ASSERT_TRUE(std::holds_alternative<EventBody>(parsed)) << r.type << " " << r.body;
            Event e;
            e.source = r.source;
            e.seq = r.seq;
            e.ts_ms = r.ts_ms;
            e.recv_ms = r.recv_ms;
            e.body = std::get<EventBody>(std::move(parsed));
            apply(state, e);
            last_id = r.id;
            ++records;
            if (r.source == kSource) {
                if (backend_seen.size() <= r.seq) backend_seen.resize(r.seq + 1);
                if (backend_seen[r.seq]++ > 0) ++duplicates;
            } else {
                ++operator_rows;
            }
            if (records == prefix_target) prefix_hash = stateHash(state);
        });
        return prefix_hash;
    }
    bool has(uint64_t seq) const { return seq < backend_seen.size() && backend_seen[seq] > 0; }
    std::pair<size_t, size_t> ackedAndShelved() const {
        size_t acked = 0, shelved = 0;
        for (const auto& [id, a] : state.alarms) {
            acked += a.acked;
            shelved += a.shelved_until_ms != 0;
        }
        return {acked, shelved};
    }
};

TEST(KillLoop, TwentyKillNinesDuringA5000PerSecondStreamLoseNothingAndApplyNothingTwice) {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    std::mt19937 random(20260715);
    std::uniform_int_distribution<int> up_ms(250, 900);  // how long each console lives

    // Whole-second bursts are avoided: the client is paced to the rate every millisecond.
    client::ClientOptions o;
    o.source = kSource;
    o.resend_after_ms = 200;
    std::unique_ptr<client::BackendClient> client;
    std::unique_ptr<ServerProcess> server;
    JournalReplay journal;
    std::string endpoint = "tcp://127.0.0.1:*";
    uint64_t sent = 0;
    size_t acks_checked = 0;
    double max_ready_ms = 0;
    const auto test_start = SteadyClock::now();
    const auto stream_start = SteadyClock::now();

    auto checkAckedAreJournaled = [&] {
        const auto& acks = client->acks();
        for (; acks_checked < acks.size(); ++acks_checked)
            ASSERT_TRUE(journal.has(acks[acks_checked].seq))
                << "acked seq " << acks[acks_checked].seq << " is not in the journal";
    };
    auto spawn = [&] {
        const auto t0 = SteadyClock::now();
        server = std::make_unique<ServerProcess>(INGEST_TEST_SERVER, path, endpoint, std::vector<std::string>{"--shelve"});
        const std::string bound = server->waitReady();
        const double ready_ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
        max_ready_ms = std::max(max_ready_ms, ready_ms);
        ASSERT_FALSE(bound.empty()) << "ingest_test_server did not start";
        if (endpoint.back() == '*') endpoint = bound;
        ASSERT_EQ(bound, endpoint);
        const double limit_ms = std::chrono::duration<double, std::milli>(kReadyWithin).count();
        EXPECT_LT(ready_ms, limit_ms)
            << "console not ready to accept within 3 s of its spawn";
        // The recovered state is the journal's, exactly: nothing applied twice, acks and shelves the same.
        ASSERT_TRUE(server->recovered().seen);
        EXPECT_EQ(server->recovered().hash, stateHash(journal.state)) << "after " << journal.records << " records";
        const auto [acked, shelved] = journal.ackedAndShelved();
        EXPECT_EQ(server->recovered().acked, acked);
        EXPECT_EQ(server->recovered().shelved, shelved);
    };
    /// Streams at the rate for `duration` (also resends and reads replies).
    auto stream = [&](std::chrono::milliseconds duration) {
        const auto end = SteadyClock::now() + duration;
        while (SteadyClock::now() < end) {
            const double elapsed_s = std::chrono::duration<double>(SteadyClock::now() - stream_start).count();
            const auto due = static_cast<uint64_t>(elapsed_s * kEventsPerSecond);
            for (; sent < due && client->unacked() < 50000; ++sent)
                client->sendEnvelope(sent + 1, envelope(kSource, sent + 1, sampleBody(sent, 2000)));
            client->pump(1);
            if (server) server->readOutput();
        }
    };

    spawn();
    if (::testing::Test::HasFatalFailure()) return;
    o.endpoint = endpoint;
    client = std::make_unique<client::BackendClient>(o);
    client->keepAcks(true);

    for (int kill = 0; kill < kKills; ++kill) {
        const int64_t records_at_spawn = journal.records;
        stream(std::chrono::milliseconds(up_ms(random)));
        server->killHard();
        const uint64_t shown = server->applied(), shown_hash = server->hash();
        const ServerProcess::Counts counts = server->counts();
        if (counts.seen)
            EXPECT_TRUE(counts.addUp()) << "kill " << kill << ": received " << counts.received << " != accepted "
                                        << counts.accepted << " + duplicates " << counts.duplicates << " + rejected "
                                        << counts.rejected << " + unanswered " << counts.unanswered;
        server.reset();

        const auto prefix = journal.catchUp(path, shown > 0 ? records_at_spawn + static_cast<int64_t>(shown) : -1);
        if (::testing::Test::HasFatalFailure()) return;
        if (shown > 0) {
            ASSERT_TRUE(prefix) << "the console showed " << shown << " events the journal does not hold";
            EXPECT_EQ(*prefix, shown_hash) << "kill " << kill << ": what was shown is not the journal's prefix";
        }
        EXPECT_EQ(journal.duplicates, 0) << "kill " << kill;
        checkAckedAreJournaled();
        if (::testing::Test::HasFatalFailure()) return;

        stream(30ms);  // the backend keeps streaming into the void while the console is down
        spawn();
        if (::testing::Test::HasFatalFailure()) return;
    }

    // Last console: no new events; everything unacked must now be acked.
    const auto drain_end = SteadyClock::now() + 20s;
    while (client->unacked() > 0 && SteadyClock::now() < drain_end) {
        client->pump(5);
        server->readOutput();
    }
    ASSERT_EQ(client->unacked(), 0u) << "stream did not finish";
    EXPECT_TRUE(client->errors().empty()) << client->errors().front().reason << ": " << client->errors().front().detail;
    for (int i = 0; i < 30; ++i) {  // the operator's last acks and shelves land
        client->pump(10);
        server->readOutput();
    }
    EXPECT_EQ(server->terminate(), 0);
    const ServerProcess::Counts last = server->counts();
    ASSERT_TRUE(last.seen);
    EXPECT_TRUE(last.addUp()) << last.received << " != " << last.accepted << " + " << last.duplicates << " + "
                              << last.rejected << " + " << last.unanswered;
    EXPECT_EQ(last.unanswered, 0u) << "every message the last console read was answered";
    EXPECT_EQ(last.rejected, 0u);
    journal.catchUp(path, -1);
    checkAckedAreJournaled();
    EXPECT_EQ(client->acked(), sent);
    EXPECT_EQ(journal.duplicates, 0);
    for (uint64_t seq = 1; seq <= sent; ++seq) ASSERT_TRUE(journal.has(seq)) << "seq " << seq << " never journaled";

    // One more start: it recovers exactly what the journal says.
    spawn();
    EXPECT_EQ(server->terminate(), 0);

    const auto [acked, shelved] = journal.ackedAndShelved();
    EXPECT_GT(acked, 0u);
    EXPECT_GT(shelved, 0u);
    const double total_s = std::chrono::duration<double>(SteadyClock::now() - test_start).count();
    std::printf("[          ] %d kills, %llu events (%llu resends), %lld operator rows, %zu acked / %zu shelved "
                "alarms; max spawn-to-READY %.0f ms; %.1f s in all\n",
                kKills, static_cast<unsigned long long>(sent), static_cast<unsigned long long>(client->resends()),
                static_cast<long long>(journal.operator_rows), acked, shelved, max_ready_ms, total_s);
}

} // namespace
} // namespace wall::test
