// Bezel compensation end to end on real GL: the canvas holds content behind
// the bezels, the output image cuts those strips out, and the screenshot path
// (readOutput) and the window path (present) agree with the geometry.
#include "render/wall_canvas.hpp"

#include "gl_test_env.hpp"
#include "render/gl.hpp"

#include <vector>

namespace wall::render {
namespace {

class WallCanvasTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { window_ = test::openHeadlessWindow().release(); }
    static void TearDownTestSuite() {
        delete window_;
        window_ = nullptr;
    }
    void SetUp() override { WALL_REQUIRE_DISPLAY(); }

    // Fills the canvas with a ramp that encodes each pixel's own top-down
    // canvas coordinates: R = x low byte, G = x high nibble | y high nibble << 4,
    // B = y low byte, A = 255. Any output pixel then says where it came from.
    static void fillCoordinateRamp(WallCanvas& canvas) {
        const PixelSize size = canvas.canvasSize();
        std::vector<std::uint8_t> rows(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) * 4);
        for (int gl_row = 0; gl_row < size.height; ++gl_row) {
            const int y = size.height - 1 - gl_row;  // textures are stored bottom-up
            for (int x = 0; x < size.width; ++x) {
                auto* p = &rows[(static_cast<std::size_t>(gl_row) * static_cast<std::size_t>(size.width) + static_cast<std::size_t>(x)) * 4];
                p[0] = static_cast<std::uint8_t>(x & 0xFF);
                p[1] = static_cast<std::uint8_t>(((x >> 8) & 0x0F) | (((y >> 8) & 0x0F) << 4));
                p[2] = static_cast<std::uint8_t>(y & 0xFF);
                p[3] = 255;
            }
        }
        glBindTexture(GL_TEXTURE_2D, canvas.texture());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, size.width, size.height, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
        glBindTexture(GL_TEXTURE_2D, 0);
    }

    struct CanvasPoint {
        int x;
        int y;
    };
    static CanvasPoint decode(const std::array<std::uint8_t, 4>& p) {
        return {p[0] | ((p[1] & 0x0F) << 8), p[2] | ((p[1] >> 4) << 8)};
    }

