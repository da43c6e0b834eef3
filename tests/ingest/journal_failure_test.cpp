// A failed fsync stops the journal writer for good (PostgreSQL's
// lesson): the journal runs through a test VFS that fails xSync on demand
// (tests/journal/failing_vfs.hpp), so SQLite sees a real SQLITE_IOERR_FSYNC.
// After the failure nothing more is acked, even once the disk "recovers"; the
// fault is reported; the backend keeps its unacked messages and a restarted
// console journals each of them exactly once.
#include "test_support.hpp"

#include "../journal/failing_vfs.hpp"

#include "client/backend_client.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

TEST(JournalFailure, FailedFsyncStopsTheWriterNothingMoreIsAckedAndARestartTakesTheResends) {
    registerFailingSyncVfs();
    TempDir dir;
    const std::string path = dir.file("journal.db");
    constexpr uint64_t kBefore = 200, kAfter = 200;
    std::string endpoint;

    auto journal = std::make_unique<journal::Journal>(
        path, journal::OpenOptions{journal::OpenMode::CreateOrOpen, false, kFailingSyncVfs});
    auto worker = std::make_unique<ingest::IngestWorker>(*journal, State{}, loopbackConfig());
    endpoint = worker->routerEndpoint();

    client::ClientOptions o;
    o.endpoint = endpoint;
    o.source = "monitor-platform";
    o.resend_after_ms = 100;
    client::BackendClient c(o);
    for (uint64_t i = 0; i < kBefore; ++i) c.sendEnvelope(i + 1, envelope(o.source, i + 1, sampleBody(i)));
    ASSERT_TRUE(c.waitAllAcked(std::chrono::steady_clock::now() + 10s));
    ASSERT_EQ(c.acked(), kBefore);

    setSyncFails(true);
    for (uint64_t i = kBefore; i < kBefore + kAfter; ++i) c.sendEnvelope(i + 1, envelope(o.source, i + 1, sampleBody(i)));
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (worker->running() && std::chrono::steady_clock::now() < end) c.pump(10);
    setSyncFails(false);  // the disk "works" again: the writer must not try again

    EXPECT_FALSE(worker->running()) << "the writer must stop for good on a failed commit";
    const std::string fault = worker->counters().fault;
    EXPECT_NE(fault.find("journal write failed"), std::string::npos) << fault;
    EXPECT_NE(fault.find("fsync"), std::string::npos) << "the fault names the cause: " << fault;
    EXPECT_FALSE(worker->postAction(AlarmAck{"AL-1", "值班员"})) << "no operator action is taken either";
    for (int i = 0; i < 50; ++i) c.pump(10);  // resends go unanswered
    EXPECT_EQ(c.acked(), kBefore) << "nothing is acked after the failed commit";
    EXPECT_EQ(c.unacked(), kAfter);

    // Restart on the same endpoint with the ordinary VFS: the resends are taken.
    worker.reset();
    journal.reset();
    ingest::IngestConfig config = loopbackConfig();
    config.router_endpoint = endpoint;
    RunningConsole restarted(path, config);
    ASSERT_TRUE(c.waitAllAcked(std::chrono::steady_clock::now() + 15s));
    EXPECT_EQ(c.acked(), kBefore + kAfter);
    EXPECT_TRUE(c.errors().empty());
    restarted.stopWorker();

    std::multiset<uint64_t> seqs;
    restarted.journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.source == o.source) seqs.insert(r.seq);
    });
    EXPECT_EQ(seqs.size(), kBefore + kAfter) << "each event journaled exactly once";
    for (uint64_t seq = 1; seq <= kBefore + kAfter; ++seq) EXPECT_EQ(seqs.count(seq), 1u) << seq;
}

} // namespace
} // namespace wall::test
