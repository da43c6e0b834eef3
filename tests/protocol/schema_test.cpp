// docs/schemas must stay true to the parser: every schema is valid JSON in
// the supported subset, every valid corpus message passes its schemas, the
// schemas' required lists are exactly what the parser refuses as missing, and
// what the console writes (canonical bodies, acks, errors, feed envelopes)
// passes the schemas too.
#include "protocol_test_support.hpp"
#include "schema_subset_validator.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace wall::protocol::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kBackendTypes = {"alarm.raise", "alarm.update", "alarm.clear", "roster.set",
                                                "task.upsert", "camera.upsert", "layout.switch", "heartbeat"};

class SchemaTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto& entry : std::filesystem::directory_iterator(WALL_SCHEMA_DIR)) {
            const std::string name = entry.path().filename().string();
            json schema;
            ASSERT_NO_THROW(schema = json::parse(readFile(entry.path()))) << name << " is not valid JSON";
            files.insert(name);
            validator.add(name, schema);
            parsed[name] = schema;
        }
    }
    void expectValid(const std::string& schema, const std::string& text) {
        const auto errors = validator.validate(schema, json::parse(text));
        EXPECT_TRUE(errors.empty()) << schema << ": " << (errors.empty() ? "" : errors.front()) << "\n" << text;
    }
    SchemaSubsetValidator validator;
    std::set<std::string> files;
    std::map<std::string, json> parsed;
};

TEST_F(SchemaTest, EveryTypeHasASchemaAndEverySchemaIsWellFormed) {
    std::vector<std::string> expected = kBackendTypes;
    for (const char* extra : {"action.alarm.ack", "action.task.status", "camera.state", "envelope", "ack", "error"})
        expected.push_back(extra);
    for (const std::string& t : expected) EXPECT_TRUE(files.count(t + ".schema.json")) << t;
    EXPECT_EQ(files.size(), expected.size()) << "a schema file without a test";
    for (const auto& [name, schema] : parsed) {
        SCOPED_TRACE(name);
        EXPECT_EQ(schema.value("$schema", ""), "https://json-schema.org/draft/2020-12/schema");
        const std::string id = schema.value("$id", "");
        EXPECT_EQ(id.substr(id.size() - name.size()), name) << "$id must end with the file name";
        EXPECT_FALSE(schema.value("title", "").empty());
        EXPECT_FALSE(schema.value("description", "").empty());
        EXPECT_EQ(validator.unsupportedKeywords(name), std::vector<std::string>{});
    }
}

TEST_F(SchemaTest, ValidCorpusPassesTheEnvelopeAndItsTypeSchema) {
    for (const auto& file : corpusFiles("valid")) {
        SCOPED_TRACE(file.filename().string());
        const std::string text = readFile(file);
        const std::string type = json::parse(text)["type"];
        expectValid("envelope.schema.json", text);
        expectValid(type + ".schema.json", text);
    }
}

TEST_F(SchemaTest, RequiredListsMatchWhatTheParserRefusesAsMissing) {
    std::set<std::string> types_checked;
    for (const auto& file : corpusFiles("valid")) {
        const json message = json::parse(readFile(file));
        const std::string type = message["type"];
        const json& schema = parsed.at(type + ".schema.json");
        // Envelope members.
        for (const auto& name : parsed.at("envelope.schema.json")["required"]) {
            json broken = message;
            broken.erase(name.get<std::string>());
            EXPECT_FALSE(validator.validate(type + ".schema.json", broken).empty()) << name;
            ParseResult r = parseMessage(broken.dump());
            const Rejection* rej = rejected(r);
            ASSERT_NE(rej, nullptr) << name;
            // A missing v is reported as bad_version; every other member as missing_field.
            EXPECT_EQ(rej->reason, name == "v" ? RejectReason::BadVersion : RejectReason::MissingField) << rej->detail;
            EXPECT_EQ(rej->detail.rfind(name.get<std::string>() + ":", 0), 0u) << rej->detail;
        }
        // Body members.
        const json& body_schema = schema["properties"]["body"];
        for (const auto& name : body_schema.value("required", json::array())) {
            SCOPED_TRACE(type + " without " + name.get<std::string>());
            json broken = message;
            broken["body"].erase(name.get<std::string>());
            EXPECT_FALSE(validator.validate(type + ".schema.json", broken).empty());
            ParseResult r = parseMessage(broken.dump());
            const Rejection* rej = rejected(r);
            ASSERT_NE(rej, nullptr);
            EXPECT_EQ(rej->reason, RejectReason::MissingField) << rej->detail;
            EXPECT_EQ(rej->detail.rfind("body." + name.get<std::string>() + ":", 0), 0u) << rej->detail;
        }
        // Optional body members really are optional: keep only the required ones.
        json minimal = message;
        minimal["body"] = json::object();
        for (const auto& name : body_schema.value("required", json::array())) minimal["body"][name.get<std::string>()] = message["body"][name.get<std::string>()];
        if (type == "alarm.update") minimal["body"]["title"] = "标题"; // needs one thing to change
        EXPECT_NE(accepted(parseMessage(minimal.dump())), nullptr) << minimal.dump();
        types_checked.insert(type);
    }
    EXPECT_EQ(types_checked.size(), kBackendTypes.size()) << "corpus/valid lacks a type";
}

