// The whole frame path the app runs, in the documented order, on a small
// 2x2 wall: note text -> rebuild glyphs -> ImGui frame -> canvas -> present
// -> screenshot -> PNG. Proves the pieces fit together, and that a red alarm
// row drawn across a bezel lands red in the screenshot where the geometry says.
#include "render/blink.hpp"
#include "render/fitted_text.hpp"
#include "render/gl_delete_queue.hpp"
#include "render/png_file.hpp"
#include "render/wall_canvas.hpp"
#include "render/wall_keys.hpp"

#include "text_rendering_env.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace wall::render {
namespace {

class AppLoopTest : public test::TextRenderingSuite {};

// render/ knows no warning levels: a row is just a fill, an ink and its text,
// here in the national red, orange, yellow and blue (console/panels/wall_style.hpp).
struct AlarmRow {
    ImU32 fill;
    ImU32 ink;
    const char* text;
};

// A miniature alarm board, as a panel would draw it.
void drawAlarmBoard(GlyphAtlas& glyphs, ImVec2 pos, ImVec2 size, const std::vector<AlarmRow>& rows) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("告警 / 預警", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* body = glyphs.font(FontSize::Body);
    float y = pos.y + 16;
    for (const AlarmRow& row : rows) {
        glyphs.noteText(row.text);
        const ImVec2 a(pos.x + 8, y);
        const ImVec2 b(pos.x + size.x - 8, y + 40);
        draw->AddRectFilled(a, b, row.fill);
        drawFittedText(draw, body, ImVec2(a.x + 8, a.y), ImVec2(b.x - 8, b.y), row.ink, row.text);
        y += 48;
    }
    ImGui::End();
}

TEST_F(AppLoopTest, FramesFromNoteToPngInDocumentedOrder) {
    GlWindow& window = *rig_->window;
    GlyphAtlas& glyphs = *rig_->glyphs;
    WallCanvas canvas(uniformWallGeometry(2, 2, {480, 270}, 8));  // canvas 968x548, output 960x540
    GlDeleteQueue deletes;
    const std::vector<AlarmRow> rows = {
        {IM_COL32(0xE6, 0x00, 0x12, 0xFF), IM_COL32_WHITE, "红色预警 袁州区雨量站 1小时降雨82毫米"},
        {IM_COL32(0xFF, 0x7F, 0x00, 0xFF), IM_COL32_BLACK, "橙色預警 咸寧陸水湖水庫超汛限水位"},
        {IM_COL32(0xFF, 0xD7, 0x00, 0xFF), IM_COL32_BLACK, "黄色预警 泾县尾矿库渗漏"},
        {IM_COL32(0x00, 0x70, 0xC0, 0xFF), IM_COL32_WHITE, "藍色預警 秦皇島森林火點"},
    };

    // A texture owned by a "decoder" that dies on another thread: its delete must come back here.
    GlTexture stray = GlTexture::generate();
    std::thread([&deletes, t = std::move(stray)]() mutable { t.postDeleteTo(deletes); }).join();
    EXPECT_EQ(deletes.pending(), 1u);

    bool f2_seen = false;
    for (int frame = 0; frame < 3; ++frame) {
        window.pollEvents();
        deletes.drain();
        glyphs.rebuildIfNeeded();  // before NewFrame, never inside it
        if (frame == 1) ImGui::GetIO().KeysDown[GLFW_KEY_F2] = true;  // as if the operator pressed F2
        rig_->runtime->newFrame(canvas.canvasSize(), [&](float x, float y) { return canvas.windowToCanvas(window, x, y); });
        f2_seen = f2_seen || keyPressed(WallKey::F2);
        // The board straddles the vertical bezel (canvas x 480..487).
        drawAlarmBoard(glyphs, ImVec2(300, 40), ImVec2(400, 220), rows);
        (void)blinkOn(ImGui::GetTime());
        canvas.beginFrame();
        rig_->runtime->render();
        canvas.endFrame();
        canvas.present(window);
        window.swapBuffers();
        ImGui::GetIO().KeysDown[GLFW_KEY_F2] = false;
    }
    EXPECT_TRUE(f2_seen);
    EXPECT_EQ(deletes.pending(), 0u);
    EXPECT_EQ(glyphs.missingGlyphCount(), 0u);
    EXPECT_EQ(glyphs.fallbackGlyphsLastFrame(), 0u);  // rows noted in frame 0 render from frame 1

    const RgbaImage shot = canvas.readOutput();
    ASSERT_EQ(shot.width, 960);
    ASSERT_EQ(shot.height, 540);
    // Red row: canvas y 56..95, x 308..691. Right of the bezel, output x = canvas x - 8.
    // Probe near the row's right end where no text is drawn.
    const auto red = shot.at(680 - 8, 58);
    EXPECT_EQ(red[0], 0xE6);
    EXPECT_EQ(red[1], 0x00);
    EXPECT_EQ(red[2], 0x12);
    const auto blue = shot.at(680 - 8, 56 + 3 * 48 + 2);
    EXPECT_EQ(blue[0], 0x00);
    EXPECT_EQ(blue[1], 0x70);
    EXPECT_EQ(blue[2], 0xC0);

    // Screenshot round trip; keep it for a person to look at when asked.
    const char* keep_dir = std::getenv("WALL_RENDER_TEST_PNG_DIR");
    const std::filesystem::path path = keep_dir ? std::filesystem::path(keep_dir) / "app_loop.png"
                                                : std::filesystem::temp_directory_path() / ("render_tests_app_loop_" + std::to_string(::getpid()) + ".png");
    writePng(path, shot);
    const RgbaImage back = readPng(path);
    if (!keep_dir) std::filesystem::remove(path);
    EXPECT_EQ(back.pixels, shot.pixels);

    const RgbaImage half = canvas.readOutput(0.5);
    EXPECT_EQ(half.width, 480);
    EXPECT_EQ(half.height, 270);
    if (keep_dir) writePng(std::filesystem::path(keep_dir) / "app_loop_half.png", half);
}

}  // namespace
}  // namespace wall::render
