#include "streams/ffmpeg_error.hpp"

#include <cerrno>

namespace wall::streams {

std::string averrorText(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(code, text, sizeof(text)) < 0) return "unknown FFmpeg error " + std::to_string(code);
    return text;
}

FfmpegError::FfmpegError(const char* call, int code)
    : std::runtime_error(std::string(call) + " failed: " + averrorText(code)), code_(code) {}

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
