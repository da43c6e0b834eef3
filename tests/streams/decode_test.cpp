// StreamDecoder on real inputs: clips made by the ffmpeg CLI at test time
// (H.264/H.265 at broadcast and odd sizes) and the in-process test: source.

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>

#include "streams/stream_decoder.hpp"
#include "test_support.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;
using testing::makeClip;
using testing::TempDir;
using testing::waitFor;

/// Waits for `count` frames from `decoder`; returns the last one.
std::optional<VideoFrame> collect(StreamDecoder& decoder, int count, std::chrono::milliseconds limit,
                                  std::vector<VideoFrame>* all = nullptr) {
    std::optional<VideoFrame> last;
    int seen = 0;
    waitFor([&] {
        while (auto frame = decoder.takeFrame()) {
            last = std::move(frame);
            if (all) all->push_back(*last);
            ++seen;
        }
        return seen >= count;
    }, limit);
    return last;
}

StreamConfig configFor(const std::string& name, const std::string& url) {
    StreamConfig c;
    c.name = name;
    c.url = url;
    return c;
}

/// Every used plane sits inside one allocation stride*height and has the size the format implies.
void expectPlanesConsistent(const VideoFrame& f) {
    ASSERT_TRUE(isWellFormed(f));
    for (int i = 0; i < planeCount(f.format); ++i) {
        const VideoPlane& p = f.planes[static_cast<std::size_t>(i)];
        EXPECT_GE(p.stride, p.width * bytesPerTexel(f.format, i)) << "plane " << i;
    }
}

struct ClipCase {
    const char* name;       ///< file name
    const char* size;       ///< WxH passed to testsrc2 (the clip's size after crop)
    const char* args;       ///< encoder arguments
    int width;              ///< expected decoded size
    int height;
};

class ClipDecode : public ::testing::TestWithParam<ClipCase> {};

TEST_P(ClipDecode, FramesHaveTheRightSizeFormatAndStrides) {
    const ClipCase& c = GetParam();
    TempDir dir;
    const auto clip = makeClip(dir, c.name, c.size, 0.6, c.args);
    ASSERT_FALSE(clip.empty()) << "ffmpeg could not make " << c.name;
    StreamDecoder decoder(configFor(std::string("clip ") + c.name, clip.string()));
    const auto frame = collect(decoder, 3, 10s);
    ASSERT_TRUE(frame.has_value()) << decoder.status().detail;
    EXPECT_EQ(frame->width, c.width);
    EXPECT_EQ(frame->height, c.height);
    EXPECT_EQ(frame->format, PixelFormat::Yuv420p);
    expectPlanesConsistent(*frame);
    // Testsrc2 is tagged neither way: SD gets BT.601, HD BT.709.
    EXPECT_EQ(frame->matrix, c.height >= 720 ? ColorMatrix::Bt709 : ColorMatrix::Bt601);
    const StreamStatus status = decoder.status();
    EXPECT_EQ(status.state, LinkState::Live);
    EXPECT_EQ(status.width, c.width);
    EXPECT_GE(status.frames_decoded, 3u);
}

INSTANTIATE_TEST_SUITE_P(
    Sizes, ClipDecode,
    ::testing::Values(
        ClipCase{"h264_704x576.mp4", "704x576", "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 10", 704, 576},
        ClipCase{"h265_704x576.mp4", "704x576",
                 "-c:v libx265 -preset ultrafast -x265-params log-level=error -pix_fmt yuv420p -g 10", 704, 576},
        ClipCase{"h264_1366x768.mp4", "1366x768", "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 10", 1366, 768},
        ClipCase{"h265_1366x768.mkv", "1366x768",
                 "-c:v libx265 -preset ultrafast -x265-params log-level=error -pix_fmt yuv420p -g 10", 1366, 768},
        // 4:2:0 H.264/H.265 cannot code odd sizes; FFV1 can, and still decodes to yuv420p.
        ClipCase{"ffv1_641x361.mkv", "642x362", "-vf format=rgb24,crop=641:361:0:0 -c:v ffv1 -pix_fmt yuv420p", 641, 361},
        // H.264 4:4:4 at an odd size takes the sws_scale slow path to yuv420p.
        ClipCase{"h264_444_641x361.mp4", "642x362",
                 "-vf format=rgb24,crop=641:361:0:0 -c:v libx264 -preset ultrafast -pix_fmt yuv444p", 641, 361},
        ClipCase{"h264_yuvj_704x576.mp4", "704x576", "-c:v libx264 -preset ultrafast -pix_fmt yuvj420p", 704, 576}),
    [](const ::testing::TestParamInfo<ClipCase>& info) {
        std::string name = info.param.name;
        for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        return name;
    });

