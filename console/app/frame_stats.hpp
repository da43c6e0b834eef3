// Frame timing and event-to-frame latency, summarised for --stats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wall::app {

/// p50/p99/max of a sample set (milliseconds).
struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
    uint64_t count = 0;
};
Percentiles percentiles(std::vector<double> samples);

/// Collects per-frame samples on the UI thread. Bounded: keeps the newest
/// kMaxSamples of each series so a week-long run does not grow without end.
class FrameStats {
public:
    static constexpr size_t kMaxSamples = 1 << 18;

    /// @brief Records one frame's CPU+GPU time (ms).
    void addFrame(double frame_ms);
    /// @brief Records the GL thread's own CPU time in one frame (ms).
    void addFrameCpu(double cpu_ms);
    /// @brief Records the latency of one event: backend send time to the end of the frame that showed it.
    void addEventLatency(double ms);
    /// @brief The same, for a red warning's activation: the one latency a flood must never stretch.
    void addRedAlarmLatency(double ms);

    uint64_t frames() const { return frames_; }
    Percentiles frameTimes() const { return percentiles(frame_ms_); }
    Percentiles frameCpu() const { return percentiles(frame_cpu_ms_); }
    Percentiles eventLatency() const { return percentiles(latency_ms_); }
    Percentiles redAlarmLatency() const { return percentiles(red_latency_ms_); }

private:
    static void push(std::vector<double>& series, size_t& next, double v);

    uint64_t frames_ = 0;
    std::vector<double> frame_ms_;   // ring buffer once full
    size_t frame_next_ = 0;          // ring write position
    std::vector<double> frame_cpu_ms_; // ring buffer once full
    size_t frame_cpu_next_ = 0;
    std::vector<double> latency_ms_; // ring buffer once full
    size_t latency_next_ = 0;
    std::vector<double> red_latency_ms_; // ring buffer once full
    size_t red_latency_next_ = 0;
};

} // namespace wall::app
