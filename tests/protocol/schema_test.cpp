// docs/schemas must stay true to the parser: every schema is valid JSON in
// the supported subset, every valid corpus message passes its schemas, the
// schemas' required lists are exactly what the parser refuses as missing, and
// what the console writes (canonical bodies, acks, errors, feed envelopes)
// passes the schemas too.
#include "protocol_test_support.hpp"
#include "schema_subset_validator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace wall::protocol::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kBackendTypes = {"alarm.raise", "alarm.update", "alarm.clear", "alarm.suppress",
                                                "roster.set", "task.upsert", "camera.upsert", "layout.switch",
                                                "heartbeat", "incident.upsert", "callresponse.answer", "drill.start",
                                                "drill.end"};

// What only the console publishes (PUB feed), one realistic example each with every member set.
std::vector<Event> feedExamples() {
    Call call;
    call.id = "RAIN-YZ-0714-003#1";
    call.person = Responder{"刘建军", "塘下村支书", "袁州区/洪塘镇/塘下村", "139-7950-1123"};
    call.tier = 0;
    call.deadline_ms = 1783989300000;
    const std::vector<EventBody> bodies = {
        AlarmAck{"RAIN-YZ-0714-003", "王晓燕"},
        TaskStatusSet{"T-20260714-017", TaskStatus::Done, "陈志强"},
        CameraStreamState{"cam-01", "main", "reconnecting", "connection refused"},
        AlarmShelve{"TL-JX-2207", 1784003400000, "坝体渗流计检修，已安排人工巡查", "王晓燕"},
        AlarmUnshelve{"TL-JX-2207", "console", "expired"},
        SopStepSet{"RAIN-YZ-0714-003", 2, true, "王晓燕"},
        CallAnswerRecord{CallAnswer{"RAIN-YZ-0714-003", "RAIN-YZ-0714-003#2", 1783989260000, "manual", "已电话确认"}, "王晓燕"},
        IncidentReported{"INC-20260714-003", "李建国", "已电话报告市应急管理局总值班室"},
        SoundMute{WarningLevel::Blue, true, "王晓燕"},
        CallPlace{"RAIN-YZ-0714-003", call, "raise"},
        CallEscalate{"RAIN-YZ-0714-003", "RAIN-YZ-0714-003#1", "RAIN-YZ-0714-003#3"},
        LinkageShow{"linkage", "RAIN-YZ-0714-003", {"cam-ht-bridge", "cam-ht-school"}, "alarm"},
        FeedResync{"yuanzhou-monitor", "started", "gap", 1783980000000, 1042, 1044, 0},
        ConsoleStart{"0.1.0", false, 120345, 345, 0, ""},
        LinkStateChange{"jingxian-tailings", "lost", 2600},
        ReportingRules{ReportWindows{60, 35, 30}},
    };
    std::vector<Event> events;
    uint64_t seq = 60;
    for (const EventBody& body : bodies) events.push_back(Event{"operator", seq++, 1783989125000 + static_cast<TimeMs>(seq), 0, body});
    return events;
}

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
    for (const Event& e : feedExamples()) expected.push_back(eventTypeName(e.body));
    for (const char* extra : {"envelope", "ack", "error"}) expected.push_back(extra);
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

