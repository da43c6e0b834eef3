// Every way a layout file is refused. Each case is its own small file, and each
// asserts that the error names the file, the line and the region, because that
// is what a duty officer editing a layout at 3 a.m. needs to fix it.
#include "layouts/layout.hpp"
#include "layouts/layout_error.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace wall::layouts {
namespace {

const char* kFile = "layouts/bad.toml";

WallSpec wall3x4() {
    WallSpec w;
    w.name = "3x4";
    w.rows = 3;
    w.cols = 4;
    w.bezel_x = 18;
    w.bezel_y = 18;
    return w;
}

LayoutError refusalOf(const std::string& text, const WallSpec& wall = wall3x4()) {
    try {
        parseLayout(text, kFile, wall);
    } catch (const LayoutError& e) {
        return e;
    }
    ADD_FAILURE() << "layout was accepted:\n" << text;
    return LayoutError("", 0, "", "");
}

// The what() text must carry "file:line: region 'name': ".
void expectLocation(const LayoutError& e, int line, const std::string& region) {
    EXPECT_EQ(e.file, kFile);
    EXPECT_EQ(e.line, line) << e.what();
    EXPECT_EQ(e.region, region) << e.what();
    const std::string prefix = std::string(kFile) + ":" + std::to_string(line) + ": region '" + region + "': ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << "what() = " << e.what() << "\nexpected prefix " << prefix;
}

const char* kHead = "name = \"t\"\ntitle = \"测试\"\nhotkey = \"F4\"\n";  // 3 lines

TEST(LayoutRefusal, UnknownView) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"            // 4
                                    "name = \"map\"\n"        // 5
                                    "view = \"risk_map\"\n"   // 6
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 6, "map");
    EXPECT_NE(e.message.find("unknown view 'risk_map'"), std::string::npos) << e.what();
    EXPECT_NE(e.message.find("alarm_board"), std::string::npos) << "lists the known views: " << e.what();
}

TEST(LayoutRefusal, MissingSize) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"alarms\"\nview = \"alarm_board\"\nx = 0\ny = 0\nw = 0.5\n");
    expectLocation(e, 4, "alarms");
    EXPECT_NE(e.message.find("missing 'h'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, ZeroWidth) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"  // 4-6
                                    "x = 0\ny = 0\n"                                          // 7-8
                                    "w = 0\n"                                                 // 9
                                    "h = 1\n");
    expectLocation(e, 9, "alarms");
    EXPECT_NE(e.message.find("'w' = 0 must be greater than 0"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, NegativeHeight) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"
                                    "x = 0\ny = 0\nw = 1\n"
                                    "h = -0.5\n");  // 10
    expectLocation(e, 10, "alarms");
    EXPECT_NE(e.message.find("'h' = -0.5"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, NegativePosition) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"
                                    "x = -0.1\n"  // 7
                                    "y = 0\nw = 0.5\nh = 1\n");
    expectLocation(e, 7, "alarms");
    EXPECT_NE(e.message.find("negative"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, RegionOutsideTheWallInFractions) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"roster\"\nview = \"duty_roster\"\nx = 0.8\ny = 0\nw = 0.3\nh = 0.5\n");
    expectLocation(e, 4, "roster");
    EXPECT_NE(e.message.find("outside the wall"), std::string::npos) << e.what();
    EXPECT_NE(e.message.find("1.1"), std::string::npos) << "names the edge: " << e.what();
}

