// The embedded demo backend: a thread ("demo") that plays the flood-season
// scenario (flood_scenario.hpp) into a console over real ZeroMQ, exactly as
// the real backends would: one BackendClient (DEALER) per source, connected
// to the console's ROUTER, resending until acked, plus a heartbeat per
// source every second. A stand-in calling system (calling_system.hpp) answers
// the console's 叫应 calls from its outbound feed. Used by `wallconsole --demo` and `wallctl demo`.
#pragma once

#include "client/backend_client.hpp"
#include "model/model.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace wall::demo {

struct DemoOptions {
    std::string endpoint = "tcp://127.0.0.1:5560"; // the console's ROUTER
    std::string feed_endpoint;                     // the console's PUB: the demo calling system answers 叫应 calls from it; "" = no answers
    int heartbeat_ms = 1000;                       // per source
    int ongoing_every_ms = 5000;                   // a new live alarm this often once the script has begun
    int ongoing_task_every_ms = 20000;             // a new task (and open ones advance) this often after the script
    std::map<std::string, wall::Camera> camera_overrides; // camera id → a camera file's entry laid over it (real URLs for its test: source)
};

/// Progress counters, readable from any thread.
struct DemoStats {
    uint64_t sent = 0;        // messages sent (heartbeats included)
    uint64_t acked = 0;       // acked by the console
    uint64_t unacked = 0;     // waiting for an ack now
    uint64_t errors = 0;      // error replies (should stay 0)
};

class DemoBackend {
public:
    explicit DemoBackend(DemoOptions options = {});
    /// @brief Stops and joins.
    ~DemoBackend();
    DemoBackend(const DemoBackend&) = delete;
    DemoBackend& operator=(const DemoBackend&) = delete;

    /// @brief Starts the "demo" thread (no-op when running). Throws when the endpoint is malformed.
    void start();
    /// @brief Asks the thread to stop and joins it. Idempotent.
    void stop();
    bool running() const { return running_; }
    /// @brief A consistent-enough copy of the counters (each field is atomic).
    DemoStats stats() const;
    /// @brief Last failure of the thread body, "" while healthy.
    std::string fault() const;

private:
    void run(std::stop_token stop);

    DemoOptions options_;
    std::atomic<bool> running_{false};
    std::atomic<uint64_t> sent_{0}, acked_{0}, unacked_{0}, errors_{0};
    mutable std::mutex fault_mutex_;
    std::string fault_;                            // guarded by fault_mutex_
    std::vector<std::unique_ptr<client::BackendClient>> clients_; // one per source; the demo thread's once started
    std::jthread thread_;                          // last: stops and joins before the clients it uses go
};

} // namespace wall::demo
