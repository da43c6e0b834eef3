// The alarm sound: plays the configured command (rules.sound.command[level],
// e.g. "aplay /usr/share/sounds/alarm.wav") for a new activation. Runs on the
// GL thread but never waits there: the command is started with posix_spawnp
// (argv split on spaces, no shell) and reaped with WNOHANG on later frames.
// At most one runs at a time; what arrives meanwhile is remembered as one
// pending sound of the most severe level.
#pragma once

#include "app/child_process.hpp"
#include "model/alarm_load.hpp"
#include "model/rules.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace wall::app {

class AlarmSound {
public:
    explicit AlarmSound(SoundRules rules) : rules_(std::move(rules)) {}
    AlarmSound(const AlarmSound&) = delete;
    AlarmSound& operator=(const AlarmSound&) = delete;

    /// @brief Notes new activations; chattering ones and muted levels stay silent. Never blocks.
    void onActivations(const std::vector<Activation>& fresh, const std::array<bool, kWarningLevelCount>& muted);
    /// @brief Reaps a finished command and starts the pending one. Call once per frame.
    void poll();

    bool playing() { return child_.running(); }
    int started() const { return started_; }   // commands started so far

private:
    void start(WarningLevel level);

    SoundRules rules_;
    ChildProcess child_;                        // the running command
    std::optional<WarningLevel> pending_;       // most severe sound waiting for the running one to end
    int started_ = 0;
};


} // namespace wall::app
