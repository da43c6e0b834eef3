// Camera linkage through the real binary: an alarm with cameras arrives over
// real ZeroMQ while the wall runs, and its cameras are in the linkage region in
// the very frame the alarm was applied (the --stats linkage log says in which
// frame each change was decided, and whether the alarm arrived in that frame);
// the change is journaled as linkage.show for the drill review.
#include "app_test_support.hpp"
#include "client/backend_client.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"
#include "common/sample_alarms.hpp"
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace wall::test {
namespace {

TEST(CameraLinkage, AnAlarmsCamerasShowInTheFrameTheAlarmIsApplied) {
    REQUIRE_DISPLAY();
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(freePort());
    ConsoleRun run;
    std::thread console([&] {
        run = runConsole(dir, {"--router", endpoint, "--seconds", "4", "--wall", "1x1", "--layout", "duty"});
    });
    const Alarm a = reservoirAlarm("lk-1", WarningLevel::Orange, {"cam-07", "cam-08"});
    client::BackendClient backend({.endpoint = endpoint, .source = "monitor-platform"});
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // the wall is drawing by now
    backend.send("alarm.raise", protocol::encodeBody(AlarmRaise{a}));
    const bool acked = backend.waitAllAcked(client::Clock::now() + std::chrono::seconds(20));
    console.join();
    EXPECT_TRUE(acked);
    ASSERT_EQ(run.exit_code, 0) << run.log;

    const nlohmann::json* shown = nullptr;
    for (const auto& change : run.stats["linkage"])
        if (change["alarm"] == "lk-1") shown = &change;
    ASSERT_NE(shown, nullptr) << run.stats["linkage"].dump();
    EXPECT_EQ((*shown)["region"], "linkage");
    EXPECT_EQ((*shown)["cameras"], nlohmann::json::array({"cam-07", "cam-08"}));
    EXPECT_EQ((*shown)["cause"], "alarm");
    EXPECT_EQ((*shown)["alarm_applied_this_frame"], true) << "shown in the frame the alarm was applied";
    EXPECT_GT((*shown)["frame"].get<long>(), 0) << "the alarm arrived while the wall was running";

    // At the end it still shows (10 s hold, unacknowledged): the orange caption strip is in the region.
    auto lib = layouts::LayoutLibrary::open("1x1");
    const layouts::PixelRect region = outputRectOf(lib.wall, *lib.find("duty")->findRegion("linkage"));
    EXPECT_GT(countColor(run.screenshot, region, {0xFF, 0x7F, 0x00}, 6), 300) << "the level chip of the alarm";

    // Journaled for the drill review.
    journal::Journal journal((dir.path / "journal.db").string());
    int linkage_rows = 0;
    journal.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.type == "linkage.show" && r.body.find("lk-1") != std::string::npos) ++linkage_rows;
    });
    EXPECT_EQ(linkage_rows, 1);
}

} // namespace
} // namespace wall::test
