// Real GL under Xvfb: synthetic frames go through VideoTexture + the YUV
// shader into an FBO and are read back. Colour bars are encoded here with
// the textbook BT.601/BT.709 formulas (independent of yuv_matrix.cpp), for
// limited and full range, planar and NV12, tight and padded strides.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <imgui.h>

#include "render/gl.hpp"
#include "render/gl_window.hpp"
#include "render/imgui_runtime.hpp"
#include "render/video/video_painter.hpp"
#include "render/video/video_program.hpp"
#include "render/video/video_texture.hpp"

namespace wall::video {
namespace {

using Rgb = std::array<int, 3>;

/// SMPTE-like bars: 75 % white, yellow, cyan, green, magenta, red, blue, black.
const std::array<Rgb, 8> kBars = {{{191, 191, 191}, {191, 191, 0}, {0, 191, 191}, {0, 191, 0},
                                   {191, 0, 191}, {191, 0, 0}, {0, 0, 191}, {0, 0, 0}}};

/// Textbook R'G'B' -> Y'CbCr, 8-bit, rounded.
std::array<int, 3> encode(Rgb rgb, ColorMatrix matrix, ColorRange range) {
    const double kr = matrix == ColorMatrix::Bt709 ? 0.2126 : 0.299;
    const double kb = matrix == ColorMatrix::Bt709 ? 0.0722 : 0.114;
    const double r = rgb[0] / 255.0, g = rgb[1] / 255.0, b = rgb[2] / 255.0;
    const double y = kr * r + (1 - kr - kb) * g + kb * b;
    const double cb = (b - y) / (2 * (1 - kb));
    const double cr = (r - y) / (2 * (1 - kr));
    if (range == ColorRange::Full)
        return {static_cast<int>(std::lround(y * 255)), static_cast<int>(std::lround(128 + cb * 255)),
                static_cast<int>(std::lround(128 + cr * 255))};
    return {static_cast<int>(std::lround(16 + y * 219)), static_cast<int>(std::lround(128 + cb * 224)),
            static_cast<int>(std::lround(128 + cr * 224))};
}

/// Builds a frame whose pixel (x, y) has the YUV `pick(x, y)`; chroma taken at even positions.
/// Strides get `pad` extra bytes per row (garbage 0xAB in the padding).
template <class Pick>
VideoFrame makeFrame(int width, int height, PixelFormat format, ColorMatrix matrix, ColorRange range, int pad,
                     Pick pick) {
    VideoFrame f;
    f.format = format;
    f.width = width;
    f.height = height;
    f.matrix = matrix;
    f.range = range;
    f.sequence = 1;
    for (int i = 0; i < planeCount(format); ++i) {
        const auto size = planeSize(width, height, i);
        const int bpt = bytesPerTexel(format, i);
        const int stride = size[0] * bpt + pad;
        auto bytes = std::shared_ptr<std::uint8_t[]>(new std::uint8_t[static_cast<std::size_t>(stride * size[1])]);
        std::memset(bytes.get(), 0xAB, static_cast<std::size_t>(stride * size[1]));
        for (int y = 0; y < size[1]; ++y) {
            for (int x = 0; x < size[0]; ++x) {
                const int lx = i == 0 ? x : std::min(2 * x, width - 1);
                const int ly = i == 0 ? y : std::min(2 * y, height - 1);
                const auto yuv = pick(lx, ly);
                std::uint8_t* p = bytes.get() + y * stride + x * bpt;
                if (i == 0) p[0] = static_cast<std::uint8_t>(yuv[0]);
                else if (format == PixelFormat::Nv12) { p[0] = static_cast<std::uint8_t>(yuv[1]); p[1] = static_cast<std::uint8_t>(yuv[2]); }
                else p[0] = static_cast<std::uint8_t>(yuv[static_cast<std::size_t>(i)]);
            }
        }
        f.planes[static_cast<std::size_t>(i)] = VideoPlane{bytes, stride, size[0], size[1]};
    }
    return f;
}

/// One headless GL context for the whole suite (only one GlWindow may exist).
class VideoGlTest : public ::testing::Test {
public:
    static void SetUpTestSuite() {
        const char* display = std::getenv("DISPLAY");
        if (!display || !*display) return;
        render::WindowOptions options;
        options.mode = render::WindowMode::Headless;
        options.vsync = false;
        window_ = new render::GlWindow(options);
        program_ = new VideoProgram();
    }
    static void TearDownTestSuite() {
        delete program_;
        program_ = nullptr;
        delete window_;
        window_ = nullptr;
    }
    void SetUp() override {
        if (!window_) GTEST_SKIP() << "no DISPLAY: run under xvfb-run -a";
    }

