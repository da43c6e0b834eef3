// The alarm flood, end to end: 5,000 alarms/s for 10 s over a real socket into
// the real console. Nothing may be lost, the board must group the flood, and a
// red warning raised in the middle of it must reach the screen, ungrouped,
// within a second. (Frame-time ratios are measured in bench/app, not here.)
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <future>
#include <string>
#include <thread>

namespace wall::test {
namespace {

/// Runs `command` and returns its exit code and output.
std::pair<int, std::string> runCommand(const std::string& command) {
    std::string out;
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) return {-1, "popen failed"};
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

uint64_t journaledFrom(const std::filesystem::path& db, const std::string& source) {
    journal::Journal j(db.string(), journal::OpenMode::ExistingReadOnly);
    uint64_t n = 0;
    j.forEachSince(0, std::nullopt, [&](const journal::Record& r) {
        if (r.source == source) ++n;
    });
    return n;
}

TEST(AlarmFlood, FiveThousandPerSecondLosesNothingGroupsAndShowsTheRedWarningWithinASecond) {
    REQUIRE_DISPLAY();
    TempDir dir;
    const std::string router = "tcp://127.0.0.1:" + std::to_string(freePort());
    // The load starts once the console is up (~1-2 s), floods for 10 s and
    // raises the red warning 5 s in; the console stops 2 s after the load.
    auto load = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        return runCommand(std::string(WALL_BENCH_TOOL) + " load " + router +
                          " --rate 5000 --seconds 10 --flood --red-at 5");
    });
    const ConsoleRun run = runConsole(dir, {"--wall", "1x1", "--layout", "duty", "--router", router, "--seconds",
                                            "15", "--no-blink"});
    const auto [load_exit, load_out] = load.get();
    ASSERT_EQ(run.exit_code, 0) << run.log;
    ASSERT_EQ(load_exit, 0) << load_out;

    // Nothing lost: every alarm the load sent (and saw acked) is in the journal.
    unsigned long long sent = 0, acked = 0;
    ASSERT_EQ(std::sscanf(load_out.c_str(), "load: sent %llu at %*d/s, acked %llu", &sent, &acked), 2) << load_out;
    EXPECT_GE(sent, 49000u);
    EXPECT_EQ(acked, sent);
    EXPECT_EQ(journaledFrom(dir.path / "journal.db", "load"), sent);

    // The flood was seen and grouped.
    EXPECT_TRUE(run.stats["alarm_load"]["flooding"].get<bool>()) << run.stats["alarm_load"].dump();
    EXPECT_GT(run.stats["alarm_load"]["flood_groups"].get<int>(), 0);
    EXPECT_GT(run.stats["alarm_load"]["rate"].get<int>(), 10000);

    // The red warning reached a presented frame within a second of being sent.
    const auto& red = run.stats["red_alarm_to_frame_ms"];
    ASSERT_EQ(red["count"].get<int>(), 1) << red.dump();
    EXPECT_LT(red["max"].get<double>(), 1000.0);

    // ... and it is on screen as its own row at the top of the board: red pixels in
    // the first row band, while the flood itself is only yellow and blue.
    auto library = layouts::LayoutLibrary::open("1x1");
    const layouts::Layout& duty = *library.find("duty");
    const layouts::Region* board = nullptr;
    for (const auto& r : duty.regions)
        if (r.view == layouts::ViewKind::AlarmBoard) board = &r;
    ASSERT_NE(board, nullptr);
    layouts::PixelRect first_rows = outputRectOf(library.wall, *board);
    first_rows.y += 140;  // below the caption and the level-count chips (the 红 chip is always red)
    first_rows.height = 120;
    EXPECT_GT(countColor(run.screenshot, first_rows, kRed), 100);
}

} // namespace
} // namespace wall::test
