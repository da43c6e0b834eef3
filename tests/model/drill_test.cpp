// What the review (复盘) reads from the journal besides the alarms: drills
// (演练) and the alarms raised during them, link outages, and the upward
// reporting rule in force. All of it is decided by apply() from journaled
// events alone, so a replay marks the same alarms and counts the same deadlines.
#include "model/describe.hpp"
#include "model/model.hpp"

#include <gtest/gtest.h>

namespace wall {
namespace {

constexpr TimeMs kT0 = 1'783'990'000'000;

Event at(TimeMs offset_ms, EventBody body, std::string source = "drill-director") {
    static uint64_t seq = 0;
    Event e;
    e.source = std::move(source);
    e.seq = ++seq;
    e.ts_ms = e.recv_ms = kT0 + offset_ms;
    e.body = std::move(body);
    return e;
}

AlarmRaise raise(const std::string& id, WarningLevel level = WarningLevel::Red) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = "rain";
    a.title = "洪塘镇雨量站1小时降雨量超红色阈值";
    return AlarmRaise{a};
}

// ---- Drills: start, end, and which alarms they mark.
TEST(Drills, AlarmsRaisedWhileADrillRunsAreMarkedAndNotAfter) {
    State s;
    apply(s, at(0, raise("REAL-1"), "yuanzhou-monitor"));
    apply(s, at(1000, DrillStart{"DR-1", "袁州区山洪灾害防御实战演练", DrillKind::FullScale, "李建国"}));
    ASSERT_NE(runningDrill(s), nullptr);
    EXPECT_EQ(runningDrill(s)->id, "DR-1");
    apply(s, at(2000, raise("DRILL-1"), "yuanzhou-monitor"));
    apply(s, at(2500, raise("DRILL-2", WarningLevel::Orange), "yuanzhou-monitor"));
    apply(s, at(2600, raise("REAL-1"), "yuanzhou-monitor")); // a refresh of an active alarm keeps its (real) mark
    apply(s, at(3000, DrillEnd{"DR-1", "李建国"}));
    apply(s, at(4000, raise("REAL-2"), "yuanzhou-monitor"));

    EXPECT_EQ(s.alarms.at("REAL-1").drill_id, "");
    EXPECT_EQ(s.alarms.at("DRILL-1").drill_id, "DR-1");
    EXPECT_EQ(s.alarms.at("DRILL-2").drill_id, "DR-1");
    EXPECT_EQ(s.alarms.at("REAL-2").drill_id, "");
    EXPECT_EQ(runningDrill(s), nullptr);
    const Drill& d = s.drills.at("DR-1"); // ended drills stay: they are the record
    EXPECT_EQ(d.name, "袁州区山洪灾害防御实战演练");
    EXPECT_EQ(d.kind, DrillKind::FullScale);
    EXPECT_EQ(d.started_ms, kT0 + 1000);
    EXPECT_EQ(d.ended_ms, kT0 + 3000);
    EXPECT_EQ(d.started_by, "李建国");
    EXPECT_EQ(d.ended_by, "李建国");
    EXPECT_EQ(d.source, "drill-director");
    EXPECT_EQ(d.alarms, 2u);
}

TEST(Drills, AReRaiseAfterTheDrillIsARealActivation) {
    State s;
    apply(s, at(0, DrillStart{"DR-1", "桌面推演", DrillKind::Tabletop, ""}));
    apply(s, at(10, raise("AL-1")));
    apply(s, at(20, AlarmClear{"AL-1"}));
    apply(s, at(30, DrillEnd{"DR-1", ""}));
    apply(s, at(40, raise("AL-1"))); // cleared, unacked, raised again: a new activation
    EXPECT_EQ(s.alarms.at("AL-1").drill_id, "");
    EXPECT_EQ(s.drills.at("DR-1").ended_by, "drill-director");
}

TEST(Drills, UnknownOrRepeatedIdsChangeNothing) {
    State s;
    apply(s, at(0, DrillEnd{"NO-SUCH", ""}));
    EXPECT_TRUE(s.drills.empty());
    apply(s, at(10, DrillStart{"DR-1", "第一次", DrillKind::FullScale, ""}));
    apply(s, at(20, DrillStart{"DR-1", "改名", DrillKind::Tabletop, ""})); // an id is used once
    EXPECT_EQ(s.drills.at("DR-1").name, "第一次");
    apply(s, at(30, DrillEnd{"DR-1", ""}));
    apply(s, at(40, DrillEnd{"DR-1", ""})); // ended once
    EXPECT_EQ(s.drills.at("DR-1").ended_ms, kT0 + 30);
}

TEST(Drills, TheLatestStartedRunningDrillMarksNewAlarms) {
    State s;
    apply(s, at(0, DrillStart{"DR-A", "甲", DrillKind::FullScale, ""}));
    apply(s, at(10, DrillStart{"DR-B", "乙", DrillKind::Tabletop, ""}));
    apply(s, at(20, raise("AL-1")));
    EXPECT_EQ(s.alarms.at("AL-1").drill_id, "DR-B");
    apply(s, at(30, DrillEnd{"DR-B", ""}));
    apply(s, at(40, raise("AL-2")));
    EXPECT_EQ(s.alarms.at("AL-2").drill_id, "DR-A");
}

TEST(Drills, TheStateHashCoversDrillsAndMarks) {
    State a, b;
    apply(a, at(0, raise("AL-1")));
    apply(b, at(0, raise("AL-1")));
    b.alarms.at("AL-1").drill_id = "DR-1";
    EXPECT_NE(stateHash(a), stateHash(b));
    EXPECT_EQ(desc::firstDifference(a, b), ".alarms[AL-1].drill_id");
}

// ---- Link outages.
TEST(LinkStates, LostRecordsSinceWhenAndLiveClearsIt) {
    State s;
    apply(s, at(0, Heartbeat{}, "jingxian-tailings"));
    apply(s, at(2600, LinkStateChange{"jingxian-tailings", "lost", 2600}, "operator"));
    EXPECT_EQ(s.links.at("jingxian-tailings").lost_since_ms, kT0);
    apply(s, at(9000, LinkStateChange{"jingxian-tailings", "live", 9000}, "operator"));
    EXPECT_EQ(s.links.at("jingxian-tailings").lost_since_ms, 0);
}

// ---- The upward-reporting rule in force.
Incident incident(const std::string& id, IncidentGrade grade) {
    Incident i;
    i.id = id;
    i.title = "袁州区洪塘镇7·14山洪灾害";
    i.grade = grade;
    return i;
}

TEST(ReportingRule, DefaultsToAnHourForEveryGrade) {
    State s;
    EXPECT_EQ(reportWindowMin(s.report_windows, IncidentGrade::Larger), 60);
    EXPECT_EQ(reportWindowMin(s.report_windows, IncidentGrade::Major), 60);
    EXPECT_EQ(reportWindowMin(s.report_windows, IncidentGrade::Especially), 60);
    EXPECT_EQ(reportWindowMin(s.report_windows, IncidentGrade::General), 0);
    apply(s, at(0, IncidentUpsert{incident("INC-1", IncidentGrade::Major)}, "incident-system"));
    EXPECT_EQ(s.incidents.at("INC-1").report_due_ms, kT0 + kReportWindowMs);
}

TEST(ReportingRule, TheJournaledRuleSetsLaterDeadlinesAndKeepsEarlierOnes) {
    State s;
    apply(s, at(0, IncidentUpsert{incident("INC-BEFORE", IncidentGrade::Major)}, "incident-system"));
    apply(s, at(1000, ReportingRules{ReportWindows{60, 35, 30}}, "operator"));
    apply(s, at(2000, IncidentUpsert{incident("INC-MAJOR", IncidentGrade::Major)}, "incident-system"));
    apply(s, at(3000, IncidentUpsert{incident("INC-LARGER", IncidentGrade::Larger)}, "incident-system"));
    apply(s, at(4000, IncidentUpsert{incident("INC-WORST", IncidentGrade::Especially)}, "incident-system"));
    EXPECT_EQ(s.incidents.at("INC-BEFORE").report_due_ms, kT0 + 60 * 60'000);
    EXPECT_EQ(s.incidents.at("INC-MAJOR").report_due_ms, kT0 + 2000 + 35 * 60'000);
    EXPECT_EQ(s.incidents.at("INC-LARGER").report_due_ms, kT0 + 3000 + 60 * 60'000);
    EXPECT_EQ(s.incidents.at("INC-WORST").report_due_ms, kT0 + 4000 + 30 * 60'000);
}

} // namespace
} // namespace wall
