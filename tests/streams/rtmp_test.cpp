// RTMP cameras against a real RTMP server on 127.0.0.1: nginx with Debian's
// RTMP module (libnginx-mod-rtmp), fed by an ffmpeg CLI publisher that loops a
// clip made at test time. RTMP is push: a dead camera is a publisher that
// went away while the server stays up, so the publisher is what gets killed.
// H.264 only: FFmpeg 5.1's FLV has no H.265.

#include <gtest/gtest.h>

#include <fstream>

#include "streams/ffmpeg_error.hpp"
#include "streams/stream_decoder.hpp"
#include "test_support.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::TempDir;
using testing::waitFor;

constexpr const char* nginx_binary = "/usr/sbin/nginx";
constexpr const char* rtmp_module = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// nginx in the foreground as one process (so it never switches user, root or
/// not), with its config, pid file and error log in `dir` and no access log
/// (so it runs unprivileged too). Two applications:
/// `live` is nginx-rtmp's default, where a player of an unpublished stream is
/// accepted and waits for a publisher; `strict` (idle_streams off) refuses it.
class NginxRtmp {
public:
    NginxRtmp(const TempDir& dir, int port) : dir_(dir), port_(port) {
        std::ofstream(config()) << "load_module " << rtmp_module << ";\n"
                                << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                                << "pid " << (dir_.path() / "nginx.pid").string() << ";\n"
                                << "error_log " << errorLog() << " warn;\n"
                                << "events { worker_connections 64; }\n"
                                << "rtmp { access_log off; server {\n"  // its default log is under /var/log
                                << "  listen 127.0.0.1:" << port_ << ";\n"
                                << "  application live { live on; }\n"
                                << "  application strict { live on; idle_streams off; }\n"
                                << "} }\n";
    }
    /// @brief Starts nginx; true once its port accepts connections.
    bool start() {
        process_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{nginx_binary, "-p", dir_.path().string(), "-c", config(), "-e", errorLog()}, "",
            0ms);
        return waitFor([this] { return testing::loopbackPortAccepts(port_); }, 10s);
    }
    void kill() { process_.reset(); }
    /// @brief rtmp://127.0.0.1:port/<path>.
    std::string url(const std::string& path) const { return "rtmp://127.0.0.1:" + std::to_string(port_) + "/" + path; }

private:
    std::string config() const { return (dir_.path() / "nginx.conf").string(); }
    std::string errorLog() const { return (dir_.path() / "error.log").string(); }

    const TempDir& dir_;                     ///< holds config, pid and logs
    int port_;                               ///< RTMP port on 127.0.0.1
    std::unique_ptr<ChildProcess> process_;  ///< the running nginx, if any
};

class Rtmp : public ::testing::Test {
protected:
    void SetUp() override {
        // One keyframe a second, so a player that joins or rejoins mid-stream starts quickly.
        clip = testing::makeClip(dir, "cam.mp4", "320x240", 2.0,
                                 "-c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -g 25");
        ASSERT_FALSE(clip.empty());
        ASSERT_TRUE(server.start()) << "nginx with the RTMP module did not start (scripts/setup installs nginx "
                                       "libnginx-mod-rtmp); see "
                                    << (dir.path() / "error.log");
    }

    /// The camera: loops the clip into live/<name> at real time until killed.
    std::unique_ptr<ChildProcess> publish(const std::string& name) {
        return std::make_unique<ChildProcess>(
            std::vector<std::string>{"/usr/bin/ffmpeg", "-nostdin", "-v", "quiet", "-re", "-stream_loop", "-1", "-i",
                                     clip.string(), "-c", "copy", "-f", "flv", server.url("live/" + name)},
            "", 0ms);
    }

    static StreamConfig cameraAt(const std::string& url, const std::string& name) {
        StreamConfig config;
        config.name = name;
        config.url = url;
        return config;
    }

    /// Destroys the decoder and returns how long the join took.
    /// Publishes "cam" again and checks the decoder is live with new frames within 5 s (the bound).
    std::unique_ptr<ChildProcess> publishAgainAndExpectLiveWithin5s(const StreamDecoder& decoder) {
        const std::uint64_t before = decoder.status().frames_decoded;
        auto camera = publish("cam");
        const auto back_at = Clock::now();
        const bool live = waitFor([&] {
            const StreamStatus s = decoder.status();
            return s.state == LinkState::Live && s.frames_decoded > before;
        }, 10s);
        EXPECT_TRUE(live) << "not live again; last: " << toString(decoder.status().state) << " " << decoder.status().detail;
        const auto back = Clock::now() - back_at;
        std::printf("[ measure  ] live again %.0f ms after the publisher returned (%llu reconnects)\n", ms(back),
                    static_cast<unsigned long long>(decoder.status().reconnects));
        EXPECT_LE(back, 5s) << "issue: live again within 5 s of the camera's return";
        return camera;
    }

    static Clock::duration stopTime(std::unique_ptr<StreamDecoder>& decoder) {
        const auto start = Clock::now();
        decoder.reset();
        return Clock::now() - start;
    }

