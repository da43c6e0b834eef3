// The console's decisions on the authority (console/core/console_deciders), run
// by a real ingest worker over a real journal and real ZeroMQ:
//  - a new warning reaches the wall in the same hand-off as its linkage decision;
//  - the operator's intents are completed by the authority (who acted, what a revert shows);
//  - a stream report from any thread is journaled once per change.
#include "test_support.hpp"

#include "client/backend_client.hpp"
#include "common/sample_alarms.hpp"
#include "core/console_deciders.hpp"
#include "journal/journal.hpp"
#include "base/clock.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

constexpr TimeMs kHour = 3600 * 1000;

struct DecidingConsole {
    TempDir dir;
    std::unique_ptr<journal::Journal> journal = std::make_unique<journal::Journal>(dir.file("journal.db"));
    std::shared_ptr<core::StreamStateReports> streams = std::make_shared<core::StreamStateReports>();
    std::unique_ptr<ingest::IngestWorker> worker;
    std::vector<Event> seen;  // everything the wall was handed, in order

    explicit DecidingConsole(const std::string& fixed_operator = "") {
        State start;
        Shift shift{"白班", wall::nowMs() - kHour, wall::nowMs() + kHour, {"李强", "带班领导", ""}, {{"王芳", "值班员", ""}}, {}};
        start.roster = {"2026-12-03", {shift}};
        std::map<std::string, std::vector<LinkageRegion>> layouts{{"duty", {{"linkage", {"cam-01"}, false}}}};
        std::vector<std::shared_ptr<Decider>> deciders{
            std::make_shared<core::DutyOperator>(fixed_operator), streams,
            std::make_shared<core::LinkageDecider>(layouts, "duty", ConsoleRules{})};
        worker = std::make_unique<ingest::IngestWorker>(*journal, start, loopbackConfig(), deciders);
        streams->setWake([w = worker.get()] { w->decideSoon(); });
    }

    /// Drains until `done` holds for some hand-off; returns that hand-off.
    template <class Done> std::vector<Event> drainUntil(Done done) {
        const auto until = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < until) {
            std::vector<Event> batch;
            if (worker->drainCommitted(batch)) {
                seen.insert(seen.end(), batch.begin(), batch.end());
                if (done(batch)) return batch;
            } else {
                std::this_thread::sleep_for(2ms);
            }
        }
        return {};
    }
};

template <class Body> const Body* find(const std::vector<Event>& events) {
    for (const Event& e : events)
        if (auto* b = std::get_if<Body>(&e.body)) return b;
    return nullptr;
}

TEST(ConsoleDeciders, AWarningReachesTheWallTogetherWithItsLinkage) {
    DecidingConsole console;
    client::BackendClient backend({.endpoint = console.worker->routerEndpoint(), .source = "monitor-platform"});
    const Alarm a = reservoirAlarm("w-1", WarningLevel::Orange, {"cam-07", "cam-08"});
    backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{a}));
    ASSERT_TRUE(backend.waitAllAcked(client::Clock::now() + 10s));
    const std::vector<Event> handed = console.drainUntil([](const auto& b) { return find<AlarmRaise>(b) != nullptr; });
    ASSERT_NE(find<AlarmRaise>(handed), nullptr);
    const LinkageShow* shown = find<LinkageShow>(handed);
    ASSERT_NE(shown, nullptr) << "the linkage decision comes in the same hand-off as the warning";
    EXPECT_EQ(shown->region, "linkage");
    EXPECT_EQ(shown->alarm_id, "w-1");
    EXPECT_EQ(shown->cameras, (std::vector<std::string>{"cam-07", "cam-08"}));
    EXPECT_EQ(shown->cause, "alarm");

    // The operator's 恢复 names only the region: the authority fills in what the region then shows.
    ASSERT_TRUE(console.worker->postAction(LinkageShow{"linkage", "", {}, "operator"}));
    const std::vector<Event> reverted = console.drainUntil([](const auto& b) { return find<LinkageShow>(b) != nullptr; });
    ASSERT_NE(find<LinkageShow>(reverted), nullptr);
    EXPECT_EQ(find<LinkageShow>(reverted)->cameras, std::vector<std::string>{"cam-01"});
    EXPECT_EQ(find<LinkageShow>(reverted)->alarm_id, "");
    // ...and the reverted alarm does not take the region back.
    ASSERT_TRUE(console.worker->postAction(LayoutSwitch{"duty"}));
    console.drainUntil([](const auto& b) { return find<LayoutSwitch>(b) != nullptr; });
    int shows_of_w1 = 0;
    for (const Event& e : console.seen)
        if (auto* s = std::get_if<LinkageShow>(&e.body); s && s->alarm_id == "w-1") ++shows_of_w1;
    EXPECT_EQ(shows_of_w1, 1);
    uint64_t calls = 0;
    for (const Event& e : console.seen) calls += std::holds_alternative<CallPlace>(e.body);
    const ingest::IngestCounters c = console.worker->counters();
    EXPECT_EQ(c.operator_actions, 2u) << "the revert and the layout switch";
    EXPECT_EQ(c.decisions, 1u + calls) << "the linkage decision and the 叫应 calls of the warning";
}

TEST(ConsoleDeciders, TheAuthorityStampsWhoIsOnDuty) {
    DecidingConsole console;
    ASSERT_TRUE(console.worker->postAction(SoundMute{WarningLevel::Blue, true, ""}));
    const auto handed = console.drainUntil([](const auto& b) { return find<SoundMute>(b) != nullptr; });
    ASSERT_NE(find<SoundMute>(handed), nullptr);
    EXPECT_EQ(find<SoundMute>(handed)->operator_name, "王芳") << "the first officer of the shift on duty now";

    DecidingConsole named("张伟");
    ASSERT_TRUE(named.worker->postAction(SoundMute{WarningLevel::Blue, true, ""}));
    const auto stamped = named.drainUntil([](const auto& b) { return find<SoundMute>(b) != nullptr; });
    ASSERT_NE(find<SoundMute>(stamped), nullptr);
    EXPECT_EQ(find<SoundMute>(stamped)->operator_name, "张伟") << "--operator names who acts";
}

TEST(ConsoleDeciders, AStreamReportIsJournaledOncePerChange) {
    DecidingConsole console;
    std::thread decoder([&] {
        console.streams->report({"cam-07", "main", "connecting", ""});
        console.streams->report({"cam-07", "main", "connecting", ""}); // no change: dropped
        console.streams->report({"cam-07", "main", "reconnecting", "connection refused"});
    });
    decoder.join();
    int reports = 0;
    console.drainUntil([&](const auto& b) {
        for (const Event& e : b) reports += std::holds_alternative<CameraStreamState>(e.body);
        return reports >= 2;
    });
    EXPECT_EQ(reports, 2);
    console.worker->stop();
    std::vector<std::string> journaled;
    console.journal->forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.type == "camera.state") journaled.push_back(r.body);
    });
    ASSERT_EQ(journaled.size(), 2u);
    EXPECT_NE(journaled[1].find("reconnecting"), std::string::npos);
}

} // namespace
} // namespace wall::test
