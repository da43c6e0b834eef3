// The embedded demo through a real worker: the opening picture (roster,
// cameras, the six opening incidents, tasks) arrives without a single refusal.
#include "test_support.hpp"

#include "demo/demo_backend.hpp"
#include "demo/flood_scenario.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace wall::test {
namespace {

using namespace std::chrono_literals;

TEST(DemoBackend, OpeningPictureArrivesWithoutRefusals) {
    TempDir dir;
    RunningConsole console(dir.file("journal.db"), loopbackConfig());
    demo::DemoOptions o;
    o.endpoint = console.worker->routerEndpoint();
    demo::DemoBackend demo(o);
    demo.start();

    auto complete = [&] {
        const State& s = console.ui.state;
        std::set<std::string> categories;
        for (auto& [id, a] : s.alarms) categories.insert(a.category);
        return s.roster.shifts.size() >= 2 && s.cameras.size() >= 16 && s.tasks.size() >= 6 &&
               categories.count("rain") && categories.count("reservoir") && categories.count("tailings") &&
               categories.count("fire") && categories.count("hazchem") && categories.count("road") &&
               s.links.size() >= 4;
    };
    const auto end = std::chrono::steady_clock::now() + 20s;
    while (!complete() && std::chrono::steady_clock::now() < end) {
        console.ui.drainOnce(*console.worker);
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(complete()) << "alarms " << console.ui.state.alarms.size() << ", cameras "
                            << console.ui.state.cameras.size() << ", tasks " << console.ui.state.tasks.size();
    bool red_rain = false;
    for (auto& [id, a] : console.ui.state.alarms)
        red_rain = red_rain || (a.category == "rain" && a.level == WarningLevel::Red);
    EXPECT_TRUE(red_rain);
    demo.stop();
    EXPECT_EQ(demo.stats().errors, 0u) << demo.fault();
    EXPECT_EQ(console.worker->counters().rejectedTotal(), 0u);
    EXPECT_TRUE(demo.fault().empty()) << demo.fault();
}

TEST(DemoScenario, EveryScriptedStepEncodesAndParsesBack) {
    // The script is data: this catches a row the protocol would refuse
    // (an empty id, an over-long text, an unknown camera list shape).
    const auto steps = demo::floodScenario(1752540000000);
    ASSERT_GT(steps.size(), 50u);
    uint64_t seq = 1;
    for (const auto& step : steps) {
        auto parsed = protocol::parseMessage(envelope(step.source, seq++, step.body));
        EXPECT_TRUE(std::holds_alternative<protocol::Accepted>(parsed))
            << eventTypeName(step.body) << ": " << std::get<protocol::Rejection>(parsed).detail;
    }
    demo::OngoingAlarms ongoing;
    demo::OngoingTasks ongoing_tasks;
    State state;
    for (int i = 0; i < 40; ++i) {
        auto steps = ongoing.tick(1752540000000 + i * 5000);
        for (auto& s : ongoing_tasks.tick(1752540000000 + i * 5000)) steps.push_back(s);
        for (const auto& step : steps) {
            auto parsed = protocol::parseMessage(envelope(step.source, seq++, step.body));
            ASSERT_TRUE(std::holds_alternative<protocol::Accepted>(parsed)) << eventTypeName(step.body);
            apply(state, std::get<protocol::Accepted>(parsed).event);
        }
    }
    // Bounded boards: old live alarms clear, tasks finish.
    size_t active = 0, open_tasks = 0;
    for (auto& [id, a] : state.alarms) active += a.active;
    for (auto& [id, t] : state.tasks) open_tasks += t.status != TaskStatus::Done;
    EXPECT_LE(active, 10u);
    EXPECT_LE(open_tasks, 4u);
    EXPECT_GE(state.tasks.size(), 40u);
}

} // namespace
} // namespace wall::test
