// 叫应 over real sockets: a backend (BackendClient) raises warnings, a simulated
// calling system listens on the PUB feed for callresponse.call, answers some
// over its own DEALER and ignores the others. With deadlines of 1–2 s the
// console's rules must escalate exactly the unanswered calls, at their
// deadline, up the grid (village → township → county), journal and publish
// every decision, and keep the answer figures. Then a restart: everything the
// wall showed comes back from the journal, and the timers that fell due while
// the console was down fire right after it starts again.
#include "call_response_rules.hpp"
#include "server_process.hpp"
#include "test_support.hpp"

#include "base/clock.hpp"
#include "client/backend_client.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <map>
#include <set>
#include <thread>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

/// Loopback ports and the short-deadline rules.
ingest::IngestConfig rulesConfig() {
    ingest::IngestConfig c = loopbackConfig();
    c.rules = shortDeadlineRules();
    return c;
}

Alarm warning(const std::string& id, WarningLevel level, const std::string& township, const std::string& village,
              const std::string& device = "WL-QLSK-01") {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = "reservoir";
    a.title = id + " 青龙水库水位上涨";
    a.site = {"清江县", township, village, "青龙水库"};
    a.device = device;
    return a;
}

/// The calling system's ear: a SUB on the console's PUB feed.
struct FeedListener {
    zmq::context_t ctx;
    zmq::socket_t sub{ctx, zmq::socket_type::sub};
    std::vector<std::pair<std::string, Event>> seen;  // (topic, event), every rule decision received

    explicit FeedListener(ingest::IngestWorker& worker) {
        sub.set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::subscribe, "");
        sub.connect(worker.pubEndpoint());
        // PUB/SUB joins late: publish harmless layout switches until one arrives.
        bool joined = false;
        for (int i = 0; i < 100 && !joined; ++i) {
            worker.postAction(LayoutSwitch{"duty"});
            joined = !receive(100).empty();
        }
        if (!joined) throw std::runtime_error("no feed on " + worker.pubEndpoint());
        while (!receive(50).empty()) {}
        seen.clear();
    }
    /// @brief Feed messages (not layout switches) that arrived within timeout_ms.
    std::vector<std::pair<std::string, Event>> receive(int timeout_ms) {
        std::vector<std::pair<std::string, Event>> out;
        zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
        int wait = timeout_ms;
        while (zmq::poll(&item, 1, std::chrono::milliseconds(wait)) > 0) {
            wait = 0;
            std::vector<zmq::message_t> frames;
            if (!zmq::recv_multipart(sub, std::back_inserter(frames)) || frames.size() != 2) continue;
            auto parsed = protocol::parseFeedMessage(frames[1].to_string_view());
            if (!std::holds_alternative<protocol::Accepted>(parsed)) {
                ADD_FAILURE() << "feed message refused: " << frames[1].to_string();
                continue;
            }
            out.emplace_back(frames[0].to_string(), std::get<protocol::Accepted>(parsed).event);
        }
        for (auto& m : out) seen.push_back(m);
        return out;
    }
};

client::BackendClient backend(ingest::IngestWorker& worker, const std::string& source) {
    client::ClientOptions o;
    o.endpoint = worker.routerEndpoint();
    o.source = source;
    o.resend_after_ms = 300;
    return client::BackendClient(o);
}

void raise(client::BackendClient& c, const Alarm& a) { c.send("alarm.raise", protocol::encodeBody(AlarmRaise{a})); }

/// Drains the UI side until `done` holds for its state, or the timeout.
template <class Pred> bool drainUntil(RunningConsole& console, Pred done, std::chrono::milliseconds timeout = 5s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        console.ui.drainOnce(*console.worker);
        if (done(console.ui.state)) return true;
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(2ms);
    }
}

/// The journal's rows of one type (source "operator"), after the worker stopped.
std::vector<journal::Record> operatorRows(journal::Journal& j, const std::string& type) {
    std::vector<journal::Record> out;
    j.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.source == "operator" && r.type == type) out.push_back(r);
    });
    return out;
}

