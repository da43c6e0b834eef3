// Demuxer + decoder source: RTSP, HTTP(S) TS/FLV/HLS, RTMP and local files.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include <spdlog/spdlog.h>

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

#include "streams/ffmpeg_log.hpp"
#include "streams/media_source.hpp"

namespace wall::streams {

namespace {

using std::chrono::microseconds;

struct BufferUnref {
    void operator()(AVBufferRef* ref) const { av_buffer_unref(&ref); }
};
using BufferPtr = std::unique_ptr<AVBufferRef, BufferUnref>;

/// Picks the hardware pixel format when the decoder offers it, else the first software one.
AVPixelFormat pickFormat(AVCodecContext* ctx, const AVPixelFormat* offered) {
    const auto wanted = static_cast<AVPixelFormat>(reinterpret_cast<std::intptr_t>(ctx->opaque));
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f)
        if (*f == wanted) return *f;
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f) {
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(*f);
        if (desc && !(desc->flags & AV_PIX_FMT_FLAG_HWACCEL)) return *f;
    }
    return AV_PIX_FMT_NONE;
}

class DemuxSource final : public MediaSource {
public:
    DemuxSource(const StreamConfig& config, InterruptGate& gate) : config_(config), gate_(gate) {
        open();
    }

    bool next(AVFrame* frame) override {
        for (;;) {
            const auto receive_start = std::chrono::steady_clock::now();
            const int got = avcodec_receive_frame(codec_.get(), frame);
            decode_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - receive_start).count();
            if (got == 0) return finish(frame);
            if (got == AVERROR_EOF) return false;
            if (got != AVERROR(EAGAIN)) checkAv(got, "avcodec_receive_frame");

            if (draining_) return false;
            gate_.arm(config_.io_timeout);
            const int read = av_read_frame(format_.get(), packet_.get());
            if (read == AVERROR_EOF) {
                draining_ = true;
                checkAv(avcodec_send_packet(codec_.get(), nullptr), "avcodec_send_packet(flush)");
                continue;
            }
            checkAv(read, "av_read_frame");
            gate_.disarm();
            if (packet_->stream_index != stream_index_) {
                av_packet_unref(packet_.get());
                continue;
            }
            if (skip_to_key_) {
                if (!(packet_->flags & AV_PKT_FLAG_KEY)) {
                    av_packet_unref(packet_.get());
                    continue;
                }
                skip_to_key_ = false;
            }
            const auto send_start = std::chrono::steady_clock::now();
            const int sent = avcodec_send_packet(codec_.get(), packet_.get());
            decode_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - send_start).count();
            av_packet_unref(packet_.get());
            // A corrupt packet (lost RTP packets) must not tear down the link.
            if (sent < 0 && sent != AVERROR(EAGAIN) && sent != AVERROR_INVALIDDATA)
                checkAv(sent, "avcodec_send_packet");
        }
    }

    bool rewind() override {
        if (!isFile()) return false;
        gate_.arm(config_.io_timeout);
        checkAv(av_seek_frame(format_.get(), stream_index_, 0, AVSEEK_FLAG_BACKWARD), "av_seek_frame");
        gate_.disarm();
        avcodec_flush_buffers(codec_.get());
        draining_ = false;
        return true;
    }

    bool paced() const override { return isFile(); }
    double frameInterval() const override { return interval_; }
    std::string codecName() const override { return codec_->codec ? codec_->codec->name : "?"; }
    bool hardware() const override { return hw_format_ != AV_PIX_FMT_NONE; }
    std::string hardwareNote() const override { return hw_note_; }
    void skipToKeyframe() override { skip_to_key_ = true; }

    void setOverload(OverloadLevel level) override {
        const int n = static_cast<int>(level);
        codec_->skip_loop_filter = n >= 1 ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
        codec_->skip_frame = n >= 3 ? AVDISCARD_NONKEY : n >= 2 ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
    }

