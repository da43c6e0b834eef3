// What the review (复盘) needs from the live console's journal, over a real
// ingest worker, real ZeroMQ and a real SQLite journal:
//  - drills (演练) from a backend and from the operator's intent, the alarms
//    raised during them marked, bad drill messages refused or ignored by name;
//  - a backend link going silent and coming back, journaled as link.state;
//  - the upward-reporting rule of the rules file journaled once (rules.reporting).
// Every wait is for a condition (a hand-off, an ack), never a fixed sleep.
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "common/sample_alarms.hpp"
#include "core/console_deciders.hpp"
#include "journal/journal.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

struct ReviewConsole {
    TempDir dir;
    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<ingest::IngestWorker> worker;
    std::vector<Event> seen;  // everything the wall was handed, in order

    explicit ReviewConsole(TimeMs silent_after_ms = 2500, ReportWindows reporting = {}) {
        journal = std::make_unique<journal::Journal>(dir.file("journal.db"));
        start(State{}, silent_after_ms, reporting);
    }

    void start(State state, TimeMs silent_after_ms, ReportWindows reporting) {
        ingest::IngestConfig config = loopbackConfig();
        config.silent_after_ms = static_cast<int>(silent_after_ms);
        std::vector<std::shared_ptr<Decider>> deciders{
            std::make_shared<core::DutyOperator>("王晓燕"), std::make_shared<core::DrillIntents>(),
            std::make_shared<core::ReportingRule>(reporting), std::make_shared<core::LinkWatch>(silent_after_ms)};
        worker = std::make_unique<ingest::IngestWorker>(*journal, std::move(state), config, deciders);
    }

    /// A restart on the same journal: stop, recover, start again.
    void restart(TimeMs silent_after_ms, ReportWindows reporting) {
        worker->stop();
        worker.reset();
        seen.clear();
        start(journal::recoverState(*journal).state, silent_after_ms, reporting);
    }

    /// Drains until `done` holds for the events seen so far; false at the 20 s safety limit.
    template <class Done> bool drainUntil(Done done) {
        const auto until = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < until) {
            std::vector<Event> batch;
            if (worker->drainCommitted(batch)) {
                seen.insert(seen.end(), batch.begin(), batch.end());
                if (done(seen)) return true;
            } else {
                std::this_thread::sleep_for(2ms);
            }
        }
        return false;
    }

    template <class Body> std::vector<const Body*> all() const {
        std::vector<const Body*> out;
        for (const Event& e : seen)
            if (auto* b = std::get_if<Body>(&e.body)) out.push_back(b);
        return out;
    }

    std::vector<journal::Record> journaled(const std::string& type) {
        std::vector<journal::Record> out;
        journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) {
            if (r.type == type) out.push_back(r);
        });
        return out;
    }
};

template <class Body> auto count() {
    return [](const std::vector<Event>& seen) {
        size_t n = 0;
        for (const Event& e : seen) n += std::holds_alternative<Body>(e.body);
        return n;
    };
}