TEST_F(SchemaTest, EveryMemberTheParserReadsIsDocumentedInTheSchema) {
    for (const auto& file : corpusFiles("valid")) {
        const std::string text = readFile(file);
        ParseResult r = parseMessage(text);
        const Accepted* a = accepted(r);
        ASSERT_NE(a, nullptr);
        const json body = json::parse(a->body_json);
        const json& props = parsed.at(a->type + ".schema.json")["properties"]["body"].value("properties", json::object());
        for (auto it = body.begin(); it != body.end(); ++it)
            EXPECT_TRUE(props.contains(it.key())) << a->type << "." << it.key() << " is not in the schema";
        expectValid(a->type + ".schema.json", encodeEnvelope(a->event));
    }
}

TEST_F(SchemaTest, RepliesAndFeedEnvelopesPassTheirSchemas) {
    expectValid("ack.schema.json", encodeAck("yuanzhou-monitor", 1041, false));
    expectValid("ack.schema.json", encodeAck("yuanzhou-monitor", 1041, true));
    Rejection r;
    r.reason = RejectReason::BadValue;
    r.detail = "body.level: expected one of red|orange|yellow|blue, got \"purple\"";
    expectValid("error.schema.json", encodeError(r));
    r.source = "s";
    r.seq = 3;
    r.has_seq = true;
    for (int i = 0; i < kRejectReasonCount; ++i) {
        r.reason = static_cast<RejectReason>(i);
        expectValid("error.schema.json", encodeError(r));
    }
    Event ack{"operator", 12, 1783989500000, 0, AlarmAck{"RAIN-YZ-0714-003", "王晓燕"}};
    expectValid("action.alarm.ack.schema.json", encodeEnvelope(ack));
    Event status{"operator", 13, 1783989600000, 0, TaskStatusSet{"T-20260714-017", TaskStatus::Done, "陈志强"}};
    expectValid("action.task.status.schema.json", encodeEnvelope(status));
    Event camera{"operator", 14, 1783989700000, 0, CameraStreamState{"cam-01", "main", "reconnecting", "connection refused"}};
    expectValid("camera.state.schema.json", encodeEnvelope(camera));
    // The feed schemas refuse a backend source, like the parser refuses action types from backends.
    status.source = "field-tasks";
    EXPECT_FALSE(validator.validate("action.task.status.schema.json", json::parse(encodeEnvelope(status))).empty());
}

TEST_F(SchemaTest, SchemasRefuseWhatTheParserRefuses) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"alarm.raise", R"({"id":"A1","level":"purple","category":"rain","title":"t"})"},
        {"alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":""})"},
        {"alarm.update", R"({"id":"A1"})"},
        {"roster.set", R"({"date":"2026-7-14","shifts":[]})"},
        {"task.upsert", R"({"id":"T1","title":"t","commander":"c","status":"finished"})"},
        {"layout.switch", R"({"layout":""})"},
        {"heartbeat", R"([])"},
    };
    for (const auto& [type, body] : bad) {
        const std::string text = envelopeWith(type, body);
        EXPECT_NE(rejected(parseMessage(text)), nullptr) << text;
        EXPECT_FALSE(validator.validate(type + ".schema.json", json::parse(text)).empty()) << text;
    }
    // The envelope schema refuses the reserved source and seq 0.
    EXPECT_FALSE(validator.validate("envelope.schema.json", json::parse(R"({"v":1,"source":"operator","seq":1,"ts":1,"type":"heartbeat","body":{}})")).empty());
    EXPECT_FALSE(validator.validate("envelope.schema.json", json::parse(R"({"v":1,"source":"s","seq":0,"ts":1,"type":"heartbeat","body":{}})")).empty());
}

} // namespace
} // namespace wall::protocol::test