private:
    bool isFile() const { return sourceKindOf(config_.url) == SourceKind::File; }

    void open() {
        AVDictionary* raw_options = nullptr;
        const auto timeout_us = std::to_string(
            std::chrono::duration_cast<std::chrono::microseconds>(config_.io_timeout).count());
        const SourceKind kind = sourceKindOf(config_.url);
        switch (kind) {
        case SourceKind::Rtsp:
            av_dict_set(&raw_options, "rtsp_transport", config_.rtsp_transport == RtspTransport::Udp ? "udp" : "tcp", 0);
            av_dict_set(&raw_options, "timeout", timeout_us.c_str(), 0);  // socket I/O timeout in 5.x
            av_dict_set(&raw_options, "max_delay", "200000", 0);  // UDP reorder wait: 0.2 s, not the default 0.5 s
            break;
        case SourceKind::Rtmp:
            // Never "timeout" here: rtmp's own "timeout" is a listen timeout in
            // seconds that turns the client into a server (rtmpproto.c). rw_timeout
            // is copied down to the TCP socket.
            av_dict_set(&raw_options, "rw_timeout", timeout_us.c_str(), 0);
            av_dict_set(&raw_options, "rtmp_live", "live", 0);  // cameras are live: no getStreamLength round trip
            av_dict_set(&raw_options, "tcp_nodelay", "1", 0);   // the handshake is small writes: no Nagle waits
            break;
        case SourceKind::Http:
            av_dict_set(&raw_options, "rw_timeout", timeout_us.c_str(), 0);
            av_dict_set(&raw_options, "timeout", timeout_us.c_str(), 0);  // http: socket I/O timeout
            break;
        case SourceKind::File:
        case SourceKind::Test:
            break;
        }
        if (kind != SourceKind::File) {
            av_dict_set(&raw_options, "fflags", "nobuffer", 0);
            av_dict_set(&raw_options, "probesize", "500000", 0);
            av_dict_set(&raw_options, "analyzeduration", "500000", 0);
        }
        std::unique_ptr<AVDictionary, DictionaryFree> options(raw_options);

        AVFormatContext* raw = avformat_alloc_context();
        if (!raw) throw FfmpegError("avformat_alloc_context", AVERROR(ENOMEM));
        raw->interrupt_callback.callback = &InterruptGate::callback;
        raw->interrupt_callback.opaque = &gate_;
        gate_.arm(config_.io_timeout);
        raw_options = options.release();
        takeLastFfmpegError();  // forget lines of earlier attempts
        const int opened = avformat_open_input(&raw, config_.url.c_str(), nullptr, &raw_options);
        options.reset(raw_options);
        // avformat_open_input frees `raw` on failure.
        if (opened < 0 && kind == SourceKind::Rtmp)
            throw rtmpOpenError(opened, takeLastFfmpegError(), gate_.deadlinePassed());
        checkAv(opened, "avformat_open_input");
        format_.reset(raw);

        gate_.arm(config_.io_timeout);
        checkAv(avformat_find_stream_info(format_.get(), nullptr), "avformat_find_stream_info");
        gate_.disarm();
        const AVCodec* decoder = nullptr;
        stream_index_ = checkAv(av_find_best_stream(format_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0),
                                "av_find_best_stream");
        if (!decoder) throw FfmpegError("av_find_best_stream(decoder)", AVERROR_DECODER_NOT_FOUND);
        AVStream* stream = format_->streams[stream_index_];
        time_base_ = stream->time_base;
        const AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
        if (rate.num > 0 && rate.den > 0) interval_ = std::clamp(av_q2d(av_inv_q(rate)), 1.0 / 120.0, 1.0);

        codec_.reset(avcodec_alloc_context3(decoder));
        if (!codec_) throw FfmpegError("avcodec_alloc_context3", AVERROR(ENOMEM));
        checkAv(avcodec_parameters_to_context(codec_.get(), stream->codecpar), "avcodec_parameters_to_context");
        codec_->pkt_timebase = time_base_;
        codec_->flags |= AV_CODEC_FLAG_LOW_DELAY;
        // Frame threads add a frame of latency each: one thread, slices only.
        codec_->thread_count = std::clamp(config_.decode_threads, 1, 8);
        codec_->thread_type = FF_THREAD_SLICE;
        setupHardware(decoder);
        checkAv(avcodec_open2(codec_.get(), decoder, nullptr), "avcodec_open2");
        packet_ = allocPacket();
        hw_frame_ = allocFrame();
    }

    void setupHardware(const AVCodec* decoder) {
        if (config_.hwdec == HwDecode::None) return;
        std::vector<AVHWDeviceType> types;
        if (config_.hwdec == HwDecode::Vaapi || config_.hwdec == HwDecode::Auto) types.push_back(AV_HWDEVICE_TYPE_VAAPI);
        if (config_.hwdec == HwDecode::Cuda || config_.hwdec == HwDecode::Auto) types.push_back(AV_HWDEVICE_TYPE_CUDA);
        std::string notes;
        for (AVHWDeviceType type : types) {
            const char* type_name = av_hwdevice_get_type_name(type);
            AVPixelFormat format = AV_PIX_FMT_NONE;
            for (int i = 0;; ++i) {
                const AVCodecHWConfig* hw = avcodec_get_hw_config(decoder, i);
                if (!hw) break;
                if ((hw->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) && hw->device_type == type) {
                    format = hw->pix_fmt;
                    break;
                }
            }
            if (format == AV_PIX_FMT_NONE) {
                notes += std::string(type_name) + ": decoder " + decoder->name + " has no such hwaccel; ";
                continue;
            }
            AVBufferRef* device = nullptr;
            const int made = av_hwdevice_ctx_create(&device, type, nullptr, nullptr, 0);
            if (made < 0) {
                notes += std::string(type_name) + ": av_hwdevice_ctx_create failed: " + averrorText(made) + "; ";
                continue;
            }
            device_.reset(device);
            codec_->hw_device_ctx = av_buffer_ref(device);
            codec_->opaque = reinterpret_cast<void*>(static_cast<std::intptr_t>(format));
            codec_->get_format = &pickFormat;
            hw_format_ = format;
            spdlog::info("stream {}: hardware decode via {}", config_.name, type_name);
            return;
        }
        hw_note_ = "software decode: " + notes;
        spdlog::warn("stream {}: {}", config_.name, hw_note_);
    }

    /// Hardware frames come down to NV12; pts becomes microseconds.
    bool finish(AVFrame* frame) {
        if (hw_format_ != AV_PIX_FMT_NONE && frame->format == hw_format_) {
            av_frame_unref(hw_frame_.get());
            checkAv(av_hwframe_transfer_data(hw_frame_.get(), frame, 0), "av_hwframe_transfer_data");
            checkAv(av_frame_copy_props(hw_frame_.get(), frame), "av_frame_copy_props");
            av_frame_unref(frame);
            av_frame_move_ref(frame, hw_frame_.get());
        }
        const std::int64_t ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        frame->pts = ts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : av_rescale_q(ts, time_base_, AVRational{1, 1000000});
        return true;
    }

    const StreamConfig& config_;                    ///< settings (owned by the decoder)
    InterruptGate& gate_;                           ///< bounds blocking calls
    FormatContextPtr format_;                       ///< demuxer
    CodecContextPtr codec_;                         ///< decoder
    PacketPtr packet_;                              ///< reused packet
    FramePtr hw_frame_;                             ///< reused transfer target for hardware frames
    BufferPtr device_;                              ///< hardware device, when one opened
    AVPixelFormat hw_format_ = AV_PIX_FMT_NONE;     ///< hardware pixel format in use
    std::string hw_note_;                           ///< why hardware decode is off
    AVRational time_base_{1, 90000};                ///< stream time base
    int stream_index_ = -1;                         ///< the video stream
    double interval_ = 1.0 / 25.0;                  ///< nominal frame interval, seconds
    bool draining_ = false;                         ///< end of input reached, decoder is flushing
    bool skip_to_key_ = false;                      ///< dropping packets until a keyframe
};

}  // namespace

std::unique_ptr<MediaSource> openDemuxSource(const StreamConfig& config, InterruptGate& gate) {
    return std::make_unique<DemuxSource>(config, gate);
}

}  // namespace wall::streams
