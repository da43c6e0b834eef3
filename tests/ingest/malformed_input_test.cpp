// Bad input over a real socket: each gets an error reply with the right
// machine-readable reason, nothing is journaled or applied, the worker keeps
// serving, and the counters add up (accepted + rejected = received).
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

struct BadMessage {
    std::string bytes;
    std::string reason;
};

std::vector<BadMessage> badMessages() {
    const std::string ok_body = R"({"id":"A1"})";
    return {
        {"this is not json", "not_json"},
        {"", "not_json"},
        {R"([1,2,3])", "not_json"},
        {R"({"v":2,"source":"t","seq":1,"ts":1,"type":"alarm.clear","body":{"id":"A1"}})", "bad_version"},
        {R"({"source":"t","seq":2,"ts":1,"type":"alarm.clear","body":{"id":"A1"}})", "bad_version"},
        {R"({"v":1,"source":"t","seq":3,"ts":1,"type":"alarm.explode","body":{}})", "unknown_type"},
        {R"({"v":1,"source":"t","seq":4,"ts":1,"type":"action.alarm.ack","body":{"id":"A1","operator":"x"}})",
         "unknown_type"},
        {R"({"v":1,"source":"t","seq":5,"ts":1,"type":"alarm.clear"})", "missing_field"},
        {R"({"v":1,"source":"t","seq":6,"ts":1,"type":"alarm.clear","body":{}})", "missing_field"},
        {R"({"v":1,"source":"t","seq":"7","ts":1,"type":"alarm.clear","body":{"id":"A1"}})", "wrong_field_type"},
        {R"({"v":1,"source":"t","seq":8,"ts":1,"type":"alarm.clear","body":{"id":5}})", "wrong_field_type"},
        {R"({"v":1,"source":"t","seq":9,"ts":1,"type":"alarm.update","body":{"id":"A1","level":"purple"}})",
         "bad_value"},
    };
}

TEST(MalformedInput, EachBadMessageGetsItsReasonAndTheWorkerKeepsServing) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    client::ClientOptions o;
    o.endpoint = console.worker->routerEndpoint();
    o.source = "t";
    client::BackendClient c(o);

    const auto bad = badMessages();
    for (const BadMessage& m : bad) ASSERT_TRUE(c.sendRaw(m.bytes));
    const auto end = client::Clock::now() + 20s;
    while (c.errors().size() < bad.size() && client::Clock::now() < end) c.pump(20);
    ASSERT_EQ(c.errors().size(), bad.size());
    // One DEALER, one ROUTER: replies come back in send order.
    for (size_t i = 0; i < bad.size(); ++i)
        EXPECT_EQ(c.errors()[i].reason, bad[i].reason)
            << "message " << i << " (" << bad[i].bytes.substr(0, 80) << "): " << c.errors()[i].detail;

    // Still serving, and nothing of the above was journaled or applied.
    c.send("alarm.clear", R"({"id":"A1"})");
    ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_TRUE(console.ui.drainUntil(*console.worker, 1));
    EXPECT_EQ(console.ui.drained, 1u);

    const auto counters = console.worker->counters();
    EXPECT_EQ(counters.received, bad.size() + 1);
    EXPECT_EQ(counters.accepted + counters.rejectedTotal(), counters.received);
    EXPECT_EQ(counters.rejectedTotal(), bad.size());
    EXPECT_EQ(counters.rejected[static_cast<int>(protocol::RejectReason::NotJson)], 3u);
    // Oversize never reaches the worker: ZMQ_MAXMSGSIZE drops the peer (oversize_test.cpp).
    EXPECT_EQ(counters.rejected[static_cast<int>(protocol::RejectReason::Oversize)], 0u);
    EXPECT_TRUE(counters.fault.empty()) << counters.fault;
    console.stopWorker();
    EXPECT_EQ(console.journal->stats().events, 1);
}

TEST(MalformedInput, UnexpectedFramingIsRefusedAsBadFraming) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    zmq::context_t ctx;
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    dealer.connect(console.worker->routerEndpoint());
    // Two non-empty frames: neither [payload] nor [empty][payload].
    dealer.send(zmq::str_buffer("first"), zmq::send_flags::sndmore);
    dealer.send(zmq::str_buffer("second"), zmq::send_flags::none);
    // REQ-style [empty][payload] is fine and gets its reply after an empty frame.
    const std::string good = envelope("req-style", 1, AlarmClear{"A1"});
    dealer.send(zmq::message_t(), zmq::send_flags::sndmore);
    dealer.send(zmq::buffer(good), zmq::send_flags::none);

    dealer.set(zmq::sockopt::rcvtimeo, 10000);
    zmq::message_t reply;
    ASSERT_TRUE(dealer.recv(reply));
    auto first = protocol::parseReply(reply.to_string_view());
    ASSERT_TRUE(first.has_value()) << reply.to_string();
    EXPECT_FALSE(first->is_ack);
    EXPECT_EQ(first->reason, "bad_framing");

    ASSERT_TRUE(dealer.recv(reply));
    EXPECT_EQ(reply.size(), 0u) << "REQ-style reply lacks its empty delimiter";
    ASSERT_TRUE(dealer.recv(reply));
    auto second = protocol::parseReply(reply.to_string_view());
    ASSERT_TRUE(second.has_value());
    EXPECT_TRUE(second->is_ack);
    EXPECT_EQ(second->seq, 1u);
    EXPECT_EQ(console.worker->counters().rejected[static_cast<int>(protocol::RejectReason::BadFraming)], 1u);
}

TEST(MalformedInput, AFrameBeyondTheHardLimitDropsOnlyThatPeer) {
    TempDir dir;
    auto config = loopbackConfig();
    config.max_message_bytes = 4096; // = ZMQ_MAXMSGSIZE
    RunningConsole console(dir.file("journal.db"), config);
    client::ClientOptions o;
    o.endpoint = console.worker->routerEndpoint();
    o.source = "abuser";
    client::BackendClient abuser(o);
    ASSERT_TRUE(abuser.sendRaw(std::string(1 << 20, 'x')));
    o.source = "polite";
    client::BackendClient polite(o);
    polite.send("alarm.clear", R"({"id":"A1"})");
    ASSERT_TRUE(polite.waitAllAcked(client::Clock::now() + 10s));
    EXPECT_TRUE(console.worker->running());
    EXPECT_TRUE(console.worker->counters().fault.empty());
}

} // namespace
} // namespace wall::test
