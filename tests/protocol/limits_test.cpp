// Limits and hostile input: sizes at and just past each bound, invalid UTF-8,
// deep nesting, huge numbers, and a deterministic mutation fuzz over the valid
// corpus. Bad input must be refused with a detail, never crash, never throw.
#include "protocol_test_support.hpp"

#include <random>

namespace wall::protocol::test {
namespace {

std::string raiseWith(const std::string& extra_members) {
    return envelopeWith("alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":"暴雨")" + extra_members + "}");
}

TEST(Limits, OversizeIsCheckedBeforeParsing) {
    const std::string big = raiseWith(",\"message\":\"" + std::string(2000, 'x') + "\"");
    ParseResult r = parseMessage(big, 1024);
    const Rejection* rej = rejected(r);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->reason, RejectReason::Oversize);
    EXPECT_EQ(rej->detail.rfind("message: " + std::to_string(big.size()) + " bytes exceed the limit of 1024", 0), 0u) << rej->detail;
    // Not even parsed: source and seq are unknown.
    EXPECT_TRUE(rej->source.empty());
    EXPECT_FALSE(rej->has_seq);
    // Garbage larger than the limit is oversize too, not not_json.
    EXPECT_EQ(rejected(parseMessage(std::string(kDefaultMaxMessageBytes + 1, '{')))->reason, RejectReason::Oversize);
    // Exactly at the limit is fine.
    EXPECT_NE(accepted(parseMessage(big, big.size())), nullptr);
}

TEST(Limits, StringAndArrayBoundsAreInclusive) {
    EXPECT_NE(accepted(parseMessage(envelopeWith("alarm.clear", "{\"id\":\"" + std::string(128, 'i') + "\"}"))), nullptr);
    EXPECT_NE(accepted(parseMessage(raiseWith(",\"message\":\"" + std::string(4096, 'm') + "\""))), nullptr);
    std::string cams = "[";
    for (int i = 0; i < 256; ++i) cams += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
    cams += "]";
    ParseResult r = parseMessage(raiseWith(",\"cameras\":" + cams));
    ASSERT_NE(accepted(r), nullptr);
    EXPECT_EQ(std::get<AlarmRaise>(accepted(r)->event.body).alarm.cameras.size(), 256u);
    // A 64-byte source of Chinese characters (21 x 3 bytes + 1) is fine.
    std::string source;
    for (int i = 0; i < 21; ++i) source += "泾";
    source += "x";
    ASSERT_EQ(source.size(), 64u);
    EXPECT_NE(accepted(parseMessage(R"({"v":1,"source":")" + source + R"(","seq":1,"ts":1,"type":"heartbeat","body":{}})")), nullptr);
}

TEST(Limits, LimitsCountBytesNotCharacters) {
    // 1366 Chinese characters = 4098 bytes: over the 4096-byte text limit.
    std::string title;
    for (int i = 0; i < 1366; ++i) title += "雨";
    ParseResult r = parseMessage(envelopeWith("alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":")" + title + "\"}"));
    const Rejection* rej = rejected(r);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->reason, RejectReason::BadValue);
    EXPECT_EQ(rej->detail, "body.title: 4098 bytes exceed the limit of 4096 bytes");
}

TEST(Limits, InvalidUtf8IsRefusedWithThePathAndByteOffset) {
    const std::string bytes = raiseWith(",\"device\":\"雨量站\xe9\x9b\"");
    ParseResult r = parseMessage(bytes);
    const Rejection* rej = rejected(r);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->reason, RejectReason::NotJson);
    EXPECT_EQ(rej->detail.rfind("body.device: invalid UTF-8 in string at byte ", 0), 0u) << rej->detail;
    // The error reply quotes nothing raw: it is valid UTF-8 JSON.
    EXPECT_TRUE(parseReply(encodeError(*rej)).has_value());
}

TEST(Limits, ValidFourByteUtf8AndEscapedSurrogatePairsAreAccepted) {
    ParseResult r = parseMessage(raiseWith(R"(,"message":"🚒 \ud83d\ude92 𠀀")"));
    const Accepted* a = accepted(r);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(std::get<AlarmRaise>(a->event.body).alarm.message, "🚒 🚒 𠀀");
}

