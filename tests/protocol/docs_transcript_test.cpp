// docs/protocol.md promises its example session shows the console's exact
// replies. This test reads the transcript out of the document and replays
// it: every "→" line is parsed, and the "←" line that follows must be exactly
// what the console would answer (acks and errors; stale_or_duplicate is
// worded by the ingest stage and needs the journal, so it is checked for shape only).
// Feed lines ("⇐" and "frame 2:") must be canonical feed envelopes.
#include "protocol_test_support.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace wall::protocol::test {
namespace {

std::string afterPrefix(const std::string& line, const std::string& prefix) {
    const size_t at = line.find(prefix);
    return at == std::string::npos ? std::string() : line.substr(at + prefix.size());
}

TEST(DocsTranscript, ExampleSessionRepliesAreExact) {
    const std::string doc = readFile(std::filesystem::path(WALL_SCHEMA_DIR).parent_path() / "protocol.md");
    std::istringstream lines(doc);
    std::string line, pending;
    int sent = 0, replies = 0, feed = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("→ ", 0) == 0) {
            pending = afterPrefix(line, "→ ");
            ++sent;
        } else if (line.rfind("← ", 0) == 0) {
            ASSERT_FALSE(pending.empty()) << "reply without a message: " << line;
            const std::string reply = afterPrefix(line, "← ");
            const nlohmann::json r = nlohmann::json::parse(reply);
            ParseResult result = parseMessage(pending);
            if (r["type"] == "ack") {
                const Accepted* a = accepted(result);
                ASSERT_NE(a, nullptr) << pending;
                EXPECT_EQ(reply, encodeAck(a->event.source, a->event.seq, r["duplicate"].get<bool>()));
            } else if (r["reason"] == "stale_or_duplicate") {
                // Worded by the ingest stage: check that it names the message and the seq.
                const Accepted* a = accepted(result);
                ASSERT_NE(a, nullptr) << "stale_or_duplicate needs a message that parses: " << pending;
                EXPECT_EQ(r["source"], a->event.source);
                EXPECT_EQ(r["seq"], a->event.seq);
                EXPECT_NE(r["detail"].get<std::string>().find(std::to_string(a->event.seq)), std::string::npos);
            } else {
                const Rejection* rej = rejected(result);
                ASSERT_NE(rej, nullptr) << pending;
                EXPECT_EQ(reply, encodeError(*rej));
            }
            ++replies;
        } else if (line.rfind("⇐ ", 0) == 0 || line.rfind("frame 2: ", 0) == 0) {
            std::string envelope = line.rfind("frame 2: ", 0) == 0 ? afterPrefix(line, "frame 2: ") : afterPrefix(line, "] ");
            ParseResult result = parseFeedMessage(envelope);
            const Accepted* a = accepted(result);
            ASSERT_NE(a, nullptr) << envelope;
            EXPECT_EQ(envelope, encodeEnvelope(a->event)) << "feed examples must be canonical";
            EXPECT_EQ(a->event.source, kOperatorSource);
            ++feed;
        }
    }
    EXPECT_GE(sent, 8);
    EXPECT_GE(replies, 7);
    EXPECT_GE(feed, 3);
}

TEST(DocsTranscript, EveryTypeHasASectionAndFeedTypesAFrameExample) {
    const std::string doc = readFile(std::filesystem::path(WALL_SCHEMA_DIR).parent_path() / "protocol.md");
    int types = 0;
    for (const auto& entry : std::filesystem::directory_iterator(WALL_SCHEMA_DIR)) {
        const std::string file = entry.path().filename().string();
        const std::string type = file.substr(0, file.size() - std::string(".schema.json").size());
        if (type == "envelope" || type == "ack" || type == "error") continue;
        ++types;
        const bool has_section = doc.find(" `" + type + "`\n") != std::string::npos ||  // ### 4.1 `alarm.raise`
                                 doc.find("### `" + type + "`:") != std::string::npos ||  // ### `action.alarm.ack`: ...
                                 doc.find(" `" + type + "`: ") != std::string::npos;      // ### 4.11 `callresponse.answer`: 叫应
        EXPECT_TRUE(has_section) << type << " has no section in docs/protocol.md";
        EXPECT_NE(doc.find("schemas/" + file), std::string::npos) << file << " is not in the appendix";
        const nlohmann::json props = nlohmann::json::parse(readFile(entry.path()))["properties"];
        const bool feed_only = props.contains("source") && props["source"].value("const", "") == kOperatorSource;
        EXPECT_TRUE(!feed_only || doc.find("frame 1: " + type + "\n") != std::string::npos) << type << " has no feed example";
    }
    EXPECT_GE(types, 23);
}

TEST(DocsTranscript, EveryReasonIsDocumented) {
    const std::string doc = readFile(std::filesystem::path(WALL_SCHEMA_DIR).parent_path() / "protocol.md");
    for (int i = 0; i < kRejectReasonCount; ++i) {
        const std::string name = toWire(static_cast<RejectReason>(i));
        EXPECT_NE(doc.find("| `" + name + "` |"), std::string::npos) << name << " has no row in the reasons table";
    }
}

} // namespace
} // namespace wall::protocol::test
