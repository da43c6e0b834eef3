// The malformed corpus: each entry must be refused with the expected reason,
// and the detail must start with the path of the offending field, so a
// backend developer can find the mistake from the error reply alone.
// Generated cases below the table cover "missing" and "wrong type" for every
// required field of every backend type.
#include "protocol_test_support.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace wall::protocol::test {
namespace {

// Envelope with every header member written by the caller.
std::string head(const std::string& members, const std::string& body = "{}") {
    return "{" + members + ",\"body\":" + body + "}";
}
const std::string kHead = R"("v":1,"source":"test-backend","seq":7,"ts":1783989000000)";
std::string E(const std::string& type, const std::string& body) { return envelopeWith(type, body); }
std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }
std::string repeat(const std::string& s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}
std::string cameraList(size_t n) {
    std::string out = "[";
    for (size_t i = 0; i < n; ++i) out += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
    return out + "]";
}

const std::string kRaise = R"("id":"A1","level":"red","category":"rain","title":"暴雨")";
const std::string kShift = R"("label":"白班","start":1783987200000,"end":1784030400000)";

} // namespace

std::vector<MalformedCase> malformedCorpus() {
    using R = RejectReason;
    return {
        // --- not JSON at all, or not an object
        {"empty message", "", R::NotJson, "message"},
        {"plain text", "alarm!", R::NotJson, "message"},
        {"root is an array", "[1,2]", R::NotJson, "message"},
        {"root is a number", "42", R::NotJson, "message"},
        {"root is null", "null", R::NotJson, "message"},
        {"root is a string", "\"alarm.raise\"", R::NotJson, "message"},
        {"truncated", R"({"v":1,"source":"test-backend")", R::NotJson, "message"},
        {"trailing garbage", E("heartbeat", "{}") + " x", R::NotJson, "message"},
        {"two objects in one frame", E("heartbeat", "{}") + E("heartbeat", "{}"), R::NotJson, "message"},
        {"single quotes", "{'v':1}", R::NotJson, "message"},
        {"comment", "/* hi */" + E("heartbeat", "{}"), R::NotJson, "message"},
        {"trailing comma in body", E("alarm.clear", R"({"id":"A1",})"), R::NotJson, "body"},
        {"unquoted member name", E("alarm.clear", R"({id:"A1"})"), R::NotJson, "body"},
        {"NaN literal", head(R"("v":1,"source":"s","seq":NaN,"ts":1,"type":"heartbeat")"), R::NotJson, "seq"},
        {"raw newline inside a string", E("alarm.raise", "{\"id\":\"A1\",\"title\":\"暴\n雨\"}"), R::NotJson, "body.title"},
        {"invalid UTF-8 in title", E("alarm.raise", "{" + kRaise + ",\"message\":\"\xff\xfe\"}"), R::NotJson, "body.message"},
        {"invalid UTF-8 in source", head("\"v\":1,\"source\":\"yz\xc3\",\"seq\":1,\"ts\":1,\"type\":\"heartbeat\""), R::NotJson, "source"},
        {"overlong UTF-8 encoding", E("alarm.clear", "{\"id\":\"\xc0\xaf\"}"), R::NotJson, "body.id"},
        {"UTF-8 encoded surrogate", E("alarm.clear", "{\"id\":\"\xed\xa0\x80\"}"), R::NotJson, "body.id"},
        {"lone surrogate escape", E("alarm.clear", R"({"id":"\ud800"})"), R::NotJson, "body.id"},
        {"truncated UTF-8 sequence in a member name", E("alarm.clear", "{\"id\":\"A1\",\"\xe6\xb3\":1}"), R::NotJson, "body"},
        {"number overflow", head(R"("v":1,"source":"s","seq":1e400,"ts":1,"type":"heartbeat")"), R::BadValue, "seq"},
        // --- version
        {"v missing", head(R"("source":"s","seq":1,"ts":1,"type":"heartbeat")"), R::BadVersion, "v"},
        {"v is 2", head(R"("v":2,"source":"s","seq":1,"ts":1,"type":"heartbeat")"), R::BadVersion, "v"},
        {"v is a string", head(R"("v":"1","source":"s","seq":1,"ts":1,"type":"heartbeat")"), R::BadVersion, "v"},
        {"v is a float", head(R"("v":1.0,"source":"s","seq":1,"ts":1,"type":"heartbeat")"), R::BadVersion, "v"},
        {"v is null", head(R"("v":null,"source":"s","seq":1,"ts":1,"type":"heartbeat")"), R::BadVersion, "v"},
        // --- source
        {"source missing", head(R"("v":1,"seq":1,"ts":1,"type":"heartbeat")"), R::MissingField, "source"},
        {"source is a number", head(R"("v":1,"source":5,"seq":1,"ts":1,"type":"heartbeat")"), R::WrongFieldType, "source"},
        {"source is empty", head(R"("v":1,"source":"","seq":1,"ts":1,"type":"heartbeat")"), R::BadValue, "source"},
        {"source too long", head("\"v\":1,\"source\":\"" + std::string(65, 's') + "\",\"seq\":1,\"ts\":1,\"type\":\"heartbeat\""), R::BadValue, "source"},
        {"source 22 Chinese characters (66 bytes)", head("\"v\":1,\"source\":\"" + repeat("袁", 22) + "\",\"seq\":1,\"ts\":1,\"type\":\"heartbeat\""), R::BadValue, "source"},
        {"source with a control character", head(R"("v":1,"source":"a\nb","seq":1,"ts":1,"type":"heartbeat")"), R::BadValue, "source"},
        {"source is the reserved operator", head(R"("v":1,"source":"operator","seq":1,"ts":1,"type":"heartbeat")"), R::BadValue, "source"},
        // --- seq
        {"seq missing", head(R"("v":1,"source":"s","ts":1,"type":"heartbeat")"), R::MissingField, "seq"},
        {"seq negative", head(R"("v":1,"source":"s","seq":-1,"ts":1,"type":"heartbeat")"), R::BadValue, "seq"},
        {"seq zero", head(R"("v":1,"source":"s","seq":0,"ts":1,"type":"heartbeat")"), R::BadValue, "seq"},
        {"seq is a string", head(R"("v":1,"source":"s","seq":"7","ts":1,"type":"heartbeat")"), R::WrongFieldType, "seq"},
        {"seq has a fraction", head(R"("v":1,"source":"s","seq":1.5,"ts":1,"type":"heartbeat")"), R::WrongFieldType, "seq"},
        {"seq in exponent form", head(R"("v":1,"source":"s","seq":1e3,"ts":1,"type":"heartbeat")"), R::WrongFieldType, "seq"},
        {"seq above 2^64-1", head(R"("v":1,"source":"s","seq":18446744073709551616,"ts":1,"type":"heartbeat")"), R::BadValue, "seq"},
        {"seq huge", head(R"("v":1,"source":"s","seq":123456789012345678901234567890,"ts":1,"type":"heartbeat")"), R::BadValue, "seq"},
        // --- ts
        {"ts missing", head(R"("v":1,"source":"s","seq":1,"type":"heartbeat")"), R::MissingField, "ts"},
        {"ts negative", head(R"("v":1,"source":"s","seq":1,"ts":-5,"type":"heartbeat")"), R::BadValue, "ts"},
        {"ts above int64", head(R"("v":1,"source":"s","seq":1,"ts":9223372036854775808,"type":"heartbeat")"), R::BadValue, "ts"},
        {"ts as ISO text", head(R"("v":1,"source":"s","seq":1,"ts":"2026-07-14T08:30:00+08:00","type":"heartbeat")"), R::WrongFieldType, "ts"},
        {"ts boolean", head(R"("v":1,"source":"s","seq":1,"ts":true,"type":"heartbeat")"), R::WrongFieldType, "ts"},
        // --- type
        {"type missing", head(R"("v":1,"source":"s","seq":1,"ts":1)"), R::MissingField, "type"},
        {"type is a number", head(R"("v":1,"source":"s","seq":1,"ts":1,"type":3)"), R::WrongFieldType, "type"},
        {"type unknown", head(kHead + R"(,"type":"alarm.explode")"), R::UnknownType, "type"},
        {"type in capitals", head(kHead + R"(,"type":"ALARM.RAISE")"), R::UnknownType, "type"},
        {"type is a reply type", head(kHead + R"(,"type":"ack")"), R::UnknownType, "type"},
        {"forged operator ack", E("action.alarm.ack", R"({"id":"A1","operator":"王晓燕"})"), R::UnknownType, "type"},
        {"forged operator task status", E("action.task.status", R"({"id":"T1","status":"done","operator":"王晓燕"})"), R::UnknownType, "type"},
        {"forged camera state", E("camera.state", R"({"camera":"cam-01","stream":"main","state":"live"})"), R::UnknownType, "type"},
        {"duplicate type member", head(kHead + R"(,"type":"heartbeat","type":"alarm.clear")"), R::BadValue, "type"},
        // --- body
        {"body missing", "{" + kHead + R"(,"type":"heartbeat"})", R::MissingField, "body"},
        {"body is an array", E("heartbeat", "[]"), R::WrongFieldType, "body"},
        {"body is a string", E("alarm.clear", R"("A1")"), R::WrongFieldType, "body"},
        {"body is null", E("heartbeat", "null"), R::WrongFieldType, "body"},
        {"duplicate member in body", E("alarm.clear", R"({"id":"A1","id":"A2"})"), R::BadValue, "body.id"},
        {"nesting deeper than the limit", E("heartbeat", "{\"x\":" + nested(40) + "}"), R::BadValue, "body.x"},
        // --- alarm.raise
        {"level not in the scheme", E("alarm.raise", R"({"id":"A1","level":"purple","category":"rain","title":"t"})"), R::BadValue, "body.level"},
        {"level in capitals", E("alarm.raise", R"({"id":"A1","level":"RED","category":"rain","title":"t"})"), R::BadValue, "body.level"},
        {"level as number", E("alarm.raise", R"({"id":"A1","level":1,"category":"rain","title":"t"})"), R::WrongFieldType, "body.level"},
        {"level in Chinese", E("alarm.raise", R"({"id":"A1","level":"红色","category":"rain","title":"t"})"), R::BadValue, "body.level"},
        {"category empty", E("alarm.raise", R"({"id":"A1","level":"red","category":"","title":"t"})"), R::BadValue, "body.category"},
        {"title empty", E("alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":""})"), R::BadValue, "body.title"},
        {"title too long", E("alarm.raise", R"({"id":"A1","level":"red","category":"rain","title":")" + std::string(4097, 't') + "\"}"), R::BadValue, "body.title"},
        {"id too long", E("alarm.clear", "{\"id\":\"" + std::string(129, 'i') + "\"}"), R::BadValue, "body.id"},
        {"id with a tab", E("alarm.clear", R"({"id":"A\t1"})"), R::BadValue, "body.id"},
        {"message with a bell character", E("alarm.raise", "{" + kRaise + R"(,"message":"a\u0007b"})"), R::BadValue, "body.message"},
        {"cameras is a string", E("alarm.raise", "{" + kRaise + R"(,"cameras":"cam-1"})"), R::WrongFieldType, "body.cameras"},
        {"camera id is a number", E("alarm.raise", "{" + kRaise + R"(,"cameras":["cam-1",2]})"), R::WrongFieldType, "body.cameras[1]"},
        {"camera id empty", E("alarm.raise", "{" + kRaise + R"(,"cameras":[""]})"), R::BadValue, "body.cameras[0]"},
        {"too many cameras", E("alarm.raise", "{" + kRaise + ",\"cameras\":" + cameraList(257) + "}"), R::BadValue, "body.cameras"},
        {"site as text", E("alarm.raise", "{" + kRaise + R"(,"site":"袁州区"})"), R::WrongFieldType, "body.site"},
        {"site county as number", E("alarm.raise", "{" + kRaise + R"(,"site":{"county":5}})"), R::WrongFieldType, "body.site.county"},
        {"raised_at negative", E("alarm.raise", "{" + kRaise + R"(,"raised_at":-1})"), R::BadValue, "body.raised_at"},
        {"raised_at as text", E("alarm.raise", "{" + kRaise + R"(,"raised_at":"昨天"})"), R::WrongFieldType, "body.raised_at"},
        // --- alarm.update / alarm.clear
        {"update with nothing to change", E("alarm.update", R"({"id":"A1"})"), R::MissingField, "body"},
        {"update with only nulls", E("alarm.update", R"({"id":"A1","title":null,"cameras":null})"), R::MissingField, "body"},
        {"update level grey", E("alarm.update", R"({"id":"A1","level":"grey"})"), R::BadValue, "body.level"},
        {"update title empty", E("alarm.update", R"({"id":"A1","title":""})"), R::BadValue, "body.title"},
        {"clear without id", E("alarm.clear", "{}"), R::MissingField, "body.id"},
        // --- roster.set
        {"roster date without zero padding", E("roster.set", R"({"date":"2026-7-14","shifts":[]})"), R::BadValue, "body.date"},
        {"roster date 30 February", E("roster.set", R"({"date":"2026-02-30","shifts":[]})"), R::BadValue, "body.date"},
        {"roster date 29 February of a common year", E("roster.set", R"({"date":"2027-02-29","shifts":[]})"), R::BadValue, "body.date"},
        {"roster shifts missing", E("roster.set", R"({"date":"2026-07-14"})"), R::MissingField, "body.shifts"},
        {"roster shifts is an object", E("roster.set", R"({"date":"2026-07-14","shifts":{}})"), R::WrongFieldType, "body.shifts"},
        {"shift is a string", E("roster.set", R"({"date":"2026-07-14","shifts":["白班"]})"), R::WrongFieldType, "body.shifts[0]"},
        {"shift ends before it starts", E("roster.set", R"({"date":"2026-07-14","shifts":[{"label":"白班","start":1784030400000,"end":1783987200000,"leader":{"name":"李"}}]})"), R::BadValue, "body.shifts[0].end"},
        {"shift without leader", E("roster.set", R"({"date":"2026-07-14","shifts":[{)" + kShift + "}]}"), R::MissingField, "body.shifts[0].leader"},
        {"leader without name", E("roster.set", R"({"date":"2026-07-14","shifts":[{)" + kShift + R"(,"leader":{"phone":"110"}}]})"), R::MissingField, "body.shifts[0].leader.name"},
        {"officer name is a number", E("roster.set", R"({"date":"2026-07-14","shifts":[{)" + kShift + R"(,"leader":{"name":"李"},"officers":[{"name":"王"},{"name":7}]}]})"), R::WrongFieldType, "body.shifts[0].officers[1].name"},
        {"contact phone too long", E("roster.set", R"({"date":"2026-07-14","shifts":[{)" + kShift + R"(,"leader":{"name":"李"},"contacts":[{"name":"刘","phone":")" + std::string(129, '1') + "\"}]}]}"), R::BadValue, "body.shifts[0].contacts[0].phone"},
        {"shift start as clock text", E("roster.set", R"({"date":"2026-07-14","shifts":[{"label":"白班","start":"08:00","end":1,"leader":{"name":"李"}}]})"), R::WrongFieldType, "body.shifts[0].start"},
        // --- task.upsert
        {"task status unknown", E("task.upsert", R"({"id":"T1","title":"t","commander":"c","status":"finished"})"), R::BadValue, "body.status"},
        {"task deadline in exponent form", E("task.upsert", R"({"id":"T1","title":"t","commander":"c","deadline":1.5e12})"), R::WrongFieldType, "body.deadline"},
        {"task without commander", E("task.upsert", R"({"id":"T1","title":"t"})"), R::MissingField, "body.commander"},
        {"task commander_phone too long", E("task.upsert", R"({"id":"T1","title":"t","commander":"c","commander_phone":")" + std::string(129, '1') + "\"}"), R::BadValue, "body.commander_phone"},
        // --- camera.upsert / layout.switch / heartbeat
        {"camera without name", E("camera.upsert", R"({"id":"cam-1"})"), R::MissingField, "body.name"},
        {"camera main_url is a number", E("camera.upsert", R"({"id":"cam-1","name":"n","main_url":42})"), R::WrongFieldType, "body.main_url"},
        {"camera transport unknown", E("camera.upsert", R"({"id":"cam-1","name":"n","rtsp_transport":"sctp"})"), R::BadValue, "body.rtsp_transport"},
        {"layout empty", E("layout.switch", R"({"layout":""})"), R::BadValue, "body.layout"},
        {"layout as list", E("layout.switch", R"({"layout":["duty"]})"), R::WrongFieldType, "body.layout"},
        {"heartbeat without body", "{" + kHead + R"(,"type":"heartbeat"})", R::MissingField, "body"},
        // --- responders, suppression, incidents, 叫应 answers
        {"responder without name", E("alarm.raise", "{" + kRaise + R"(,"responders":[{"name":"黄"},{"role":"村支书"}]})"), R::MissingField, "body.responders[1].name"},
        {"responders is an object", E("alarm.raise", "{" + kRaise + R"(,"responders":{"name":"黄"}})"), R::WrongFieldType, "body.responders"},
        {"responder phone too long", E("alarm.raise", "{" + kRaise + R"(,"responders":[{"name":"黄","phone":")" + std::string(129, '1') + "\"}]}"), R::BadValue, "body.responders[0].phone"},
        {"suppress without id", E("alarm.suppress", R"({"suppressed":true})"), R::MissingField, "body.id"},
        {"suppressed as a string", E("alarm.suppress", R"({"id":"A1","suppressed":"true"})"), R::WrongFieldType, "body.suppressed"},
        {"incident grade unknown", E("incident.upsert", R"({"id":"I1","title":"山洪","grade":"huge"})"), R::BadValue, "body.grade"},
        {"incident grade in Chinese", E("incident.upsert", R"({"id":"I1","title":"山洪","grade":"较大"})"), R::BadValue, "body.grade"},
        {"incident without grade", E("incident.upsert", R"({"id":"I1","title":"山洪"})"), R::MissingField, "body.grade"},
        {"incident alarm id empty", E("incident.upsert", R"({"id":"I1","title":"山洪","grade":"major","alarms":["A1",""]})"), R::BadValue, "body.alarms[1]"},
        {"incident occurred_at negative", E("incident.upsert", R"({"id":"I1","title":"山洪","grade":"major","occurred_at":-1})"), R::BadValue, "body.occurred_at"},
        {"answer without call", E("callresponse.answer", R"({"alarm":"A1"})"), R::MissingField, "body.call"},
        {"answer channel unknown", E("callresponse.answer", R"({"alarm":"A1","call":"A1#1","channel":"fax"})"), R::BadValue, "body.channel"},
        {"answer call id too long", E("callresponse.answer", R"({"alarm":"A1","call":")" + std::string(161, 'c') + "\"}"), R::BadValue, "body.call"},
        {"answered_at as text", E("callresponse.answer", R"({"alarm":"A1","call":"A1#1","answered_at":"08:00"})"), R::WrongFieldType, "body.answered_at"},
        // --- console-only types are refused from backends
        {"backend sends a shelve", E("action.alarm.shelve", R"({"id":"A1","until":1,"reason":"r","operator":"o"})"), R::UnknownType, "type"},
        {"backend places a call", E("callresponse.call", R"({"alarm":"A1","call":{"id":"A1#1","name":"n","tier":0,"deadline":1}})"), R::UnknownType, "type"},
        {"backend escalates", E("callresponse.escalate", R"({"alarm":"A1","call":"A1#1"})"), R::UnknownType, "type"},
        {"backend drives the linkage region", E("linkage.show", R"({"region":"linkage"})"), R::UnknownType, "type"},
    };
}

namespace {

// The detail starts with the field's path (or a path inside it, e.g. body.x[0][0] for body.x).
bool detailNamesField(const std::string& detail, const std::string& field) {
    if (detail.rfind(field, 0) != 0 || detail.size() == field.size()) return false;
    const char next = detail[field.size()];
    return next == ':' || next == ' ' || next == '[' || next == '.';
}

TEST(MalformedCorpus, HasAtLeastSixtyCasesCoveringEveryReasonParseCanGive) {
    const auto corpus = malformedCorpus();
    EXPECT_GE(corpus.size(), 60u);
    std::map<RejectReason, int> by_reason;
    for (const auto& c : corpus) ++by_reason[c.reason];
    for (RejectReason r : {RejectReason::NotJson, RejectReason::BadVersion, RejectReason::UnknownType, RejectReason::MissingField,
                           RejectReason::WrongFieldType, RejectReason::BadValue})
        EXPECT_GT(by_reason[r], 0) << toWire(r);
}

TEST(MalformedCorpus, EveryEntryIsRefusedWithItsReasonAndNamesTheField) {
    for (const MalformedCase& c : malformedCorpus()) {
        SCOPED_TRACE(c.name);
        ParseResult result = parseMessage(c.bytes);
        const Rejection* r = rejected(result);
        if (!r) continue;
        EXPECT_EQ(toWire(r->reason), std::string(toWire(c.reason))) << r->detail;
        EXPECT_TRUE(detailNamesField(r->detail, c.field)) << "detail \"" << r->detail << "\" should start with " << c.field;
        // The error reply must itself be valid JSON text we can read back.
        auto reply = parseReply(encodeError(*r));
        ASSERT_TRUE(reply.has_value()) << encodeError(*r);
        EXPECT_EQ(reply->reason, toWire(c.reason));
        EXPECT_EQ(reply->detail, r->detail);
    }
}

TEST(MalformedCorpus, ErrorsNameSourceAndSeqWhenTheyCouldBeRead) {
    ParseResult r = parseMessage(E("alarm.raise", R"({"id":"A1","level":"purple","category":"rain","title":"t"})"));
    const Rejection* rej = rejected(r);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->detail, R"(body.level: expected one of red|orange|yellow|blue, got "purple")");
    EXPECT_EQ(rej->source, "test-backend");
    EXPECT_TRUE(rej->has_seq);
    EXPECT_EQ(rej->seq, 7u);
    EXPECT_EQ(encodeError(*rej),
              R"({"v":1,"type":"error","reason":"bad_value","detail":"body.level: expected one of red|orange|yellow|blue, got \"purple\"","source":"test-backend","seq":7})");

    // Even a bad version still names the message when it can.
    ParseResult v = parseMessage(head(R"("v":9,"source":"s","seq":3,"ts":1,"type":"heartbeat")"));
    ASSERT_NE(rejected(v), nullptr);
    EXPECT_EQ(rejected(v)->source, "s");
    EXPECT_EQ(rejected(v)->seq, 3u);

    // A message that breaks off half-way still names what it got to.
    ParseResult t = parseMessage(R"({"v":1,"source":"s","seq":4,"ts":1,"type":"alarm.clear","body":{"id":)");
    ASSERT_NE(rejected(t), nullptr);
    EXPECT_EQ(rejected(t)->reason, RejectReason::NotJson);
    EXPECT_EQ(rejected(t)->detail.rfind("body.id: invalid JSON", 0), 0u) << rejected(t)->detail;
    EXPECT_EQ(rejected(t)->source, "s");
    EXPECT_EQ(rejected(t)->seq, 4u);

    // A seq out of range is not a valid seq, but the reply still echoes it as sent.
    ParseResult n = parseMessage(head(R"("v":1,"source":"s","seq":-3,"ts":1,"type":"heartbeat")"));
    ASSERT_NE(rejected(n), nullptr);
    EXPECT_FALSE(rejected(n)->has_seq);
    EXPECT_NE(encodeError(*rejected(n)).find(R"("seq":-3)"), std::string::npos) << encodeError(*rejected(n));

    // A syntax error after the seq: named by the raw scan.
    ParseResult x = parseMessage(R"({"v":1,"source":"s","seq":5,"ts":1,"type":"alarm.clear","body":{"id":"A",}})");
    ASSERT_NE(rejected(x), nullptr);
    EXPECT_EQ(rejected(x)->reason, RejectReason::NotJson);
    EXPECT_NE(encodeError(*rejected(x)).find(R"("seq":5)"), std::string::npos) << encodeError(*rejected(x));

    // Leading zeros are not a JSON number: nothing to echo.
    ParseResult z = parseMessage(R"({"v":1,"source":"s","seq":007,"ts":1})");
    ASSERT_NE(rejected(z), nullptr);
    EXPECT_EQ(encodeError(*rejected(z)).find("\"seq\""), std::string::npos);
}

// Required body members of every backend type, with a valid body to start from.
struct RequiredFields {
    const char* type;
    std::string valid_body;
    std::vector<std::string> required;
};

std::vector<RequiredFields> requiredFieldsOfEveryType() {
    return {
        {"alarm.raise", "{" + kRaise + "}", {"id", "level", "category", "title"}},
        {"alarm.update", R"({"id":"A1","title":"t"})", {"id"}},
        {"alarm.clear", R"({"id":"A1"})", {"id"}},
        {"roster.set", R"({"date":"2026-07-14","shifts":[]})", {"date", "shifts"}},
        {"task.upsert", R"({"id":"T1","title":"t","commander":"c"})", {"id", "title", "commander"}},
        {"camera.upsert", R"({"id":"cam-1","name":"n"})", {"id", "name"}},
        {"layout.switch", R"({"layout":"duty"})", {"layout"}},
    };
}

std::string withMember(const std::string& body_json, const std::string& key, const std::string& value_json) {
    nlohmann::json body = nlohmann::json::parse(body_json);
    if (value_json.empty()) body.erase(key);
    else body[key] = nlohmann::json::parse(value_json);
    return body.dump();
}

TEST(MalformedCorpus, EveryRequiredFieldOfEveryTypeIsReportedWhenMissing) {
    int cases = 0;
    for (const auto& t : requiredFieldsOfEveryType()) {
        ASSERT_NE(accepted(parseMessage(E(t.type, t.valid_body))), nullptr) << t.type;
        for (const std::string& field : t.required) {
            SCOPED_TRACE(std::string(t.type) + " without " + field);
            ParseResult result = parseMessage(E(t.type, withMember(t.valid_body, field, "")));
            const Rejection* r = rejected(result);
            ASSERT_NE(r, nullptr);
            EXPECT_EQ(r->reason, RejectReason::MissingField) << r->detail;
            EXPECT_TRUE(detailNamesField(r->detail, "body." + field)) << r->detail;
            ++cases;
        }
    }
    EXPECT_EQ(cases, 14);
}

TEST(MalformedCorpus, EveryRequiredFieldOfEveryTypeIsReportedWhenOfTheWrongType) {
    // Values of every JSON kind; the one matching the field's type is skipped.
    const std::vector<std::pair<std::string, std::string>> kinds = {
        {"string", R"("x")"}, {"integer", "5"}, {"float", "2.5"}, {"boolean", "true"},
        {"null", "null"},     {"array", "[]"}, {"object", "{}"}};
    const std::map<std::string, std::string> field_kind = {
        {"id", "string"}, {"level", "string"}, {"category", "string"}, {"title", "string"}, {"date", "string"},
        {"shifts", "array"}, {"commander", "string"}, {"name", "string"}, {"layout", "string"}};
    int cases = 0;
    for (const auto& t : requiredFieldsOfEveryType()) {
        for (const std::string& field : t.required) {
            for (const auto& [kind, value] : kinds) {
                if (kind == field_kind.at(field)) continue;
                SCOPED_TRACE(std::string(t.type) + " " + field + " as " + kind);
                ParseResult result = parseMessage(E(t.type, withMember(t.valid_body, field, value)));
                const Rejection* r = rejected(result);
                ASSERT_NE(r, nullptr);
                EXPECT_EQ(r->reason, RejectReason::WrongFieldType) << r->detail;
                EXPECT_TRUE(detailNamesField(r->detail, "body." + field)) << r->detail;
                ++cases;
            }
        }
    }
    EXPECT_EQ(cases, 14 * 6);
}

TEST(MalformedCorpus, WrongTypesForEveryEnvelopeField) {
    const std::map<std::string, std::string> valid = {
        {"source", R"("s")"}, {"seq", "1"}, {"ts", "1"}, {"type", R"("heartbeat")"}, {"body", "{}"}};
    const std::map<std::string, std::vector<std::string>> wrong = {
        {"source", {"5", "true", "null", "[]", "{}"}},
        {"seq", {R"("1")", "1.5", "true", "null", "[]", "{}"}},
        {"ts", {R"("1")", "0.5", "false", "null", "[]", "{}"}},
        {"type", {"1", "true", "null", "[]", "{}"}},
        {"body", {R"("x")", "1", "true", "null", "[]"}}};
    for (const auto& [field, values] : wrong) {
        for (const std::string& value : values) {
            SCOPED_TRACE(field + " = " + value);
            std::string members = "\"v\":1";
            for (const auto& [name, ok] : valid) members += ",\"" + name + "\":" + (name == field ? value : ok);
            ParseResult result = parseMessage("{" + members + "}");
            const Rejection* r = rejected(result);
            ASSERT_NE(r, nullptr);
            EXPECT_EQ(r->reason, RejectReason::WrongFieldType) << r->detail;
            EXPECT_TRUE(detailNamesField(r->detail, field)) << r->detail;
        }
    }
}

} // namespace
} // namespace wall::protocol::test
