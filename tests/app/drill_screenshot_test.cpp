// Drills (演练) on the live wall, through the real binaries: a journal with a
// running drill, alarms raised before and during it, and an earlier drill.
// The verdict comes from the PNG (the teal 演练 banner on the status bar,
// the 演练 chips on the board's rows, neither without a drill), from --stats
// (drill alarms counted apart from real ones) and from `wallctl journal drills`.
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"
#include "render/png_file.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace wall::test {
namespace {

constexpr std::array<int, 3> kDrillTeal = {0, 150, 160}; // colors::kDrill, console/panels/wall_style.hpp

Alarm rainAlarm(const std::string& id, WarningLevel level, const std::string& title) {
    Alarm a;
    a.id = id;
    a.level = level;
    a.category = "rain";
    a.title = title;
    a.site = {"袁州区", "洪塘镇", "塘下村", ""};
    return a;
}

/// An earlier tabletop drill (ended), a real red warning, then a full-scale drill running with two alarms.
void writeDrillScene(JournalWriter& w, bool with_drill) {
    const TimeMs now = nowMs();
    if (with_drill) {
        w.add(DrillStart{"DR-TT-01", "防汛桌面推演", DrillKind::Tabletop, "李建国"}, "drill-director", now - 7200'000);
        w.add(AlarmRaise{rainAlarm("TT-ALARM", WarningLevel::Blue, "推演：塘下村水位上涨")}, "yuanzhou-monitor", now - 7100'000);
        w.add(AlarmClear{"TT-ALARM"}, "yuanzhou-monitor", now - 7050'000);
        w.add(DrillEnd{"DR-TT-01", "李建国"}, "drill-director", now - 3600'000);
    }
    w.add(AlarmRaise{rainAlarm("REAL-1", WarningLevel::Red, "洪塘镇雨量站1小时降雨量超红色阈值")}, "yuanzhou-monitor", now - 600'000);
    if (with_drill) {
        w.add(DrillStart{"DR-YZ-2026-07", "袁州区山洪灾害防御实战演练", DrillKind::FullScale, "李建国"}, "drill-director",
              now - 300'000);
        w.add(AlarmRaise{rainAlarm("DRILL-1", WarningLevel::Orange, "演练：塘下村山洪危险区转移")}, "yuanzhou-monitor", now - 200'000);
        w.add(AlarmRaise{rainAlarm("DRILL-2", WarningLevel::Yellow, "演练：洪塘水库泄洪预警")}, "yuanzhou-monitor", now - 100'000);
    }
}

struct DrillShot {
    ConsoleRun run;
    layouts::PixelRect status;  // the status bar in the screenshot
    layouts::PixelRect board;   // the alarm board
    std::filesystem::path journal;
};

DrillShot shoot(const TempDir& dir, bool with_drill, const std::string& lang) {
    DrillShot shot;
    shot.journal = dir.path / "journal.db";
    {
        JournalWriter w(shot.journal);
        writeDrillScene(w, with_drill);
    }
    shot.run = runConsole(dir, {"--wall", "1x1", "--layout", "duty", "--frames", "4", "--lang", lang});
    auto lib = layouts::LayoutLibrary::open("1x1");
    for (const auto& r : lib.find("duty")->regions) {
        if (r.view == layouts::ViewKind::AlarmBoard) shot.board = outputRectOf(lib.wall, r);
        if (r.view == layouts::ViewKind::StatusBar) shot.status = outputRectOf(lib.wall, r);
    }
    if (const char* keep = std::getenv("WALL_KEEP_SCREENSHOTS"))
        render::writePng(std::string(keep) + "/drill-" + (with_drill ? "running-" : "none-") + lang + ".png", shot.run.screenshot);
    return shot;
}

/// stdout of a command (and its exit status).
std::string runCommand(const std::string& command, int& status) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    status = ::pclose(p);
    return out;
}

TEST(DrillOnTheWall, TheBannerAndTheRowMarksShowWhileADrillRuns) {
    REQUIRE_DISPLAY();
    for (const char* lang : {"zh-Hans", "zh-Hant"}) {
        SCOPED_TRACE(lang);
        TempDir dir;
        const DrillShot shot = shoot(dir, true, lang);
        ASSERT_EQ(shot.run.exit_code, 0) << shot.run.log;
        EXPECT_EQ(shot.run.stats["missing_glyphs"], 0) << shot.run.stats["missing_codepoints"].dump();
        // The banner: a solid block of teal on the status bar (its stripes are lighter teal).
        EXPECT_GT(countColor(shot.run.screenshot, shot.status, kDrillTeal, 12), 2000) << "no 演练 banner";
        // The two drill alarms' rows carry the 演练 chip; the real red one does not (checked by count).
        EXPECT_GT(countColor(shot.run.screenshot, shot.board, kDrillTeal, 12), 400) << "no 演练 row marks";
        // --stats: drill alarms counted apart from the real ones.
        const nlohmann::json& s = shot.run.stats;
        EXPECT_EQ(s["alarms"]["red"], 1) << s.dump();
        EXPECT_EQ(s["alarms"]["orange"], 0);
        EXPECT_EQ(s["alarms"]["yellow"], 0);
        EXPECT_EQ(s["drill_alarms"]["orange"], 1) << s.dump();
        EXPECT_EQ(s["drill_alarms"]["yellow"], 1);
        EXPECT_EQ(s["drill_alarms"]["red"], 0);
        ASSERT_EQ(s["drills"].size(), 2u) << s.dump();
    }
}

TEST(DrillOnTheWall, NoMagentaWithoutADrill) {
    REQUIRE_DISPLAY();
    TempDir dir;
    const DrillShot shot = shoot(dir, false, "zh-Hans");
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.log;
    EXPECT_EQ(countColor(shot.run.screenshot, shot.status, kDrillTeal, 12), 0);
    EXPECT_EQ(countColor(shot.run.screenshot, shot.board, kDrillTeal, 12), 0);
    EXPECT_EQ(shot.run.stats["alarms"]["red"], 1);
    EXPECT_EQ(shot.run.stats["drills"].size(), 0u);
}

TEST(DrillOnTheWall, WallctlListsTheDrillsInBeijingTime) {
    TempDir dir;
    const std::filesystem::path journal = dir.path / "journal.db";
    {
        JournalWriter w(journal);
        writeDrillScene(w, true);
    }
    int status = -1;
    const std::string text = runCommand(std::string(WALLCTL_BIN) + " journal drills --journal " + journal.string(), status);
    EXPECT_EQ(status, 0) << text;
    std::istringstream lines(text);
    std::string header, first, second;
    std::getline(lines, header);
    std::getline(lines, first);
    std::getline(lines, second);
    EXPECT_NE(header.find("Beijing"), std::string::npos) << text;
    // Oldest first: the ended tabletop exercise, then the full-scale drill still running.
    EXPECT_NE(first.find("桌面推演"), std::string::npos) << text;
    EXPECT_NE(first.find("防汛桌面推演"), std::string::npos) << text;
    EXPECT_EQ(first.find("(running)"), std::string::npos) << text;
    EXPECT_NE(second.find("实战演练"), std::string::npos) << text;
    EXPECT_NE(second.find("袁州区山洪灾害防御实战演练"), std::string::npos) << text;
    EXPECT_NE(second.find("(running)"), std::string::npos) << text;
    EXPECT_NE(second.find("[DR-YZ-2026-07]"), std::string::npos) << text;

    const std::string json_text = runCommand(std::string(WALLCTL_BIN) + " journal drills --json " + journal.string(), status);
    EXPECT_EQ(status, 0) << json_text;
    std::istringstream json_lines(json_text);
    std::vector<nlohmann::json> drills;
    for (std::string line; std::getline(json_lines, line);) drills.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(drills.size(), 2u) << json_text;
    EXPECT_EQ(drills[0]["id"], "DR-TT-01");
    EXPECT_EQ(drills[0]["kind"], "tabletop");
    EXPECT_EQ(drills[0]["alarms"], 1);
    EXPECT_TRUE(drills[0]["end"].is_string());
    EXPECT_NE(drills[0]["start"].get<std::string>().find("+08:00"), std::string::npos) << "Beijing time";
    EXPECT_EQ(drills[1]["id"], "DR-YZ-2026-07");
    EXPECT_EQ(drills[1]["kind"], "full_scale");
    EXPECT_EQ(drills[1]["alarms"], 2);
    EXPECT_TRUE(drills[1]["end"].is_null());

    const std::string missing = runCommand(std::string(WALLCTL_BIN) + " journal drills --journal " +
                                               (dir.path / "none.db").string() + " 2>&1", status);
    EXPECT_NE(status, 0);
    EXPECT_NE(missing.find("no journal at"), std::string::npos) << missing;
}

} // namespace
} // namespace wall::test
