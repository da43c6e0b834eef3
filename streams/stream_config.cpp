#include "streams/stream_config.hpp"

#include <algorithm>
#include <cctype>

namespace wall::streams {

namespace {
bool startsWith(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}
}  // namespace

std::optional<HwDecode> parseHwDecode(std::string_view text) {
    if (text == "none") return HwDecode::None;
    if (text == "auto") return HwDecode::Auto;
    if (text == "vaapi") return HwDecode::Vaapi;
    if (text == "cuda") return HwDecode::Cuda;
    return std::nullopt;
}

SourceKind sourceKindOf(std::string_view url) {
    if (startsWith(url, "test:")) return SourceKind::Test;
    if (startsWith(url, "rtsp://") || startsWith(url, "rtsps://")) return SourceKind::Rtsp;
    if (startsWith(url, "http://") || startsWith(url, "https://")) return SourceKind::Http;
    // Each scheme spelled out: a drill clip named "rtmp_test.mp4" is a file.
    for (std::string_view scheme : {"rtmp://", "rtmps://", "rtmpt://", "rtmpts://", "rtmpe://", "rtmpte://"})
        if (startsWith(url, scheme)) return SourceKind::Rtmp;
    return SourceKind::File;
}

TestSource parseTestSource(std::string_view url) {
    TestSource source;
    std::string_view rest = url.substr(std::min<std::size_t>(5, url.size()));
    const auto query_at = rest.find('?');
    source.label = std::string(rest.substr(0, query_at));
    if (query_at == std::string_view::npos) return source;
    std::string_view query = rest.substr(query_at + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        if (item == "sub") { source.width = 640; source.height = 360; }
        else if (item == "main") { source.width = 1280; source.height = 720; }
        else if (item == "1080") { source.width = 1920; source.height = 1080; }
        else if (item == "bars") source.bars = true;
        if (amp == std::string_view::npos) break;
        query = query.substr(amp + 1);
    }
    return source;
}

}  // namespace wall::streams
