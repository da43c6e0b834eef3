// Operator actions from the UI: journaled like any event, applied to both
// states, published on the PUB feed, numbered by a persistent operator seq.
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

/// Receives one feed message ([type][envelope]) within timeout_ms.
std::optional<std::pair<std::string, std::string>> receiveFeed(zmq::socket_t& sub, int timeout_ms) {
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) <= 0) return std::nullopt;
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(sub, std::back_inserter(frames)) || frames.size() != 2) return std::nullopt;
    return std::make_pair(frames[0].to_string(), frames[1].to_string());
}

TEST(OperatorAction, AlarmAckIsJournaledAppliedAndPublished) {
    TempDir dir;
    uint64_t first_operator_seq = 0;
    {
        RunningConsole console(dir.file("journal.db"), loopbackConfig());
        zmq::context_t ctx;
        zmq::socket_t sub(ctx, zmq::socket_type::sub);
        sub.set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::subscribe, "");
        sub.connect(console.worker->pubEndpoint());

        client::ClientOptions o;
        o.endpoint = console.worker->routerEndpoint();
        o.source = "monitor-platform";
        client::BackendClient c(o);
        c.send("alarm.raise", protocol::encodeBody(sampleBody(0)));  // raises AL-0
        ASSERT_TRUE(c.waitAllAcked(client::Clock::now() + 10s));
        ASSERT_TRUE(console.ui.drainUntil(*console.worker, 1));

        // PUB/SUB joins late: publish harmless layout switches until one arrives.
        std::optional<std::pair<std::string, std::string>> got;
        for (int i = 0; i < 100 && !got; ++i) {
            ASSERT_TRUE(console.worker->postAction(LayoutSwitch{"duty"}));
            got = receiveFeed(sub, 100);
        }
        ASSERT_TRUE(got) << "no feed message on " << console.worker->pubEndpoint();
        EXPECT_EQ(got->first, "layout.switch");
        while (receiveFeed(sub, 50)) {} // the other switches still in flight

        ASSERT_TRUE(console.worker->postAction(AlarmAck{"AL-0", "张伟"}));
        std::optional<std::pair<std::string, std::string>> ack;
        for (int i = 0; i < 100 && (!ack || ack->first == "layout.switch"); ++i) ack = receiveFeed(sub, 100);
        ASSERT_TRUE(ack);
        EXPECT_EQ(ack->first, "action.alarm.ack");
        auto parsed = protocol::parseFeedMessage(ack->second);
        ASSERT_TRUE(std::holds_alternative<protocol::Accepted>(parsed)) << ack->second;
        const Event& published = std::get<protocol::Accepted>(parsed).event;
        EXPECT_EQ(published.source, "operator");
        ASSERT_TRUE(std::holds_alternative<AlarmAck>(published.body));
        EXPECT_EQ(std::get<AlarmAck>(published.body).id, "AL-0");
        EXPECT_EQ(std::get<AlarmAck>(published.body).operator_name, "张伟");
        first_operator_seq = published.seq;

        // Applied on the UI replica through the same committed path.
        const auto end = std::chrono::steady_clock::now() + 10s;
        while (!console.ui.state.alarms["AL-0"].acked && std::chrono::steady_clock::now() < end)
            console.ui.drainOnce(*console.worker);
        EXPECT_TRUE(console.ui.state.alarms["AL-0"].acked);
        EXPECT_EQ(console.ui.state.alarms["AL-0"].acked_by, "张伟");

        console.stopWorker();
        bool journaled = false;
        console.journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) {
            if (r.type == "action.alarm.ack" && r.source == "operator" && r.seq == first_operator_seq) journaled = true;
        });
        EXPECT_TRUE(journaled);
        EXPECT_FALSE(console.worker->postAction(AlarmAck{"AL-0", "x"})) << "a stopped worker accepted an action";
    }
    // After a restart the operator seq continues instead of colliding.
    RunningConsole again(dir.file("journal.db"), loopbackConfig());
    EXPECT_TRUE(again.ui.state.alarms["AL-0"].acked);
    ASSERT_TRUE(again.worker->postAction(TaskStatusSet{"TK-1", TaskStatus::Done, "张伟"}));
    ASSERT_TRUE(again.ui.drainUntil(*again.worker, 1));
    EXPECT_EQ(again.ui.last.back().source, "operator");
    EXPECT_GT(again.ui.last.back().seq, first_operator_seq);
    EXPECT_EQ(again.worker->counters().rejectedTotal(), 0u);
}

TEST(OperatorAction, PostActionNeverBlocksWhenTheQueueIsFull) {
    TempDir dir;
    auto config = loopbackConfig();
    config.action_queue_cap = 4;
    config.committed_queue_batches = 1; // the UI never drains here: the worker soon waits
    RunningConsole console(dir.file("journal.db"), config);
    size_t accepted = 0, refused = 0;
    for (int i = 0; i < 200; ++i) (console.worker->postAction(LayoutSwitch{"duty"}) ? accepted : refused)++;
    EXPECT_GT(refused, 0u);
    EXPECT_GE(accepted, 4u);
}

} // namespace
} // namespace wall::test
