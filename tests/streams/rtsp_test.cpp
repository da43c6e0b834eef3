// Link faults against real servers on 127.0.0.1: GStreamer's RTSP server
// (killed and restarted), a TCP peer that accepts and then says nothing, and
// HTTP servers that refuse. The UI-facing calls (status, takeFrame) are timed
// throughout: they must never block the GL thread.

#include <gtest/gtest.h>

#include <csignal>
#include <algorithm>

#include "streams/stream_decoder.hpp"
#include "test_support.hpp"

namespace wall::streams {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::SilentTcpPeer;
using testing::waitFor;

/// Calls what the GL thread calls each frame and remembers the slowest call.
struct UiProbe {
    StreamDecoder& decoder;
    Clock::duration slowest{};
    std::uint64_t frames = 0;

    StreamStatus poll() {
        const auto start = Clock::now();
        if (decoder.takeFrame()) ++frames;
        StreamStatus s = decoder.status();
        slowest = std::max(slowest, Clock::now() - start);
        return s;
    }
    /// Polls at ~60 Hz until `done(status)`; returns how long it took, or nullopt.
    template <class Done>
    std::optional<Clock::duration> until(Done done, std::chrono::milliseconds limit) {
        const auto start = Clock::now();
        while (Clock::now() - start < limit) {
            if (done(poll())) return Clock::now() - start;
            std::this_thread::sleep_for(16ms);
        }
        return std::nullopt;
    }
};

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

std::unique_ptr<ChildProcess> startRtspServer(int port) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{"/usr/bin/python3", STREAMS_TEST_DIR "/rtsp_server.py", std::to_string(port)},
        "ready", 15s);
}

TEST(Rtsp, LiveThenKilledIsStalledThenRestartedIsLiveAgain) {
    const int port = testing::freeLoopbackPort();
    auto server = startRtspServer(port);
    ASSERT_TRUE(server->ready()) << "rtsp_server.py did not start (python3-gi, gir1.2-gst-rtsp-server-1.0?)";

    StreamConfig config;
    config.name = "泾县大坝 RTSP";
    config.url = "rtsp://127.0.0.1:" + std::to_string(port) + "/cam";
    StreamDecoder decoder(config);
    UiProbe ui{decoder};

    const auto live = ui.until([](const StreamStatus& s) { return s.state == LinkState::Live && s.frames_decoded >= 10; }, 15s);
    ASSERT_TRUE(live.has_value()) << decoder.status().detail;
    EXPECT_EQ(decoder.status().width, 320);
    EXPECT_EQ(decoder.status().codec, "h264");
    EXPECT_GT(ui.frames, 0u);

    server->kill();
    const auto lost = ui.until([](const StreamStatus& s) { return s.signalLost(); }, 5s);
    ASSERT_TRUE(lost.has_value()) << "the link still says live after the server died";
    std::printf("[ measure  ] signal lost %.0f ms after the server was killed\n", ms(*lost));
    EXPECT_LE(*lost, 2500ms) << "issue: stalled within 2 s";
    const StreamStatus down = decoder.status();
    EXPECT_TRUE(down.state == LinkState::Stalled || down.state == LinkState::Reconnecting) << toString(down.state);

    std::this_thread::sleep_for(1s);  // stay down a moment: several failed retries
    server = startRtspServer(port);
    ASSERT_TRUE(server->ready());
    const std::uint64_t before = decoder.status().frames_decoded;
    const auto back = ui.until([before](const StreamStatus& s) {
        return s.state == LinkState::Live && s.frames_decoded > before;
    }, 10s);
    ASSERT_TRUE(back.has_value()) << "not live again; last: " << toString(decoder.status().state) << " "
                                  << decoder.status().detail;
    std::printf("[ measure  ] live again %.0f ms after the server returned\n", ms(*back));
    EXPECT_LE(*back, 5s) << "issue: live again within 5 s of the server's return";
    const StreamStatus s = decoder.status();
    EXPECT_GE(s.reconnects, 1u);
    EXPECT_GE(s.state_changes, 3u);

    std::printf("[ measure  ] slowest UI-thread call %.2f ms\n", ms(ui.slowest));
    EXPECT_LT(ui.slowest, 50ms) << "the GL thread must never wait on a stream";
}

TEST(Rtsp, FrozenServerIsStalledWhileItsSocketStaysOpen) {
    // SIGSTOP: the TCP connection stays up but nothing arrives, like a camera
    // whose encoder hangs. Only the frame clock can tell.
    const int port = testing::freeLoopbackPort();
    auto server = startRtspServer(port);
    ASSERT_TRUE(server->ready());
    StreamConfig config;
    config.name = "frozen";
    config.url = "rtsp://127.0.0.1:" + std::to_string(port) + "/cam";
    StreamDecoder decoder(config);
    UiProbe ui{decoder};
    ASSERT_TRUE(ui.until([](const StreamStatus& s) { return s.state == LinkState::Live && s.frames_decoded >= 5; }, 15s));

    server->signal(SIGSTOP);
    const auto stalled = ui.until([](const StreamStatus& s) { return s.state == LinkState::Stalled; }, 4s);
    server->signal(SIGCONT);
    ASSERT_TRUE(stalled.has_value()) << toString(decoder.status().state);
    std::printf("[ measure  ] stalled %.0f ms after the server froze\n", ms(*stalled));
    EXPECT_LE(*stalled, 2500ms);
    const std::uint64_t before = decoder.status().frames_decoded;
    ASSERT_TRUE(ui.until([before](const StreamStatus& s) { return s.state == LinkState::Live && s.frames_decoded > before; }, 10s));
    EXPECT_LT(ui.slowest, 50ms);
}

