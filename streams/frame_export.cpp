#include "streams/frame_export.hpp"

#include <spdlog/spdlog.h>

extern "C" {
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace wall::streams {

namespace {

std::shared_ptr<AVFrame> shareFrame(AVFrame* frame) {
    FramePtr owned = allocFrame();
    av_frame_move_ref(owned.get(), frame);
    return std::shared_ptr<AVFrame>(owned.release(), FrameFree{});
}

/// Plane `index` of `holder` as a VideoPlane that keeps `holder` alive.
VideoPlane planeOf(const std::shared_ptr<AVFrame>& holder, int index, int width, int height) {
    VideoPlane plane;
    plane.data = std::shared_ptr<const std::uint8_t[]>(holder, holder->data[index]);
    plane.stride = holder->linesize[index];
    plane.width = width;
    plane.height = height;
    return plane;
}

}  // namespace

ColorMatrix colorMatrixOf(const AVFrame* frame) {
    switch (frame->colorspace) {
    case AVCOL_SPC_BT709: return ColorMatrix::Bt709;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_FCC:
        return ColorMatrix::Bt601;
    default:
        return frame->height >= 720 ? ColorMatrix::Bt709 : ColorMatrix::Bt601;
    }
}

ColorRange colorRangeOf(const AVFrame* frame) {
    if (frame->color_range == AVCOL_RANGE_JPEG || frame->format == AV_PIX_FMT_YUVJ420P) return ColorRange::Full;
    return ColorRange::Limited;
}

FrameExport::FrameExport() = default;

FrameExport::~FrameExport() {
    sws_freeContext(sws_);
}

VideoFrame FrameExport::take(AVFrame* frame) {
    VideoFrame out;
    out.width = frame->width;
    out.height = frame->height;
    out.matrix = colorMatrixOf(frame);
    out.range = colorRangeOf(frame);
    out.pts_us = frame->pts;

    const auto format = static_cast<AVPixelFormat>(frame->format);
    const bool positive = frame->linesize[0] > 0 && frame->linesize[1] > 0;
    const bool planar = format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P;
    if (positive && planar && frame->linesize[2] > 0) {
        auto holder = shareFrame(frame);
        out.format = PixelFormat::Yuv420p;
        for (int i = 0; i < 3; ++i) {
            const auto size = planeSize(out.width, out.height, i);
            out.planes[static_cast<std::size_t>(i)] = planeOf(holder, i, size[0], size[1]);
        }
        return out;
    }
    if (positive && format == AV_PIX_FMT_NV12) {
        auto holder = shareFrame(frame);
        out.format = PixelFormat::Nv12;
        for (int i = 0; i < 2; ++i) {
            const auto size = planeSize(out.width, out.height, i);
            out.planes[static_cast<std::size_t>(i)] = planeOf(holder, i, size[0], size[1]);
        }
        return out;
    }

    // Slow path (e.g. 4:2:2 or 10-bit cameras): one conversion on this thread.
    if (!slow_path_) {
        const char* name = av_get_pix_fmt_name(format);
        spdlog::warn("stream frames in {} take the sws_scale slow path to yuv420p", name ? name : "?");
        slow_path_ = true;
    }
    sws_ = sws_getCachedContext(sws_, frame->width, frame->height, format, frame->width, frame->height,
                                AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!sws_) throw FfmpegError("sws_getCachedContext", AVERROR(EINVAL));
    FramePtr converted = allocFrame();
    converted->format = AV_PIX_FMT_YUV420P;
    converted->width = frame->width;
    converted->height = frame->height;
    checkAv(av_frame_get_buffer(converted.get(), 0), "av_frame_get_buffer");
    checkAv(sws_scale(sws_, frame->data, frame->linesize, 0, frame->height, converted->data, converted->linesize),
            "sws_scale");
    av_frame_unref(frame);
    auto holder = shareFrame(converted.get());
    out.format = PixelFormat::Yuv420p;
    for (int i = 0; i < 3; ++i) {
        const auto size = planeSize(out.width, out.height, i);
        out.planes[static_cast<std::size_t>(i)] = planeOf(holder, i, size[0], size[1]);
    }
    return out;
}

}  // namespace wall::streams
