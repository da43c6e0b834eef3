// Wall description files: what is read, and each way a bad wall file is refused
// with its file and line.
#include "layouts/layout_error.hpp"
#include "layouts/wall.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace wall::layouts {
namespace {

const char* kGoodWall = R"(name = "test"
title = "测试墙"
rows = 2
cols = 3
refresh_hz = 50
[panel]
width = 1280
height = 720
[bezel]
x = 10
y = 6
[output]
mapping = "per_monitor"
monitor_order = [5, 4, 3, 2, 1, 0]
)";

LayoutError wallErrorOf(const std::string& text) {
    try {
        parseWall(text, "walls/bad.toml");
    } catch (const LayoutError& e) {
        return e;
    }
    ADD_FAILURE() << "wall was accepted:\n" << text;
    return LayoutError("", 0, "", "");
}

TEST(WallFile, ReadsEveryField) {
    const WallSpec w = parseWall(kGoodWall, "walls/test.toml");
    EXPECT_EQ(w.name, "test");
    EXPECT_EQ(w.title, "测试墙");
    EXPECT_EQ(w.rows, 2);
    EXPECT_EQ(w.cols, 3);
    EXPECT_EQ(w.refresh_hz, 50);
    EXPECT_EQ(w.panel_width, 1280);
    EXPECT_EQ(w.panel_height, 720);
    EXPECT_EQ(w.bezel_x, 10);
    EXPECT_EQ(w.bezel_y, 6);
    EXPECT_EQ(w.mapping, OutputMapping::PerMonitor);
    EXPECT_EQ(w.monitor_order, (std::vector<int>{5, 4, 3, 2, 1, 0}));
    EXPECT_EQ(w.canvasSize(), (PixelSize{3 * 1280 + 2 * 10, 2 * 720 + 6}));
}

TEST(WallFile, DefaultsNameRefreshBezelAndMapping) {
    const WallSpec w = parseWall("rows = 1\ncols = 1\n[panel]\nwidth = 1920\nheight = 1080\n", "walls/laptop.toml");
    EXPECT_EQ(w.name, "laptop");
    EXPECT_EQ(w.title, "laptop");
    EXPECT_EQ(w.refresh_hz, 60);
    EXPECT_EQ(w.bezel_x, 0);
    EXPECT_EQ(w.mapping, OutputMapping::Span);
}

TEST(WallFile, LoadsFromAFile) {
    test_support::TempDir dir;
    const auto path = dir.write("walls/mine.toml", kGoodWall);
    const WallSpec w = loadWall(path.string());
    EXPECT_EQ(w.file, path.string());
    EXPECT_EQ(w.cols, 3);
}

TEST(WallFileRefusal, MissingFileNamesThePath) {
    try {
        loadWall("/nonexistent/wall.toml");
        FAIL() << "accepted a missing file";
    } catch (const LayoutError& e) {
        EXPECT_EQ(e.file, "/nonexistent/wall.toml");
        EXPECT_NE(std::string(e.what()).find("/nonexistent/wall.toml: no such file"), std::string::npos) << e.what();
    }
}

TEST(WallFileRefusal, ZeroRows) {
    const LayoutError e = wallErrorOf("name = \"x\"\nrows = 0\ncols = 2\n[panel]\nwidth = 1920\nheight = 1080\n");
    EXPECT_EQ(e.line, 2);
    EXPECT_NE(e.message.find("'rows'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("walls/bad.toml:2: "), std::string::npos) << e.what();
}

TEST(WallFileRefusal, MissingPanelTable) {
    const LayoutError e = wallErrorOf("rows = 1\ncols = 1\n");
    EXPECT_NE(e.message.find("[panel]"), std::string::npos) << e.what();
}

TEST(WallFileRefusal, NegativeBezel) {
    const LayoutError e =
        wallErrorOf("rows = 1\ncols = 2\n[panel]\nwidth = 1920\nheight = 1080\n[bezel]\nx = -4\ny = 0\n");
    EXPECT_EQ(e.line, 7);
    EXPECT_NE(e.message.find("'x'"), std::string::npos) << e.what();
}

TEST(WallFileRefusal, UnknownMapping) {
    const LayoutError e =
        wallErrorOf("rows = 1\ncols = 1\n[panel]\nwidth = 1920\nheight = 1080\n[output]\nmapping = \"mirror\"\n");
    EXPECT_EQ(e.line, 7);
    EXPECT_NE(e.message.find("mirror"), std::string::npos) << e.what();
}

TEST(WallFileRefusal, MonitorOrderOfTheWrongLength) {
    const LayoutError e = wallErrorOf(
        "rows = 1\ncols = 2\n[panel]\nwidth = 1920\nheight = 1080\n[output]\nmapping = \"per_monitor\"\n"
        "monitor_order = [0]\n");
    EXPECT_EQ(e.line, 8);
    EXPECT_NE(e.message.find("2 panels"), std::string::npos) << e.what();
}

TEST(WallFileRefusal, TypoInKeyGetsAHint) {
    const LayoutError e = wallErrorOf("rows = 1\ncols = 1\n[panel]\nwidth = 1920\nhieght = 1080\n");
    EXPECT_EQ(e.line, 5);
    EXPECT_NE(e.message.find("did you mean 'height'"), std::string::npos) << e.what();
}

TEST(WallFileRefusal, TomlSyntaxErrorHasLineAndColumn) {
    const LayoutError e = wallErrorOf("rows = 1\ncols = = 1\n");
    EXPECT_EQ(e.line, 2);
    EXPECT_GT(e.column, 0);
    EXPECT_NE(std::string(e.what()).find("walls/bad.toml:2:" + std::to_string(e.column) + ": TOML syntax error"),
              std::string::npos)
        << e.what();
}

}  // namespace
}  // namespace wall::layouts
