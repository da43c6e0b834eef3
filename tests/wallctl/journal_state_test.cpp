// `wallctl journal state --at T` on journals written here by the real Journal:
// the alarms' lifecycle states at T, the hash equal to stateHash of the state
// recoverState rebuilds (and of the events applied without any journal), and
// times outside the journal refused with its first and last event named.

#include "wallctl/journal_state.hpp"

#include "journal/journal_fixture.hpp"

#include <nlohmann/json.hpp>

namespace wall::wallctl {
namespace {

using journal::Journal;
using journal::OpenMode;
using journal::Record;
using journal::testing::JournalTest;
using journal::testing::kDayStartMs;
using journal::testing::rainAlarm;
using journal::testing::recordOf;

constexpr TimeMs kStep = 1000;  // one event a second
TimeMs at(int event) { return kDayStartMs + event * kStep; }

/// A drill's morning: four warnings, each ending in another lifecycle state.
class JournalState : public JournalTest {
protected:
    void SetUp() override {
        JournalTest::SetUp();
        path_ = file("drill.db");
        std::vector<EventBody> bodies = {
            rainAlarm("RG-A", "西坑村"),                                   // 0  A unacked
            rainAlarm("RG-B", "南庙村"),                                   // 1  B unacked
            rainAlarm("RG-C", "竹亭村"),                                   // 2  C unacked
            AlarmAck{"RG-A", "值班员 王晓燕"},                             // 3  A acked
            AlarmClear{"RG-B"},                                            // 4  B returned_unacked
            AlarmSuppress{"RG-C", true, "雨量站检修"},                     // 5  C suppressed
            rainAlarm("RG-D", "彬江村"),                                   // 6  D unacked
            AlarmShelve{"RG-D", at(7) + 3'600'000, "误报核实中", "王晓燕"}, // 7  D shelved
            journal::testing::evacuationTask("T-1", TaskStatus::Assigned), // 8
            Heartbeat{},                                                   // 9
        };
        Journal j(path_);
        uint64_t seq = 0;
        for (size_t i = 0; i < bodies.size(); ++i) {
            const bool by_operator = std::holds_alternative<AlarmAck>(bodies[i]) ||
                                     std::holds_alternative<AlarmShelve>(bodies[i]);
            Record r = recordOf(by_operator ? "operator" : "yuanzhou-monitor", ++seq, at(static_cast<int>(i)), bodies[i]);
            std::vector<Record> one{r};
            j.appendBatch(one);
            Event e;
            e.source = r.source;
            e.seq = r.seq;
            e.ts_ms = r.ts_ms;
            e.recv_ms = r.recv_ms;
            e.body = bodies[i];
            events_.push_back(std::move(e));
            // A checkpoint halfway, as the ingest worker writes them: "state at T" starts from it.
            if (i == 4) j.writeCheckpoint({j.lastId(), r.recv_ms, protocol::encodeState(reference(5))});
        }
    }

    /// @brief The state after the first n events, applied without the journal.
    State reference(size_t n) const {
        State s;
        for (size_t i = 0; i < n; ++i) apply(s, events_[i]);
        return s;
    }

    nlohmann::json stateAt(TimeMs t, journal::Recovered* out = nullptr) {
        Journal j(path_, OpenMode::ExistingReadOnly);
        journal::Recovered r = journal::recoverState(j, t);
        if (out) *out = r;
        return nlohmann::json::parse(stateJson(r, t, path_, false));
    }

    static std::map<std::string, std::string> alarmStates(const nlohmann::json& doc) {
        std::map<std::string, std::string> states;
        for (const auto& a : doc.at("alarms")) states[a.at("id")] = a.at("state");
        return states;
    }

