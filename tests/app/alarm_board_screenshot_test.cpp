// The alarm board in a flood, through the real binary: 300 alarms recovered
// from a journal (a few of them red), plus shelved, suppressed, returned-unacked,
// chattering and stale ones. The verdict comes from the PNG: red warnings on
// top in their own rows, the rest folded into flood rows, no missing glyphs.
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"
#include "render/png_file.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace wall::test {
namespace {

constexpr std::array<int, 3> kOrange = {0xFF, 0x7F, 0x00};
constexpr std::array<int, 3> kYellow = {0xFF, 0xD7, 0x00};
constexpr std::array<int, 3> kBlue = {0x00, 0x70, 0xC0};
constexpr std::array<int, 3> kGroupCountChip = {70, 80, 96};   // the "N条" chip of a flood row

Alarm floodAlarm(const std::string& id, WarningLevel level, const std::string& village, const std::string& category,
                 const std::string& title) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = category;
    a.title = title;
    a.site = {"清江县", "石门镇", village, ""};
    return a;
}

/// 300 alarms arrived in the last minutes (a flood), 3 red; plus every lifecycle state.
void writeFloodScene(JournalWriter& w) {
    const TimeMs now = nowMs();
    const char* villages[] = {"龙潭村", "上坪村", "下坪村", "石桥村", "柳溪村", "杨家湾", "黄泥塘", "白沙村"};
    const char* categories[] = {"rain", "reservoir"};
    for (int i = 0; i < 300; ++i) {
        const auto level = i % 3 == 0 ? WarningLevel::Blue : i % 3 == 1 ? WarningLevel::Yellow : WarningLevel::Orange;
        w.add(AlarmRaise{floodAlarm("f" + std::to_string(i), level, villages[i % 8], categories[i % 2],
                                    std::string(villages[i % 8]) + "雨量站降雨超阈值")},
              "monitor-platform", now - 120'000 + i * 100);
    }
    w.add(AlarmRaise{floodAlarm("red-1", WarningLevel::Red, "龙潭村", "reservoir", "龙潭水库超校核水位")});
    w.add(AlarmRaise{floodAlarm("red-2", WarningLevel::Red, "上坪村", "landslide", "上坪村滑坡隐患点位移突变")});
    // Red, cleared before anyone acked: returned-unacked, still on top.
    w.add(AlarmRaise{floodAlarm("red-rtn", WarningLevel::Red, "石桥村", "rain", "石橋村雨量站紅色預警已恢復")});
    w.add(AlarmClear{"red-rtn"});
    for (const char* id : {"f0", "f1"}) w.add(AlarmShelve{id, now + 3600'000, "设备检修", "熊磊"}, "operator");
    w.add(AlarmSuppress{"f2", true, "设备停用"});
    // Stale: raised 25 hours ago.
    Alarm stale = floodAlarm("stale", WarningLevel::Red, "白沙村", "tailings", "白沙尾矿库浸润线偏高");
    stale.raised_ms = now - 25 * 3600'000LL;
    w.add(AlarmRaise{stale});
    // Chattering: three activations in the last minute.
    const Alarm chatter = floodAlarm("chatter", WarningLevel::Red, "柳溪村", "rain", "柳溪村水位计反复报警");
    for (int i = 0; i < 3; ++i) {
        w.add(AlarmRaise{chatter}, "monitor-platform", now - 30'000 + i * 5'000);
        if (i < 2) {
            w.add(AlarmAck{"chatter", "熊磊"}, "operator", now - 29'000 + i * 5'000);
            w.add(AlarmClear{"chatter"}, "monitor-platform", now - 28'000 + i * 5'000);
        }
    }
}

struct BoardShot {
    ConsoleRun run;
    layouts::PixelRect board;   // the board region in the screenshot
};

BoardShot shoot(const std::string& wall_name, double scale, const std::string& lang) {
    TempDir dir;
    {
        JournalWriter w(dir.path / "journal.db");
        writeFloodScene(w);
    }
    BoardShot shot;
    shot.run = runConsole(dir, {"--wall", wall_name, "--layout", "duty", "--frames", "4", "--lang", lang,
                                "--screenshot-scale", std::to_string(scale)});
    auto lib = layouts::LayoutLibrary::open(wall_name);
    for (const auto& r : lib.find("duty")->regions)
        if (r.view == layouts::ViewKind::AlarmBoard) shot.board = outputRectOf(lib.wall, r);
    shot.board = {int(shot.board.x * scale), int(shot.board.y * scale), int(shot.board.width * scale),
                  int(shot.board.height * scale)};
    if (const char* keep = std::getenv("WALL_KEEP_SCREENSHOTS"))
        render::writePng(std::string(keep) + "/board-" + wall_name + "-" + lang + ".png", shot.run.screenshot);
    return shot;
}

/// The level of each row down the board's level bar (its left 14 px), top to bottom, one entry per run.
std::vector<char> levelBarRuns(const BoardShot& shot, double scale) {
    const render::RgbaImage& img = shot.run.screenshot;
    const int x = shot.board.x + std::max(1, int(6 * scale));
    std::vector<char> runs;
    char last = 0;
    for (int y = shot.board.y; y < std::min(img.height, shot.board.bottom()); ++y) {
        const auto p = img.at(x, y);
        auto near = [&](std::array<int, 3> c) {
            return std::abs(p[0] - c[0]) <= 6 && std::abs(p[1] - c[1]) <= 6 && std::abs(p[2] - c[2]) <= 6;
        };
        const char level = near(kRed) ? 'R' : near(kOrange) ? 'O' : near(kYellow) ? 'Y' : near(kBlue) ? 'B' : 0;
        if (level && level != last) runs.push_back(level);
        last = level;
    }
    return runs;
}

class FloodBoard : public testing::TestWithParam<std::tuple<const char*, double, const char*>> {};

TEST_P(FloodBoard, RedOnTopThenFloodRowsWithAllGlyphs) {
    REQUIRE_DISPLAY();
    const auto [wall_name, scale, lang] = GetParam();
    const BoardShot shot = shoot(wall_name, scale, lang);
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.log;
    EXPECT_EQ(shot.run.stats["missing_glyphs"], 0) << shot.run.stats["missing_codepoints"].dump();
    EXPECT_EQ(shot.run.stats["fallback_glyphs_drawn"], 0) << "drawn without being in the atlas (shown as a box)";
    // Every red warning has its own row above every other level.
    const std::vector<char> runs = levelBarRuns(shot, scale);
    ASSERT_FALSE(runs.empty());
    EXPECT_EQ(runs.front(), 'R');
    bool left_red = false;
    for (char r : runs) {
        if (r != 'R') left_red = true;
        else EXPECT_FALSE(left_red) << "a red row below another level: " << std::string(runs.begin(), runs.end());
    }
    EXPECT_TRUE(left_red) << "flood rows below the red ones";
    // The rest is folded into flood rows (each carries a count chip).
    EXPECT_GT(countColor(shot.run.screenshot, shot.board, kGroupCountChip, 2), 300);
}

INSTANTIATE_TEST_SUITE_P(Walls, FloodBoard,
                         testing::Values(std::make_tuple("1x1", 1.0, "zh"), std::make_tuple("1x1", 1.0, "zh-Hant"),
                                         std::make_tuple("3x4", 0.35, "zh")),
                         [](const auto& info) {
                             return std::string(std::get<0>(info.param) == std::string("1x1") ? "Laptop_" : "Wall3x4_") +
                                    (std::get<2>(info.param) == std::string("zh") ? "Hans" : "Hant");
                         });

TEST(FloodBoard, FewAlarmsAreNotGrouped) {
    REQUIRE_DISPLAY();
    TempDir dir;
    {
        JournalWriter w(dir.path / "journal.db");
        w.alarm("o1", WarningLevel::Orange, "石门水库超汛限", "石门镇");
        w.alarm("o2", WarningLevel::Orange, "石门水库渗压异常", "石门镇");
    }
    const ConsoleRun run = runConsole(dir, {"--wall", "1x1", "--layout", "duty", "--frames", "3"});
    ASSERT_EQ(run.exit_code, 0) << run.log;
    auto lib = layouts::LayoutLibrary::open("1x1");
    layouts::PixelRect board{};
    for (const auto& r : lib.find("duty")->regions)
        if (r.view == layouts::ViewKind::AlarmBoard) board = outputRectOf(lib.wall, r);
    EXPECT_LT(countColor(run.screenshot, board, kGroupCountChip, 2), 50);
}

} // namespace
} // namespace wall::test
