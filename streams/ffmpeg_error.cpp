#include "streams/ffmpeg_error.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <initializer_list>
#include <string_view>

namespace wall::streams {

namespace {

/// Case-insensitive: servers word their errors freely.
bool containsAnyOf(std::string_view text, std::initializer_list<std::string_view> words) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

}  // namespace

std::string averrorText(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(code, text, sizeof(text)) < 0) return "unknown FFmpeg error " + std::to_string(code);
    return text;
}

FfmpegError::FfmpegError(const char* call, int code)
    : std::runtime_error(std::string(call) + " failed: " + averrorText(code)), code_(code) {}

FfmpegError::FfmpegError(const char* call, int code, const std::string& note)
    : std::runtime_error(std::string(call) + " failed: " + averrorText(code) + " (" + note + ")"), code_(code) {}

FfmpegError::FfmpegError(const char* call, int code, const std::string& note, FailReason reason)
    : FfmpegError(call, code, note) {
    reason_ = reason;
}

FailReason FfmpegError::reason() const { return reason_ ? *reason_ : failReasonFor(code_); }

int checkAv(int code, const char* call) {
    if (code < 0) throw FfmpegError(call, code);
    return code;
}

FailReason failReasonFor(int averror) {
    switch (averror) {
    case AVERROR_HTTP_UNAUTHORIZED:
    case AVERROR_HTTP_FORBIDDEN:
    case AVERROR(EACCES):
    case AVERROR(EPERM):
        return FailReason::AuthRefused;
    case AVERROR_HTTP_NOT_FOUND:
    case AVERROR(ENOENT):
    case AVERROR_STREAM_NOT_FOUND:
        return FailReason::StreamNotFound;
    case AVERROR_DECODER_NOT_FOUND:
    case AVERROR_DEMUXER_NOT_FOUND:
    case AVERROR_PROTOCOL_NOT_FOUND:
    case AVERROR_PATCHWELCOME:
        return FailReason::UnsupportedCodec;
    case AVERROR(ECONNREFUSED):
        return FailReason::ConnectionRefused;
    case AVERROR(EHOSTUNREACH):
    case AVERROR(ENETUNREACH):
    case AVERROR(EHOSTDOWN):
        return FailReason::HostUnreachable;
    case AVERROR(ETIMEDOUT):
    case AVERROR_EXIT:  // our interrupt callback's deadline fired
        return FailReason::Timeout;
    case AVERROR_EOF:
        return FailReason::EndOfStream;
    default:
        return FailReason::Other;
    }
}

// Gives a failed RTMP open the reason an officer can act on. FFmpeg's codes say
// little here: a server's error status comes back as a bare EPERM with its words
// only logged ("Server error: No such stream" from nginx-rtmp with idle_streams
// off), and every failed read, our own interrupt included, as EIO (rtmppkt.c).
// A server that hangs up right after its status races our next write, so the
// same refusal may also arrive as EPIPE or ECONNRESET without the words.
FfmpegError rtmpOpenError(int code, const std::string& logged, bool deadline_passed) {
    constexpr std::string_view server_marker = "Server error: ";
    if (const auto at = logged.find(server_marker); at != std::string::npos) {
        const std::string words = logged.substr(at + server_marker.size());
        int refined = code == AVERROR(EPERM) ? AVERROR_UNKNOWN : code;  // EPERM would read as "authentication refused"
        // A camera that pushes to a media server and is offline: retried like a cut
        // link (it comes back by itself), not every 30 s like a wrong URL.
        if (containsAnyOf(words, {"no such stream", "not found", "notfound"}))
            return FfmpegError("avformat_open_input", AVERROR_STREAM_NOT_FOUND, "RTMP server: " + words,
                               FailReason::NotPublished);
        if (containsAnyOf(words, {"auth", "password", "credential", "rejected", "denied"})) refined = AVERROR(EACCES);
        return FfmpegError("avformat_open_input", refined, "RTMP server: " + words);
    }
    if (deadline_passed)
        return FfmpegError("avformat_open_input", AVERROR(ETIMEDOUT),
                           "no RTMP video within the I/O timeout: server unreachable, or nothing publishes this stream name");
    if (code == AVERROR(EIO) || code == AVERROR(EPIPE) || code == AVERROR(ECONNRESET))
        return FfmpegError("avformat_open_input", code,
                           "the RTMP server closed the connection: stream not published, unknown application name, "
                           "or it refused this client");
    return FfmpegError("avformat_open_input", code);
}

FramePtr allocFrame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) throw FfmpegError("av_frame_alloc", AVERROR(ENOMEM));
    return frame;
}

PacketPtr allocPacket() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) throw FfmpegError("av_packet_alloc", AVERROR(ENOMEM));
    return packet;
}

}  // namespace wall::streams