TEST(Rtsp, UdpTransportAlsoWorks) {
    const int port = testing::freeLoopbackPort();
    auto server = startRtspServer(port);
    ASSERT_TRUE(server->ready());
    StreamConfig config;
    config.name = "udp";
    config.url = "rtsp://127.0.0.1:" + std::to_string(port) + "/cam";
    config.rtsp_transport = RtspTransport::Udp;
    StreamDecoder decoder(config);
    ASSERT_TRUE(waitFor([&] { return decoder.status().frames_decoded >= 5; }, 15s)) << decoder.status().detail;
    EXPECT_EQ(decoder.status().state, LinkState::Live);
}

TEST(Rtsp, PeerThatAcceptsAndSendsNothingIsStalledAndNothingHangs) {
    SilentTcpPeer peer;
    StreamConfig config;
    config.name = "silent";
    config.url = "rtsp://127.0.0.1:" + std::to_string(peer.port()) + "/cam";
    auto decoder = std::make_unique<StreamDecoder>(config);
    UiProbe ui{*decoder};
    const auto stalled = ui.until([](const StreamStatus& s) { return s.state == LinkState::Stalled; }, 6s);
    ASSERT_TRUE(stalled.has_value()) << toString(decoder->status().state);
    EXPECT_GE(peer.accepted(), 1);
    EXPECT_FALSE(decoder->status().has_frame);

    const auto start = Clock::now();
    decoder.reset();  // the thread is blocked in avformat_open_input: the interrupt callback must free it
    const auto took = Clock::now() - start;
    std::printf("[ measure  ] decoder destroyed in %.1f ms while blocked on a silent peer\n", ms(took));
    EXPECT_LT(took, 1s);
    EXPECT_LT(ui.slowest, 50ms);
}

TEST(Rtsp, SilentPeerTimesOutIntoReconnecting) {
    SilentTcpPeer peer;
    StreamConfig config;
    config.name = "silent-timeout";
    config.url = "rtsp://127.0.0.1:" + std::to_string(peer.port()) + "/cam";
    config.io_timeout = 1s;  // shorter than the 5 s default to keep the suite fast
    StreamDecoder decoder(config);
    ASSERT_TRUE(waitFor([&] { return decoder.status().state == LinkState::Reconnecting; }, 6s))
        << toString(decoder.status().state);
    EXPECT_EQ(decoder.status().reason, FailReason::Timeout);
}

struct RefusalCase {
    const char* reply;   ///< what the HTTP server answers
    FailReason reason;   ///< what the officer is told
};

class HttpRefusal : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(HttpRefusal, FailsWithAnActionableReason) {
    SilentTcpPeer peer(GetParam().reply);
    StreamConfig config;
    config.name = "http refusal";
    config.url = "http://127.0.0.1:" + std::to_string(peer.port()) + "/live/cam.ts";
    StreamDecoder decoder(config);
    ASSERT_TRUE(waitFor([&] { return decoder.status().state == LinkState::Failed; }, 6s))
        << toString(decoder.status().state) << " " << decoder.status().detail;
    EXPECT_EQ(decoder.status().reason, GetParam().reason) << decoder.status().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Replies, HttpRefusal,
    ::testing::Values(
        RefusalCase{"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", FailReason::AuthRefused},
        RefusalCase{"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", FailReason::StreamNotFound}),
    [](const ::testing::TestParamInfo<RefusalCase>& info) {
        return info.param.reason == FailReason::AuthRefused ? std::string("Unauthorized") : std::string("NotFound");
    });

class RtspRefusal : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(RtspRefusal, FailsWithAnActionableReason) {
    // A camera that wants credentials we do not have, or has no such channel.
    SilentTcpPeer peer(GetParam().reply);
    StreamConfig config;
    config.name = "rtsp refusal";
    config.url = "rtsp://127.0.0.1:" + std::to_string(peer.port()) + "/Streaming/Channels/101";
    StreamDecoder decoder(config);
    ASSERT_TRUE(waitFor([&] { return decoder.status().state == LinkState::Failed; }, 6s))
        << toString(decoder.status().state) << " " << decoder.status().detail;
    EXPECT_EQ(decoder.status().reason, GetParam().reason) << decoder.status().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Replies, RtspRefusal,
    ::testing::Values(
        RefusalCase{"RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n",
                    FailReason::AuthRefused},
        RefusalCase{"RTSP/1.0 404 Not Found\r\nCSeq: {cseq}\r\n\r\n", FailReason::StreamNotFound}),
    [](const ::testing::TestParamInfo<RefusalCase>& info) {
        return info.param.reason == FailReason::AuthRefused ? std::string("Unauthorized") : std::string("NotFound");
    });

TEST(Rtsp, RefusedConnectionReconnectsWithReason) {
    const int port = testing::freeLoopbackPort();  // nothing listens there
    StreamConfig config;
    config.name = "refused";
    config.url = "rtsp://127.0.0.1:" + std::to_string(port) + "/cam";
    StreamDecoder decoder(config);
    ASSERT_TRUE(waitFor([&] { return decoder.status().state == LinkState::Reconnecting; }, 5s));
    EXPECT_EQ(decoder.status().reason, FailReason::ConnectionRefused) << decoder.status().detail;
    ASSERT_TRUE(waitFor([&] { return decoder.status().reconnects >= 2; }, 5s));
}

}  // namespace
}  // namespace wall::streams