    TempDir dir;
    std::filesystem::path clip;
    NginxRtmp server{dir, testing::freeLoopbackPort()};
};

TEST_F(Rtmp, PublishedStreamIsLive) {
    const auto camera = publish("cam");
    auto decoder = std::make_unique<StreamDecoder>(cameraAt(server.url("live/cam"), "尾矿库坝顶 RTMP"));
    int width = 0;
    ASSERT_TRUE(waitFor([&] {
        while (auto frame = decoder->takeFrame()) width = frame->width;
        const StreamStatus s = decoder->status();
        return s.state == LinkState::Live && s.frames_decoded >= 10;
    }, 15s)) << toString(decoder->status().state) << " " << decoder->status().detail;
    EXPECT_EQ(width, 320);
    EXPECT_EQ(decoder->status().codec, "h264");
    EXPECT_EQ(decoder->status().reason, FailReason::None);

    const auto took = stopTime(decoder);
    std::printf("[ measure  ] live RTMP decoder stopped in %.1f ms\n", ms(took));
    EXPECT_LT(took, 1s);
}

TEST_F(Rtmp, PublisherKilledIsStalledThenBackIsLiveAgain) {
    auto camera = publish("cam");
    auto decoder = std::make_unique<StreamDecoder>(cameraAt(server.url("live/cam"), "泵站 RTMP"));
    ASSERT_TRUE(waitFor([&] {
        const StreamStatus s = decoder->status();
        return s.state == LinkState::Live && s.frames_decoded >= 10;
    }, 15s)) << decoder->status().detail;

    camera->kill();
    const auto killed_at = Clock::now();
    ASSERT_TRUE(waitFor([&] { return decoder->status().signalLost(); }, 5s))
        << "the link still says live after the publisher died";
    const auto lost = Clock::now() - killed_at;
    std::printf("[ measure  ] signal lost %.0f ms after the publisher was killed (%s: %s)\n", ms(lost),
                std::string(toString(decoder->status().reason)).c_str(), decoder->status().detail.c_str());
    EXPECT_LE(lost, 2500ms) << "issue: stalled within 2 s";

    std::this_thread::sleep_for(1s);  // stay down a moment (within the I/O timeout: the player waits attached)
    EXPECT_TRUE(decoder->status().signalLost()) << toString(decoder->status().state);
    camera = publishAgainAndExpectLiveWithin5s(*decoder);

    EXPECT_LT(stopTime(decoder), 1s);
}

TEST_F(Rtmp, OutageLongerThanTheIoTimeoutReconnects) {
    // nginx-rtmp keeps a player attached when its publisher goes away, and
    // FFmpeg 5.1 sees no end of stream: only the I/O deadline ends the wait.
    // Outlast it, so the camera comes back through a reconnect.
    auto camera = publish("cam");
    StreamConfig config = cameraAt(server.url("live/cam"), "long outage");
    config.io_timeout = 1s;  // shorter than the 5 s default to keep the suite fast
    auto decoder = std::make_unique<StreamDecoder>(config);
    ASSERT_TRUE(waitFor([&] { return decoder->status().state == LinkState::Live; }, 15s)) << decoder->status().detail;

    camera->kill();
    ASSERT_TRUE(waitFor([&] { return decoder->status().reconnects >= 1; }, 5s)) << toString(decoder->status().state);
    EXPECT_TRUE(decoder->status().signalLost());
    std::this_thread::sleep_for(1s);
    camera = publishAgainAndExpectLiveWithin5s(*decoder);
    EXPECT_LT(stopTime(decoder), 1s);
}

TEST_F(Rtmp, ServerDownIsConnectionRefused) {
    server.kill();
    auto decoder = std::make_unique<StreamDecoder>(cameraAt(server.url("live/cam"), "server down"));
    ASSERT_TRUE(waitFor([&] { return decoder->status().state == LinkState::Reconnecting; }, 5s))
        << toString(decoder->status().state);
    EXPECT_EQ(decoder->status().reason, FailReason::ConnectionRefused) << decoder->status().detail;
    ASSERT_TRUE(waitFor([&] { return decoder->status().reconnects >= 2; }, 5s)) << "it keeps retrying";
    EXPECT_LT(stopTime(decoder), 1s);
}

TEST_F(Rtmp, UnpublishedStreamTimesOutAndNothingHangs) {
    // nginx-rtmp's default: the server accepts the play request and sends nothing
    // until a camera publishes. Only the I/O deadline can tell.
    StreamConfig config = cameraAt(server.url("live/nobody"), "unpublished");
    config.io_timeout = 1s;  // shorter than the 5 s default to keep the suite fast
    auto decoder = std::make_unique<StreamDecoder>(config);
    ASSERT_TRUE(waitFor([&] { return decoder->status().state == LinkState::Reconnecting; }, 6s))
        << toString(decoder->status().state);
    EXPECT_EQ(decoder->status().reason, FailReason::Timeout) << decoder->status().detail;
    std::printf("[ measure  ] unpublished: %s\n", decoder->status().detail.c_str());
    EXPECT_FALSE(decoder->status().has_frame);

    // The next attempt is blocked again in avformat_open_input: the stop flag must free it.
    ASSERT_TRUE(waitFor([&] { return decoder->status().reconnects >= 1; }, 5s));
    const auto took = stopTime(decoder);
    std::printf("[ measure  ] decoder destroyed in %.1f ms while waiting for a publisher\n", ms(took));
    EXPECT_LT(took, 1s);
}