    std::string path_;
    std::vector<Event> events_;
};

TEST_F(JournalState, AlarmStatesAtEachTime) {
    using States = std::map<std::string, std::string>;
    EXPECT_EQ(alarmStates(stateAt(at(0))), (States{{"RG-A", "unacked"}}));
    EXPECT_EQ(alarmStates(stateAt(at(3))), (States{{"RG-A", "acked"}, {"RG-B", "unacked"}, {"RG-C", "unacked"}}));
    // Between events: the state as the wall showed it until the next one.
    EXPECT_EQ(alarmStates(stateAt(at(4) + 999)),
              (States{{"RG-A", "acked"}, {"RG-B", "returned_unacked"}, {"RG-C", "unacked"}}));
    EXPECT_EQ(alarmStates(stateAt(at(9))), (States{{"RG-A", "acked"},
                                                   {"RG-B", "returned_unacked"},
                                                   {"RG-C", "suppressed"},
                                                   {"RG-D", "shelved"}}));
}

TEST_F(JournalState, HashIsTheRecoveredStatesAndTheEventsOwn) {
    for (int event : {0, 3, 4, 5, 7, 9}) {
        SCOPED_TRACE(event);
        journal::Recovered recovered;
        const nlohmann::json doc = stateAt(at(event), &recovered);
        EXPECT_EQ(doc.at("state_hash"), stateHashText(stateHash(recovered.state)));
        // Independent of the journal: the same events applied directly.
        EXPECT_EQ(doc.at("state_hash"), stateHashText(stateHash(reference(static_cast<size_t>(event) + 1))));
        EXPECT_EQ(doc.at("at_ms"), at(event));
        EXPECT_EQ(doc.at("journal_id"), event + 1);  // ids 1.. in order: the last record folded in
        EXPECT_EQ(doc.at("journal"), path_);
    }
}

TEST_F(JournalState, EveryCollectionIsThere) {
    const nlohmann::json doc = stateAt(at(9));
    for (const char* key : {"alarms", "tasks", "incidents", "roster", "cameras", "links", "linkage", "active_layout",
                            "muted", "response"})
        EXPECT_TRUE(doc.contains(key)) << key;
    EXPECT_FALSE(doc.contains("v"));  // the checkpoint format's version is not the state's
    EXPECT_EQ(doc.at("tasks").at(0).at("id"), "T-1");
    EXPECT_EQ(doc.at("tasks").at(0).at("commander"), "刘建国");
    const auto& c = doc.at("alarms").at(2);
    EXPECT_EQ(c.at("id"), "RG-C");
    EXPECT_EQ(c.at("suppress_reason"), "雨量站检修");
    EXPECT_TRUE(c.contains("calls"));                         // 叫应 calls ride inside their alarm
    ASSERT_EQ(doc.at("links").size(), 2u);  // by source: the console's own, then the backend
    EXPECT_EQ(doc.at("links").at(0).at("source"), "operator");
    EXPECT_EQ(doc.at("links").at(1).at("source"), "yuanzhou-monitor");
}

TEST_F(JournalState, TheHeadComesFirstAndEachAlarmsStateRightAfterItsId) {
    Journal j(path_, OpenMode::ExistingReadOnly);
    const auto doc = nlohmann::ordered_json::parse(stateJson(journal::recoverState(j, at(9)), at(9), path_, true));
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) keys.push_back(key);
    ASSERT_GE(keys.size(), 6u);
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 6),
              (std::vector<std::string>{"journal", "at", "at_ms", "journal_id", "state_hash", "alarms"}));
    const auto& alarm = doc.at("alarms").at(0);
    auto member = alarm.items().begin();
    EXPECT_EQ(member.key(), "id");
    EXPECT_EQ((++member).key(), "state");
    EXPECT_EQ(doc.at("at"), "2026-07-15T08:00:09.000+08:00");
}

TEST_F(JournalState, TimesOutsideTheJournalAreRefusedNamingItsRange) {
    Journal j(path_, OpenMode::ExistingReadOnly);
    const auto span = journalSpan(j);
    ASSERT_TRUE(span);
    EXPECT_EQ(span->first_ms, at(0));
    EXPECT_EQ(span->last_ms, at(9));
    EXPECT_EQ(span->first_id, 1);
    EXPECT_EQ(span->last_id, 10);

    for (const std::string& text : {std::string("2026-07-15 07:59:59"), std::to_string(at(9) + 1)}) {
        SCOPED_TRACE(text);
        const TimeArg t = timeInJournal("--at", text, span, path_);
        EXPECT_FALSE(t.ms);
        EXPECT_NE(t.error.find(isoBeijing(at(0))), std::string::npos) << t.error;  // 2026-07-15T08:00:00.000+08:00
        EXPECT_NE(t.error.find(isoBeijing(at(9))), std::string::npos) << t.error;
        EXPECT_NE(t.error.find(path_), std::string::npos) << t.error;
    }
    EXPECT_NE(timeInJournal("--at", "2026-07-15 07:59:59", span, path_).error.find("before the first event"),
              std::string::npos);
    EXPECT_NE(timeInJournal("--at", std::to_string(at(9) + 1), span, path_).error.find("after the last event"),
              std::string::npos);
    // The edges themselves are inside.
    EXPECT_EQ(timeInJournal("--at", "2026-07-15 08:00:00", span, path_).ms, at(0));
    EXPECT_EQ(timeInJournal("--at", std::to_string(at(9)), span, path_).ms, at(9));
}

TEST_F(JournalState, MalformedTimesNameTheFault) {
    Journal j(path_, OpenMode::ExistingReadOnly);
    const TimeArg t = timeInJournal("--at", "2026-07-15T08:61", journalSpan(j), path_);
    EXPECT_FALSE(t.ms);
    EXPECT_EQ(t.error, "--at '2026-07-15T08:61': minute 61 is out of range 00..59");
}

TEST_F(JournalState, AnEmptyJournalHasNoTimes) {
    const std::string empty = file("empty.db");
    { Journal j(empty); }
    Journal j(empty, OpenMode::ExistingReadOnly);
    EXPECT_FALSE(journalSpan(j));
    const TimeArg t = timeInJournal("--at", "2026-07-15", journalSpan(j), empty);
    EXPECT_NE(t.error.find("has no events"), std::string::npos) << t.error;
}

} // namespace
} // namespace wall::wallctl