TEST_F(SchemaTest, FeedSchemasMatchTheFeedParser) {
    std::set<std::string> covered;
    for (const Event& e : feedExamples()) {
        const std::string type = eventTypeName(e.body);
        SCOPED_TRACE(type);
        covered.insert(type);
        const std::string schema_name = type + ".schema.json";
        const json message = json::parse(encodeEnvelope(e));
        expectValid(schema_name, message.dump());
        const Accepted* a = accepted(parseFeedMessage(message.dump()));
        ASSERT_NE(a, nullptr);
        const json& body_schema = parsed.at(schema_name)["properties"]["body"];
        // Every member the console writes is documented (the examples set them all).
        for (auto it = message["body"].begin(); it != message["body"].end(); ++it)
            EXPECT_TRUE(body_schema["properties"].contains(it.key())) << it.key() << " is not in the schema";
        // Required in the schema = refused as missing by the feed parser (and replay).
        for (const auto& name : body_schema.value("required", json::array())) {
            json broken = message;
            broken["body"].erase(name.get<std::string>());
            EXPECT_FALSE(validator.validate(schema_name, broken).empty()) << name;
            const ParseResult r = parseFeedMessage(broken.dump());
            const Rejection* rej = rejected(r);
            ASSERT_NE(rej, nullptr) << name;
            EXPECT_EQ(rej->reason, RejectReason::MissingField) << rej->detail;
            EXPECT_EQ(rej->detail.rfind("body." + name.get<std::string>() + ":", 0), 0u) << rej->detail;
        }
        // Optional members really are optional.
        json minimal = message;
        minimal["body"] = json::object();
        for (const auto& name : body_schema.value("required", json::array()))
            minimal["body"][name.get<std::string>()] = message["body"][name.get<std::string>()];
        expectValid(schema_name, minimal.dump());
        EXPECT_NE(accepted(parseFeedMessage(minimal.dump())), nullptr) << minimal.dump();
        // A backend can neither send it nor pass the schema with its own source.
        json forged = message;
        forged["source"] = "field-tasks";
        EXPECT_FALSE(validator.validate(schema_name, forged).empty());
        const ParseResult from_backend = parseMessage(forged.dump());
        const Rejection* rej = rejected(from_backend);
        ASSERT_NE(rej, nullptr);
        EXPECT_EQ(rej->reason, RejectReason::UnknownType);
    }
    // Every console-only type of the parser has an example here.
    for (const auto& name : files) {
        const std::string type = name.substr(0, name.size() - std::string(".schema.json").size());
        const bool backend = std::find(kBackendTypes.begin(), kBackendTypes.end(), type) != kBackendTypes.end();
        const bool console_only = !backend && type != "envelope" && type != "ack" && type != "error";
        EXPECT_TRUE(!console_only || covered.count(type)) << type << " has a schema but no feed example";
    }
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
        {"alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":"t","responders":[{"role":"村支书"}]})"},
        {"alarm.suppress", R"({"id":"A1","suppressed":"yes"})"},
        {"incident.upsert", R"({"id":"I1","title":"山洪","grade":"huge"})"},
        {"callresponse.answer", R"({"alarm":"A1","call":"A1#1","channel":"fax"})"},
        {"callresponse.answer", R"({"alarm":"A1","call":""})"},
    };
    for (const auto& [type, body] : bad) {
        const std::string text = envelopeWith(type, body);
        EXPECT_NE(rejected(parseMessage(text)), nullptr) << text;
        EXPECT_FALSE(validator.validate(type + ".schema.json", json::parse(text)).empty()) << text;
    }
    const std::vector<std::pair<std::string, std::string>> bad_feed = {
        {"action.alarm.shelve", R"({"id":"A1","until":1783990000000,"reason":"","operator":"王晓燕"})"},
        {"action.alarm.shelve", R"({"id":"A1","until":0,"reason":"检修","operator":"王晓燕"})"},
        {"action.alarm.unshelve", R"({"id":"A1","operator":"王晓燕","cause":"bored"})"},
        {"action.alarm.sop", R"({"alarm":"A1","step":256,"done":true,"operator":"王晓燕"})"},
        {"action.sound.mute", R"({"level":"purple","muted":true,"operator":"王晓燕"})"},
        {"callresponse.call", R"({"alarm":"A1","call":{"id":"A1#1","name":"刘","tier":-1,"deadline":1}})"},
        {"callresponse.call", R"({"alarm":"A1","call":{"id":"A1#1","tier":0,"deadline":1}})"},
        {"linkage.show", R"({"region":"","cameras":[]})"},
    };
    for (const auto& [type, body] : bad_feed) {
        const std::string text = R"({"v":1,"source":"operator","seq":7,"ts":1783989000000,"type":")" + type + R"(","body":)" + body + "}";
        EXPECT_NE(rejected(parseFeedMessage(text)), nullptr) << text;
        EXPECT_FALSE(validator.validate(type + ".schema.json", json::parse(text)).empty()) << text;
    }
    // The envelope schema refuses the reserved source and seq 0.
    EXPECT_FALSE(validator.validate("envelope.schema.json", json::parse(R"({"v":1,"source":"operator","seq":1,"ts":1,"type":"heartbeat","body":{}})")).empty());
    EXPECT_FALSE(validator.validate("envelope.schema.json", json::parse(R"({"v":1,"source":"s","seq":0,"ts":1,"type":"heartbeat","body":{}})")).empty());
}

} // namespace
} // namespace wall::protocol::test
