// test: sources: moving pictures made in-process by a lavfi graph
// (testsrc2 or smptebars + the camera name + a clock). No network, no files.

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavutil/opt.h>
}

#include "streams/media_source.hpp"

namespace wall::streams {

namespace {

/// Noto Sans CJK so Chinese camera names render (Debian fonts-noto-cjk).
constexpr const char* kFontFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

class TestSourceGraph final : public MediaSource {
public:
    explicit TestSourceGraph(const StreamConfig& config) : spec_(parseTestSource(config.url)) {
        graph_.reset(avfilter_graph_alloc());
        if (!graph_) throw FfmpegError("avfilter_graph_alloc", AVERROR(ENOMEM));
        graph_->nb_threads = 1;

        const std::string size = std::to_string(spec_.width) + "x" + std::to_string(spec_.height);
        AVFilterContext* source = add(spec_.bars ? "smptebars" : "testsrc2", "source");
        setOption(source, "size", size);
        setOption(source, "rate", std::to_string(spec_.fps));
        init(source);

        // Options go in through av_opt_set, not a graph string: a camera name
        // may hold any character and needs no filter-graph escaping this way.
        const int font_size = std::max(16, spec_.height / 14);
        AVFilterContext* label = add("drawtext", "label");
        setOption(label, "fontfile", kFontFile);
        setOption(label, "expansion", "none");
        setOption(label, "text", spec_.label.empty() ? std::string("test") : spec_.label);
        setOption(label, "fontsize", std::to_string(font_size));
        setOption(label, "fontcolor", "white");
        setOption(label, "box", "1");
        setOption(label, "boxcolor", "black@0.6");
        setOption(label, "x", std::to_string(font_size / 2));
        setOption(label, "y", std::to_string(font_size * 6 / 5));  // below testsrc2's own counter
        init(label);

        AVFilterContext* clock = add("drawtext", "clock");
        setOption(clock, "fontfile", kFontFile);
        setOption(clock, "text", "%{localtime:%Y-%m-%d %H\\:%M\\:%S}  #%{n}");
        setOption(clock, "fontsize", std::to_string(font_size));
        setOption(clock, "fontcolor", "yellow");
        setOption(clock, "box", "1");
        setOption(clock, "boxcolor", "black@0.6");
        setOption(clock, "x", std::to_string(font_size / 2));
        setOption(clock, "y", "h-th-" + std::to_string(font_size / 2));
        init(clock);

        AVFilterContext* format = add("format", "format");
        setOption(format, "pix_fmts", "yuv420p");
        init(format);

        sink_ = add("buffersink", "sink");
        init(sink_);

        checkAv(avfilter_link(source, 0, label, 0), "avfilter_link(source,label)");
        checkAv(avfilter_link(label, 0, clock, 0), "avfilter_link(label,clock)");
        checkAv(avfilter_link(clock, 0, format, 0), "avfilter_link(clock,format)");
        checkAv(avfilter_link(format, 0, sink_, 0), "avfilter_link(format,sink)");
        checkAv(avfilter_graph_config(graph_.get(), nullptr), "avfilter_graph_config");
        time_base_ = av_buffersink_get_time_base(sink_);
    }

    bool next(AVFrame* frame) override {
        const auto start = std::chrono::steady_clock::now();
        checkAv(av_buffersink_get_frame(sink_, frame), "av_buffersink_get_frame");
        decode_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        frame->pts = av_rescale_q(frame->pts, time_base_, AVRational{1, 1000000});
        return true;
    }

    bool paced() const override { return true; }
    double frameInterval() const override { return 1.0 / spec_.fps; }
    std::string codecName() const override { return spec_.bars ? "lavfi smptebars" : "lavfi testsrc2"; }

private:
    AVFilterContext* add(const char* filter_name, const char* instance) {
        const AVFilter* filter = avfilter_get_by_name(filter_name);
        if (!filter) throw FfmpegError(filter_name, AVERROR_FILTER_NOT_FOUND);
        AVFilterContext* ctx = avfilter_graph_alloc_filter(graph_.get(), filter, instance);
        if (!ctx) throw FfmpegError("avfilter_graph_alloc_filter", AVERROR(ENOMEM));
        return ctx;
    }
    static void setOption(AVFilterContext* ctx, const char* key, const std::string& value) {
        const std::string call = std::string("av_opt_set(") + ctx->name + "." + key + ")";
        checkAv(av_opt_set(ctx, key, value.c_str(), AV_OPT_SEARCH_CHILDREN), call.c_str());
    }
    static void init(AVFilterContext* ctx) { checkAv(avfilter_init_str(ctx, nullptr), "avfilter_init_str"); }

    TestSource spec_;                   ///< parsed test: URL
    FilterGraphPtr graph_;              ///< the lavfi graph
    AVFilterContext* sink_ = nullptr;   ///< buffersink, owned by graph_
    AVRational time_base_{1, 25};       ///< sink time base
};

}  // namespace

std::unique_ptr<MediaSource> openTestSource(const StreamConfig& config) {
    return std::make_unique<TestSourceGraph>(config);
}

}  // namespace wall::streams