TEST(CallResponse, UnansweredCallsEscalateAtTheirDeadlineUpTheGridAndAnsweredOnesNever) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), rulesConfig());
    FeedListener feed(*console.worker);
    auto monitor = backend(*console.worker, "monitor-platform");
    auto callcenter = backend(*console.worker, "callcenter");

    // The calling system answers these people and ignores the others (王建军, 吴德华).
    const std::set<std::string> answers{"李秀英", "陈国华"};
    raise(monitor, warning("AL-RED", WarningLevel::Red, "青龙镇", "青龙村"));     // village: 王建军 + 李秀英
    raise(monitor, warning("AL-ORG", WarningLevel::Orange, "青龙镇", "下湾村"));  // no village cell: 吴德华 ...
    raise(monitor, warning("AL-YEL", WarningLevel::Yellow, "青龙镇", "青龙村"));  // below orange: nobody called

    std::map<std::string, Call> calls;             // call id → as published
    std::map<std::string, std::string> alarm_of;   // call id → alarm
    std::vector<std::pair<CallEscalate, TimeMs>> escalations; // with the time published
    const auto end = std::chrono::steady_clock::now() + 8s;
    // Done when AL-RED went village → township → county and the county answered.
    auto countyAnswered = [&] {
        for (auto& [id, c] : calls)
            if (c.person.name == "陈国华" && console.ui.state.alarms.count("AL-RED") &&
                std::any_of(console.ui.state.alarms.at("AL-RED").calls.begin(), console.ui.state.alarms.at("AL-RED").calls.end(),
                            [&](const Call& x) { return x.id == id && x.answered_ms != 0; }))
                return true;
        return false;
    };
    while (!countyAnswered() && std::chrono::steady_clock::now() < end) {
        monitor.pump(0);
        callcenter.pump(0);
        console.ui.drainOnce(*console.worker);
        for (auto& [topic, e] : feed.receive(20)) {
            EXPECT_EQ(topic, eventTypeName(e.body));
            EXPECT_EQ(e.source, "operator");
            if (auto* place = std::get_if<CallPlace>(&e.body)) {
                calls[place->call.id] = place->call;
                alarm_of[place->call.id] = place->alarm_id;
                if (answers.count(place->call.person.name))
                    callcenter.send("callresponse.answer",
                                    protocol::encodeBody(CallAnswer{place->alarm_id, place->call.id, 0, "voice", "收到，马上落实"}));
            } else if (auto* esc = std::get_if<CallEscalate>(&e.body)) {
                escalations.emplace_back(*esc, e.ts_ms);
            }
        }
    }
    ASSERT_TRUE(countyAnswered()) << "AL-RED never reached the county and got answered";
    while (!feed.receive(300).empty()) {} // anything still in flight

    // Who was called, for what.
    std::map<std::string, std::vector<std::string>> called; // alarm → person names, in order
    for (auto& [id, c] : calls) called[alarm_of[id]].push_back(c.person.name + "@" + std::to_string(c.tier));
    EXPECT_EQ(called["AL-RED"], (std::vector<std::string>{"王建军@0", "李秀英@0", "吴德华@1", "陈国华@2"}));
    EXPECT_EQ(called["AL-ORG"].front(), "吴德华@0");
    EXPECT_EQ(called.count("AL-YEL"), 0u);

    // AL-RED: 王建军's call → 吴德华, whose call → 陈国华; 李秀英 answered and never escalated.
    std::map<std::string, CallEscalate> esc_of;
    for (auto& [esc, ts] : escalations) {
        const Call& c = calls.at(esc.call_id);
        EXPECT_GE(ts, c.deadline_ms) << esc.call_id << " escalated before its deadline";
        EXPECT_LE(ts, c.deadline_ms + 1500) << esc.call_id << " escalated long after its deadline";
        EXPECT_FALSE(answers.count(c.person.name)) << c.person.name << " answered but was escalated";
        esc_of[c.person.name + "@" + alarm_of[esc.call_id]] = esc;
    }
    ASSERT_TRUE(esc_of.count("王建军@AL-RED"));
    ASSERT_TRUE(esc_of.count("吴德华@AL-RED"));
    EXPECT_EQ(calls.at(esc_of["王建军@AL-RED"].to_call_id).person.name, "吴德华");
    EXPECT_EQ(calls.at(esc_of["吴德华@AL-RED"].to_call_id).person.name, "陈国华");

    // The wall's state: calls, answers, escalations and the figures for the review.
    console.stopWorker();
    console.ui.drainOnce(*console.worker);
    const State& s = console.ui.state;
    const int red = levelIndex(WarningLevel::Red);
    EXPECT_EQ(s.response.calls[red], 2u);     // first tier only
    EXPECT_EQ(s.response.answered[red], 1u);  // 李秀英
    EXPECT_EQ(s.response.escalated[red], 1u); // 王建军
    const Alarm& a = s.alarms.at("AL-RED");
    ASSERT_EQ(a.calls.size(), 4u);
    const Call& answered = a.calls[1];
    EXPECT_EQ(answered.person.name, "李秀英");
    EXPECT_NE(answered.answered_ms, 0);
    EXPECT_EQ(answered.channel, "voice");
    EXPECT_EQ(medianAnswerMs(s.response, WarningLevel::Red), answered.answered_ms - answered.called_ms);
    EXPECT_EQ(a.calls[0].escalated_to, a.calls[2].id);

    // Journaled like operator actions, and counted.
    const auto placed = operatorRows(*console.journal, "callresponse.call");
    const auto escalated = operatorRows(*console.journal, "callresponse.escalate");
    EXPECT_EQ(placed.size(), calls.size());
    EXPECT_EQ(escalated.size(), escalations.size());
    const auto counters = console.worker->counters();
    EXPECT_EQ(counters.decisions, placed.size() + escalated.size());
    EXPECT_TRUE(monitor.errors().empty() && callcenter.errors().empty());
    EXPECT_EQ(stateHash(journal::recoverState(*console.journal).state), stateHash(s));
}

