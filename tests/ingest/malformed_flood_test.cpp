// A flood of malformed and mutated messages over one real socket into a
// running IngestWorker: bit flips, truncations, wrong types, huge numbers, bad
// UTF-8, deep nesting, over-long fields, duplicate members, garbage, bad
// framing, and some valid messages among them. The worker must survive all of
// it, answer every message, and account for every one: its accepted +
// duplicate + rejected-by-reason counters equal what was sent, reason by
// reason equal to the replies the sender got. Frames above ZMQ_MAXMSGSIZE come
// from a second peer: libzmq drops its connection (the worker never sees those
// messages), so they are accounted for as disconnects on that peer.
//
// Pipelined: one DEALER keeps up to kWindow messages unanswered. Size: 1,000,000
// (WALL_FLOOD_MESSAGES overrides it, e.g. for a quick local run).
#include "test_support.hpp"

#include "protocol/protocol.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>

#include <array>
#include <cstdlib>
#include <map>
#include <random>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

constexpr size_t kDefaultFloodMessages = 1'000'000;
constexpr size_t kWindow = 20'000;         // unanswered messages in flight (under the ROUTER's 200k HWMs)
constexpr int kOversizeMessages = 5;       // frames above ZMQ_MAXMSGSIZE, each from a fresh connection

size_t floodSize() {
    if (const char* n = std::getenv("WALL_FLOOD_MESSAGES")) return std::strtoull(n, nullptr, 10);
    return kDefaultFloodMessages;
}