    // A solid rect drawn on the GPU into the canvas (top-down coordinates), alpha 128 to tell it from the ramp.
    static void fillCanvasRect(WallCanvas& canvas, PixelRect r) {
        glBindFramebuffer(GL_FRAMEBUFFER, canvas.framebuffer());
        glEnable(GL_SCISSOR_TEST);
        glScissor(r.x, canvas.canvasSize().height - (r.y + r.height), r.width, r.height);
        glClearColor(1.0f, 0.0f, 1.0f, 128.0f / 255.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }

    static GlWindow* window_;
};
GlWindow* WallCanvasTest::window_ = nullptr;

TEST_F(WallCanvasTest, OutputCutsTheBezelStripOf2x2Wall) {
    WallCanvas canvas(uniformWallGeometry(2, 2, {1920, 1080}, 12));
    ASSERT_EQ(canvas.canvasSize(), (PixelSize{3852, 2172}));
    fillCoordinateRamp(canvas);
    const RgbaImage out = canvas.readOutput();
    ASSERT_EQ(out.width, 3840);
    ASSERT_EQ(out.height, 2160);

    // The pixel right of the vertical seam comes from behind the bezel's far side.
    EXPECT_EQ(decode(out.at(1919, 100)).x, 1919);
    EXPECT_EQ(decode(out.at(1920, 100)).x, 1932);
    EXPECT_EQ(out.at(1920, 100), canvas.readCanvasPixel(1932, 100));
    // Same for the horizontal seam, and the far corner.
    EXPECT_EQ(decode(out.at(100, 1079)).y, 1079);
    EXPECT_EQ(decode(out.at(100, 1080)).y, 1092);
    const CanvasPoint corner = decode(out.at(3839, 2159));
    EXPECT_EQ(corner.x, 3851);
    EXPECT_EQ(corner.y, 2171);

    // Along a whole row, no output pixel shows the 12 px behind the bezel,
    // and the only jump is the seam.
    for (int x = 0; x < out.width; ++x) {
        const int from = decode(out.at(x, 777)).x;
        ASSERT_FALSE(from >= 1920 && from < 1932) << "output x " << x << " shows bezel column " << from;
        ASSERT_EQ(from, x < 1920 ? x : x + 12) << "output x " << x;
    }
}

TEST_F(WallCanvasTest, RegionSpanningTheBezelLosesTheHiddenStrip) {
    WallCanvas canvas(uniformWallGeometry(2, 2, {1920, 1080}, 12));
    fillCoordinateRamp(canvas);
    fillCanvasRect(canvas, {1800, 500, 300, 200});  // canvas x 1800..2099 crosses the bezel at 1920..1931
    // Content continues behind the bezel in the canvas...
    EXPECT_EQ(canvas.readCanvasPixel(1925, 600)[3], 128);
    const RgbaImage out = canvas.readOutput();
    // ...but the output shows 300 - 12 = 288 columns of it, straight across the seam.
    int first = -1;
    int last = -1;
    for (int x = 0; x < out.width; ++x) {
        if (out.at(x, 600)[3] == 128) {
            if (first < 0) first = x;
            last = x;
        }
    }
    EXPECT_EQ(first, 1800);
    EXPECT_EQ(last, 2099 - 12);
    EXPECT_EQ(out.at(1919, 600), out.at(1920, 600));
    EXPECT_EQ(decode(out.at(2088, 600)).x, 2100);  // ramp resumes right after the rect
    EXPECT_EQ(out.at(1900, 499)[3], 255);          // above the rect: ramp
}

TEST_F(WallCanvasTest, ScaledReadOutputShrinksAndKeepsRegions) {
    WallCanvas canvas(uniformWallGeometry(2, 2, {1920, 1080}, 12));
    canvas.beginFrame({0.0f, 0.0f, 0.0f, 1.0f});
    canvas.endFrame();
    fillCanvasRect(canvas, {1932, 0, 1920, 1080});  // exactly the top-right panel
    const RgbaImage small = canvas.readOutput(0.25);
    ASSERT_EQ(small.width, 960);
    ASSERT_EQ(small.height, 540);
    const auto inside = small.at(720, 135);  // centre of the top-right quarter
    EXPECT_EQ(inside[0], 255);
    EXPECT_EQ(inside[1], 0);
    EXPECT_EQ(inside[2], 255);
    const auto outside = small.at(240, 405);  // bottom-left quarter stays black
    EXPECT_EQ(outside[0], 0);
    EXPECT_EQ(outside[2], 0);
    EXPECT_THROW(canvas.readOutput(0.0), std::runtime_error);
    EXPECT_THROW(canvas.readOutput(1.5), std::runtime_error);
}

TEST_F(WallCanvasTest, PresentLetterboxesIntoASmallerWindow) {
    WallCanvas canvas(uniformWallGeometry(2, 2, {1920, 1080}, 12));
    canvas.beginFrame({1.0f, 1.0f, 1.0f, 1.0f});  // all white
    canvas.endFrame();
    const PixelSize fb = window_->framebufferSize();  // 64x64 headless default framebuffer
    ASSERT_GT(fb.width, 0);
    canvas.present(*window_);
    // 16:9 wall in a square window: black bars above and below, white in the middle.
    std::array<std::uint8_t, 4> top{};
    std::array<std::uint8_t, 4> middle{};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glReadPixels(fb.width / 2, fb.height - 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, top.data());
    glReadPixels(fb.width / 2, fb.height / 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, middle.data());
    EXPECT_EQ(top[0], 0);
    EXPECT_EQ(middle[0], 255);
    EXPECT_EQ(middle[1], 255);
}

TEST_F(WallCanvasTest, MouseOverWindowMapsAcrossBezel) {
    WallCanvas canvas(uniformWallGeometry(1, 2, {32, 18}, 4));  // output 64x18 fits a 64x64 window at scale 1
    const auto p = canvas.windowToCanvas(*window_, 40.0f, 32.0f);  // output (40, 9) after the 23 px bar
    EXPECT_FLOAT_EQ(p[0], 44.0f);
    EXPECT_FLOAT_EQ(p[1], 9.0f);
    EXPECT_LT(canvas.windowToCanvas(*window_, 40.0f, 2.0f)[0], -1e30f);  // letterbox: no mouse
}

TEST_F(WallCanvasTest, ThreeByFourWallFitsAndShrinksForScreenshots) {
    // The biggest shipped wall: canvas 7710x3260 must fit llvmpipe's limits.
    WallCanvas canvas(uniformWallGeometry(3, 4, {1920, 1080}, 10));
    canvas.beginFrame({0.0f, 0.0f, 1.0f, 1.0f});
    canvas.endFrame();
    const RgbaImage quarter = canvas.readOutput(0.25);
    EXPECT_EQ(quarter.width, 1920);
    EXPECT_EQ(quarter.height, 810);
    EXPECT_EQ(quarter.at(1919, 809)[2], 255);
}

TEST_F(WallCanvasTest, RejectsInvalidGeometryAndResizes) {
    CanvasGeometry bad = uniformWallGeometry(1, 1, {64, 64}, 0);
    bad.panels.clear();
    EXPECT_THROW(WallCanvas{bad}, std::runtime_error);
    WallCanvas canvas(uniformWallGeometry(1, 1, {64, 32}, 0));
    canvas.setGeometry(uniformWallGeometry(1, 2, {64, 32}, 8));
    EXPECT_EQ(canvas.canvasSize(), (PixelSize{136, 32}));
    EXPECT_NO_THROW(canvas.readCanvasPixel(135, 31));
    EXPECT_THROW(canvas.readCanvasPixel(136, 0), std::runtime_error);
}

}  // namespace
}  // namespace wall::render
