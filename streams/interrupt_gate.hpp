#pragma once
// Bounds every blocking FFmpeg call: FFmpeg polls the callback, which says
// "give up" once a stop is requested or the current call's deadline passed.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stop_token>

namespace wall::streams {

struct InterruptGate {
    std::stop_token stop;                              ///< the owning thread's stop request (set before its first call)
    std::atomic<std::int64_t> deadline_ns{INT64_MAX};  ///< steady_clock ns after which calls abort

    /// @brief Allows the next blocking call `budget` from now.
    void arm(std::chrono::steady_clock::duration budget) {
        const auto now = std::chrono::steady_clock::now().time_since_epoch();
        deadline_ns.store(std::chrono::duration_cast<std::chrono::nanoseconds>(now + budget).count(),
                          std::memory_order_relaxed);
    }
    /// @brief No deadline until the next arm(): call after a blocking call succeeded,
    /// so a later failure is not mistaken for a timeout.
    void disarm() { deadline_ns.store(INT64_MAX, std::memory_order_relaxed); }
    /// @brief True when a blocking call must return now.
    bool expired() const {
        if (stop.stop_requested()) return true;
        const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch()).count();
        return now > deadline_ns.load(std::memory_order_relaxed);
    }
    /// @brief True when the current call's deadline passed (a silent peer, not a stop).
    bool deadlinePassed() const {
        const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch()).count();
        return now > deadline_ns.load(std::memory_order_relaxed);
    }
    /// @brief The AVIOInterruptCB function; `opaque` is an InterruptGate.
    static int callback(void* opaque) { return static_cast<const InterruptGate*>(opaque)->expired() ? 1 : 0; }
};

}  // namespace wall::streams
