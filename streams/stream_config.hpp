#pragma once
// What to open and how: plain settings for one StreamDecoder. No FFmpeg types.

#include <chrono>
#include <functional>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "streams/link_health.hpp"

namespace wall::streams {

/// Kind of source, told apart by the URL.
enum class SourceKind : std::uint8_t {
    Rtsp,  ///< rtsp:// or rtsps://
    Http,  ///< http(s):// MPEG-TS, FLV or HLS
    Rtmp,  ///< rtmp:// (and rtmps, rtmpt)
    File,  ///< a local path or file://; looped and paced at real time (drills)
    Test,  ///< test:<name>[?sub|?main|?1080]: generated in-process with lavfi
};

enum class RtspTransport : std::uint8_t { Tcp, Udp };

/// Hardware decode wish; software is always the fallback.
enum class HwDecode : std::uint8_t { None, Auto, Vaapi, Cuda };

/// @brief Parses "none|auto|vaapi|cuda"; nullopt for anything else.
std::optional<HwDecode> parseHwDecode(std::string_view text);

/// Parsed form of a `test:` URL.
struct TestSource {
    std::string label;  ///< text drawn on the picture (the camera name)
    int width = 1280;   ///< picture size
    int height = 720;
    int fps = 25;       ///< frame rate
    bool bars = false;  ///< smptebars instead of testsrc2
};

/// @brief Source kind of `url`.
SourceKind sourceKindOf(std::string_view url);
/// @brief Parses `test:<label>[?sub|?main|?1080][&bars]`; sub = 640x360, main = 1280x720.
TestSource parseTestSource(std::string_view url);

/// Settings of one stream.
struct StreamConfig {
    std::string name;                         ///< camera name, used for the thread name, logs and test: pictures
    std::string url;                          ///< what to open
    RtspTransport rtsp_transport = RtspTransport::Tcp;  ///< RTSP lower transport
    HwDecode hwdec = HwDecode::None;          ///< hardware decode wish
    int decode_threads = 1;                   ///< slice threads (never frame threads: each adds a frame of latency)
    int nice_increment = 5;                   ///< decoder threads run this much nicer than the GL thread, so an overloaded
                                              ///< box sheds decode work (overload policy) instead of stuttering the wall
    std::size_t mailbox_depth = 2;            ///< frames held for the GL thread (2-3)
    std::chrono::milliseconds io_timeout{5000};  ///< bound of every blocking FFmpeg call
    LinkTiming timing{};                      ///< stall and retry timing
    bool loop_files = true;                   ///< restart local files at their end
    bool pace = true;                         ///< files and test: play at real time; false = as fast as decoding goes (benchmarks)
    /// Told of every link-state change as it happens, on whichever thread noticed it (the decoder's
    /// own, or the one asking for the state: time-based changes such as a stall are noticed when
    /// the state is read). Must not block or call back into the decoder.
    std::function<void(LinkState state, FailReason reason)> on_link_change;
};

}  // namespace wall::streams