TEST(LayoutRefusal, RegionOutsideTheWallInPanels) {
    // Fits a 3x4 wall, but not a 2x2 one: the same file is refused on the smaller wall.
    const std::string text = std::string(kHead) +
                             "[[region]]\n"  // 4
                             "name = \"cameras\"\nview = \"camera_grid\"\ngroup = \"flood\"\n"
                             "unit = \"panel\"\nx = 1\ny = 0\nw = 3\nh = 2\n";
    EXPECT_NO_THROW(parseLayout(text, kFile, wall3x4()));
    WallSpec small = wall3x4();
    small.name = "2x2";
    small.rows = 2;
    small.cols = 2;
    const LayoutError e = refusalOf(text, small);
    expectLocation(e, 4, "cameras");
    EXPECT_NE(e.message.find("right edge x+w = 4 panels is past 2"), std::string::npos) << e.what();
    EXPECT_NE(e.message.find("'2x2'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, OverlappingRegions) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"alarms\"\nview = \"alarm_board\"\nx = 0\ny = 0\nw = 0.5\nh = 1\n"
                                    "[[region]]\n"  // 11
                                    "name = \"tasks\"\nview = \"task_board\"\nx = 0.4\ny = 0.5\nw = 0.6\nh = 0.5\n");
    expectLocation(e, 11, "tasks");
    EXPECT_NE(e.message.find("overlaps region 'alarms' (line 4)"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, UnknownUnit) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"
                                    "unit = \"px\"\n"  // 7
                                    "x = 0\ny = 0\nw = 100\nh = 100\n");
    expectLocation(e, 7, "alarms");
    EXPECT_NE(e.message.find("unknown unit 'px'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, UnknownFit) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"cam\"\nview = \"camera\"\ncamera = \"cam-01\"\n"  // 4-7
                                    "fit = \"stretch\"\n"                                                 // 8
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 8, "cam");
    EXPECT_NE(e.message.find("unknown fit 'stretch'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, DuplicateRegionName) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"alarms\"\nview = \"alarm_board\"\nx = 0\ny = 0\nw = 0.5\nh = 1\n"
                                    "[[region]]\n"  // 11
                                    "name = \"alarms\"\nview = \"task_board\"\nx = 0.5\ny = 0\nw = 0.5\nh = 1\n");
    expectLocation(e, 11, "alarms");
    EXPECT_NE(e.message.find("duplicate region name; it is already used on line 4"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, CameraViewWithoutCamera) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"big\"\nview = \"camera\"\nx = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 4, "big");
    EXPECT_NE(e.message.find("needs 'camera'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, CameraGridWithoutCamerasOrGroup) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"grid\"\nview = \"camera_grid\"\ncolumns = 3\nx = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 4, "grid");
    EXPECT_NE(e.message.find("'cameras'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, ParameterForAnotherView) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"
                                    "camera = \"cam-01\"\n"  // 7
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 7, "alarms");
    EXPECT_NE(e.message.find("key 'camera' does not apply to view 'alarm_board'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, MisspelledKeyGetsAHint) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"grid\"\nview = \"camera_grid\"\ngroup = \"flood\"\n"
                                    "colums = 3\n"  // 8
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 8, "grid");
    EXPECT_NE(e.message.find("did you mean 'columns'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, WrongValueType) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"alarms\"\nview = \"alarm_board\"\n"
                                    "x = \"left\"\n"  // 7
                                    "y = 0\nw = 1\nh = 1\n");
    expectLocation(e, 7, "alarms");
    EXPECT_NE(e.message.find("'x' must be a number, found a string"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, RegionWithoutNameIsCountedInstead) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"a\"\nview = \"alarm_board\"\nx = 0\ny = 0\nw = 0.5\nh = 1\n"
                                    "[[region]]\n"  // 11
                                    "view = \"task_board\"\nx = 0.5\ny = 0\nw = 0.5\nh = 1\n");
    expectLocation(e, 11, "#2");
    EXPECT_NE(e.message.find("missing 'name'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, RegionEntirelyBehindABezel) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\n"  // 4
                                    "name = \"sliver\"\nview = \"status_bar\"\n"
                                    "x = 0.2490\ny = 0\nw = 0.0005\nh = 0.1\n");
    expectLocation(e, 4, "sliver");
    EXPECT_NE(e.message.find("no visible pixel"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, BadHotkey) {
    const LayoutError e = refusalOf("name = \"t\"\nhotkey = \"F13\"\n[[region]]\nname = \"s\"\nview = \"status_bar\"\n"
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    EXPECT_EQ(e.line, 2);
    EXPECT_NE(e.message.find("F13"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, NoRegions) {
    const LayoutError e = refusalOf(kHead);
    EXPECT_EQ(e.file, kFile);
    EXPECT_NE(e.message.find("no [[region]]"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, TomlSyntaxErrorHasFileLineAndColumn) {
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"a\"\n"
                                    "view = \"alarm_board\n"  // 6: unterminated string
                                    "x = 0\n");
    EXPECT_EQ(e.file, kFile);
    EXPECT_EQ(e.line, 6) << e.what();
    EXPECT_GT(e.column, 0);
    EXPECT_NE(std::string(e.what()).find(std::string(kFile) + ":6:"), std::string::npos) << e.what();
    EXPECT_NE(e.message.find("TOML syntax error"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, BrokenVariantForAnotherWallIsStillRefused) {
    // The console runs on 3x4 today, but a broken 2x2 variant must not wait to be found.
    const LayoutError e = refusalOf(std::string(kHead) +
                                    "[[region]]\nname = \"s\"\nview = \"status_bar\"\nx = 0\ny = 0\nw = 1\nh = 1\n"
                                    "[[variant.2x2.region]]\n"  // 11
                                    "name = \"x\"\n"
                                    "view = \"weather\"\n"  // 13
                                    "x = 0\ny = 0\nw = 1\nh = 1\n");
    expectLocation(e, 13, "x");
    EXPECT_NE(e.message.find("unknown view 'weather'"), std::string::npos) << e.what();
}

TEST(LayoutRefusal, ErrorFromAFileNamesItsPath) {
    test_support::TempDir dir;
    const auto path = dir.write("mine.toml", std::string(kHead) +
                                                 "[[region]]\nname = \"map\"\nview = \"risk_map\"\n"
                                                 "x = 0\ny = 0\nw = 1\nh = 1\n");
    try {
        loadLayout(path.string(), wall3x4());
        FAIL() << "accepted";
    } catch (const LayoutError& e) {
        EXPECT_EQ(e.file, path.string());
        EXPECT_EQ(std::string(e.what()).rfind(path.string() + ":6: region 'map': unknown view", 0), 0u) << e.what();
    }
}

// The accepted counterpart of the cases above, so a refusal test cannot pass
// merely because everything is refused.
TEST(LayoutAccepted, VariantReplacesGeneralRegionsOnItsWall) {
    const std::string text = std::string(kHead) +
                             "[[region]]\nname = \"s\"\nview = \"status_bar\"\nx = 0\ny = 0\nw = 1\nh = 1\n"
                             "[[variant.3x4.region]]\nname = \"big\"\nview = \"camera\"\ncamera = \"cam-01\"\n"
                             "fit = \"crop\"\nunit = \"panel\"\nx = 1\ny = 0\nw = 1\nh = 1\n";
    const Layout on3x4 = parseLayout(text, kFile, wall3x4());
    EXPECT_EQ(on3x4.variant, "3x4");
    ASSERT_EQ(on3x4.regions.size(), 1u);
    EXPECT_EQ(on3x4.regions[0].view, ViewKind::Camera);
    EXPECT_EQ(on3x4.regions[0].camera, "cam-01");
    EXPECT_EQ(on3x4.regions[0].fit, FitMode::Crop);
    EXPECT_EQ(on3x4.regions[0].canvas_rect, wall3x4().panelCanvasRect(0, 1));
    EXPECT_EQ(on3x4.hotkey, 4);
    EXPECT_EQ(on3x4.hotkeyName(), "F4");

    WallSpec laptop;
    laptop.name = "1x1";
    const Layout on1x1 = parseLayout(text, kFile, laptop);
    EXPECT_EQ(on1x1.variant, "");
    ASSERT_EQ(on1x1.regions.size(), 1u);
    EXPECT_EQ(on1x1.regions[0].canvas_rect, (PixelRect{0, 0, 1920, 1080}));
    EXPECT_EQ(on1x1.regions[0].line, 4);
}

TEST(LayoutAccepted, CameraGridParameters) {
    const Layout l = parseLayout(std::string(kHead) +
                                     "[[region]]\nname = \"grid\"\nview = \"camera_grid\"\ntitle = \"周边\"\ntitle_hant = \"周邊\"\ntitle_en = \"Nearby\"\n"
                                     "cameras = [\"cam-02\", \"cam-01\"]\ngroup = \"flood\"\ncolumns = 4\n"
                                     "x = 0\ny = 0\nw = 1\nh = 1\n",
                                 kFile, wall3x4());
    const Region* grid = l.findRegion("grid");
    ASSERT_NE(grid, nullptr);
    EXPECT_EQ(grid->cameras, (std::vector<std::string>{"cam-02", "cam-01"}));
    EXPECT_EQ(grid->group, "flood");
    EXPECT_EQ(grid->columns, 4);
    EXPECT_EQ(grid->title, "周边");
    EXPECT_EQ(grid->title_en, "Nearby");
    EXPECT_EQ(grid->title_hant, "周邊");
    EXPECT_EQ(grid->fit, FitMode::Letterbox);
    EXPECT_EQ(l.findRegion("nope"), nullptr);
}

}  // namespace
}  // namespace wall::layouts