    /// An RGBA8 framebuffer of the given size, bound and cleared to `clear`.
    struct Target {
        render::GlTexture color;
        render::GlFramebuffer fbo;
        int width = 0, height = 0;
        Target(int w, int h, float clear = 0.0f) : width(w), height(h) {
            color = render::GlTexture::generate();
            glBindTexture(GL_TEXTURE_2D, color.get());
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
            fbo = render::GlFramebuffer::generate();
            glBindFramebuffer(GL_FRAMEBUFFER, fbo.get());
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color.get(), 0);
            glViewport(0, 0, w, h);
            glDisable(GL_SCISSOR_TEST);
            glDisable(GL_BLEND);
            glClearColor(clear, clear, clear, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        /// Pixels, top row first.
        std::vector<std::uint8_t> read() const {
            std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width * height * 4));
            glBindFramebuffer(GL_FRAMEBUFFER, fbo.get());
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
            std::vector<std::uint8_t> flipped(rgba.size());
            const std::size_t row = static_cast<std::size_t>(width * 4);
            for (int y = 0; y < height; ++y)
                std::memcpy(&flipped[static_cast<std::size_t>(y) * row], &rgba[static_cast<std::size_t>(height - 1 - y) * row], row);
            return flipped;
        }
    };

    static Rgb at(const std::vector<std::uint8_t>& px, int width, int x, int y) {
        const std::size_t i = static_cast<std::size_t>((y * width + x) * 4);
        return {px[i], px[i + 1], px[i + 2]};
    }

    /// Renders bars at 1:1 and checks the centre of each bar.
    void checkBars(PixelFormat format, ColorMatrix matrix, ColorRange range, int pad) {
        const int bar = 16, width = bar * 8, height = 16;
        const VideoFrame frame = makeFrame(width, height, format, matrix, range, pad,
                                           [&](int x, int) { return encode(kBars[static_cast<std::size_t>(x / bar)], matrix, range); });
        VideoTexture texture;
        ASSERT_TRUE(texture.upload(frame));
        Target target(width, height);
        program_->draw(texture, Rect{0, 0, float(width), float(height)}, width, height, FitMode::Letterbox, 0.0f);
        ASSERT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
        const auto px = target.read();
        for (int i = 0; i < 8; ++i) {
            const Rgb got = at(px, width, i * bar + bar / 2, height / 2);
            for (int c = 0; c < 3; ++c)
                EXPECT_NEAR(got[static_cast<std::size_t>(c)], kBars[static_cast<std::size_t>(i)][static_cast<std::size_t>(c)], 4)
                    << "bar " << i << " channel " << c;
        }
    }