/// Deterministic mutations of valid envelopes; one message per call.
class FloodGenerator {
public:
    /// One message: its frames (usually one; two for a framing fault).
    std::vector<std::string> next() {
        const uint64_t seq = ++seq_;
        std::string msg = envelope("flood", seq, sampleBody(seq));
        switch (rng_() % 20) {
        case 0: return {msg};                                        // valid
        case 1: case 2: case 3: flipBits(msg); return {msg};
        case 4: case 5: msg.resize(rng_() % msg.size()); return {msg}; // truncated
        case 6: case 7: replaceType(msg); return {msg};
        case 8: case 9: hugeNumber(msg); return {msg};
        case 10: case 11: badUtf8(msg); return {msg};
        case 12: deepNesting(msg); return {msg};
        case 13: overlongField(msg); return {msg};
        case 14: duplicateMember(msg); return {msg};
        case 15: garbage(msg); return {msg};
        case 16: return {msg.substr(0, msg.size() / 2), msg.substr(msg.size() / 2)}; // two frames
        case 17: msg.insert(rng_() % msg.size(), 1, "{}[],:\"\\"[rng_() % 8]); return {msg};
        case 18: replaceBody(msg); return {msg};
        default: msg.erase(rng_() % msg.size(), 1 + rng_() % 8); return {msg};
        }
    }

private:
    void flipBits(std::string& m) {
        for (int i = 1 + static_cast<int>(rng_() % 4); i > 0; --i) m[rng_() % m.size()] ^= static_cast<char>(1u << (rng_() % 8));
    }
    static bool replaceValue(std::string& m, const std::string& key, const std::string& value) {
        const size_t at = m.find("\"" + key + "\":");
        if (at == std::string::npos) return false;
        const size_t start = at + key.size() + 3;
        size_t end = start;
        int depth = 0;
        bool in_string = false;
        for (; end < m.size(); ++end) {
            const char c = m[end];
            if (in_string) { if (c == '\\') ++end; else if (c == '"') in_string = false; continue; }
            if (c == '"') in_string = true;
            else if (c == '{' || c == '[') ++depth;
            else if (c == '}' || c == ']') { if (depth-- == 0) break; }
            else if (c == ',' && depth == 0) break;
        }
        m.replace(start, end - start, value);
        return true;
    }
    void replaceType(std::string& m) {
        static const std::array<const char*, 9> types{"\"alarm.raise\"", "\"alarm.clear\"", "\"task.upsert\"", "\"heartbeat\"",
                                                      "\"action.alarm.ack\"", "\"linkage.show\"", "\"no.such\"", "7", "null"};
        replaceValue(m, "type", types[rng_() % types.size()]);
    }
    void hugeNumber(std::string& m) {
        static const std::array<const char*, 10> numbers{"1e400", "18446744073709551616", "-1", "1e19", "0", "-0",
                                                         "99999999999999999999999999999999", "1.5", "9223372036854775808", "NaN"};
        static const std::array<const char*, 4> keys{"seq", "ts", "v", "deadline"};
        if (!replaceValue(m, keys[rng_() % keys.size()], numbers[rng_() % numbers.size()]))
            replaceValue(m, "seq", numbers[rng_() % numbers.size()]);
    }
    void badUtf8(std::string& m) {
        static const std::array<const char*, 7> bad{"\xff", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\xc0\xaf", "\\ud800"};
        const size_t at = m.find("\"source\":\"") + 10;
        const size_t where = rng_() % 2 ? at : m.rfind('"', m.size() - 3); // in source, or in the body's last string
        m.insert(where, bad[rng_() % bad.size()]);
    }
    void deepNesting(std::string& m) {
        const size_t depth = 20 + rng_() % 3000;
        replaceValue(m, "body", "{\"id\":\"A\",\"x\":" + std::string(depth, '[') + std::string(depth, ']') + "}");
    }
    void overlongField(std::string& m) {
        const size_t bytes = 60 + rng_() % 9000;
        static const std::array<const char*, 3> keys{"source", "id", "title"};
        if (!replaceValue(m, keys[rng_() % keys.size()], "\"" + std::string(bytes, 'z') + "\""))
            replaceValue(m, "source", "\"" + std::string(bytes, 'z') + "\"");
    }
    void duplicateMember(std::string& m) { m.insert(1, "\"seq\":1,"); }
    void garbage(std::string& m) {
        m.resize(1 + rng_() % 300);
        for (char& c : m) c = static_cast<char>(rng_());
    }
    void replaceBody(std::string& m) {
        static const std::array<const char*, 6> bodies{"[]", "\"x\"", "{}", "{\"id\":\"\"}", "{\"id\":\"A\",\"level\":\"purple\"}", "null"};
        replaceValue(m, "body", bodies[rng_() % bodies.size()]);
    }

    std::mt19937_64 rng_{20260714};
    uint64_t seq_ = 0;
};

/// What the sender saw in replies, by kind.
struct ReplyTally {
    uint64_t acks = 0;
    uint64_t duplicate_acks = 0;
    std::map<std::string, uint64_t> errors; // by reason
    uint64_t unreadable = 0;
    uint64_t total() const {
        uint64_t n = acks + duplicate_acks + unreadable;
        for (const auto& [reason, count] : errors) n += count;
        return n;
    }
    void add(const zmq::message_t& reply) {
        const auto parsed = protocol::parseReply(reply.to_string_view());
        if (!parsed) ++unreadable;
        else if (parsed->is_ack) ++(parsed->duplicate ? duplicate_acks : acks);
        else ++errors[parsed->reason];
    }
};

/// Frames above ZMQ_MAXMSGSIZE, each from a fresh DEALER; returns how many connections the console dropped.
int sendOversizeFromFreshPeers(zmq::context_t& ctx, const std::string& endpoint, size_t limit) {
    int dropped = 0;
    for (int i = 0; i < kOversizeMessages; ++i) {
        zmq::socket_t peer(ctx, zmq::socket_type::dealer);
        peer.set(zmq::sockopt::linger, 0);
        peer.set(zmq::sockopt::reconnect_ivl, -1);
        const std::string monitor_ep = "inproc://oversize-monitor-" + std::to_string(i);
        zmq_socket_monitor(peer.handle(), monitor_ep.c_str(), ZMQ_EVENT_DISCONNECTED);
        zmq::socket_t monitor(ctx, zmq::socket_type::pair);
        monitor.connect(monitor_ep);
        monitor.set(zmq::sockopt::rcvtimeo, 10000);
        peer.connect(endpoint);
        peer.send(zmq::buffer(std::string(limit + 1 + i * 4096, '{')), zmq::send_flags::none);
        zmq::message_t event, address;
        if (monitor.recv(event) && monitor.recv(address)) ++dropped;
        zmq_socket_monitor(peer.handle(), nullptr, 0);
    }
    return dropped;
}

TEST(MalformedFlood, EveryMessageIsAnsweredAndAccountedForAndTheWorkerSurvives) {
    TempDir dir;
    auto config = loopbackConfig();
    RunningConsole console(dir.file("journal.db"), config);
    const std::string endpoint = console.worker->routerEndpoint();

    zmq::context_t ctx;
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    dealer.set(zmq::sockopt::sndhwm, 0); // the window bounds what is queued
    dealer.set(zmq::sockopt::rcvhwm, 0);
    dealer.connect(endpoint);

    const size_t total = floodSize();
    FloodGenerator generator;
    ReplyTally tally;
    size_t sent = 0;
    zmq::message_t reply;
    const auto t0 = std::chrono::steady_clock::now();
    auto receiveFor = [&](std::chrono::milliseconds timeout) {
        zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, timeout) <= 0) return false;
        while (dealer.recv(reply, zmq::recv_flags::dontwait)) tally.add(reply);
        return true;
    };
    auto lastProgress = std::chrono::steady_clock::now();
    while (sent < total || tally.total() < sent) {
        while (sent < total && sent - tally.total() < kWindow) {
            const auto frames = generator.next();
            for (size_t f = 0; f < frames.size(); ++f)
                dealer.send(zmq::buffer(frames[f]), f + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
            ++sent;
        }
        if (receiveFor(sent < total ? 1ms : 100ms)) lastProgress = std::chrono::steady_clock::now();
        console.ui.drainOnce(*console.worker); // the UI side: committed batches must not back up
        ASSERT_LT(std::chrono::steady_clock::now() - lastProgress, 30s)
            << "no reply for 30 s: " << tally.total() << " of " << sent << " answered; fault: " << console.worker->counters().fault;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int oversize_dropped = sendOversizeFromFreshPeers(ctx, endpoint, config.max_message_bytes);

    // Still alive and serving: a valid message after the flood is accepted.
    dealer.send(zmq::buffer(envelope("after-flood", 1, AlarmClear{"A1"})), zmq::send_flags::none);
    ASSERT_TRUE(receiveFor(10s));
    ASSERT_TRUE(console.worker->running()) << console.worker->counters().fault;

    // The worker's accounting, to the message: the flood plus the one valid message after it.
    const ingest::IngestCounters c = console.worker->counters();
    EXPECT_TRUE(c.fault.empty()) << c.fault;
    EXPECT_EQ(tally.unreadable, 0u);
    EXPECT_EQ(c.received, sent + 1);
    EXPECT_EQ(c.unanswered, 0u) << "every message was answered";
    EXPECT_EQ(c.accepted + c.duplicates + c.rejectedTotal() + c.unanswered, c.received) << "a message went unaccounted";
    EXPECT_EQ(c.accepted, tally.acks);
    EXPECT_EQ(c.duplicates, tally.duplicate_acks);
    for (int r = 0; r < protocol::kRejectReasonCount; ++r) {
        const char* reason = protocol::toWire(static_cast<protocol::RejectReason>(r));
        EXPECT_EQ(c.rejected[r], tally.errors.count(reason) ? tally.errors.at(reason) : 0u) << reason;
    }
    EXPECT_EQ(oversize_dropped, kOversizeMessages) << "an oversize peer was not disconnected";
    EXPECT_EQ(c.rejected[static_cast<int>(protocol::RejectReason::Oversize)], 0u) << "an oversize frame reached the worker";

    // The mix really was mixed: most refused, some accepted, many reasons.
    EXPECT_GT(tally.acks, sent / 40);
    EXPECT_GT(c.rejectedTotal(), sent / 2);
    EXPECT_GE(tally.errors.size(), 6u);

    std::string reasons;
    for (const auto& [reason, count] : tally.errors) reasons += " " + reason + "=" + std::to_string(count);
    std::printf("flood: %zu messages in %.1f s (%.0f msg/s): accepted %llu, duplicate %llu, rejected%s; "
                "%d oversize peers dropped\n",
                sent, seconds, sent / seconds, static_cast<unsigned long long>(c.accepted),
                static_cast<unsigned long long>(c.duplicates), reasons.c_str(), oversize_dropped);
}

} // namespace
} // namespace wall::test
