// The CPU half of video display: the YUV->RGB matrices (checked against the
// published BT.601/BT.709 colour bar values) and the tile fit geometry.

#include <gtest/gtest.h>

#include "render/video/video_fit.hpp"
#include "render/video/yuv_matrix.hpp"

namespace wall::video {
namespace {

void expectRgb(std::array<float, 3> rgb, float r, float g, float b, float tolerance = 0.01f) {
    EXPECT_NEAR(rgb[0], r, tolerance);
    EXPECT_NEAR(rgb[1], g, tolerance);
    EXPECT_NEAR(rgb[2], b, tolerance);
}

TEST(YuvMatrix, LimitedRangeBlackAndWhite) {
    for (ColorMatrix m : {ColorMatrix::Bt601, ColorMatrix::Bt709}) {
        const YuvToRgb c = yuvToRgb(m, ColorRange::Limited);
        expectRgb(convert(c, 16, 128, 128), 0, 0, 0);
        expectRgb(convert(c, 235, 128, 128), 1, 1, 1);
    }
}

TEST(YuvMatrix, FullRangeBlackAndWhite) {
    for (ColorMatrix m : {ColorMatrix::Bt601, ColorMatrix::Bt709}) {
        const YuvToRgb c = yuvToRgb(m, ColorRange::Full);
        expectRgb(convert(c, 0, 128, 128), 0, 0, 0.0f, 0.005f);
        expectRgb(convert(c, 255, 128, 128), 1, 1, 1, 0.005f);
    }
}

TEST(YuvMatrix, Bt601RedFromRec601Tables) {
    // 100 % red in BT.601 8-bit limited range is Y=81, Cb=90, Cr=240.
    expectRgb(convert(yuvToRgb(ColorMatrix::Bt601, ColorRange::Limited), 81, 90, 240), 1, 0, 0, 0.02f);
}

TEST(YuvMatrix, Bt709RedFromRec709Tables) {
    // 100 % red in BT.709 8-bit limited range is Y=63, Cb=102, Cr=240.
    expectRgb(convert(yuvToRgb(ColorMatrix::Bt709, ColorRange::Limited), 63, 102, 240), 1, 0, 0, 0.02f);
}

TEST(YuvMatrix, MatricesDiffer) {
    // The same samples mean different colours: picking the wrong matrix is visible.
    const auto a = convert(yuvToRgb(ColorMatrix::Bt601, ColorRange::Limited), 63, 102, 240);
    const auto b = convert(yuvToRgb(ColorMatrix::Bt709, ColorRange::Limited), 63, 102, 240);
    EXPECT_GT(std::abs(a[1] - b[1]) + std::abs(a[0] - b[0]), 0.05f);
}

TEST(VideoFit, LetterboxWidePictureInSquareTile) {
    const FitResult r = fitPicture(1920, 1080, Rect{0, 0, 400, 400}, FitMode::Letterbox);
    EXPECT_FLOAT_EQ(r.quad.x0, 0);
    EXPECT_FLOAT_EQ(r.quad.x1, 400);
    EXPECT_NEAR(r.quad.height(), 225, 0.01);
    EXPECT_NEAR(r.quad.y0, 87.5, 0.01);
    EXPECT_FLOAT_EQ(r.texture.x0, 0);
    EXPECT_FLOAT_EQ(r.texture.y1, 1);
}

TEST(VideoFit, CropWidePictureInSquareTile) {
    const FitResult r = fitPicture(1600, 800, Rect{10, 20, 410, 420}, FitMode::Crop);
    EXPECT_FLOAT_EQ(r.quad.x0, 10);
    EXPECT_FLOAT_EQ(r.quad.y1, 420);
    EXPECT_NEAR(r.texture.x0, 0.25, 1e-6);
    EXPECT_NEAR(r.texture.x1, 0.75, 1e-6);
    EXPECT_FLOAT_EQ(r.texture.y0, 0);
}

TEST(VideoFit, TallPictureLetterboxesSideways) {
    const FitResult r = fitPicture(360, 640, Rect{0, 0, 1280, 720}, FitMode::Letterbox);
    EXPECT_NEAR(r.quad.width(), 405, 0.01);
    EXPECT_NEAR(r.quad.x0, (1280 - 405) / 2.0, 0.01);
}

TEST(VideoFit, EmptyInputDrawsNothing) {
    EXPECT_FLOAT_EQ(fitPicture(0, 0, Rect{0, 0, 10, 10}, FitMode::Crop).quad.width(), 0);
    EXPECT_FLOAT_EQ(fitPicture(10, 10, Rect{0, 0, 0, 10}, FitMode::Crop).quad.width(), 0);
}

}  // namespace
}  // namespace wall::video
