// The 叫应 matrix and the reporting countdown as the wall shows them, through
// the real binary: a journal holds a red warning whose calls were answered,
// missed and escalated, and are still waiting, plus a 重大 incident with ten
// minutes left to report; the verdict comes from the PNG.
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace wall::test {
namespace {

constexpr TimeMs kMinute = 60'000;
constexpr std::array<int, 3> kOverdueRed = {235, 40, 40};  // panels colors::kBad
constexpr std::array<int, 3> kLateOrange = {255, 150, 0};  // panels colors::kWarn

// Text shrunk for a screenshot is blended into the background: count pixels by dominant hue.
template <class Pred> int countWhere(const render::RgbaImage& img, layouts::PixelRect rect, Pred pred) {
    int n = 0;
    for (int y = std::max(0, rect.y); y < std::min(img.height, rect.bottom()); ++y)
        for (int x = std::max(0, rect.x); x < std::min(img.width, rect.right()); ++x) {
            const auto p = img.at(x, y);
            n += pred(int(p[0]), int(p[1]), int(p[2]));
        }
    return n;
}
bool greenish(int r, int g, int b) { return g > 110 && g > r + 50 && g > b + 10; }  // colors::kGood (46,204,113)
bool orangeish(int r, int g, int b) { return r > 150 && g > r * 0.4 && g < r * 0.75 && b < r * 0.3; } // kWarn

Call call(const std::string& id, Responder who, int tier, TimeMs deadline) {
    Call c;
    c.id = id;
    c.person = std::move(who);
    c.tier = tier;
    c.deadline_ms = deadline;
    return c;
}

/// One answered call, one missed and escalated to the township head (waiting, 4 of 5 minutes gone),
/// and an orange warning elsewhere with a fresh call; a 重大 incident 50 minutes old.
void writeCallScene(JournalWriter& w) {
    const TimeMs now = nowMs();
    // Oldest first: the journal's time index only moves forward.
    Incident inc;
    inc.id = "inc-1";
    inc.title = "青龙水库险情";
    inc.grade = IncidentGrade::Major;
    inc.site = "青龙水库";
    inc.alarms = {"w-red"};
    w.add(IncidentUpsert{inc}, "command-system", now - 50 * kMinute);
    Alarm red;
    red.id = "w-red";
    red.level = WarningLevel::Red;
    red.category = "reservoir";
    red.title = "青龙水库超汛限水位1.2米";
    red.site = {"清江县", "青龙镇", "青龙村", "青龙水库"};
    red.raised_ms = now - 9 * kMinute;
    w.add(AlarmRaise{red}, "monitor-platform", now - 9 * kMinute);
    w.add(CallPlace{"w-red", call("w-red#1", {"王建军", "村支书", "青龙镇/青龙村", "138-0000-0101"}, 0, now - 4 * kMinute),
                    "raise"},
          "operator", now - 9 * kMinute);
    w.add(CallPlace{"w-red", call("w-red#2", {"李秀英", "网格员", "青龙镇/青龙村", "138-0000-0102"}, 0, now - 4 * kMinute),
                    "raise"},
          "operator", now - 9 * kMinute);
    w.add(CallAnswer{"w-red", "w-red#1", 0, "voice", "已组织下游群众转移"}, "call-system", now - 7 * kMinute);
    w.add(CallPlace{"w-red", call("w-red#3", {"吴德华", "镇长", "青龙镇", "138-0000-0011"}, 1, now + 1 * kMinute),
                    "escalation of w-red#2"},
          "operator", now - 4 * kMinute);
    w.add(CallEscalate{"w-red", "w-red#2", "w-red#3"}, "operator", now - 4 * kMinute);

    Alarm orange;
    orange.id = "w-orange";
    orange.level = WarningLevel::Orange;
    orange.category = "rain";
    orange.title = "石門鎮1小時降雨量52毫米";
    orange.site = {"清江县", "石门镇", "石门村", ""};
    orange.raised_ms = now - kMinute;
    w.add(AlarmRaise{orange}, "monitor-platform", now - kMinute);
    w.add(CallPlace{"w-orange", call("w-orange#1", {"袁德明", "村支书", "石门镇/石门村", "138-0000-0201"}, 0,
                                     now + 9 * kMinute),
                    "raise"},
          "operator", now - kMinute);

}

/// Rules with nobody to call, so the console's own 叫应 engine leaves the scene as written.
std::string writeQuietRules(const TempDir& dir) {
    const auto path = dir.path / "rules.toml";
    std::ofstream(path) << "[call_response]\nmin_level = \"red\"\n";
    return path.string();
}

/// Keeps the PNG when WALL_TEST_SCREENSHOT_DIR is set, for a person to look at.
void keepScreenshot(const TempDir& dir, const std::string& name) {
    if (const char* keep = std::getenv("WALL_TEST_SCREENSHOT_DIR"))
        std::filesystem::copy_file(dir.path / "shot.png", std::filesystem::path(keep) / name,
                                   std::filesystem::copy_options::overwrite_existing);
}

struct MatrixCase {
    const char* wall;
    const char* lang;
    double scale;
};

class CallMatrixScreenshot : public testing::TestWithParam<MatrixCase> {};

TEST_P(CallMatrixScreenshot, AnsweredOverdueAndWaitingCallsStandApart) {
    REQUIRE_DISPLAY();
    const MatrixCase c = GetParam();
    TempDir dir;
    {
        JournalWriter w(dir.path / "journal.db");
        writeCallScene(w);
    }
    const ConsoleRun run =
        runConsole(dir, {"--wall", c.wall, "--layout", "consultation", "--lang", c.lang, "--frames", "3", "--no-blink",
                         "--rules", writeQuietRules(dir), "--screenshot-scale", std::to_string(c.scale)});
    ASSERT_EQ(run.exit_code, 0) << run.log;
    keepScreenshot(dir, std::string("call_matrix_") + c.wall + "_" + c.lang + ".png");
    EXPECT_EQ(run.stats["missing_glyphs"], 0) << run.stats["missing_codepoints"].dump();
    EXPECT_EQ(run.stats["fallback_glyphs_drawn"], 0) << "drawn without being in the atlas (shown as a box)";

    auto lib = layouts::LayoutLibrary::open(c.wall);
    const layouts::Layout& layout = *lib.find("consultation");
    const layouts::Region* matrix = layout.findRegion("callresponse");
    ASSERT_NE(matrix, nullptr);
    layouts::PixelRect rect = outputRectOf(lib.wall, *matrix);
    rect = {int(rect.x * c.scale), int(rect.y * c.scale), int(rect.width * c.scale), int(rect.height * c.scale)};
    // The missed-and-escalated call has a solid red bar; the answered one is green; the escalation,
    // 4 of its 5 minutes gone, runs orange.
    const double area = c.scale * c.scale;
    EXPECT_GT(countColor(run.screenshot, rect, kOverdueRed, 6), 200 * area) << "overdue row";
    EXPECT_GT(countWhere(run.screenshot, rect, greenish), 30 * area) << "answered row";
    EXPECT_GT(countWhere(run.screenshot, rect, orangeish), 30 * area) << "late elapsed time, orange chip";

    // The incident's countdown has ten minutes left: orange.
    const layouts::Region* incident = layout.findRegion("incident");
    ASSERT_NE(incident, nullptr);
    layouts::PixelRect irect = outputRectOf(lib.wall, *incident);
    irect = {int(irect.x * c.scale), int(irect.y * c.scale), int(irect.width * c.scale), int(irect.height * c.scale)};
    EXPECT_GT(countWhere(run.screenshot, irect, orangeish), 100 * area) << "countdown with 10 minutes left";
}

INSTANTIATE_TEST_SUITE_P(Walls, CallMatrixScreenshot,
                         testing::Values(MatrixCase{"1x1", "zh", 1.0}, MatrixCase{"1x1", "zh-Hant", 1.0},
                                         MatrixCase{"3x4", "zh", 0.35}, MatrixCase{"3x4", "zh-Hant", 0.35}),
                         [](const auto& info) {
                             return std::string(info.param.wall == std::string("1x1") ? "Laptop_" : "Wall3x4_") +
                                    (info.param.lang == std::string("zh") ? "Hans" : "Hant");
                         });

TEST(ReportingCountdown, OverdueIncidentIsRedAndReportedOnTimeIsGreen) {
    REQUIRE_DISPLAY();
    TempDir dir;
    {
        JournalWriter w(dir.path / "journal.db");
        const TimeMs now = nowMs();
        Incident late;
        late.id = "inc-late";
        late.title = "金坑尾矿库溃坝险情";
        late.grade = IncidentGrade::Especially;
        w.add(IncidentUpsert{late}, "command-system", now - 75 * kMinute);
    }
    const ConsoleRun run = runConsole(dir, {"--wall", "1x1", "--layout", "consultation", "--frames", "3",
                                            "--no-blink", "--rules", writeQuietRules(dir)});
    ASSERT_EQ(run.exit_code, 0) << run.log;
    keepScreenshot(dir, "countdown_overdue_1x1.png");
    auto lib = layouts::LayoutLibrary::open("1x1");
    const layouts::PixelRect irect = outputRectOf(lib.wall, *lib.find("consultation")->findRegion("incident"));
    EXPECT_GT(countColor(run.screenshot, irect, kOverdueRed, 6), 300) << "已超时 15 分钟 in red";
    EXPECT_EQ(countWhere(run.screenshot, irect, orangeish), 0) << "no orange countdown";
}

} // namespace
} // namespace wall::test