// ---- Drills.
TEST(ReviewRecord, ADrillFromABackendMarksTheAlarmsRaisedDuringIt) {
    ReviewConsole console;
    client::BackendClient director({.endpoint = console.worker->routerEndpoint(), .source = "drill-director"});
    client::BackendClient monitor({.endpoint = console.worker->routerEndpoint(), .source = "yuanzhou-monitor"});
    monitor.send("alarm.raise", protocol::encodeBody(AlarmRaise{reservoirAlarm("REAL-1", WarningLevel::Red, {})}));
    ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 10s));
    director.send("drill.start", protocol::encodeBody(DrillStart{"DR-1", "袁州区山洪灾害防御实战演练", DrillKind::FullScale, "李建国"}));
    ASSERT_TRUE(director.waitAllAcked(client::Clock::now() + 10s));
    monitor.send("alarm.raise", protocol::encodeBody(AlarmRaise{reservoirAlarm("DRILL-1", WarningLevel::Red, {})}));
    ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 10s));
    director.send("drill.end", protocol::encodeBody(DrillEnd{"DR-1", ""}));
    ASSERT_TRUE(director.waitAllAcked(client::Clock::now() + 10s));
    monitor.send("alarm.raise", protocol::encodeBody(AlarmRaise{reservoirAlarm("REAL-2", WarningLevel::Orange, {})}));
    ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_TRUE(console.drainUntil([](const auto& seen) { return count<AlarmRaise>()(seen) >= 3; }));
    EXPECT_TRUE(director.errors().empty());

    console.worker->stop();
    const State s = journal::recoverState(*console.journal).state;
    EXPECT_EQ(s.alarms.at("REAL-1").drill_id, "");
    EXPECT_EQ(s.alarms.at("DRILL-1").drill_id, "DR-1");
    EXPECT_EQ(s.alarms.at("REAL-2").drill_id, "");
    ASSERT_EQ(s.drills.count("DR-1"), 1u);
    EXPECT_NE(s.drills.at("DR-1").ended_ms, 0);
    EXPECT_EQ(s.drills.at("DR-1").alarms, 1u);
    EXPECT_EQ(s.drills.at("DR-1").ended_by, "drill-director");
    EXPECT_EQ(console.journaled("drill.start").size(), 1u);
    EXPECT_EQ(console.journaled("drill.end").size(), 1u);
}

TEST(ReviewRecord, TheOperatorsDrillGetsItsIdAndOfficerFromTheAuthority) {
    ReviewConsole console;
    ASSERT_TRUE(console.worker->postAction(DrillStart{"", "防汛桌面推演", DrillKind::Tabletop, ""}));
    ASSERT_TRUE(console.drainUntil(count<DrillStart>()));
    const DrillStart started = *console.all<DrillStart>().front(); // a copy: `seen` grows below
    EXPECT_EQ(started.drill_id.rfind("drill-", 0), 0u) << started.drill_id;
    EXPECT_EQ(started.drill_id.size(), std::string("drill-20260714-093000").size()) << started.drill_id;
    EXPECT_EQ(started.operator_name, "王晓燕");
    EXPECT_EQ(started.kind, DrillKind::Tabletop);

    // An end naming no drill ends the running one.
    ASSERT_TRUE(console.worker->postAction(DrillEnd{"", ""}));
    ASSERT_TRUE(console.drainUntil(count<DrillEnd>()));
    EXPECT_EQ(console.all<DrillEnd>().front()->drill_id, started.drill_id);
    console.worker->stop();
    const State s = journal::recoverState(*console.journal).state;
    ASSERT_EQ(s.drills.size(), 1u);
    const Drill& d = s.drills.begin()->second;
    EXPECT_EQ(d.source, "operator");
    EXPECT_EQ(d.started_by, "王晓燕");
    EXPECT_EQ(d.ended_by, "王晓燕");
    EXPECT_NE(d.ended_ms, 0);
}

