// parseMessage reads with simdjson and falls back to nlohmann-json to name
// faults. The two must never disagree: every input here goes through the
// automatic path and through the nlohmann-only path, and the verdicts
// (reason, detail, source, seq, canonical body) must be identical.
#include "protocol/message_parser.hpp"
#include "protocol_test_support.hpp"

#include <random>

namespace wall::protocol::test {
namespace {

void expectSameVerdict(const std::string& bytes, bool from_feed = false) {
    const ParseResult fast = parseMessageWith(bytes, kDefaultMaxMessageBytes, from_feed, ParserChoice::Auto);
    const ParseResult slow = parseMessageWith(bytes, kDefaultMaxMessageBytes, from_feed, ParserChoice::NlohmannOnly);
    ASSERT_EQ(fast.index(), slow.index()) << "parsers disagree on acceptance of: " << bytes.substr(0, 300)
                                          << "\nfast: " << (fast.index() ? std::get<Rejection>(fast).detail : std::get<Accepted>(fast).body_json)
                                          << "\nslow: " << (slow.index() ? std::get<Rejection>(slow).detail : std::get<Accepted>(slow).body_json);
    if (auto* a = std::get_if<Accepted>(&fast)) {
        const auto& b = std::get<Accepted>(slow);
        EXPECT_EQ(a->type, b.type);
        EXPECT_EQ(a->body_json, b.body_json);
        EXPECT_EQ(a->event.source, b.event.source);
        EXPECT_EQ(a->event.seq, b.event.seq);
        EXPECT_EQ(a->event.ts_ms, b.event.ts_ms);
    } else {
        const auto& x = std::get<Rejection>(fast);
        const auto& y = std::get<Rejection>(slow);
        EXPECT_EQ(toWire(x.reason), std::string(toWire(y.reason))) << bytes.substr(0, 300);
        EXPECT_EQ(x.detail, y.detail) << bytes.substr(0, 300);
        EXPECT_EQ(x.source, y.source);
        EXPECT_EQ(x.has_seq, y.has_seq);
        EXPECT_EQ(x.seq, y.seq);
    }
}

TEST(ParserAgreement, ValidCorpus) {
    for (const auto& file : corpusFiles("valid")) expectSameVerdict(readFile(file));
}

TEST(ParserAgreement, MalformedCorpus) {
    for (const MalformedCase& c : malformedCorpus()) {
        SCOPED_TRACE(c.name);
        expectSameVerdict(c.bytes);
    }
}

TEST(ParserAgreement, NumberEdgeCases) {
    for (const char* n : {"0", "-0", "-0.0", "0.0", "1", "1.0", "1e0", "1E2", "-1", "9223372036854775807", "9223372036854775808",
                          "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                          "1e19", "1e20", "1.5", "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "123456789012345678901234567890",
                          "0.1e1", "00", "01", "-", "1.", ".5", "+1", "0x10", "Infinity"}) {
        SCOPED_TRACE(n);
        for (const char* field : {"seq", "ts"}) {
            std::string msg = R"({"v":1,"source":"s","seq":1,"ts":1,"type":"heartbeat","body":{}})";
            const std::string key = std::string("\"") + field + "\":1";
            msg.replace(msg.find(key), key.size(), std::string("\"") + field + "\":" + n);
            expectSameVerdict(msg);
        }
        expectSameVerdict(std::string(R"({"v":)") + n + R"(,"source":"s","seq":1,"ts":1,"type":"heartbeat","body":{}})");
        expectSameVerdict(envelopeWith("task.upsert", std::string(R"({"id":"T","title":"t","commander":"c","deadline":)") + n + "}"));
    }
}

TEST(ParserAgreement, DepthDuplicatesAndStrings) {
    for (int depth = 25; depth <= 35; ++depth)
        expectSameVerdict(envelopeWith("heartbeat", "{\"x\":" + std::string(depth, '[') + std::string(depth, ']') + "}"));
    for (int depth = 25; depth <= 35; ++depth) {
        std::string nested = "1";
        for (int i = 0; i < depth; ++i) nested = "{\"k\":" + nested + "}";
        expectSameVerdict(envelopeWith("heartbeat", "{\"x\":" + nested + "}"));
    }
    expectSameVerdict(envelopeWith("alarm.clear", R"({"id":"A1","x":{"a":1,"a":2}})"));
    expectSameVerdict(envelopeWith("alarm.clear", R"({"id":"A1","x":[{"a":1},{"b":1,"b":1}]})"));
    std::string many = "{\"id\":\"A1\"";
    for (int i = 0; i < 100; ++i) many += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
    expectSameVerdict(envelopeWith("alarm.clear", many + "}"));
    expectSameVerdict(envelopeWith("alarm.clear", many + ",\"k57\":0}"));
    for (const char* s : {R"("\u0000")", R"("\ud83d\ude92")", R"("\ud83d")", R"("\udc00")", R"("\u00e9")", "\"\xe9\"", "\"\xf4\x90\x80\x80\"",
                          "\"\xef\xbb\xbf\"", R"("a\/b")", R"("\x")", R"("\u12")"}) {
        SCOPED_TRACE(s);
        expectSameVerdict(envelopeWith("alarm.clear", std::string(R"({"id":)") + s + "}"));
        expectSameVerdict(envelopeWith("alarm.raise", std::string(R"({"id":"A","level":"red","category":"c","title":"t","message":)") + s + "}"));
    }
    // Escaped member names are compared unescaped by both parsers.
    expectSameVerdict(envelopeWith("alarm.clear", R"({"\u0069d":"A1"})"));
    expectSameVerdict(envelopeWith("alarm.clear", R"({"id":"A1","\u0069d":"A2"})"));
    expectSameVerdict(envelopeWith("alarm.clear", R"({"id\u0000":"A1"})"));
    expectSameVerdict(R"({"v":1,"sour\u0063e":"s","seq":1,"ts":1,"type":"heartbeat","body":{}})");
    expectSameVerdict("\xef\xbb\xbf" + envelopeWith("heartbeat", "{}")); // a leading BOM: allowed by both (protocol.md section 3)
    expectSameVerdict(envelopeWith("heartbeat", "{}") + std::string(1, '\0'));
    expectSameVerdict(" \t\r\n" + envelopeWith("heartbeat", "{}") + " \t\r\n");
}

TEST(ParserAgreement, FeedMessages) {
    expectSameVerdict(R"({"v":1,"source":"operator","seq":3,"ts":1,"type":"action.alarm.ack","body":{"id":"A","operator":"王"}})", true);
    expectSameVerdict(R"({"v":1,"source":"operator","seq":3,"ts":1,"type":"action.task.status","body":{"id":"T","status":"x","operator":"王"}})", true);
}

TEST(ParserAgreement, MutatedCorpus) {
    std::vector<std::string> seeds;
    for (const auto& file : corpusFiles("valid")) seeds.push_back(readFile(file));
    for (const MalformedCase& c : malformedCorpus()) seeds.push_back(c.bytes);
    std::mt19937 rng(7140814); // fixed seed: the same mutations every run
    const std::string interesting = "{}[]\",:\\0123456789-.eE+ tfnu\xff\xc3\xe6\xed\xa0";
    for (int i = 0; i < 20000; ++i) {
        std::string bytes = seeds[rng() % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const size_t at = rng() % bytes.size();
            switch (rng() % 4) {
            case 0: bytes[at] = interesting[rng() % interesting.size()]; break;
            case 1: bytes.erase(at, 1 + rng() % 4); break;
            case 2: bytes.insert(at, 1, interesting[rng() % interesting.size()]); break;
            case 3: bytes.insert(at, bytes.substr(rng() % bytes.size(), 1 + rng() % 16)); break;
            }
        }
        expectSameVerdict(bytes);
        if (HasFailure()) break; // one shrunk report is enough
    }
}

TEST(ParserAgreement, ParseBodyAgreesToo) {
    for (const auto& file : corpusFiles("valid")) {
        ParseResult r = parseMessage(readFile(file));
        const Accepted* a = accepted(r);
        ASSERT_NE(a, nullptr);
        auto fast = parseBodyWith(a->type, a->body_json, ParserChoice::Auto);
        auto slow = parseBodyWith(a->type, a->body_json, ParserChoice::NlohmannOnly);
        ASSERT_TRUE(std::holds_alternative<EventBody>(fast));
        ASSERT_TRUE(std::holds_alternative<EventBody>(slow));
        EXPECT_EQ(encodeBody(std::get<EventBody>(fast)), encodeBody(std::get<EventBody>(slow)));
    }
    for (const char* body : {R"({"id":"A1","id":"A2"})", R"({"id":5})", "{", "[]", R"({"id":"\ud800"})"}) {
        auto fast = parseBodyWith("alarm.clear", body, ParserChoice::Auto);
        auto slow = parseBodyWith("alarm.clear", body, ParserChoice::NlohmannOnly);
        ASSERT_TRUE(std::holds_alternative<Rejection>(fast)) << body;
        ASSERT_TRUE(std::holds_alternative<Rejection>(slow)) << body;
        EXPECT_EQ(std::get<Rejection>(fast).detail, std::get<Rejection>(slow).detail);
    }
}

} // namespace
} // namespace wall::protocol::test
