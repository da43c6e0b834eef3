// The demo's flood-season scenario (演示数据 / demo data) in 清江县, a made-up
// county modelled on the hilly Jiangxi/Anhui counties of DOMAIN.md. Every
// site, person and phone number is invented. The script is plain data tables
// in flood_scenario.cpp; this header turns them into timed events.
#pragma once

#include "model/model.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace wall::demo {

// The backends the demo pretends to be (envelope "source").
inline constexpr const char* kMonitorSource = "monitor-platform"; // monitoring & early warning, cameras
inline constexpr const char* kDutySource = "duty-system";         // roster
inline constexpr const char* kFieldTaskSource = "field-task";     // on-site commander tasks
inline constexpr const char* kCallingSource = "calling-system";   // 叫应 call-and-response results
inline constexpr const char* kDemoSources[] = {kMonitorSource, kDutySource, kFieldTaskSource, kCallingSource};

/// One scripted event: when to send it, as which backend, and what.
struct ScenarioStep {
    TimeMs at_ms = 0;       // absolute send time
    std::string source;     // one of kDemoSources
    EventBody body;
};

/// @brief The scripted part, timed from start_ms: roster, cameras, opening alarms and tasks within 2 s, then ~3 min of developments. Sorted by at_ms.
std::vector<ScenarioStep> floodScenario(TimeMs start_ms);

/// @brief The day's roster (previous night shift, 白班 08:00-20:00, 夜班 20:00-08:00 Beijing time) for the day containing now_ms.
RosterSet demoRoster(TimeMs now_ms);

/// Keeps the board alive after the script: every call raises a new alarm
/// from a rotating template table, and clears or re-levels older ones, so
/// the number of open alarms stays bounded. Deterministic (fixed seed).
class OngoingAlarms {
public:
    /// @brief Events for tick n (call every few seconds) at time now_ms.
    std::vector<ScenarioStep> tick(TimeMs now_ms);

private:
    std::mt19937 random_{20240615};     // fixed seed: same demo every run
    uint64_t ticks_ = 0;                // calls so far
    std::vector<std::string> open_;     // ids raised here and not cleared yet, oldest first
};

/// Keeps the task board moving after the script: a new commander task every
/// call (from a rotating template table); each open task advances one status
/// per call (assigned → accepted → in_progress → done), so about four are open.
class OngoingTasks {
public:
    /// @brief Events for this call at time now_ms.
    std::vector<ScenarioStep> tick(TimeMs now_ms);

private:
    uint64_t ticks_ = 0;                // calls so far
    std::vector<Task> open_;            // tasks raised here and not done yet
};

} // namespace wall::demo
