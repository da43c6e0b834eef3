// Canvas vs output geometry of a wall and the point mapping between them: the
// basis of bezel compensation and of mouse input on the wall.
#include "layouts/wall.hpp"

#include <gtest/gtest.h>

namespace wall::layouts {
namespace {

WallSpec wall3x4() {
    WallSpec w;
    w.name = "3x4";
    w.rows = 3;
    w.cols = 4;
    w.panel_width = 1920;
    w.panel_height = 1080;
    w.bezel_x = 18;
    w.bezel_y = 18;
    return w;
}

TEST(WallGeometry, CanvasIncludesBezelsOutputDoesNot) {
    const WallSpec w = wall3x4();
    EXPECT_EQ(w.canvasSize(), (PixelSize{4 * 1920 + 3 * 18, 3 * 1080 + 2 * 18}));
    EXPECT_EQ(w.canvasSize(), (PixelSize{7734, 3276}));
    EXPECT_EQ(w.outputSize(), (PixelSize{7680, 3240}));
    EXPECT_EQ(w.panelCount(), 12);
    EXPECT_EQ(w.shapeName(), "3x4");
}

TEST(WallGeometry, PanelRectsOnCanvasSkipTheBezel) {
    const WallSpec w = wall3x4();
    EXPECT_EQ(w.panelCanvasRect(0, 0), (PixelRect{0, 0, 1920, 1080}));
    EXPECT_EQ(w.panelCanvasRect(0, 1).x, 1938);
    EXPECT_EQ(w.panelOutputRect(0, 1).x, 1920);
    EXPECT_EQ(w.panelCanvasRect(2, 3), (PixelRect{3 * 1938, 2 * 1098, 1920, 1080}));
    EXPECT_EQ(w.panelOutputRect(2, 3), (PixelRect{3 * 1920, 2 * 1080, 1920, 1080}));
    // The last panel ends exactly at the canvas / output edge.
    EXPECT_EQ(w.panelCanvasRect(2, 3).right(), w.canvasSize().width);
    EXPECT_EQ(w.panelCanvasRect(2, 3).bottom(), w.canvasSize().height);
    EXPECT_EQ(w.panelOutputRect(2, 3).right(), w.outputSize().width);
}

TEST(WallGeometry, PointsRoundTripOnEveryPanel) {
    const WallSpec w = wall3x4();
    for (int r = 0; r < w.rows; ++r) {
        for (int c = 0; c < w.cols; ++c) {
            const PixelRect rect = w.panelCanvasRect(r, c);
            for (const Point p : {Point{double(rect.x), double(rect.y)},
                                  Point{rect.x + 100.5, rect.y + 333.25},
                                  Point{rect.right() - 0.5, rect.bottom() - 0.5}}) {
                const auto out = w.canvasToOutput(p);
                ASSERT_TRUE(out) << "panel " << r << "," << c;
                EXPECT_EQ(w.panelAtOutput(*out), (PanelIndex{r, c}));
                const auto back = w.outputToCanvas(*out);
                ASSERT_TRUE(back);
                EXPECT_DOUBLE_EQ(back->x, p.x);
                EXPECT_DOUBLE_EQ(back->y, p.y);
            }
        }
    }
}

TEST(WallGeometry, OutputPointMapsIntoTheRightPanel) {
    const WallSpec w = wall3x4();
    // Output x=1920 is the first column of panel (0,1), which starts at canvas x=1938.
    const auto canvas = w.outputToCanvas({1920, 5});
    ASSERT_TRUE(canvas);
    EXPECT_DOUBLE_EQ(canvas->x, 1938);
    EXPECT_DOUBLE_EQ(canvas->y, 5);
    const auto lower = w.outputToCanvas({7679, 3239});
    ASSERT_TRUE(lower);
    EXPECT_DOUBLE_EQ(lower->x, 7733);
    EXPECT_DOUBLE_EQ(lower->y, 3275);
}

TEST(WallGeometry, BezelAndOutsidePointsHaveNoOutput) {
    const WallSpec w = wall3x4();
    EXPECT_FALSE(w.canvasToOutput({1925, 10}));   // behind the bezel between columns 0 and 1
    EXPECT_FALSE(w.canvasToOutput({10, 1085}));   // behind the bezel between rows 0 and 1
    EXPECT_FALSE(w.canvasToOutput({-1, 10}));
    EXPECT_FALSE(w.canvasToOutput({7734, 10}));
    EXPECT_FALSE(w.outputToCanvas({7680, 0}));
    EXPECT_FALSE(w.outputToCanvas({0, -0.5}));
    EXPECT_FALSE(w.panelAtCanvas({1937.9, 0}));
    EXPECT_EQ(w.panelAtCanvas({1938, 0}), (PanelIndex{0, 1}));
}

TEST(WallGeometry, VisiblePiecesOfAStatusBarSkipTheBezels) {
    const WallSpec w = wall3x4();
    const auto pieces = w.visiblePieces({0, 0, 7734, 86});
    ASSERT_EQ(pieces.size(), 4u);
    for (int c = 0; c < 4; ++c) EXPECT_EQ(pieces[c], (PixelRect{c * 1938, 0, 1920, 86})) << c;
    // A rect across the bezel corner shows on four panels; one inside a gap on none.
    EXPECT_EQ(w.visiblePieces({1900, 1070, 100, 100}).size(), 4u);
    EXPECT_TRUE(w.visiblePieces({1921, 10, 10, 10}).empty());
}

TEST(WallGeometry, SinglePanelWithoutBezelIsIdentity) {
    WallSpec w;
    EXPECT_EQ(w.canvasSize(), w.outputSize());
    const auto out = w.canvasToOutput({1234.5, 567.25});
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, (Point{1234.5, 567.25}));
}

TEST(WallGeometry, MonitorOrderPicksTheMonitorOfEachPanel) {
    WallSpec w = wall3x4();
    EXPECT_EQ(w.monitorForPanel(1, 2), 6);  // identity without an order
    w.mapping = OutputMapping::PerMonitor;
    w.monitor_order = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    EXPECT_EQ(w.monitorForPanel(0, 0), 11);
    EXPECT_EQ(w.monitorForPanel(1, 2), 5);
    EXPECT_EQ(outputMappingName(w.mapping), "per_monitor");
}

}  // namespace
}  // namespace wall::layouts
