// The walls and presets we ship: every preset must load on every wall, stay on
// the canvas without overlaps, keep text off the bezels, and leave no panel of
// the wall dark.
#include "layouts/asset_paths.hpp"
#include "layouts/layout.hpp"
#include "layouts/wall.hpp"

#include <gtest/gtest.h>

#include <set>

namespace wall::layouts {
namespace {

std::vector<std::string> shippedWalls() { return tomlStemsIn(defaultAssetDir() / "walls"); }
std::vector<std::string> shippedLayouts() { return tomlStemsIn(defaultAssetDir() / "layouts"); }

bool isTextView(ViewKind v) { return !isCameraView(v) && v != ViewKind::StatusBar; }

TEST(ShippedAssets, TheThreeWallsAndThreePresetsExist) {
    const auto walls = shippedWalls();
    for (const char* name : {"1x1", "2x2", "3x4"})
        EXPECT_NE(std::find(walls.begin(), walls.end(), name), walls.end()) << name;
    const auto layouts = shippedLayouts();
    for (const char* name : {"duty", "consultation", "review"})
        EXPECT_NE(std::find(layouts.begin(), layouts.end(), name), layouts.end()) << name;
}

TEST(ShippedAssets, WallSizes) {
    const WallSpec w1 = loadWall(resolveWallPath("1x1").string());
    EXPECT_EQ(w1.canvasSize(), (PixelSize{1920, 1080}));
    EXPECT_EQ(w1.outputSize(), (PixelSize{1920, 1080}));
    const WallSpec w2 = loadWall(resolveWallPath("2x2").string());
    EXPECT_EQ(w2.outputSize(), (PixelSize{3840, 2160}));
    const WallSpec w3 = loadWall(resolveWallPath("3x4").string());
    EXPECT_EQ(w3.rows, 3);  // "3x4" is rows x cols
    EXPECT_EQ(w3.cols, 4);
    EXPECT_EQ(w3.outputSize(), (PixelSize{7680, 3240}));
    EXPECT_EQ(w3.canvasSize(), (PixelSize{7734, 3276}));
    EXPECT_EQ(w3.panelCanvasRect(0, 1).x, 1938);
    EXPECT_EQ(w3.panelOutputRect(0, 1).x, 1920);
    for (const WallSpec* w : {&w1, &w2, &w3}) EXPECT_EQ(w->refresh_hz, 60) << w->name;
}

TEST(ShippedAssets, EveryPresetIsValidOnEveryWall) {
    for (const std::string& wall_name : shippedWalls()) {
        const WallSpec wall = loadWall(resolveWallPath(wall_name).string());
        const PixelRect canvas{0, 0, wall.canvasSize().width, wall.canvasSize().height};
        for (const std::string& layout_name : shippedLayouts()) {
            SCOPED_TRACE(layout_name + " on " + wall_name);
            Layout layout;
            try {
                layout = loadLayout(resolveLayoutPath(layout_name).string(), wall);
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                continue;
            }
            ASSERT_FALSE(layout.regions.empty());
            EXPECT_FALSE(layout.title.empty());
            EXPECT_FALSE(layout.title_en.empty()) << "--lang en needs an English title";
            EXPECT_FALSE(layout.title_hant.empty()) << "--lang zh-Hant needs a 繁體 title";
            EXPECT_GT(layout.hotkey, 0);
            for (size_t i = 0; i < layout.regions.size(); ++i) {
                const Region& r = layout.regions[i];
                EXPECT_FALSE(r.canvas_rect.empty()) << r.name;
                EXPECT_TRUE(r.title.empty() || !r.title_hant.empty()) << r.name << " has no 繁體 caption";
                EXPECT_TRUE(r.title.empty() || !r.title_en.empty()) << r.name << " has no English caption";
                EXPECT_TRUE(canvas.contains(r.canvas_rect)) << r.name;
                for (size_t j = 0; j < i; ++j)
                    EXPECT_TRUE(r.canvas_rect.intersection(layout.regions[j].canvas_rect).empty())
                        << r.name << " overlaps " << layout.regions[j].name;
            }
        }
    }
}

TEST(ShippedAssets, PresetsLookLikeADutyRoom) {
    for (const std::string& wall_name : shippedWalls()) {
        const WallSpec wall = loadWall(resolveWallPath(wall_name).string());
        for (const std::string& layout_name : shippedLayouts()) {
            SCOPED_TRACE(layout_name + " on " + wall_name);
            const Layout layout = loadLayout(resolveLayoutPath(layout_name).string(), wall);
            std::set<ViewKind> views;
            for (const Region& r : layout.regions) {
                views.insert(r.view);
                // The status bar runs along the top edge of the top panel row.
                if (r.view == ViewKind::StatusBar) {
                    EXPECT_EQ(r.canvas_rect.y, 0) << r.name;
                    EXPECT_EQ(r.canvas_rect.width, wall.canvasSize().width) << r.name;
                    EXPECT_LE(r.canvas_rect.bottom(), wall.panel_height) << r.name;
                }
                // Text regions sit on one panel: a bezel through a text row makes it unreadable.
                if (isTextView(r.view)) {
                    const auto first = wall.panelAtCanvas({double(r.canvas_rect.x), double(r.canvas_rect.y)});
                    const auto last = wall.panelAtCanvas({r.canvas_rect.right() - 1.0, r.canvas_rect.bottom() - 1.0});
                    ASSERT_TRUE(first && last) << r.name << " starts or ends behind a bezel";
                    EXPECT_EQ(*first, *last) << r.name << " crosses a bezel";
                }
                // Cameras come from the demo backend's cam-01..cam-16.
                std::vector<std::string> ids = r.cameras;
                if (!r.camera.empty()) ids.push_back(r.camera);
                for (const std::string& id : ids) {
                    ASSERT_EQ(id.size(), 6u) << id;
                    const int n = std::stoi(id.substr(4));
                    EXPECT_TRUE(id.rfind("cam-", 0) == 0 && n >= 1 && n <= 16) << id;
                }
            }
            EXPECT_TRUE(views.count(ViewKind::StatusBar));
            EXPECT_TRUE(views.count(ViewKind::AlarmBoard));
            EXPECT_TRUE(views.count(ViewKind::TaskBoard));
            EXPECT_TRUE(views.count(ViewKind::CameraGrid) || views.count(ViewKind::Linkage));
            if (layout.name == "duty") {
                EXPECT_TRUE(views.count(ViewKind::DutyRoster));
            } else {
                EXPECT_TRUE(views.count(ViewKind::IncidentSummary));
            }

            // No dark panel: the centre of every panel is covered by some region.
            for (int row = 0; row < wall.rows; ++row) {
                for (int col = 0; col < wall.cols; ++col) {
                    const PixelRect p = wall.panelCanvasRect(row, col);
                    const double cx = p.x + p.width / 2.0, cy = p.y + p.height / 2.0;
                    bool covered = false;
                    for (const Region& r : layout.regions) covered |= r.canvas_rect.contains(cx, cy);
                    EXPECT_TRUE(covered) << "panel " << row << "," << col << " is dark";
                }
            }
            // And almost all of the visible output is used.
            long long visible = 0;
            for (const Region& r : layout.regions) {
                for (int row = 0; row < wall.rows; ++row)
                    for (int col = 0; col < wall.cols; ++col) {
                        const PixelRect shown = r.canvas_rect.intersection(wall.panelCanvasRect(row, col));
                        visible += 1LL * shown.width * shown.height;
                    }
            }
            const double used = double(visible) / (double(wall.outputSize().width) * wall.outputSize().height);
            EXPECT_GT(used, 0.98) << "only " << used * 100 << "% of the wall shows something";
        }
    }
}

TEST(ShippedAssets, ThreeByFourUsesItsOwnVariant) {
    const WallSpec wall = loadWall(resolveWallPath("3x4").string());
    const Layout duty = loadLayout(resolveLayoutPath("duty").string(), wall);
    EXPECT_EQ(duty.variant, "3x4");
    const Region* alarms = duty.findRegion("alarms");
    ASSERT_NE(alarms, nullptr);
    EXPECT_EQ(alarms->canvas_rect.x, 0);
    EXPECT_EQ(alarms->canvas_rect.right(), 1920);
    const Region* cameras = duty.findRegion("cameras");
    ASSERT_NE(cameras, nullptr);
    EXPECT_EQ(cameras->canvas_rect.x, 1938);         // panel column 1 ...
    EXPECT_EQ(cameras->canvas_rect.right(), 5796);   // ... through column 2, across the bezel
    EXPECT_EQ(cameras->cameras.size(), 12u);
}

TEST(ShippedAssets, PresetsListedByHotkeyWithDutyAsDefault) {
    std::vector<LayoutError> errors;
    const auto presets = listPresets(defaultAssetDir(), &errors);
    for (const auto& e : errors) ADD_FAILURE() << e.what();
    ASSERT_GE(presets.size(), 3u);
    EXPECT_EQ(presets[0].name, "duty");
    EXPECT_EQ(presets[0].title, "值班模式");
    EXPECT_EQ(presets[0].hotkey, 1);
    EXPECT_EQ(presets[0].title_en, "Duty watch");
    EXPECT_TRUE(presets[0].is_default);
    EXPECT_EQ(presets[1].name, "consultation");
    EXPECT_EQ(presets[1].title, "会商模式");
    EXPECT_EQ(presets[1].hotkey, 2);
    EXPECT_EQ(presets[2].name, "review");
    EXPECT_EQ(presets[2].title, "复盘模式");
    EXPECT_EQ(presets[2].hotkey, 3);
    int defaults = 0;
    for (const auto& p : presets) defaults += p.is_default;
    EXPECT_EQ(defaults, 1);
}

TEST(ShippedAssets, NamesResolveAndUnknownNamesListTheShippedOnes) {
    EXPECT_EQ(resolveWallPath("3x4"), defaultAssetDir() / "walls" / "3x4.toml");
    EXPECT_EQ(resolveLayoutPath("duty"), defaultAssetDir() / "layouts" / "duty.toml");
    try {
        resolveWallPath("5x5");
        FAIL() << "found a wall that is not shipped";
    } catch (const LayoutError& e) {
        EXPECT_NE(e.message.find("unknown wall '5x5'"), std::string::npos) << e.what();
        EXPECT_NE(e.message.find("1x1, 2x2, 3x4"), std::string::npos) << e.what();
    }
    EXPECT_THROW(resolveLayoutPath("./missing.toml"), LayoutError);
}

}  // namespace
}  // namespace wall::layouts
