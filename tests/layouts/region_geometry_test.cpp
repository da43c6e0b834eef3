// Regions in panel units and fractions resolve to the canvas pixels the wall
// expects: panel units land exactly on panels (and the bezels between them),
// and edges never stop inside a bezel gap.
#include "layouts/layout.hpp"
#include "layouts/region_geometry.hpp"

#include <gtest/gtest.h>

namespace wall::layouts {
namespace {

WallSpec wallOf(int rows, int cols, int bezel) {
    WallSpec w;
    w.name = std::to_string(rows) + "x" + std::to_string(cols);
    w.rows = rows;
    w.cols = cols;
    w.bezel_x = bezel;
    w.bezel_y = bezel;
    return w;
}

TEST(RegionGeometry, OnePanelInPanelUnitsIsExactlyThatPanel) {
    const WallSpec w = wallOf(3, 4, 18);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Panel, {double(c), double(r), 1, 1}), w.panelCanvasRect(r, c))
                << r << "," << c;
    EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Panel, {1, 0, 1, 1}).x, 1938);
}

TEST(RegionGeometry, MultiPanelRegionCoversTheBezelsBetween) {
    const WallSpec w = wallOf(3, 4, 18);
    // Two panels wide, 1.5 panels high: columns 0-1 plus the bezel, row 0, the bezel and half of row 1.
    EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Panel, {0, 0, 2, 1.5}), (PixelRect{0, 0, 3858, 1098 + 540}));
    EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Panel, {0, 0, 4, 3}), (PixelRect{0, 0, 7734, 3276}));
}

TEST(RegionGeometry, FractionalPanelUnitsStayInsideThePanel) {
    const WallSpec w = wallOf(3, 4, 18);
    // x = 0.5 is mid panel 0; x+w = 1.5 is mid panel 1.
    EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Panel, {0.5, 0.25, 1, 0.5}),
              (PixelRect{960, 270, 1938, 540}));
}

TEST(RegionGeometry, FractionEdgesInABezelMoveToThePanelEdge) {
    const WallSpec w = wallOf(3, 4, 18);
    // 0.25 * 7734 = 1933.5 lies in the bezel 1920..1938.
    const PixelRect left = resolveCanvasRect(w, RegionUnit::Fraction, {0, 0, 0.25, 1.0 / 3});
    const PixelRect right = resolveCanvasRect(w, RegionUnit::Fraction, {0.25, 0, 0.25, 1.0 / 3});
    EXPECT_EQ(left, w.panelCanvasRect(0, 0));
    EXPECT_EQ(right, w.panelCanvasRect(0, 1));
    EXPECT_TRUE(left.intersection(right).empty());
}

TEST(RegionGeometry, FractionsWithoutBezelAreScaledAndRounded) {
    const WallSpec w = wallOf(1, 1, 0);
    EXPECT_EQ(resolveCanvasRect(w, RegionUnit::Fraction, {0.28, 0.04, 0.44, 0.6}),
              (PixelRect{538, 43, 1382 - 538, 691 - 43}));
}

TEST(RegionGeometry, RegionsSharingAnEdgeTouchButNeverOverlap) {
    const WallSpec w = wallOf(2, 2, 12);
    // 0.1 + 0.2 is not 0.3 in binary floating point; the edges must still meet.
    const PixelRect a = resolveCanvasRect(w, RegionUnit::Fraction, {0.1, 0.1, 0.2, 0.2});
    const PixelRect b = resolveCanvasRect(w, RegionUnit::Fraction, {0.3, 0.1, 0.2, 0.2});
    EXPECT_EQ(a.right(), b.x);
    EXPECT_TRUE(a.intersection(b).empty());
}

TEST(RegionGeometry, RegionEntirelyBehindABezelIsEmpty) {
    const WallSpec w = wallOf(3, 4, 18);
    const PixelRect r = resolveCanvasRect(w, RegionUnit::Fraction, {1925.0 / 7734, 0, 5.0 / 7734, 0.2});
    EXPECT_TRUE(r.empty());
}

}  // namespace
}  // namespace wall::layouts
