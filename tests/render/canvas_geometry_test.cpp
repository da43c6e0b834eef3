// Canvas <-> output geometry without GL: the mapping rules that bezel
// compensation and mouse picking rest on.
#include "render/canvas_geometry.hpp"

#include <gtest/gtest.h>

namespace wall::render {
namespace {

TEST(CanvasGeometry, UniformWallAddsBezelsToCanvasOnly) {
    const CanvasGeometry g = uniformWallGeometry(2, 2, {1920, 1080}, 12);
    EXPECT_EQ(g.canvas, (PixelSize{3852, 2172}));
    EXPECT_EQ(g.output, (PixelSize{3840, 2160}));
    ASSERT_EQ(g.panels.size(), 4u);
    EXPECT_EQ(g.panels[1].canvas, (PixelRect{1932, 0, 1920, 1080}));
    EXPECT_EQ(g.panels[1].output, (PixelRect{1920, 0, 1920, 1080}));
    EXPECT_EQ(g.panels[2].canvas, (PixelRect{0, 1092, 1920, 1080}));
    EXPECT_EQ(g.panels[3].output, (PixelRect{1920, 1080, 1920, 1080}));
    EXPECT_EQ(validateGeometry(g), "");
}

TEST(CanvasGeometry, ThreeByFourWallSize) {
    const CanvasGeometry g = uniformWallGeometry(3, 4, {1920, 1080}, 10);
    EXPECT_EQ(g.canvas, (PixelSize{4 * 1920 + 30, 3 * 1080 + 20}));
    EXPECT_EQ(g.output, (PixelSize{7680, 3240}));
    EXPECT_EQ(g.panels.size(), 12u);
}

TEST(CanvasGeometry, ValidationNamesTheBadPanel) {
    CanvasGeometry g = uniformWallGeometry(1, 2, {100, 50}, 4);
    g.panels[1].canvas.x = 150;  // runs off the 204-wide canvas
    const std::string error = validateGeometry(g);
    EXPECT_NE(error.find("panel 1"), std::string::npos) << error;
    EXPECT_NE(error.find("leaves the canvas"), std::string::npos) << error;
    g = uniformWallGeometry(1, 1, {100, 50}, 0);
    g.panels[0].output.width = 0;
    EXPECT_NE(validateGeometry(g).find("empty output rect"), std::string::npos);
}

TEST(CanvasGeometry, FitKeepsAspectAndCentres) {
    const FitTransform fit = fitInto({3840, 2160}, {1280, 1000});
    EXPECT_DOUBLE_EQ(fit.scale, 1280.0 / 3840.0);
    EXPECT_DOUBLE_EQ(fit.offset_x, 0.0);
    EXPECT_DOUBLE_EQ(fit.offset_y, (1000 - 720) / 2.0);
    // Never enlarges unless asked.
    EXPECT_DOUBLE_EQ(fitInto({640, 360}, {1920, 1080}).scale, 1.0);
    EXPECT_DOUBLE_EQ(fitInto({640, 360}, {1920, 1080}, true).scale, 3.0);
}

TEST(CanvasGeometry, WindowPointMapsThroughPanelAcrossBezel) {
    const CanvasGeometry g = uniformWallGeometry(2, 2, {1920, 1080}, 12);
    // Window is the output at half size: window x 960 is output x 1920, the
    // first column of the right panel, which is canvas x 1932.
    auto p = windowToCanvas(g, {1920, 1080}, 960.0, 10.0);
    ASSERT_TRUE(p.has_value());
    EXPECT_DOUBLE_EQ((*p)[0], 1932.0);
    EXPECT_DOUBLE_EQ((*p)[1], 20.0);
    p = windowToCanvas(g, {1920, 1080}, 959.5, 540.0);  // output 1919, 1080: bottom-left panel's last column
    ASSERT_TRUE(p.has_value());
    EXPECT_DOUBLE_EQ((*p)[0], 1919.0);
    EXPECT_DOUBLE_EQ((*p)[1], 1092.0);
    // Letterbox bar above a 16:9 wall in a square window hovers nothing.
    EXPECT_FALSE(windowToCanvas(g, {1000, 1000}, 500.0, 10.0).has_value());
}

TEST(CanvasGeometry, PanelBlitsCutBezelsAndShareEdges) {
    const CanvasGeometry g = uniformWallGeometry(1, 2, {1920, 1080}, 12);
    // Whole output at half size: two copies meeting at x 960 exactly.
    const auto half = panelBlits(g, {}, {1920, 540});
    ASSERT_EQ(half.size(), 2u);
    EXPECT_EQ(half[0].source, (PixelRect{0, 0, 1920, 1080}));
    EXPECT_EQ(half[1].source, (PixelRect{1932, 0, 1920, 1080}));
    EXPECT_EQ(half[0].target.x + half[0].target.width, half[1].target.x);
    EXPECT_EQ(half[1].target, (PixelRect{960, 0, 960, 540}));
    // A region (one monitor's share) straddling the seam picks parts of both panels.
    const auto middle = panelBlits(g, {1440, 0, 960, 1080}, {960, 1080});
    ASSERT_EQ(middle.size(), 2u);
    EXPECT_EQ(middle[0].source, (PixelRect{1440, 0, 480, 1080}));
    EXPECT_EQ(middle[0].target, (PixelRect{0, 0, 480, 1080}));
    EXPECT_EQ(middle[1].source, (PixelRect{1932, 0, 480, 1080}));
    EXPECT_EQ(middle[1].target, (PixelRect{480, 0, 480, 1080}));
    // The region also drives mouse mapping: window x 480 is canvas x 1932.
    const auto p = windowToCanvas(g, {960, 1080}, 480.0, 5.0, {1440, 0, 960, 1080});
    ASSERT_TRUE(p.has_value());
    EXPECT_DOUBLE_EQ((*p)[0], 1932.0);
}

}  // namespace
}  // namespace wall::render
