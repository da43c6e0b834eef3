// The small pure parts: mailbox (drop-oldest), overload policy (order of shed
// work), URL kinds, test: URL parsing, and FFmpeg error -> officer reason.

#include <gtest/gtest.h>

#include "streams/ffmpeg_error.hpp"
#include "streams/frame_mailbox.hpp"
#include "streams/overload_policy.hpp"
#include "streams/stream_config.hpp"

namespace wall::streams {
namespace {

VideoFrame frameNumber(std::uint64_t n) {
    VideoFrame f;
    f.sequence = n;
    return f;
}

TEST(FrameMailbox, DropsOldestWhenFull) {
    FrameMailbox box(2);
    for (std::uint64_t i = 1; i <= 5; ++i) box.push(frameNumber(i));
    EXPECT_EQ(box.size(), 2u);
    EXPECT_EQ(box.dropped(), 3u);
    const auto newest = box.takeNewest();
    ASSERT_TRUE(newest.has_value());
    EXPECT_EQ(newest->sequence, 5u);
    EXPECT_EQ(box.dropped(), 4u);  // frame 4 was skipped by the reader
    EXPECT_FALSE(box.takeNewest().has_value());
}

TEST(FrameMailbox, DepthIsClamped) {
    FrameMailbox box(0);
    box.push(frameNumber(1));
    box.push(frameNumber(2));
    EXPECT_EQ(box.size(), 1u);
}

TEST(OverloadPolicy, ShedsInOrderOnSmallTiles) {
    OverloadPolicy policy;
    OverloadLevel level = OverloadLevel::None;
    for (int i = 0; i < 25; ++i) level = policy.onFrame(0.050, 0.040, true);
    EXPECT_EQ(level, OverloadLevel::SkipLoopFilter);
    for (int i = 0; i < 25; ++i) level = policy.onFrame(0.050, 0.040, true);
    EXPECT_EQ(level, OverloadLevel::SkipNonRef);
    for (int i = 0; i < 25; ++i) level = policy.onFrame(0.050, 0.040, true);
    EXPECT_EQ(level, OverloadLevel::KeyframesOnly);
    for (int i = 0; i < 25; ++i) level = policy.onFrame(0.050, 0.040, true);
    EXPECT_EQ(level, OverloadLevel::KeyframesOnly);
    // The smoothed load needs a dozen cheap frames to fall, then 25 more to relax.
    for (int i = 0; i < 50; ++i) level = policy.onFrame(0.005, 0.040, true);
    EXPECT_EQ(level, OverloadLevel::SkipNonRef);
}

TEST(OverloadPolicy, BigTilesKeepTheLoopFilter) {
    OverloadPolicy policy;
    OverloadLevel level = OverloadLevel::None;
    for (int i = 0; i < 25; ++i) level = policy.onFrame(0.050, 0.040, false);
    EXPECT_EQ(level, OverloadLevel::SkipNonRef);
    for (int i = 0; i < 50; ++i) level = policy.onFrame(0.001, 0.040, false);
    EXPECT_EQ(level, OverloadLevel::None);
}

TEST(OverloadPolicy, ShortSpikesDoNotShed) {
    OverloadPolicy policy;
    for (int i = 0; i < 200; ++i) {
        const double cost = (i % 10 == 0) ? 0.080 : 0.010;  // one slow frame (a keyframe) in ten
        EXPECT_EQ(policy.onFrame(cost, 0.040, true), OverloadLevel::None) << i;
    }
    EXPECT_LT(policy.load(), 0.9);
}

TEST(StreamConfig, SourceKinds) {
    EXPECT_EQ(sourceKindOf("rtsp://10.0.0.5:554/Streaming/Channels/101"), SourceKind::Rtsp);
    EXPECT_EQ(sourceKindOf("RTSP://x/y"), SourceKind::Rtsp);
    EXPECT_EQ(sourceKindOf("http://x/live.flv"), SourceKind::Http);
    EXPECT_EQ(sourceKindOf("https://x/live.m3u8"), SourceKind::Http);
    EXPECT_EQ(sourceKindOf("rtmp://x/live/cam1"), SourceKind::Rtmp);
    EXPECT_EQ(sourceKindOf("/srv/drills/dam.mp4"), SourceKind::File);
    EXPECT_EQ(sourceKindOf("test:袁州区水库"), SourceKind::Test);
}

TEST(StreamConfig, TestUrls) {
    TestSource s = parseTestSource("test:泾县大坝?sub");
    EXPECT_EQ(s.label, "泾县大坝");
    EXPECT_EQ(s.width, 640);
    EXPECT_EQ(s.height, 360);
    s = parseTestSource("test:cam?1080&bars");
    EXPECT_EQ(s.width, 1920);
    EXPECT_TRUE(s.bars);
    s = parseTestSource("test:cam");
    EXPECT_EQ(s.width, 1280);
    EXPECT_EQ(s.height, 720);
}

TEST(StreamConfig, HwDecodeNames) {
    EXPECT_EQ(parseHwDecode("auto"), HwDecode::Auto);
    EXPECT_EQ(parseHwDecode("none"), HwDecode::None);
    EXPECT_FALSE(parseHwDecode("nvdec").has_value());
}

TEST(FfmpegError, NamesTheCallAndTheReason) {
    const FfmpegError error("avformat_open_input", AVERROR(ECONNREFUSED));
    EXPECT_NE(std::string(error.what()).find("avformat_open_input"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("refused"), std::string::npos);
    EXPECT_THROW(checkAv(AVERROR_EOF, "av_read_frame"), FfmpegError);
    EXPECT_EQ(checkAv(3, "x"), 3);
}

TEST(FfmpegError, ReasonsAnOfficerCanActOn) {
    EXPECT_EQ(failReasonFor(AVERROR_HTTP_UNAUTHORIZED), FailReason::AuthRefused);
    EXPECT_EQ(failReasonFor(AVERROR_HTTP_NOT_FOUND), FailReason::StreamNotFound);
    EXPECT_EQ(failReasonFor(AVERROR(ECONNREFUSED)), FailReason::ConnectionRefused);
    EXPECT_EQ(failReasonFor(AVERROR(EHOSTUNREACH)), FailReason::HostUnreachable);
    EXPECT_EQ(failReasonFor(AVERROR_DECODER_NOT_FOUND), FailReason::UnsupportedCodec);
    EXPECT_EQ(failReasonFor(AVERROR_EXIT), FailReason::Timeout);
}

}  // namespace
}  // namespace wall::streams
