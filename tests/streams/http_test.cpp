// HTTP sources against a real HTTP server on 127.0.0.1 (Python's http.server):
// MPEG-TS, FLV and HLS made by the ffmpeg CLI at test time.

#include <gtest/gtest.h>

#include "streams/stream_decoder.hpp"
#include "test_support.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::waitFor;

class HttpSource : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string x264 = "-c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -g 25";
        ASSERT_FALSE(testing::makeClip(dir, "cam.ts", "640x360", 2.0, x264 + " -f mpegts").empty());
        ASSERT_FALSE(testing::makeClip(dir, "cam.flv", "640x360", 2.0, x264 + " -f flv").empty());
        ASSERT_FALSE(testing::makeClip(dir, "index.m3u8", "640x360", 2.0,
                                       x264 + " -f hls -hls_time 1 -hls_list_size 0 -hls_segment_filename '" +
                                           (dir.path() / "seg%03d.ts").string() + "'")
                         .empty());
        port = testing::freeLoopbackPort();
        server = std::make_unique<ChildProcess>(
            std::vector<std::string>{"/usr/bin/python3", STREAMS_TEST_DIR "/http_server.py", std::to_string(port),
                                     dir.path().string()},
            "ready", 10s);
        ASSERT_TRUE(server->ready());
    }

    void expectFrames(const std::string& file) {
        StreamConfig config;
        config.name = "http " + file;
        config.url = "http://127.0.0.1:" + std::to_string(port) + "/" + file;
        StreamDecoder decoder(config);
        int frames = 0;
        int width = 0;
        ASSERT_TRUE(waitFor([&] {
            while (auto f = decoder.takeFrame()) {
                ++frames;
                width = f->width;
            }
            return frames >= 3;
        }, 10s)) << decoder.status().detail;
        EXPECT_EQ(width, 640);
        EXPECT_EQ(decoder.status().codec, "h264");
    }

    testing::TempDir dir;
    int port = 0;
    std::unique_ptr<ChildProcess> server;
};

TEST_F(HttpSource, MpegTs) { expectFrames("cam.ts"); }
TEST_F(HttpSource, Flv) { expectFrames("cam.flv"); }
TEST_F(HttpSource, Hls) { expectFrames("index.m3u8"); }

}  // namespace
}  // namespace wall::streams