TEST(CallResponse, OutOfServiceDevicesAreSuppressedByTheConsoleAndNobodyIsCalled) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), rulesConfig());
    auto monitor = backend(*console.worker, "monitor-platform");
    raise(monitor, warning("AL-OFF", WarningLevel::Red, "青龙镇", "青龙村", "RG-OFF-01"));
    ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 5s));
    ASSERT_TRUE(drainUntil(console, [](const State& s) {
        return s.alarms.count("AL-OFF") && alarmState(s.alarms.at("AL-OFF")) == AlarmState::Suppressed;
    }));
    const Alarm& a = console.ui.state.alarms.at("AL-OFF");
    EXPECT_EQ(a.suppress_reason, "设备检修");
    EXPECT_EQ(a.suppressed_by, "operator");
    std::this_thread::sleep_for(300ms);
    console.ui.drainOnce(*console.worker);
    EXPECT_TRUE(console.ui.state.alarms.at("AL-OFF").calls.empty());
}

// Alarms in every state, open calls, a shelve and a reporting countdown; the
// console stops; the journal rebuilds exactly that; and what fell due while it
// was down (the shelve's end, the calls' deadlines) fires right after the restart.
TEST(CallResponse, RestartKeepsEveryStateAndFiresWhatFellDueWhileDown) {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    const ingest::IngestConfig config = rulesConfig();
    TimeMs shelved_until = 0, countdown_due = 0;
    std::vector<std::string> open_calls;
    uint64_t hash_before = 0;
    {
        RunningConsole console(path, config);
        auto monitor = backend(*console.worker, "monitor-platform");
        raise(monitor, warning("AL-UNACK", WarningLevel::Yellow, "青龙镇", "青龙村"));
        raise(monitor, warning("AL-ACKED", WarningLevel::Yellow, "青龙镇", "青龙村"));
        raise(monitor, warning("AL-RTN", WarningLevel::Blue, "青龙镇", "青龙村"));
        monitor.send("alarm.clear", protocol::encodeBody(AlarmClear{"AL-RTN"}));
        raise(monitor, warning("AL-SHELF", WarningLevel::Yellow, "青龙镇", "青龙村"));
        raise(monitor, warning("AL-OFF", WarningLevel::Blue, "青龙镇", "青龙村", "RG-OFF-01"));
        raise(monitor, warning("AL-CALL", WarningLevel::Orange, "青龙镇", "青龙村")); // 2 s deadline
        Incident inc;
        inc.id = "INC-1";
        inc.title = "青龙水库险情";
        inc.grade = IncidentGrade::Larger;
        monitor.send("incident.upsert", protocol::encodeBody(IncidentUpsert{inc}));
        ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 5s));
        ASSERT_TRUE(drainUntil(console, [](const State& s) { return s.alarms.count("AL-SHELF") && s.incidents.count("INC-1"); }));
        shelved_until = wall::nowMs() + 1200;
        ASSERT_TRUE(console.worker->postAction(AlarmAck{"AL-ACKED", "刘芳"}));
        ASSERT_TRUE(console.worker->postAction(AlarmShelve{"AL-SHELF", shelved_until, "现场检修", "刘芳"}));
        ASSERT_TRUE(drainUntil(console, [](const State& s) {
            return s.alarms.at("AL-ACKED").acked && s.alarms.at("AL-SHELF").shelved_until_ms != 0 &&
                   s.alarms.at("AL-OFF").suppressed && s.alarms.at("AL-CALL").calls.size() == 2;
        }));
        console.stopWorker();
        console.ui.drainOnce(*console.worker);
        const State& s = console.ui.state;
        EXPECT_EQ(alarmState(s.alarms.at("AL-UNACK")), AlarmState::Unacked);
        EXPECT_EQ(alarmState(s.alarms.at("AL-ACKED")), AlarmState::Acked);
        EXPECT_EQ(alarmState(s.alarms.at("AL-RTN")), AlarmState::ReturnedUnacked);
        ASSERT_EQ(alarmState(s.alarms.at("AL-SHELF")), AlarmState::Shelved) << "expired before the stop: machine too slow";
        EXPECT_EQ(alarmState(s.alarms.at("AL-OFF")), AlarmState::Suppressed);
        for (const Call& c : s.alarms.at("AL-CALL").calls) {
            ASSERT_EQ(c.escalated_ms, 0) << "escalated before the stop: machine too slow";
            open_calls.push_back(c.id);
        }
        countdown_due = s.incidents.at("INC-1").report_due_ms;
        EXPECT_GT(countdown_due, 0);
        hash_before = stateHash(s);
    }
    {
        // Down: the journal alone rebuilds what the wall showed.
        journal::Journal j(path);
        const journal::Recovered r = journal::recoverState(j);
        EXPECT_EQ(r.skipped, 0);
        EXPECT_EQ(stateHash(r.state), hash_before);
        EXPECT_EQ(r.state.incidents.at("INC-1").report_due_ms, countdown_due);
        EXPECT_EQ(r.state.alarms.at("AL-SHELF").shelved_until_ms, shelved_until);
    }
    // Stay down past the shelve's end and the calls' deadlines.
    TimeMs latest_deadline = shelved_until;
    {
        journal::Journal j(path);
        for (const Call& c : journal::recoverState(j).state.alarms.at("AL-CALL").calls)
            latest_deadline = std::max(latest_deadline, c.deadline_ms);
    }
    while (wall::nowMs() <= latest_deadline + 50) std::this_thread::sleep_for(20ms);

    RunningConsole again(path, config);
    const auto restarted = std::chrono::steady_clock::now();
    ASSERT_TRUE(drainUntil(again, [&](const State& s) {
        const Alarm& call_alarm = s.alarms.at("AL-CALL");
        bool all_escalated = true;
        for (const std::string& id : open_calls)
            for (const Call& c : call_alarm.calls)
                if (c.id == id && c.escalated_ms == 0) all_escalated = false;
        return alarmState(s.alarms.at("AL-SHELF")) == AlarmState::Unacked && all_escalated;
    }, 3s)) << "the shelve expiry or the overdue calls did not fire after the restart";
    EXPECT_LT(std::chrono::steady_clock::now() - restarted, 1500ms);
    const State& s = again.ui.state;
    EXPECT_EQ(s.alarms.at("AL-SHELF").history.back().cause, "shelve expired");
    EXPECT_EQ(s.alarms.at("AL-SHELF").history.back().actor, "console");
    // 王建军 and 李秀英 both missed their deadline: one call to the township, not two.
    int township_calls = 0;
    for (const Call& c : s.alarms.at("AL-CALL").calls) township_calls += c.tier == 1;
    EXPECT_EQ(township_calls, 1);
    // The rest is as it was.
    EXPECT_EQ(alarmState(s.alarms.at("AL-ACKED")), AlarmState::Acked);
    EXPECT_EQ(alarmState(s.alarms.at("AL-RTN")), AlarmState::ReturnedUnacked);
    EXPECT_EQ(alarmState(s.alarms.at("AL-OFF")), AlarmState::Suppressed);
    EXPECT_EQ(s.incidents.at("INC-1").report_due_ms, countdown_due);
    again.stopWorker();
    again.ui.drainOnce(*again.worker);
    EXPECT_EQ(operatorRows(*again.journal, "action.alarm.unshelve").size(), 1u);
    EXPECT_EQ(stateHash(journal::recoverState(*again.journal).state), stateHash(again.ui.state));
}

