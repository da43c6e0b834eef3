#pragma once
// Private to streams/: the one place where av_* failures become exceptions,
// and where every FFmpeg handle gets its RAII deleter. Never include this from
// a public header (it pulls in FFmpeg types).

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
}

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "streams/link_health.hpp"

namespace wall::streams {

/// An av_* call failed: what() names the call and carries av_strerror's text.
class FfmpegError : public std::runtime_error {
public:
    FfmpegError(const char* call, int code);
    /// @brief As above, with `note` appended in parentheses: what the code alone cannot say.
    FfmpegError(const char* call, int code, const std::string& note);
    /// @brief As above, with the reason decided by the caller (what the code cannot tell apart).
    FfmpegError(const char* call, int code, const std::string& note, FailReason reason);
    /// @brief The AVERROR code the call returned.
    int code() const { return code_; }
    /// @brief The reason an officer can act on: the caller's, or failReasonFor(code()).
    FailReason reason() const;

private:
    int code_;                           ///< negative AVERROR value
    std::optional<FailReason> reason_;   ///< set when the code alone would mislead
};

/// @brief av_strerror() as a std::string.
std::string averrorText(int code);

/// @brief Throws FfmpegError naming `call` when `code` < 0; returns `code` otherwise.
int checkAv(int code, const char* call);

/// @brief Maps an AVERROR from opening/reading a stream to the reason an officer can act on.
FailReason failReasonFor(int averror);

/// @brief The error for a failed avformat_open_input of an rtmp:// URL: `code` refined by the
/// error line FFmpeg logged (`logged`, the server's words) and by whether our I/O deadline passed.
FfmpegError rtmpOpenError(int code, const std::string& logged, bool deadline_passed);

struct FormatContextClose {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
struct CodecContextFree {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameFree {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketFree {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FilterGraphFree {
    void operator()(AVFilterGraph* graph) const { avfilter_graph_free(&graph); }
};
struct DictionaryFree {
    void operator()(AVDictionary* dict) const { av_dict_free(&dict); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextClose>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphFree>;

/// @brief av_frame_alloc() that throws instead of returning null.
FramePtr allocFrame();
/// @brief av_packet_alloc() that throws instead of returning null.
PacketPtr allocPacket();

}  // namespace wall::streams
