// One real ImGui frame into the canvas: Chinese text leaves pixels where it
// is drawn, real glyphs (not the fallback box) are used, and a red warning
// fill lands red. This is the path every panel takes.
#include "render/fitted_text.hpp"
#include "render/wall_canvas.hpp"

#include "text_rendering_env.hpp"

#include <imgui.h>

namespace wall::render {
namespace {

// The national red of a level-I warning (console/panels/wall_style.hpp); render/ only sees a colour.
constexpr ImU32 kWarningRed = IM_COL32(0xE6, 0x00, 0x12, 0xFF);

class ImGuiFrameTest : public test::TextRenderingSuite {
protected:

    // Counts canvas pixels in `r` that differ from `background` by more than a little.
    static int inkPixels(WallCanvas& canvas, PixelRect r, std::array<std::uint8_t, 4> background) {
        int count = 0;
        for (int y = r.y; y < r.y + r.height; ++y) {
            for (int x = r.x; x < r.x + r.width; ++x) {
                const auto p = canvas.readCanvasPixel(x, y);
                if (std::abs(p[0] - background[0]) + std::abs(p[1] - background[1]) + std::abs(p[2] - background[2]) > 60) ++count;
            }
        }
        return count;
    }

    // Draws one frame: text strings at fixed spots on a black canvas, plus a red warning block.
    static void drawFrame(WallCanvas& canvas, const std::vector<std::pair<ImVec2, std::string>>& texts) {
        for (const auto& [pos, text] : texts) rig_->glyphs->noteText(text);
        rig_->glyphs->rebuildIfNeeded();  // before NewFrame, as in the app loop
        rig_->runtime->newFrame(canvas.canvasSize(), {});
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        ImFont* font = rig_->glyphs->font(FontSize::Large);
        for (const auto& [pos, text] : texts) draw->AddText(font, font->FontSize, pos, IM_COL32_WHITE, text.c_str());
        draw->AddRectFilled(ImVec2(500, 300), ImVec2(600, 350), kWarningRed);
        canvas.beginFrame({0.0f, 0.0f, 0.0f, 1.0f});
        rig_->runtime->render();
        canvas.endFrame();
    }

};

TEST_F(ImGuiFrameTest, ChineseTextLeavesInkInItsRect) {
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    drawFrame(canvas, {{ImVec2(20, 20), "应急指挥中心"}, {ImVec2(20, 100), "應急指揮中心"}});
    const std::array<std::uint8_t, 4> black{0, 0, 0, 255};
    // Six 44 px characters: the text rects are about 264 x 60.
    EXPECT_GT(inkPixels(canvas, {20, 20, 270, 60}, black), 500);
    EXPECT_GT(inkPixels(canvas, {20, 100, 270, 60}, black), 500);
    // Nothing was drawn between the lines' rects and the red block.
    EXPECT_EQ(inkPixels(canvas, {300, 20, 150, 150}, black), 0);
    EXPECT_EQ(rig_->glyphs->fallbackGlyphsLastFrame(), 0u);
}

TEST_F(ImGuiFrameTest, RealGlyphsNotTheFallback) {
    // 门 and 門 must look different; if both fell back to '?' they would match.
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    drawFrame(canvas, {{ImVec2(20, 20), "门"}, {ImVec2(120, 20), "門"}, {ImVec2(220, 20), "?"}});
    const std::array<std::uint8_t, 4> black{0, 0, 0, 255};
    const int simplified = inkPixels(canvas, {20, 20, 60, 60}, black);
    const int traditional = inkPixels(canvas, {120, 20, 60, 60}, black);
    const int question = inkPixels(canvas, {220, 20, 60, 60}, black);
    EXPECT_GT(simplified, 50);
    EXPECT_GT(traditional, simplified);  // 門 has far more strokes than 门
    EXPECT_NE(traditional, question);
    EXPECT_EQ(rig_->glyphs->fallbackGlyphsLastFrame(), 0u);  // a real '?' is not the fallback glyph
}

TEST_F(ImGuiFrameTest, RedWarningBlockIsDrawnRed) {
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    drawFrame(canvas, {});
    const auto p = canvas.readCanvasPixel(550, 325);
    EXPECT_EQ(p[0], 0xE6);
    EXPECT_EQ(p[1], 0x00);
    EXPECT_EQ(p[2], 0x12);
}

TEST_F(ImGuiFrameTest, ReducedRenderScaleKeepsCanvasCoordinates) {
    // A 2x2 wall rasterised at half size: ImGui still lays out in canvas pixels.
    WallCanvas canvas(uniformWallGeometry(2, 2, {1920, 1080}, 12), 0.5);
    EXPECT_EQ(canvas.canvasSize(), (PixelSize{3852, 2172}));
    EXPECT_EQ(canvas.framebufferSize(), (PixelSize{1926, 1086}));
    rig_->runtime->newFrame(canvas.canvasSize(), {}, canvas.renderScale());
    // A red block spanning the vertical bezel (canvas x 1920..1931).
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(1800, 500), ImVec2(2100, 700), kWarningRed);
    canvas.beginFrame({0.0f, 0.0f, 0.0f, 1.0f});
    rig_->runtime->render();
    canvas.endFrame();
    EXPECT_EQ(canvas.readCanvasPixel(1850, 600)[0], 0xE6);
    EXPECT_EQ(canvas.readCanvasPixel(2200, 600)[0], 0);
    const RgbaImage half = canvas.readOutput(0.5);
    ASSERT_EQ(half.width, 1920);
    ASSERT_EQ(half.height, 1080);
    // Output x = canvas x (left of the seam) or canvas x - 12 (right), then halved.
    EXPECT_EQ(half.at(905, 300)[0], 0xE6);
    EXPECT_EQ(half.at(1040, 300)[0], 0xE6);   // canvas 2092: right of the bezel, still in the block
    EXPECT_EQ(half.at(1050, 300)[0], 0);      // canvas 2112: past the block
    EXPECT_EQ(half.at(1000, 240)[0], 0);      // above it
    const RgbaImage quarter = canvas.readOutput(0.25);  // smaller than rendered: mipmapped shrink
    EXPECT_EQ(quarter.width, 960);
    EXPECT_GT(quarter.at(480, 150)[0], 200);
    EXPECT_THROW((WallCanvas{uniformWallGeometry(1, 1, {64, 64}, 0), 0.0}), std::runtime_error);
}

TEST_F(ImGuiFrameTest, FittedTextShrinksLongNames) {
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    rig_->runtime->newFrame(canvas.canvasSize(), {});
    ImFont* font = rig_->glyphs->font(FontSize::Large);
    EXPECT_FLOAT_EQ(fittedFontSize(font, "A", 1000.0f, 10.0f), 44.0f);
    const float size = fittedFontSize(font, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 200.0f, 10.0f);
    EXPECT_LT(size, 44.0f);
    EXPECT_LE(font->CalcTextSizeA(size, FLT_MAX, 0.0f, "ABCDEFGHIJKLMNOPQRSTUVWXYZ").x, 200.5f);
    EXPECT_FLOAT_EQ(fittedFontSize(font, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5.0f, 10.0f), 10.0f);  // floor holds
    canvas.beginFrame();
    rig_->runtime->render();
    canvas.endFrame();
}

TEST_F(ImGuiFrameTest, MouseIsMappedToCanvasCoordinates) {
    WallCanvas canvas(uniformWallGeometry(1, 1, {640, 360}, 0));
    rig_->runtime->newFrame(canvas.canvasSize(), [](float, float) { return std::array<float, 2>{123.0f, 45.0f}; });
    const ImGuiIO& io = ImGui::GetIO();
    EXPECT_FLOAT_EQ(io.DisplaySize.x, 640.0f);
    EXPECT_FLOAT_EQ(io.DisplaySize.y, 360.0f);
    EXPECT_FLOAT_EQ(io.DisplayFramebufferScale.x, 1.0f);
    canvas.beginFrame();
    rig_->runtime->render();
    canvas.endFrame();
}

}  // namespace
}  // namespace wall::render