// The same across a kill -9 of the console process (ingest_test_server --call-rules): open
// calls and the countdown survive, and the deadlines that passed while it was
// dead escalate as soon as it is back.
TEST(CallResponse, KillNineWithOpenCallsThenDeadlinesPassedWhileDeadEscalateOnRestart) {
    TempDir dir;
    const std::string path = dir.file("journal.db");
    auto server = std::make_unique<ServerProcess>(INGEST_TEST_SERVER, path, "tcp://127.0.0.1:*", std::vector<std::string>{"--call-rules"});
    const std::string endpoint = server->waitReady();
    ASSERT_FALSE(endpoint.empty()) << "ingest_test_server --call-rules did not start";
    client::ClientOptions o;
    o.endpoint = endpoint;
    o.source = "monitor-platform";
    o.resend_after_ms = 300;
    client::BackendClient monitor(o);
    raise(monitor, warning("AL-CALL", WarningLevel::Orange, "青龙镇", "青龙村"));
    raise(monitor, warning("AL-OFF", WarningLevel::Blue, "青龙镇", "青龙村", "RG-OFF-01"));
    Incident inc;
    inc.id = "INC-1";
    inc.title = "青龙水库险情";
    inc.grade = IncidentGrade::Major;
    monitor.send("incident.upsert", protocol::encodeBody(IncidentUpsert{inc}));
    ASSERT_TRUE(monitor.waitAllAcked(client::Clock::now() + 5s));
    // 3 backend events + 2 calls + 1 suppression applied by the console.
    const auto end = std::chrono::steady_clock::now() + 5s;
    while (server->applied() < 6 && std::chrono::steady_clock::now() < end) {
        server->readOutput();
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_EQ(server->applied(), 6u);
    server->killHard();

    TimeMs latest_deadline = 0;
    {
        journal::Journal j(path);
        const State s = journal::recoverState(j).state;
        EXPECT_EQ(stateHash(s), server->hash()) << "the journal does not rebuild what the console showed";
        ASSERT_EQ(s.alarms.at("AL-CALL").calls.size(), 2u);
        for (const Call& c : s.alarms.at("AL-CALL").calls) {
            EXPECT_EQ(c.escalated_ms, 0);
            latest_deadline = std::max(latest_deadline, c.deadline_ms);
        }
        EXPECT_TRUE(s.alarms.at("AL-OFF").suppressed);
        EXPECT_GT(s.incidents.at("INC-1").report_due_ms, 0);
    }
    while (wall::nowMs() <= latest_deadline + 50) std::this_thread::sleep_for(20ms);

    server = std::make_unique<ServerProcess>(INGEST_TEST_SERVER, path, endpoint, std::vector<std::string>{"--call-rules"});
    ASSERT_EQ(server->waitReady(), endpoint);
    // 2 escalations + 1 call to the township.
    const auto end2 = std::chrono::steady_clock::now() + 3s;
    while (server->applied() < 3 && std::chrono::steady_clock::now() < end2) {
        server->readOutput();
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(server->applied(), 3u) << "the overdue calls did not escalate after the restart";
    EXPECT_EQ(server->terminate(), 0);
    journal::Journal j(path);
    EXPECT_EQ(operatorRows(j, "callresponse.escalate").size(), 2u);
    const auto calls = operatorRows(j, "callresponse.call");
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_NE(calls.back().body.find("吴德华"), std::string::npos) << calls.back().body;
    EXPECT_EQ(stateHash(journal::recoverState(j).state), server->hash());
}

} // namespace
} // namespace wall::test