TEST(ReviewRecord, BadDrillMessagesAreRefusedByNameOrIgnoredWithoutHarm) {
    ReviewConsole console;
    client::BackendClient director({.endpoint = console.worker->routerEndpoint(), .source = "drill-director"});
    // A kind that is neither of the two: refused, naming the member and the allowed values.
    director.send("drill.start", R"({"drill_id":"DR-X","name":"演练","kind":"exercise"})");
    // No name: refused, naming it.
    director.send("drill.start", R"({"drill_id":"DR-Y","kind":"tabletop"})");
    // An end of a drill never started: acknowledged (resending is safe), journaled, changes nothing.
    director.send("drill.end", R"({"drill_id":"NO-SUCH-DRILL"})");
    ASSERT_TRUE(director.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_EQ(director.errors().size(), 2u);
    EXPECT_EQ(director.errors()[0].reason, "bad_value");
    EXPECT_NE(director.errors()[0].detail.find("body.kind"), std::string::npos) << director.errors()[0].detail;
    EXPECT_NE(director.errors()[0].detail.find("full_scale|tabletop"), std::string::npos) << director.errors()[0].detail;
    EXPECT_EQ(director.errors()[1].reason, "missing_field");
    EXPECT_NE(director.errors()[1].detail.find("body.name"), std::string::npos) << director.errors()[1].detail;
    ASSERT_TRUE(console.drainUntil(count<DrillEnd>()));
    EXPECT_TRUE(console.worker->running());
    console.worker->stop();
    EXPECT_TRUE(journal::recoverState(*console.journal).state.drills.empty());
    EXPECT_EQ(console.journaled("drill.end").size(), 1u);
}

// ---- Link outages.
TEST(ReviewRecord, ASilentBackendIsJournaledLostAndLiveAgainAtItsNextMessage) {
    constexpr TimeMs kSilentAfter = 300; // short, so the test waits little; the decision is the same at 2500
    ReviewConsole console(kSilentAfter);
    client::BackendClient backend({.endpoint = console.worker->routerEndpoint(), .source = "jingxian-tailings"});
    backend.send("heartbeat", "{}");
    ASSERT_TRUE(backend.waitAllAcked(client::Clock::now() + 10s));
    // The backend now says nothing: the authority calls the link lost.
    ASSERT_TRUE(console.drainUntil(count<LinkStateChange>()));
    const LinkStateChange lost = *console.all<LinkStateChange>().front();
    EXPECT_EQ(lost.source, "jingxian-tailings");
    EXPECT_EQ(lost.state, "lost");
    EXPECT_GE(lost.silent_ms, kSilentAfter);
    // Its next message brings it back, with the whole outage's length.
    backend.send("heartbeat", "{}");
    ASSERT_TRUE(backend.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_TRUE(console.drainUntil([](const auto& seen) { return count<LinkStateChange>()(seen) >= 2; }));
    const LinkStateChange live = *console.all<LinkStateChange>()[1];
    EXPECT_EQ(live.source, "jingxian-tailings");
    EXPECT_EQ(live.state, "live");
    EXPECT_GE(live.silent_ms, lost.silent_ms);

    console.worker->stop();
    const std::vector<journal::Record> rows = console.journaled("link.state");
    ASSERT_GE(rows.size(), 2u);
    EXPECT_NE(rows[0].body.find("\"state\":\"lost\""), std::string::npos) << rows[0].body;
    EXPECT_NE(rows[1].body.find("\"state\":\"live\""), std::string::npos) << rows[1].body;
    EXPECT_EQ(rows[0].source, "operator");
}

// ---- The upward-reporting rule.
TEST(ReviewRecord, TheReportingRuleIsJournaledOnceAndSetsTheDeadlines) {
    const ReportWindows province{60, 35, 30};
    ReviewConsole console(2500, province);
    ASSERT_TRUE(console.drainUntil(count<ReportingRules>()));
    EXPECT_EQ(console.all<ReportingRules>().front()->windows, province);

    client::BackendClient incidents({.endpoint = console.worker->routerEndpoint(), .source = "incident-system"});
    Incident major;
    major.id = "INC-20260714-003";
    major.title = "袁州区洪塘镇7·14山洪灾害";
    major.grade = IncidentGrade::Major;
    incidents.send("incident.upsert", protocol::encodeBody(IncidentUpsert{major}));
    ASSERT_TRUE(incidents.waitAllAcked(client::Clock::now() + 10s));
    ASSERT_TRUE(console.drainUntil(count<IncidentUpsert>()));

    // The same rule after a restart adds nothing to the journal; a changed one is journaled.
    console.restart(2500, province);
    console.worker->postAction(SoundMute{WarningLevel::Blue, true, ""}); // something to wait for behind the start
    ASSERT_TRUE(console.drainUntil(count<SoundMute>()));
    EXPECT_TRUE(console.all<ReportingRules>().empty());
    console.restart(2500, ReportWindows{});
    ASSERT_TRUE(console.drainUntil(count<ReportingRules>()));
    console.worker->stop();

    EXPECT_EQ(console.journaled("rules.reporting").size(), 2u);
    const State s = journal::recoverState(*console.journal).state;
    EXPECT_EQ(s.report_windows, ReportWindows{});
    const Incident& i = s.incidents.at("INC-20260714-003");
    EXPECT_EQ(i.report_due_ms - i.updated_ms, 35 * 60'000) << "graded 重大 under the 35-minute rule";
}

} // namespace
} // namespace wall::test