    static render::GlWindow* window_;
    static VideoProgram* program_;
};
render::GlWindow* VideoGlTest::window_ = nullptr;
VideoProgram* VideoGlTest::program_ = nullptr;

TEST_F(VideoGlTest, BarsBt601Limited) { checkBars(PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 0); }
TEST_F(VideoGlTest, BarsBt601Full) { checkBars(PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Full, 0); }
TEST_F(VideoGlTest, BarsBt709Limited) { checkBars(PixelFormat::Yuv420p, ColorMatrix::Bt709, ColorRange::Limited, 0); }
TEST_F(VideoGlTest, BarsBt709Full) { checkBars(PixelFormat::Yuv420p, ColorMatrix::Bt709, ColorRange::Full, 0); }
TEST_F(VideoGlTest, BarsPaddedStride) { checkBars(PixelFormat::Yuv420p, ColorMatrix::Bt709, ColorRange::Limited, 37); }
TEST_F(VideoGlTest, BarsNv12) { checkBars(PixelFormat::Nv12, ColorMatrix::Bt601, ColorRange::Limited, 0); }
TEST_F(VideoGlTest, BarsNv12OddStrideIsRepacked) { checkBars(PixelFormat::Nv12, ColorMatrix::Bt709, ColorRange::Full, 3); }

TEST_F(VideoGlTest, WrongMatrixIsVisible) {
    // Guard against a shader that ignores the uniform: BT.601 samples shown as BT.709 are off.
    const int width = 32, height = 8;
    const VideoFrame frame = makeFrame(width, height, PixelFormat::Yuv420p, ColorMatrix::Bt709, ColorRange::Limited, 0,
                                       [](int, int) { return encode(Rgb{0, 191, 0}, ColorMatrix::Bt601, ColorRange::Limited); });
    VideoTexture texture;
    ASSERT_TRUE(texture.upload(frame));
    Target target(width, height);
    program_->draw(texture, Rect{0, 0, float(width), float(height)}, width, height, FitMode::Letterbox, 0.0f);
    const Rgb got = at(target.read(), width, 16, 4);
    EXPECT_GT(std::abs(got[0] - 0) + std::abs(got[1] - 191) + std::abs(got[2] - 0), 12);
}

/// A vertical black/white edge must stay vertical in every row: a wrong
/// stride shifts each row a little more than the last (skew).
void checkNoSkew(VideoProgram& program, int width, int height, int pad, int edge) {
    const VideoFrame frame = makeFrame(width, height, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, pad,
                                       [&](int x, int) { return std::array<int, 3>{x < edge ? 16 : 235, 128, 128}; });
    VideoTexture texture;
    ASSERT_TRUE(texture.upload(frame));
    VideoGlTest::Target target(width, height);
    program.draw(texture, Rect{0, 0, float(width), float(height)}, width, height, FitMode::Letterbox, 0.0f);
    const auto px = target.read();
    for (int y = 0; y < height; ++y) {
        int first_white = -1;
        for (int x = 0; x < width; ++x) {
            if (px[static_cast<std::size_t>((y * width + x) * 4)] > 128) {
                first_white = x;
                break;
            }
        }
        ASSERT_EQ(first_white, edge) << "row " << y << " of " << width << "x" << height << " stride pad " << pad;
    }
}

TEST_F(VideoGlTest, OddWidthWithPaddedStrideHasNoSkew) { checkNoSkew(*program_, 641, 361, 63, 300); }
TEST_F(VideoGlTest, Pal704x576HasNoSkew) { checkNoSkew(*program_, 704, 576, 0, 352); }
TEST_F(VideoGlTest, Wxga1366x768HasNoSkew) { checkNoSkew(*program_, 1366, 768, 26, 683); }

TEST_F(VideoGlTest, TexturesAreRecreatedOnlyWhenSizeOrFormatChanges) {
    auto grey = [](int, int) { return std::array<int, 3>{128, 128, 128}; };
    VideoTexture texture;
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(texture.upload(makeFrame(64, 36, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 0, grey)));
    EXPECT_EQ(texture.recreations(), 1u);
    ASSERT_TRUE(texture.upload(makeFrame(64, 36, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 8, grey)));
    EXPECT_EQ(texture.recreations(), 1u) << "a new stride alone needs no new texture";
    ASSERT_TRUE(texture.upload(makeFrame(66, 36, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 0, grey)));
    EXPECT_EQ(texture.recreations(), 2u);
    ASSERT_TRUE(texture.upload(makeFrame(66, 36, PixelFormat::Nv12, ColorMatrix::Bt601, ColorRange::Limited, 0, grey)));
    EXPECT_EQ(texture.recreations(), 3u);
}

TEST_F(VideoGlTest, MalformedFrameIsRefusedAndOldPictureKept) {
    VideoTexture texture;
    VideoFrame bad = makeFrame(16, 16, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 0,
                               [](int, int) { return std::array<int, 3>{128, 128, 128}; });
    ASSERT_TRUE(texture.upload(bad));
    bad.planes[1].stride = 2;  // narrower than the plane
    EXPECT_FALSE(texture.upload(bad));
    EXPECT_EQ(texture.width(), 16);
}

TEST_F(VideoGlTest, DimDarkensForTheStalledOverlay) {
    const int width = 16, height = 8;
    const VideoFrame frame = makeFrame(width, height, PixelFormat::Yuv420p, ColorMatrix::Bt601, ColorRange::Limited, 0,
                                       [](int, int) { return std::array<int, 3>{235, 128, 128}; });
    VideoTexture texture;
    ASSERT_TRUE(texture.upload(frame));
    Target target(width, height);
    program_->draw(texture, Rect{0, 0, float(width), float(height)}, width, height, FitMode::Letterbox, 0.5f);
    EXPECT_NEAR(at(target.read(), width, 8, 4)[0], 128, 3);
}

TEST_F(VideoGlTest, ImGuiCallbackDrawsVideoAndRestoresImGuiState) {
    render::ImGuiRuntime runtime(*window_);
    VideoPainter painter;
    const int width = 256, height = 128;
    const VideoFrame frame = makeFrame(128, 16, PixelFormat::Yuv420p, ColorMatrix::Bt709, ColorRange::Limited, 5,
                                       [](int x, int) { return encode(kBars[static_cast<std::size_t>(x / 16)], ColorMatrix::Bt709, ColorRange::Limited); });
    VideoTexture texture;
    ASSERT_TRUE(texture.upload(frame));
    Target target(width, height);
    for (int round = 0; round < 2; ++round) {  // twice: queued calls are recycled per frame
        runtime.newFrame(wall::PixelSize{width, height}, {});
        ImDrawList* list = ImGui::GetBackgroundDrawList();
        // Video in the top half (letterboxed: 128x16 -> 256x32 at y 16..48), then an ImGui rect after it.
        painter.drawVideo(list, texture, ImVec2(0, 0), ImVec2(256, 64), FitMode::Letterbox, 0.0f);
        list->AddRectFilled(ImVec2(0, 96), ImVec2(256, 128), IM_COL32(255, 0, 0, 255));
        glBindFramebuffer(GL_FRAMEBUFFER, target.fbo.get());
        runtime.render();
    }
    const auto px = target.read();
    // Yellow bar (index 1) at x = 48..80 of the tile, y = 32.
    const Rgb yellow = at(px, width, 48, 32);
    EXPECT_NEAR(yellow[0], 191, 5);
    EXPECT_NEAR(yellow[1], 191, 5);
    EXPECT_NEAR(yellow[2], 0, 5);
    // Letterbox bar area above the picture is untouched.
    EXPECT_EQ(at(px, width, 48, 4)[0], 0);
    // ImGui's own drawing after the callback still works (state was reset).
    const Rgb red = at(px, width, 128, 112);
    EXPECT_EQ(red[0], 255);
    EXPECT_EQ(red[1], 0);
}

}  // namespace
}  // namespace wall::video