TEST_F(Rtmp, UnpublishedStreamOnAStrictServerIsNotPublishedOrHungUp) {
    // With idle_streams off nginx-rtmp answers NetStream.Play.StreamNotFound and
    // hangs up. FFmpeg turns the answer into a bare EPERM, which must not read as
    // "authentication refused". The hang-up races FFmpeg's next write (buffer
    // length after play): when the write loses, the answer is lost to a TCP reset
    // and only "the server closed the connection" is left. Both are fine to show.
    auto decoder = std::make_unique<StreamDecoder>(cameraAt(server.url("strict/nobody"), "not published"));
    ASSERT_TRUE(waitFor([&] {
        const LinkState state = decoder->status().state;
        return state == LinkState::Failed || state == LinkState::Reconnecting;
    }, 6s)) << toString(decoder->status().state) << " " << decoder->status().detail;
    const StreamStatus s = decoder->status();
    std::printf("[ measure  ] strict server: %s: %s\n", std::string(toString(s.reason)).c_str(), s.detail.c_str());
    // Not published = the camera is offline: retried quickly like a cut link, not given up on.
    if (s.reason == FailReason::NotPublished) EXPECT_EQ(s.state, LinkState::Reconnecting);
    else EXPECT_EQ(s.reason, FailReason::Other) << s.detail;
    EXPECT_LT(stopTime(decoder), 1s);
}

TEST_F(Rtmp, UnknownApplicationIsNotMistakenForATimeoutOrRefusal) {
    // nginx-rtmp hangs up on a connect to an application it does not have.
    auto decoder = std::make_unique<StreamDecoder>(cameraAt(server.url("nosuchapp/cam"), "wrong app"));
    ASSERT_TRUE(waitFor([&] { return decoder->status().state == LinkState::Reconnecting; }, 6s))
        << toString(decoder->status().state);
    EXPECT_EQ(decoder->status().reason, FailReason::Other) << decoder->status().detail;
    std::printf("[ measure  ] unknown application: %s\n", decoder->status().detail.c_str());
    EXPECT_LT(stopTime(decoder), 1s);
}

TEST(RtmpUrl, EveryRtmpSchemeButNotAFileNamedRtmp) {
    EXPECT_EQ(sourceKindOf("rtmp://10.20.3.41/live/cam"), SourceKind::Rtmp);
    EXPECT_EQ(sourceKindOf("RTMPS://10.20.3.41/live/cam"), SourceKind::Rtmp);
    EXPECT_EQ(sourceKindOf("rtmpt://10.20.3.41/live/cam"), SourceKind::Rtmp);
    EXPECT_EQ(sourceKindOf("rtmp_drill.mp4"), SourceKind::File);
}

TEST(RtmpOpenError, ServerWordsDecideWhatABareEpermMeans) {
    // What FFmpeg 5.1 logs and returns for RTMP refusals; no server needed.
    const auto reason = [](int code, const std::string& logged, bool deadline_passed) {
        return rtmpOpenError(code, logged, deadline_passed).reason();
    };
    EXPECT_EQ(reason(AVERROR(EPERM), "[rtmp @ 0x1] Server error: No such stream", false), FailReason::NotPublished);
    EXPECT_EQ(reason(AVERROR(EPERM), "[rtmp @ 0x1] Server error: NetStream.Play.StreamNotFound", false),
              FailReason::NotPublished);
    EXPECT_FALSE(isPermanent(FailReason::NotPublished)) << "an offline camera comes back by itself";
    EXPECT_EQ(reason(AVERROR_UNKNOWN, "[rtmp @ 0x1] Server error: Authentication failed", false), FailReason::AuthRefused);
    EXPECT_EQ(reason(AVERROR(EPERM), "[rtmp @ 0x1] Server error: Play failed", false), FailReason::Other);
    EXPECT_EQ(reason(AVERROR(EIO), "", true), FailReason::Timeout);
    EXPECT_EQ(reason(AVERROR(EIO), "", false), FailReason::Other);
    EXPECT_EQ(reason(AVERROR(ECONNREFUSED), "[tcp @ 0x1] Connection to tcp://127.0.0.1:1 failed", false),
              FailReason::ConnectionRefused);
    const std::string detail = rtmpOpenError(AVERROR(EPERM), "[rtmp @ 0x1] Server error: No such stream", false).what();
    EXPECT_NE(detail.find("No such stream"), std::string::npos) << "the server's words reach the tile's detail";
}

}  // namespace
}  // namespace wall::streams