TEST(Decode, FullRangeClipIsMarkedFull) {
    TempDir dir;
    const auto clip = makeClip(dir, "j.mp4", "320x240", 0.4, "-c:v libx264 -preset ultrafast -pix_fmt yuvj420p");
    ASSERT_FALSE(clip.empty());
    StreamDecoder decoder(configFor("full range", clip.string()));
    const auto frame = collect(decoder, 1, 10s);
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->range, ColorRange::Full);
}

TEST(Decode, FilesLoopWithAdvancingTimestamps) {
    TempDir dir;
    const auto clip = makeClip(dir, "short.mp4", "160x120", 0.2, "-c:v libx264 -preset ultrafast -pix_fmt yuv420p");
    ASSERT_FALSE(clip.empty());
    StreamDecoder decoder(configFor("loop", clip.string()));
    std::vector<VideoFrame> frames;
    collect(decoder, 12, 10s, &frames);  // 5 frames per pass: at least two loops
    ASSERT_GE(frames.size(), 12u);
    for (std::size_t i = 1; i < frames.size(); ++i) EXPECT_GT(frames[i].pts_us, frames[i - 1].pts_us) << i;
    EXPECT_EQ(decoder.status().state, LinkState::Live);
}

TEST(Decode, TestSourceProducesMovingFramesWithChineseLabel) {
    StreamDecoder decoder(configFor("袁州区水库", "test:袁州区水库 1号?sub"));
    std::vector<VideoFrame> frames;
    collect(decoder, 4, 10s, &frames);
    ASSERT_GE(frames.size(), 4u) << decoder.status().detail;
    const VideoFrame& a = frames.front();
    const VideoFrame& b = frames.back();
    EXPECT_EQ(a.width, 640);
    EXPECT_EQ(a.height, 360);
    EXPECT_GT(b.pts_us, a.pts_us);
    // Moving: the luma planes differ.
    int differing_rows = 0;
    for (int y = 0; y < a.height; ++y) {
        const auto* ra = a.planes[0].data.get() + static_cast<std::ptrdiff_t>(y) * a.planes[0].stride;
        const auto* rb = b.planes[0].data.get() + static_cast<std::ptrdiff_t>(y) * b.planes[0].stride;
        if (std::memcmp(ra, rb, static_cast<std::size_t>(a.width)) != 0) ++differing_rows;
    }
    EXPECT_GT(differing_rows, a.height / 4);
    EXPECT_EQ(decoder.status().codec, "lavfi testsrc2");
}

TEST(Decode, MissingFileFailsWithStreamNotFound) {
    StreamDecoder decoder(configFor("missing", "/nonexistent/dir/clip.mp4"));
    ASSERT_TRUE(waitFor([&] { return decoder.status().state == LinkState::Failed; }, 5s));
    const StreamStatus s = decoder.status();
    EXPECT_EQ(s.reason, FailReason::StreamNotFound);
    EXPECT_NE(s.detail.find("avformat_open_input"), std::string::npos) << s.detail;
}

TEST(Decode, HardwareRequestFallsBackToSoftwareWithAReason) {
    TempDir dir;
    const auto clip = makeClip(dir, "hw.mp4", "320x240", 0.4, "-c:v libx264 -preset ultrafast -pix_fmt yuv420p");
    ASSERT_FALSE(clip.empty());
    StreamConfig config = configFor("hw", clip.string());
    config.hwdec = HwDecode::Auto;
    StreamDecoder decoder(config);
    const auto frame = collect(decoder, 2, 10s);
    ASSERT_TRUE(frame.has_value()) << decoder.status().detail;
    const StreamStatus s = decoder.status();
    // Either a device exists here (hardware) or the note says why not.
    EXPECT_TRUE(s.hardware || !s.hw_note.empty());
}

}  // namespace
}  // namespace wall::streams

namespace wall::streams {
namespace {

/// Names of this process's threads (/proc/self/task/*/comm).
std::vector<std::string> threadNames() {
    std::vector<std::string> names;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        std::getline(comm, name);
        names.push_back(name);
    }
    return names;
}

TEST(Decode, ThreadIsNamedAfterTheCamera) {
    StreamConfig config;
    config.name = "泾县大坝东侧摄像机";  // 27 bytes: cut to 15 at a character boundary
    config.url = "test:x?sub";
    StreamDecoder decoder(config);
    ASSERT_TRUE(testing::waitFor([&] {
        for (const auto& n : threadNames())
            if (n == "泾县大坝东") return true;
        return false;
    }, std::chrono::seconds(5)));
}

}  // namespace
}  // namespace wall::streams
