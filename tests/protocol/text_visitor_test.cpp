// The glyph atlas learns its characters from forEachText (model/alarm_order.hpp),
// and the board re-files an alarm from touchedAlarmId. Every human-readable
// string of the lifecycle, 叫应 and linkage bodies and state must reach the first, and every body
// that changes an alarm must name it to the second.
#include "model/alarm_order.hpp"
#include "protocol_test_support.hpp"

#include <set>

namespace wall::protocol::test {
namespace {

std::set<std::string> textsOf(const EventBody& body) {
    std::set<std::string> seen;
    forEachText(body, [&](const std::string& s) { seen.insert(s); });
    return seen;
}

TEST(TextVisitor, NewBodiesReachTheGlyphAtlas) {
    const auto has = [](const EventBody& body, std::initializer_list<const char*> texts) {
        const auto seen = textsOf(body);
        for (const char* t : texts) EXPECT_TRUE(seen.count(t)) << eventTypeName(body) << " does not visit " << t;
    };
    Alarm a;
    a.id = "A1";
    a.responders = {Responder{"黄志明", "镇长", "袁州区/洪塘镇", "135"}};
    has(AlarmRaise{a}, {"黄志明", "镇长", "袁州区/洪塘镇"});
    has(AlarmSuppress{"A1", true, "设备检修"}, {"设备检修"});
    Incident inc;
    inc.title = "強降雨";
    inc.site = "洪塘鎮";
    has(IncidentUpsert{inc}, {"強降雨", "洪塘鎮"});
    has(CallAnswer{"A1", "A1#1", 0, "voice", "正在转移"}, {"正在转移"});
    has(AlarmShelve{"A1", 1, "误报屏蔽", "王晓燕"}, {"误报屏蔽", "王晓燕"});
    has(AlarmUnshelve{"A1", "陈志强", "operator"}, {"陈志强"});
    has(SopStepSet{"A1", 1, true, "赵丽"}, {"赵丽"});
    has(CallAnswerRecord{CallAnswer{"A1", "A1#1", 0, "manual", "已电话确认"}, "周敏"}, {"已电话确认", "周敏"});
    has(IncidentReported{"I1", "李建国", "已报市局"}, {"李建国", "已报市局"});
    has(SoundMute{WarningLevel::Blue, true, "张卫东"}, {"张卫东"});
    Call call;
    call.person = Responder{"村支书刘", "村支书", "塘下村", "137"};
    has(CallPlace{"A1", call, "raise"}, {"村支书刘", "村支书", "塘下村"});
}

TEST(TextVisitor, StateLifecycleTextsReachTheGlyphAtlas) {
    State s;
    Alarm& a = s.alarms["A1"];
    a.id = "A1";
    a.responders = {Responder{"黄志明", "镇长", "洪塘镇", ""}};
    a.shelved_by = "王晓燕";
    a.shelve_reason = "误报屏蔽";
    a.suppressed_by = "泾县监测";
    a.suppress_reason = "停用";
    Call c;
    c.person = Responder{"刘村支书", "村支书", "塘下村", ""};
    c.note = "已转移";
    c.recorded_by = "陈志强";
    a.calls = {c};
    a.history = {AlarmTransition{1, AlarmState::Unacked, AlarmState::Shelved, "赵丽", "库区检修"}};
    Incident& inc = s.incidents["I1"];
    inc.title = "强降雨";
    inc.site = "洪塘镇";
    inc.reported_by = "李建国";
    inc.report_note = "已报市局";
    std::set<std::string> seen;
    forEachText(s, [&](const std::string& t) { seen.insert(t); });
    for (const char* t : {"黄志明", "镇长", "王晓燕", "误报屏蔽", "泾县监测", "停用", "刘村支书", "村支书", "塘下村", "已转移",
                          "陈志强", "赵丽", "库区检修", "强降雨", "李建国", "已报市局"})
        EXPECT_TRUE(seen.count(t)) << t;
}

TEST(TextVisitor, BodiesThatChangeAnAlarmNameIt) {
    const std::vector<EventBody> touching = {
        AlarmSuppress{"A1", true, ""},
        AlarmShelve{"A1", 5, "r", "o"},
        AlarmUnshelve{"A1", "o", "expired"},
        SopStepSet{"A1", 0, true, "o"},
        CallPlace{"A1", Call{}, ""},
        CallEscalate{"A1", "A1#1", ""},
        CallAnswer{"A1", "A1#1", 0, "", ""},
        CallAnswerRecord{CallAnswer{"A1", "A1#1", 0, "manual", ""}, "o"},
    };
    for (const EventBody& body : touching) {
        const std::string* id = touchedAlarmId(body);
        ASSERT_NE(id, nullptr) << eventTypeName(body);
        EXPECT_EQ(*id, "A1") << eventTypeName(body);
    }
    EXPECT_EQ(touchedAlarmId(SoundMute{}), nullptr);
    EXPECT_EQ(touchedAlarmId(IncidentReported{}), nullptr);
}

} // namespace
} // namespace wall::protocol::test
