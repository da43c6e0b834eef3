// Acks and error replies: exact wire text, and parseReply reading them back
// the way a backend would.
#include "protocol_test_support.hpp"

namespace wall::protocol::test {
namespace {

TEST(Replies, AckHasTheDocumentedShape) {
    EXPECT_EQ(encodeAck("yuanzhou-monitor", 1041, false),
              R"({"v":1,"type":"ack","source":"yuanzhou-monitor","seq":1041,"duplicate":false})");
    EXPECT_EQ(encodeAck("s", 18446744073709551615ull, true),
              R"({"v":1,"type":"ack","source":"s","seq":18446744073709551615,"duplicate":true})");
}

TEST(Replies, ErrorOmitsSourceAndSeqWhenUnknown) {
    Rejection r;
    r.reason = RejectReason::NotJson;
    r.detail = "message: invalid JSON at byte 0: syntax error";
    EXPECT_EQ(encodeError(r), R"({"v":1,"type":"error","reason":"not_json","detail":"message: invalid JSON at byte 0: syntax error"})");
    r.reason = RejectReason::StaleOrDuplicate;
    r.detail = "seq: 12 was journaled with a different body";
    r.source = "泾县-尾矿库";
    r.seq = 12;
    r.has_seq = true;
    EXPECT_EQ(encodeError(r),
              R"({"v":1,"type":"error","reason":"stale_or_duplicate","detail":"seq: 12 was journaled with a different body","source":"泾县-尾矿库","seq":12})");
}

TEST(Replies, EveryReasonHasAWireNameThatReadsBack) {
    for (int i = 0; i < kRejectReasonCount; ++i) {
        const auto reason = static_cast<RejectReason>(i);
        const std::string wire = toWire(reason);
        EXPECT_NE(wire, "unknown");
        EXPECT_EQ(rejectReasonFromWire(wire), reason) << wire;
    }
    EXPECT_EQ(std::string(toWire(RejectReason::BadFraming)), "bad_framing");
    EXPECT_EQ(std::string(toWire(RejectReason::NotPermitted)), "not_permitted");
    EXPECT_FALSE(rejectReasonFromWire("exploded").has_value());
}

TEST(Replies, IngestStageRefusalsAreWordedAsDocumented) {
    EXPECT_EQ(encodeError(staleOrDuplicateRejection("yuanzhou-monitor", 1044)),
              R"({"v":1,"type":"error","reason":"stale_or_duplicate","detail":"seq 1044 of source yuanzhou-monitor was journaled earlier with a different body","source":"yuanzhou-monitor","seq":1044})");
    const Rejection framing = badFramingRejection(3);
    EXPECT_EQ(framing.reason, RejectReason::BadFraming);
    EXPECT_EQ(framing.detail, "expected [payload] or [empty][payload], got 3 frames");
    EXPECT_FALSE(framing.has_seq);
}

TEST(Replies, ParseReplyReadsAcksAndErrors) {
    auto ack = parseReply(encodeAck("s", 5, true));
    ASSERT_TRUE(ack.has_value());
    EXPECT_TRUE(ack->is_ack);
    EXPECT_EQ(ack->source, "s");
    EXPECT_EQ(ack->seq, 5u);
    EXPECT_TRUE(ack->duplicate);

    Rejection r;
    r.reason = RejectReason::MissingField;
    r.detail = "body.title: required field is missing";
    r.source = "s";
    auto err = parseReply(encodeError(r));
    ASSERT_TRUE(err.has_value());
    EXPECT_FALSE(err->is_ack);
    EXPECT_EQ(err->reason, "missing_field");
    EXPECT_EQ(err->detail, r.detail);
    EXPECT_FALSE(err->has_seq);

    EXPECT_FALSE(parseReply("garbage").has_value());
    EXPECT_FALSE(parseReply(R"({"type":"ack"})").has_value()) << "an ack without seq names nothing";
    EXPECT_FALSE(parseReply(R"({"v":1,"type":"heartbeat"})").has_value());
}

} // namespace
} // namespace wall::protocol::test
