// Replies a pipelining client can always match (docs/protocol.md sections 1
// and 5): the reply is framed like the message, and every refusal carries the
// seq as it was sent whenever the message had an integer seq at all — out of
// range, in a message that is not JSON, or under a bad frame layout. A BOM and
// an escaped surrogate pair are accepted; lone or raw surrogates are refused.
#include "journal/journal.hpp"
#include "protocol/protocol.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace wall::test {
namespace {

/// A raw DEALER on the console: sends frames as given, reads whole replies.
struct RawDealer {
    zmq::context_t context{1};
    zmq::socket_t socket{context, zmq::socket_type::dealer};
    explicit RawDealer(const std::string& endpoint) {
        socket.set(zmq::sockopt::linger, 0);
        socket.set(zmq::sockopt::rcvtimeo, 10000);
        socket.connect(endpoint);
    }
    void send(const std::vector<std::string>& frames) {
        for (size_t i = 0; i < frames.size(); ++i)
            socket.send(zmq::buffer(frames[i]), i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
    }
    /// @brief The next reply's frames; empty on timeout.
    std::vector<std::string> receive() {
        std::vector<zmq::message_t> parts;
        if (!zmq::recv_multipart(socket, std::back_inserter(parts))) return {};
        std::vector<std::string> out;
        for (auto& p : parts) out.push_back(p.to_string());
        return out;
    }
};

std::string heartbeat(uint64_t seq) {
    return R"({"v":1,"source":"probe","seq":)" + std::to_string(seq) + R"(,"ts":1,"type":"heartbeat","body":{}})";
}

TEST(ReplyMatching, TheReplyIsFramedLikeTheMessage) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    RawDealer dealer(console.worker->routerEndpoint());
    dealer.send({heartbeat(1)});
    const auto plain = dealer.receive();
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(plain[0])["seq"], 1);
    dealer.send({"", heartbeat(2)});
    const auto delimited = dealer.receive();
    ASSERT_EQ(delimited.size(), 2u);
    EXPECT_EQ(delimited[0], "");
    EXPECT_EQ(nlohmann::json::parse(delimited[1])["seq"], 2);
}

TEST(ReplyMatching, EveryRefusalWithAnIntegerSeqEchoesItAsSent) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    RawDealer dealer(console.worker->routerEndpoint());
    struct Case {
        std::vector<std::string> frames;
        const char* reason;
        const char* seq_text;   // the seq member of the reply as JSON text; nullptr = absent
    };
    const std::vector<Case> cases = {
        {{R"({"v":1,"source":"probe","seq":0,"ts":1,"type":"heartbeat","body":{}})"}, "bad_value", "0"},
        {{R"({"v":1,"source":"probe","seq":18446744073709551616,"ts":1,"type":"heartbeat","body":{}})"}, "bad_value",
         "18446744073709551616"},
        {{R"({"v":1,"source":"probe","seq":-3,"ts":1,"type":"heartbeat","body":{}})"}, "bad_value", "-3"},
        {{R"({"v":1,"source":"probe","seq":41,"ts":1,"type":"alarm.clear","body":{"id":"A1",}})"}, "not_json", "41"},
        {{R"({"v":1,"source":"probe","seq":42,"ts":1,"type":"alarm.clear","body":{"id":"A1"})"}, "not_json", "42"},
        {{"a", "b", heartbeat(43)}, "bad_framing", "43"},
        {{R"({"v":1,"source":"probe","seq":"44","ts":1,"type":"heartbeat","body":{}})"}, "wrong_field_type", nullptr},
        {{"not json at all"}, "not_json", nullptr},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.frames.back());
        dealer.send(c.frames);
        const auto reply = dealer.receive();
        ASSERT_FALSE(reply.empty()) << "no reply";
        const std::string text = reply.back();
        const nlohmann::json j = nlohmann::json::parse(text);
        EXPECT_EQ(j["type"], "error");
        EXPECT_EQ(j["reason"], c.reason) << text;
        if (c.seq_text) {
            ASSERT_TRUE(j.contains("seq")) << text;
            EXPECT_NE(text.find(std::string("\"seq\":") + c.seq_text), std::string::npos) << text;
            EXPECT_EQ(j["source"], "probe") << text;
        } else {
            EXPECT_FALSE(j.contains("seq")) << text;
        }
    }
}

TEST(ReplyMatching, ABomAndAnEscapedSurrogatePairAreAcceptedLoneOrRawSurrogatesAreNot) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    RawDealer dealer(console.worker->routerEndpoint());
    auto clear = [](uint64_t seq, const std::string& id) {
        return R"({"v":1,"source":"probe","seq":)" + std::to_string(seq) + R"(,"ts":1,"type":"alarm.clear","body":{"id":")" + id + "\"}}";
    };
    auto verdict = [&](const std::string& message) {
        dealer.send({message});
        const auto reply = dealer.receive();
        if (reply.empty()) return std::string("no reply");
        const nlohmann::json j = nlohmann::json::parse(reply.back());
        return j["type"] == "ack" ? std::string("ack") : j["reason"].get<std::string>();
    };
    EXPECT_EQ(verdict("\xEF\xBB\xBF" + clear(1, "A1")), "ack") << "a leading BOM is allowed";
    EXPECT_EQ(verdict(clear(2, R"(\ud842\udfb7)")), "ack") << "Python's json.dumps writes 𠮷 this way";
    EXPECT_EQ(verdict(clear(3, "\xF0\xA0\xAE\xB7")), "ack") << "𠮷 as plain UTF-8";
    EXPECT_EQ(verdict(clear(4, R"(\ud842)")), "not_json") << "a lone high surrogate";
    EXPECT_EQ(verdict(clear(5, R"(\udfb7\ud842)")), "not_json") << "low half first";
    EXPECT_EQ(verdict(clear(6, "\xED\xA0\x80")), "not_json") << "a surrogate encoded as UTF-8";
    EXPECT_EQ(verdict(" \xEF\xBB\xBF" + clear(7, "A7")), "not_json") << "a BOM after whitespace is not a leading BOM";
    console.stopWorker();
    // The pair was journaled as the character it encodes.
    std::vector<std::string> bodies;
    console.journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) { bodies.push_back(r.body); });
    ASSERT_EQ(bodies.size(), 3u);
    EXPECT_EQ(bodies[1], bodies[2]) << "escaped pair and plain UTF-8 are the same id";
    EXPECT_NE(bodies[1].find("\xF0\xA0\xAE\xB7"), std::string::npos) << bodies[1];
}

} // namespace
} // namespace wall::test