TEST(Limits, DeepNestingIsRefusedWithoutRecursion) {
    for (int depth : {33, 1000, 200000}) {
        SCOPED_TRACE(depth);
        const std::string deep = std::string(depth, '[') + std::string(depth, ']');
        ParseResult r = parseMessage(envelopeWith("heartbeat", "{\"x\":" + deep + "}"));
        const Rejection* rej = rejected(r);
        ASSERT_NE(rej, nullptr);
        EXPECT_EQ(rej->reason, RejectReason::BadValue);
        EXPECT_NE(rej->detail.find("nested deeper than 32 levels"), std::string::npos) << rej->detail;
        // Unclosed nesting too.
        EXPECT_NE(rejected(parseMessage(std::string(depth, '{'))), nullptr);
    }
    // 32 levels in total is allowed: envelope, body, x, and 29 arrays.
    const std::string ok = std::string(29, '[') + std::string(29, ']');
    EXPECT_NE(accepted(parseMessage(envelopeWith("heartbeat", "{\"x\":" + ok + "}"))), nullptr);
}

TEST(Limits, HugeNumbersAreRefusedNotWrapped) {
    struct Case { std::string ts; RejectReason reason; };
    for (const Case& c : {Case{"1e400", RejectReason::BadValue}, Case{"-1e400", RejectReason::BadValue},
                          Case{"99999999999999999999999", RejectReason::BadValue},
                          Case{"-99999999999999999999999", RejectReason::BadValue},
                          Case{"18446744073709551615", RejectReason::BadValue}, Case{"1.7e12", RejectReason::WrongFieldType}}) {
        SCOPED_TRACE(c.ts);
        ParseResult r = parseMessage(R"({"v":1,"source":"s","seq":1,"ts":)" + c.ts + R"(,"type":"heartbeat","body":{}})");
        const Rejection* rej = rejected(r);
        ASSERT_NE(rej, nullptr);
        EXPECT_EQ(rej->reason, c.reason) << rej->detail;
        EXPECT_EQ(rej->detail.rfind("ts: ", 0), 0u) << rej->detail;
    }
    // Huge numbers in unknown members are fine as long as they parse.
    EXPECT_NE(accepted(parseMessage(envelopeWith("heartbeat", R"({"big":1e300,"bigger":123456789012345678901234567890})"))), nullptr);
}

TEST(Limits, NegativeSeqIsBadValue) {
    for (const char* seq : {"-1", "-9223372036854775808", "-0.5"}) {
        SCOPED_TRACE(seq);
        ParseResult r = parseMessage(std::string(R"({"v":1,"source":"s","seq":)") + seq + R"(,"ts":1,"type":"heartbeat","body":{}})");
        const Rejection* rej = rejected(r);
        ASSERT_NE(rej, nullptr);
        EXPECT_EQ(rej->detail.rfind("seq: ", 0), 0u) << rej->detail;
        EXPECT_NE(rej->reason, RejectReason::NotJson);
    }
}

TEST(Limits, MutatedCorpusNeverCrashesAndAlwaysExplains) {
    std::vector<std::string> seeds;
    for (const auto& file : corpusFiles("valid")) seeds.push_back(readFile(file));
    ASSERT_FALSE(seeds.empty());
    std::mt19937 rng(20260714); // fixed seed: the same mutations every run
    const std::string interesting = "{}[]\",:\\0123456789-.eE tfn\xff\xc3\xe6";
    int accepted_count = 0, rejected_count = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string bytes = seeds[rng() % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const size_t at = rng() % bytes.size();
            switch (rng() % 4) {
            case 0: bytes[at] = interesting[rng() % interesting.size()]; break;
            case 1: bytes.erase(at, 1 + rng() % 8); break;
            case 2: bytes.insert(at, 1, interesting[rng() % interesting.size()]); break;
            case 3: bytes.resize(at); break;
            }
        }
        ParseResult r = parseMessage(bytes);
        if (auto* rej = std::get_if<Rejection>(&r)) {
            ++rejected_count;
            ASSERT_FALSE(rej->detail.empty()) << bytes;
            ASSERT_NE(rej->detail.find(": "), std::string::npos) << rej->detail;
            ASSERT_TRUE(parseReply(encodeError(*rej)).has_value()) << rej->detail;
        } else {
            ++accepted_count;
            // Whatever was accepted must survive its own journal round trip.
            const Accepted& a = std::get<Accepted>(r);
            auto replay = parseBody(a.type, a.body_json);
            ASSERT_TRUE(std::holds_alternative<EventBody>(replay)) << a.body_json;
            ASSERT_EQ(encodeBody(std::get<EventBody>(replay)), a.body_json);
        }
    }
    EXPECT_GT(rejected_count, 10000);
    EXPECT_GT(accepted_count, 0);
}

} // namespace
} // namespace wall::protocol::test
