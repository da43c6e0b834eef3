// Camera linkage: which alarm's cameras each linkage region of the wall shows.
// The LinkageDirector is a pure decision unit, run on the authority by
// core::LinkageDecider after each applied batch and on its timer; its changes
// are journaled (linkage.show) and handed to the wall with the alarm that
// caused them, so a region shows an alarm's cameras in the very frame the
// alarm is applied. state.linkage replays them after a restart.
//
// Rules:
//  - cameras come from the alarm itself, else from the rules' linkage table
//    (device match beats site match; a site matches the area, then the village,
//    then the township);
//  - each alarm goes to the linkage region its rule prefers, else the first one;
//    takeover regions (a camera grid with linkage_takeover) take red warnings only;
//  - the higher level wins; a region keeps an alarm at least hold_s, but a strictly
//    higher level takes over at once; after the hold, a newer alarm may replace it;
//  - a region reverts to its own cameras revert_after_ack_s after the alarm's ack
//    (never inside the hold), at once when the alarm is gone, or by the operator.
#pragma once

#include "model.hpp"
#include "rules.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wall {

/// A layout region the director places alarm cameras in.
struct LinkageRegion {
    std::string name;
    std::vector<std::string> own_cameras;  // shown when no alarm is linked
    bool red_takeover_only = false;        // a camera grid a red warning may take over
};

/// What one region shows now.
struct LinkageDecision {
    std::string region;
    std::string alarm_id;               // empty: the region's own cameras
    std::vector<std::string> cameras;   // the alarm's linked cameras (empty when alarm_id is empty)
    WarningLevel level = WarningLevel::Blue;
    TimeMs since_ms = 0;                // when the region started showing this alarm (hold time)
    TimeMs dismissed_before_ms = 0;     // operator revert: alarms raised up to then no longer take the region
};

/// @brief The cameras linked to `alarm`: its own, else the best matching rule's. `preferred_region` gets the rule's region.
std::vector<std::string> linkedCameras(const Alarm& alarm, const std::vector<LinkageRule>& rules,
                                       std::string* preferred_region = nullptr);

class LinkageDirector {
public:
    /// @brief Sets the active layout's linkage regions (in layout order); decisions of regions that stay are kept.
    void setRegions(std::vector<LinkageRegion> regions);

    /// @brief Picks up what the journal says the regions showed (state.linkage), without reporting it again.
    void resume(const State& state, TimeMs now);

    /// @brief Decides every region for this frame; returns the changes to journal (each change once).
    /// alarms_generation: moves whenever the alarms change (UiModel::alarms_generation); while it
    /// stays, the last scan of the alarms is reused. 0 = unknown: scan every time.
    /// touched: the alarms changed since the last call (UiModel::touched_alarms); lets a new alarm
    /// be weighed alone between full passes. nullptr: unknown, pass over all alarms.
    std::vector<LinkageShow> update(const State& state, TimeMs now, const ConsoleRules& rules,
                                    uint64_t alarms_generation = 0, const std::vector<std::string>* touched = nullptr);

    /// @brief The operator's 恢复: the region shows its own cameras; returns the change to journal.
    LinkageShow revertByOperator(std::string_view region, TimeMs now);

    /// @brief What `region` shows, or nullptr when it is not a linkage region of the active layout.
    const LinkageDecision* decision(std::string_view region) const;
    const std::vector<LinkageRegion>& regions() const { return regions_; }

private:
    /// A region's best newcomer of the last scan (valid while the alarms have not changed).
    struct Candidate {
        const Alarm* alarm = nullptr;   // valid while alarm_id is not among the touched alarms
        std::string alarm_id;
        std::vector<std::string> cameras;
    };
    LinkageDecision& decisionFor(const std::string& region);
    /// Weighs one alarm against each region's best so far.
    void consider(const Alarm& alarm, const ConsoleRules& rules, const std::vector<LinkageDecision*>& decided,
                  int first_plain);
    void refreshBest(const State& state, const ConsoleRules& rules,
                     const std::vector<LinkageDecision*>& decided, int first_plain, uint64_t alarms_generation,
                     const std::vector<std::string>* touched, bool force);

    std::vector<LinkageRegion> regions_;      // active layout's linkage regions, layout order
    std::vector<LinkageDecision> decisions_;  // one per region name ever seen (kept across layout switches)
    std::vector<Candidate> best_;             // per region of regions_, from the last scan
    uint64_t scanned_generation_ = 0;         // alarms generation of that scan (0 = unknown: every call scans)
    bool invalidated_ = true;                 // regions, dismissals or the resumed state changed: scan fully
};

} // namespace wall
