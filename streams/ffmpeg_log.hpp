#pragma once
// FFmpeg's own log lines (av_log) go to spdlog instead of stderr. Lost RTP
// packets make decoders complain many times a second; the link state changes
// logged by StreamDecoder carry what an operator needs, so FFmpeg's errors
// go to debug level and only fatal ones reach the default log.

namespace wall::streams {

/// @brief Installs the av_log callback once per process (later calls do nothing).
void routeFfmpegLogsToSpdlog();

}  // namespace wall::streams
