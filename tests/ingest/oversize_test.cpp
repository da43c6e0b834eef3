// Oversize input: a frame above the ROUTER's ZMQ_MAXMSGSIZE (= max_message_bytes,
// 1 MiB by default) makes libzmq drop that peer's connection as soon as the
// frame header announces the size, so the console never buffers the body. The
// console side runs as its own process (ingest_test_server) so its memory can
// be read from /proc while a 10 MiB message arrives.
#include "server_process.hpp"
#include "test_support.hpp"

#include "common/proc_status.hpp"

#include "client/backend_client.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>


namespace wall::test {
namespace {

using namespace std::chrono_literals;

/// Resident memory of a process, from /proc/<pid>/status (kB).
struct Memory {
    long rss_kb = -1;   // VmRSS: now
    long peak_kb = -1;  // VmHWM: the most it ever had resident
};

Memory memoryOf(pid_t pid) {
    return {wall::testing::procStatusKb("VmRSS", std::to_string(pid)),
            wall::testing::procStatusKb("VmHWM", std::to_string(pid))};
}

/// The next monitor event of the given kind within timeout; other events are skipped.
bool waitForEvent(zmq::socket_t& monitor, uint16_t wanted, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    monitor.set(zmq::sockopt::rcvtimeo, 100);
    while (std::chrono::steady_clock::now() < end) {
        zmq::message_t header, address;
        if (!monitor.recv(header)) continue;
        (void)monitor.recv(address); // every event is [event id + value][endpoint]
        uint16_t event = 0;
        std::memcpy(&event, header.data(), sizeof event);
        if (event == wanted) return true;
    }
    return false;
}

TEST(Oversize, A10MiBMessageDisconnectsItsPeerWhileOthersAreServedAndMemoryStaysBounded) {
    TempDir dir;
    ServerProcess server(INGEST_TEST_SERVER, dir.file("journal.db"), "tcp://127.0.0.1:*");
    const std::string endpoint = server.waitReady();
    ASSERT_FALSE(endpoint.empty()) << "ingest_test_server never became ready";

    // A polite backend warms the console up first, so the baseline includes
    // its steady-state buffers (journal cache, parser, socket queues).
    client::ClientOptions o;
    o.endpoint = endpoint;
    o.source = "polite";
    client::BackendClient polite(o);
    for (uint64_t i = 0; i < 500; ++i) polite.send(eventTypeName(sampleBody(i)), protocol::encodeBody(sampleBody(i)));
    ASSERT_TRUE(polite.waitAllAcked(client::Clock::now() + 20s));
    const Memory before = memoryOf(server.pid());
    ASSERT_GT(before.rss_kb, 0) << "cannot read /proc/" << server.pid() << "/status";

    zmq::context_t ctx;
    zmq::socket_t abuser(ctx, zmq::socket_type::dealer);
    abuser.set(zmq::sockopt::linger, 0);
    abuser.set(zmq::sockopt::reconnect_ivl, -1); // once dropped, stays dropped: the drop is observable
    ASSERT_EQ(zmq_socket_monitor(abuser.handle(), "inproc://abuser-monitor",
                                 ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED), 0);
    zmq::socket_t monitor(ctx, zmq::socket_type::pair);
    monitor.connect("inproc://abuser-monitor");
    abuser.connect(endpoint);
    ASSERT_TRUE(waitForEvent(monitor, ZMQ_EVENT_CONNECTED, 10s));

    // 10 MiB that would otherwise be a perfectly valid alarm.
    Alarm huge;
    huge.id = "HUGE-1";
    huge.level = WarningLevel::Red;
    huge.category = "rain";
    huge.title = "超大消息";
    huge.message = std::string(10u << 20, 'x');
    ASSERT_TRUE(abuser.send(zmq::buffer(envelope("abuser", 1, AlarmRaise{huge})), zmq::send_flags::none));
    ASSERT_TRUE(waitForEvent(monitor, ZMQ_EVENT_DISCONNECTED, 20s)) << "the console kept the oversize peer connected";

    // The connection is gone for good: the abuser's next message has no peer to go to.
    EXPECT_FALSE(abuser.send(zmq::buffer(envelope("abuser", 2, AlarmClear{"HUGE-1"})), zmq::send_flags::dontwait));
    zmq::message_t reply;
    EXPECT_FALSE(abuser.recv(reply, zmq::recv_flags::dontwait)) << "the oversize message was answered: " << reply.to_string();

    // Everyone else is still served, and nothing of the 10 MiB stayed or ever became resident.
    for (uint64_t i = 500; i < 1000; ++i) polite.send(eventTypeName(sampleBody(i)), protocol::encodeBody(sampleBody(i)));
    ASSERT_TRUE(polite.waitAllAcked(client::Clock::now() + 20s));
    const Memory after = memoryOf(server.pid());
    constexpr long kTenMiBkB = 10 * 1024;
    EXPECT_LT(after.rss_kb - before.rss_kb, kTenMiBkB) << "RSS " << before.rss_kb << " kB -> " << after.rss_kb << " kB";
    EXPECT_LT(after.peak_kb - before.peak_kb, kTenMiBkB)
        << "peak RSS " << before.peak_kb << " kB -> " << after.peak_kb << " kB: the message was buffered";
    RecordProperty("rss_growth_kb", static_cast<int>(after.rss_kb - before.rss_kb));
    RecordProperty("peak_rss_growth_kb", static_cast<int>(after.peak_kb - before.peak_kb));
    std::printf("console RSS %ld -> %ld kB, peak %ld -> %ld kB\n", before.rss_kb, after.rss_kb, before.peak_kb, after.peak_kb);
    EXPECT_EQ(server.terminate(), 0) << "the console did not shut down cleanly";
}

} // namespace
} // namespace wall::test
