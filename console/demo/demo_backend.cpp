#include "demo/demo_backend.hpp"

#include "base/clock.hpp"
#include "base/thread_name.hpp"
#include "demo/calling_system.hpp"
#include "demo/flood_scenario.hpp"
#include "model/beijing_time.hpp"
#include "protocol/protocol.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

namespace wall::demo {

DemoBackend::DemoBackend(DemoOptions options) : options_(std::move(options)) {}

DemoBackend::~DemoBackend() { stop(); }

void DemoBackend::start() {
    if (running_) return;
    if (thread_.joinable()) thread_.join();
    clients_.clear();
    // Seqs start from the wall clock (µs-ish) so a demo restarted against the
    // same journal never reuses a (source, seq) with a different body.
    const uint64_t first_seq = static_cast<uint64_t>(nowMs()) * 1000;
    for (const char* source : kDemoSources) {
        client::ClientOptions o;
        o.endpoint = options_.endpoint;
        o.source = source;
        o.first_seq = first_seq;
        clients_.push_back(std::make_unique<client::BackendClient>(o));
    }
    running_ = true;
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
    spdlog::info("demo: playing the flood-season scenario (演示数据) into {}", options_.endpoint);
}

void DemoBackend::stop() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
    running_ = false;
}

DemoStats DemoBackend::stats() const {
    return DemoStats{sent_.load(), acked_.load(), unacked_.load(), errors_.load()};
}

std::string DemoBackend::fault() const {
    std::lock_guard lock(fault_mutex_);
    return fault_;
}

void DemoBackend::run(std::stop_token stop) {
    nameThisThread("demo");
    try {
        const TimeMs start = nowMs();
        std::vector<ScenarioStep> script = floodScenario(start);
        for (ScenarioStep& step : script)
            if (auto* upsert = std::get_if<CameraUpsert>(&step.body))
                if (auto o = options_.camera_overrides.find(upsert->camera.id); o != options_.camera_overrides.end())
                    upsert->camera = withConfigured(std::move(upsert->camera), o->second);
        size_t next_step = 0;
        OngoingAlarms ongoing;
        OngoingTasks ongoing_tasks;
        TimeMs next_heartbeat = start;
        // The live generators start once the scripted opening has played out a little;
        // new tasks once the script's own tasks are mostly done.
        TimeMs next_ongoing = start + 30'000;
        TimeMs next_task = start + 180'000;
        TimeMs roster_day = beijingMidnight(start); // re-send the roster when the Beijing date turns

        auto clientFor = [&](const std::string& source) -> client::BackendClient& {
            for (auto& c : clients_)
                if (c->source() == source) return *c;
            return *clients_.front();
        };
        auto sendStep = [&](const ScenarioStep& step) {
            clientFor(step.source).send(eventTypeName(step.body), protocol::encodeBody(step.body));
            ++sent_;
        };

        std::unique_ptr<DemoCallingSystem> calling;
        if (!options_.feed_endpoint.empty()) calling = std::make_unique<DemoCallingSystem>(options_.feed_endpoint);

        std::vector<size_t> logged(clients_.size(), 0); // errors already logged, per client
        while (!stop.stop_requested()) {
            const TimeMs now = nowMs();
            while (next_step < script.size() && script[next_step].at_ms <= now) sendStep(script[next_step++]);
            if (now >= next_ongoing) {
                for (const ScenarioStep& step : ongoing.tick(now)) sendStep(step);
                next_ongoing = now + options_.ongoing_every_ms;
            }
            if (now >= next_task) {
                for (const ScenarioStep& step : ongoing_tasks.tick(now)) sendStep(step);
                next_task = now + options_.ongoing_task_every_ms;
            }
            if (calling)
                for (CallAnswer& answer : calling->poll(now)) sendStep({now, kCallingSource, std::move(answer)});
            if (beijingMidnight(now) != roster_day) {
                roster_day = beijingMidnight(now);
                sendStep({now, kDutySource, demoRoster(now)});
            }
            if (now >= next_heartbeat) {
                for (auto& c : clients_) {
                    c->send("heartbeat", "{}");
                    ++sent_;
                }
                next_heartbeat = now + options_.heartbeat_ms;
            }
            uint64_t acked = 0, unacked = 0, errors = 0;
            for (size_t k = 0; k < clients_.size(); ++k) {
                client::BackendClient& c = *clients_[k];
                c.pump(5);
                acked += c.acked();
                unacked += c.unacked();
                errors += c.errors().size();
                for (; logged[k] < c.errors().size(); ++logged[k])
                    spdlog::warn("demo: console refused a {} message: {} {}", c.source(),
                                 c.errors()[logged[k]].reason, c.errors()[logged[k]].detail);
            }
            acked_ = acked;
            unacked_ = unacked;
            errors_ = errors;
        }
    } catch (const std::exception& e) {
        spdlog::error("demo: stopped: {}", e.what());
        std::lock_guard lock(fault_mutex_);
        fault_ = e.what();
    } catch (...) {
        std::lock_guard lock(fault_mutex_);
        fault_ = "unknown exception";
    }
    running_ = false;
}

} // namespace wall::demo
