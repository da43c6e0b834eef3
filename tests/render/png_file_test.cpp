// PNG writing and reading: screenshots must round-trip exactly, and errors
// must name the file.
#include "render/png_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace wall::render {
namespace {

std::filesystem::path tempPath(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("render_tests_" + std::to_string(::getpid()) + "_" + name);
}

TEST(PngFile, RoundTripKeepsEveryPixel) {
    RgbaImage image;
    image.width = 37;  // odd sizes catch stride mistakes
    image.height = 23;
    image.pixels.resize(static_cast<std::size_t>(image.width * image.height * 4));
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            auto* p = &image.pixels[static_cast<std::size_t>((y * image.width + x) * 4)];
            p[0] = static_cast<std::uint8_t>(x * 7);
            p[1] = static_cast<std::uint8_t>(y * 11);
            p[2] = static_cast<std::uint8_t>(x ^ y);
            p[3] = static_cast<std::uint8_t>(255 - x);
        }
    }
    const auto path = tempPath("roundtrip.png");
    writePng(path, image);
    const RgbaImage back = readPng(path);
    std::filesystem::remove(path);
    EXPECT_EQ(back.width, image.width);
    EXPECT_EQ(back.height, image.height);
    EXPECT_EQ(back.pixels, image.pixels);
    EXPECT_EQ(back.at(5, 3), image.at(5, 3));
}

TEST(PngFile, WriteErrorNamesThePath) {
    const std::vector<std::uint8_t> pixels(4 * 4 * 4, 0);
    const std::filesystem::path bad = "/nonexistent-dir-for-render-tests/shot.png";
    try {
        writePng(bad, pixels, 4, 4);
        FAIL() << "writing into a missing directory must throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
    }
    EXPECT_THROW(writePng(tempPath("short.png"), std::span<const std::uint8_t>(pixels.data(), 10), 4, 4), std::runtime_error);
}

TEST(PngFile, ReadRejectsNonPngNamingThePath) {
    const auto path = tempPath("not.png");
    std::ofstream(path) << "this is not a png";
    try {
        readPng(path);
        FAIL() << "reading a text file as PNG must throw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace wall::render
