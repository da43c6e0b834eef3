// The console's decisions besides the alarm rules, each a Decider the ingest
// worker runs on the authority: who is on duty, the camera file, stream link
// states, and camera linkage. None of them is ever made by the wall that draws.
#pragma once

#include "layouts/layout.hpp"
#include "model/decider.hpp"
#include "model/linkage.hpp"
#include "model/rules.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace wall::core {

/// The console's start, journaled first thing (console.start): the review sees
/// from it when the console was not running, and whether the journal is a demo's.
class StartRecord final : public Decider {
public:
    explicit StartRecord(ConsoleStart start) : start_(std::move(start)) {}
    void atStart(const State&, TimeMs, std::vector<EventBody>& out) override { out.push_back(start_); }

private:
    ConsoleStart start_;
};

/// Who acts: the --operator name when given, else the first officer of the shift on
/// duty now, else 值班员. Stamped on every operator intent that names nobody.
class DutyOperator final : public Decider {
public:
    explicit DutyOperator(std::string fixed_name) : fixed_name_(std::move(fixed_name)) {}
    void complete(EventBody& intent, const State& state, TimeMs now) override;
    /// @brief The name the console journals for an operator's action at `now`.
    std::string onDuty(const State& state, TimeMs now) const;

private:
    std::string fixed_name_;
};

/// The camera file's cameras become camera.upsert events (journaled, so a replay
/// knows them), but only where they differ from the recovered state: a restart
/// with the same file adds nothing to the journal.
class CameraFileRegistration final : public Decider {
public:
    explicit CameraFileRegistration(std::vector<Camera> configured) : configured_(std::move(configured)) {}
    void atStart(const State& state, TimeMs now, std::vector<EventBody>& out) override;

private:
    std::vector<Camera> configured_;
};

/// Link-state changes of camera streams, reported by the decoders themselves as
/// they happen and journaled as camera.state (backends learn of dead cameras, the
/// review replays them). Repeats of a stream's last state are dropped.
class StreamStateReports final : public Decider {
public:
    /// @brief Any thread (decoder threads): a stream's link state changed. `wake` asks the worker to decide soon.
    void report(CameraStreamState report);
    /// @brief Set once, before any report: how to wake the worker.
    void setWake(std::function<void()> wake) { wake_ = std::move(wake); }
    void due(const State& state, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) override;

private:
    using StreamKey = std::pair<std::string, std::string>; // camera, "main" | "sub"
    std::mutex mutex_;
    std::map<StreamKey, std::string> last_state_;          // guarded by mutex_
    std::vector<CameraStreamState> pending_;               // guarded by mutex_
    std::function<void()> wake_;
};

/// Drills (演练) started and ended at the wall: the operator's intent names no
/// id, so the authority gives one ("drill-YYYYMMDD-HHMMSS", Beijing time, made
/// unique), and an end naming none ends the running drill. A drill.end that
/// names no known running drill is journaled and ignored; it is logged here.
class DrillIntents final : public Decider {
public:
    void complete(EventBody& intent, const State& state, TimeMs now) override;
    void react(const State& state, const std::vector<Event>& applied, TimeMs now, std::vector<EventBody>& out) override;
};

/// Backend links going silent (通信中断) and coming back, journaled as
/// link.state: lost after `silent_after_ms` without a message (the status bar's
/// threshold), live at the next one. After a start every link gets the
/// threshold again before it is called lost (the console was away, not it).
class LinkWatch final : public Decider {
public:
    explicit LinkWatch(TimeMs silent_after_ms) : silent_after_ms_(silent_after_ms) {}
    void atStart(const State& state, TimeMs now, std::vector<EventBody>& out) override;
    void react(const State& state, const std::vector<Event>& applied, TimeMs now, std::vector<EventBody>& out) override;
    void due(const State& state, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) override;

private:
    TimeMs silent_after_ms_;
    TimeMs started_ms_ = 0;
    std::map<std::string, TimeMs> lost_since_; // decided lost (journaled or on its way): silent since (its last message)
    std::map<std::string, TimeMs> last_heard_; // each backend's last message, heartbeats included (they leave no state)
};

/// The upward-reporting deadlines of the rules file, journaled (rules.reporting)
/// at start when they differ from the rule in force in the state.
class ReportingRule final : public Decider {
public:
    explicit ReportingRule(ReportWindows configured) : configured_(configured) {}
    void atStart(const State& state, TimeMs now, std::vector<EventBody>& out) override;

private:
    ReportWindows configured_;
};

/// @brief The regions of `layout` the linkage director places alarm cameras in, in layout order.
std::vector<LinkageRegion> linkageRegionsOf(const layouts::Layout& layout);

/// Camera linkage (model/linkage.hpp) on the authority: follows the layout the
/// wall shows (its layout.switch events), takes the operator's 恢复 as an
/// intent, and journals every change as linkage.show.
class LinkageDecider final : public Decider {
public:
    /// layouts: each layout's linkage regions by name; start_layout: the one shown first.
    LinkageDecider(std::map<std::string, std::vector<LinkageRegion>> layouts, std::string start_layout,
                   ConsoleRules rules);
    void complete(EventBody& intent, const State& state, TimeMs now) override;
    void atStart(const State& state, TimeMs now, std::vector<EventBody>& out) override;
    void react(const State& state, const std::vector<Event>& applied, TimeMs now, std::vector<EventBody>& out) override;
    void due(const State& state, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) override;

private:
    void show(const std::string& layout);
    void decide(const State& state, TimeMs now, std::vector<EventBody>& out);

    std::map<std::string, std::vector<LinkageRegion>> layouts_;
    std::string shown_layout_;
    ConsoleRules rules_;
    LinkageDirector director_;
    uint64_t alarms_generation_ = 1;          // moves with every batch that touched an alarm
    std::vector<std::string> touched_;        // the alarms the last batch touched
};

} // namespace wall::core
