#include "frame_stats.hpp"

#include <algorithm>
#include <cmath>

namespace wall::app {

Percentiles percentiles(std::vector<double> samples) {
    Percentiles p;
    p.count = samples.size();
    if (samples.empty()) return p;
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
        const size_t i = static_cast<size_t>(std::ceil(q * samples.size())) - 1;
        return samples[std::min(i, samples.size() - 1)];
    };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.max = samples.back();
    return p;
}

void FrameStats::push(std::vector<double>& series, size_t& next, double v) {
    if (series.size() < kMaxSamples) {
        series.push_back(v);
        return;
    }
    series[next] = v;
    next = (next + 1) % kMaxSamples;
}

void FrameStats::addFrame(double frame_ms) {
    ++frames_;
    push(frame_ms_, frame_next_, frame_ms);
}

void FrameStats::addFrameCpu(double cpu_ms) { push(frame_cpu_ms_, frame_cpu_next_, cpu_ms); }
void FrameStats::addEventLatency(double ms) { push(latency_ms_, latency_next_, ms); }
void FrameStats::addRedAlarmLatency(double ms) { push(red_latency_ms_, red_latency_next_, ms); }

} // namespace wall::app
