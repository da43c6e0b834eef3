// The region keys of the 叫应 and linkage work: the 叫应 matrix view with its grouping, and the
// camera grid a red warning may take over. Shipped presets carry both.
#include "layouts/asset_paths.hpp"
#include "layouts/layout.hpp"
#include "layouts/layout_error.hpp"

#include <gtest/gtest.h>

namespace wall::layouts {
namespace {

WallSpec laptop() {
    WallSpec w;
    w.name = "1x1";
    w.rows = 1;
    w.cols = 1;
    return w;
}

const char* kHead = "name = \"t\"\ntitle = \"测试\"\nhotkey = \"F4\"\n";  // 3 lines

TEST(CallMatrixRegion, ParsesWithGrouping) {
    const Layout l = parseLayout(std::string(kHead) +
                                     "[[region]]\nname = \"calls\"\nview = \"call_matrix\"\ngroup_by = \"village\"\n"
                                     "x = 0\ny = 0\nw = 0.5\nh = 1\n"
                                     "[[region]]\nname = \"calls2\"\nview = \"call_matrix\"\n"
                                     "x = 0.5\ny = 0\nw = 0.5\nh = 1\n",
                                 "t.toml", laptop());
    ASSERT_EQ(l.regions.size(), 2u);
    EXPECT_EQ(l.regions[0].view, ViewKind::CallMatrix);
    EXPECT_EQ(l.regions[0].group_by, CallGrouping::Village);
    EXPECT_EQ(l.regions[1].group_by, CallGrouping::Township);
    EXPECT_EQ(viewKindName(ViewKind::CallMatrix), "call_matrix");
    EXPECT_FALSE(isCameraView(ViewKind::CallMatrix));
}

TEST(CallMatrixRegion, UnknownGroupingIsRefusedAtItsLine) {
    try {
        parseLayout(std::string(kHead) + "[[region]]\nname = \"calls\"\nview = \"call_matrix\"\n"
                                         "group_by = \"county\"\n"  // line 7
                                         "x = 0\ny = 0\nw = 1\nh = 1\n",
                    "t.toml", laptop());
        FAIL() << "accepted";
    } catch (const LayoutError& e) {
        EXPECT_EQ(e.line, 7) << e.what();
        EXPECT_EQ(e.region, "calls");
        EXPECT_NE(e.message.find("county"), std::string::npos) << e.what();
    }
}

TEST(CallMatrixRegion, TakeoverOnlyOnCameraGrids) {
    const Layout l = parseLayout(std::string(kHead) +
                                     "[[region]]\nname = \"grid\"\nview = \"camera_grid\"\ncameras = [\"cam-01\"]\n"
                                     "linkage_takeover = true\nx = 0\ny = 0\nw = 1\nh = 1\n",
                                 "t.toml", laptop());
    EXPECT_TRUE(l.regions[0].linkage_takeover);
    EXPECT_THROW(parseLayout(std::string(kHead) + "[[region]]\nname = \"a\"\nview = \"alarm_board\"\n"
                                                  "linkage_takeover = true\nx = 0\ny = 0\nw = 1\nh = 1\n",
                             "t.toml", laptop()),
                 LayoutError);
}

TEST(CallMatrixRegion, DutyAndConsultationShowTheMatrixOnEveryShippedWall) {
    for (const std::string& wall_name : tomlStemsIn(defaultAssetDir() / "walls")) {
        const WallSpec wall = loadWall(resolveWallPath(wall_name).string());
        for (const char* name : {"duty", "consultation"}) {
            SCOPED_TRACE(std::string(name) + " on " + wall_name);
            const Layout layout = loadLayout(resolveLayoutPath(name).string(), wall);
            int matrices = 0, linkage = 0;
            for (const Region& r : layout.regions) {
                matrices += r.view == ViewKind::CallMatrix;
                linkage += r.view == ViewKind::Linkage;
            }
            EXPECT_EQ(matrices, 1);
            EXPECT_GE(linkage, 1);
        }
    }
    const Layout duty = loadLayout(resolveLayoutPath("duty").string(), loadWall(resolveWallPath("3x4").string()));
    ASSERT_NE(duty.findRegion("cameras"), nullptr);
    EXPECT_TRUE(duty.findRegion("cameras")->linkage_takeover) << "the big grid of the 3x4 duty wall";
}

}  // namespace
}  // namespace wall::layouts
