#pragma once
// FFmpeg's own log lines (av_log) go to spdlog instead of stderr. Lost RTP
// packets make decoders complain many times a second; the link state changes
// logged by StreamDecoder carry what an operator needs, so FFmpeg's errors
// go to debug level and only fatal ones reach the default log.
// Some reasons exist only as log text (an RTMP server's "No such stream"
// becomes a bare EPERM), so each thread keeps its last error line.

#include <string>

namespace wall::streams {

/// @brief Installs the av_log callback once per process (later calls do nothing).
void routeFfmpegLogsToSpdlog();

/// @brief The last error-level line FFmpeg logged on the calling thread, then forgets it
/// (empty when none, or when the callback is not installed).
std::string takeLastFfmpegError();

}  // namespace wall::streams
