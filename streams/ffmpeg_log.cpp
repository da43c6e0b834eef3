#include "streams/ffmpeg_log.hpp"

#include <cstdarg>
#include <cstring>
#include <mutex>
#include <utility>

#include <spdlog/spdlog.h>

extern "C" {
#include <libavutil/log.h>
}

namespace wall::streams {

namespace {

/// Last error line of this thread; av_log runs on the thread that made the failing call.
thread_local std::string last_error_line;

void forward(void* object, int level, const char* format, va_list args) {
    spdlog::level::level_enum target = spdlog::level::trace;
    if (level <= AV_LOG_FATAL) target = spdlog::level::err;
    else if (level <= AV_LOG_WARNING) target = spdlog::level::debug;
    const bool keep = level <= AV_LOG_ERROR;
    if (!keep && !spdlog::should_log(target)) return;
    char line[1024];
    int print_prefix = 1;
    av_log_format_line2(object, level, format, args, line, sizeof(line), &print_prefix);
    std::size_t length = std::strlen(line);
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = '\0';
    if (length == 0) return;
    if (keep) last_error_line.assign(line, length);
    if (spdlog::should_log(target)) spdlog::log(target, "ffmpeg: {}", line);
}

}  // namespace

std::string takeLastFfmpegError() { return std::exchange(last_error_line, {}); }

void routeFfmpegLogsToSpdlog() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(&forward); });
}

}  // namespace wall::streams
