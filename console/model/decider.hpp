// A maker of the console's own decisions, run on the authority (the ingest
// thread) and nowhere else: from the state, the clock and configuration it
// decides events that the worker journals (source "operator"), applies and
// publishes. The wall that draws never decides, so a replay or a second render
// PC shows these decisions without making them again.
//
// Thread contract: every method is called on the ingest thread only, unless a
// decider documents a method of its own as callable from elsewhere.
#pragma once

#include "model.hpp"

#include <optional>
#include <vector>

namespace wall {

class Decider {
public:
    virtual ~Decider() = default;
    /// @brief Fills in what an operator's intent leaves to the authority (who acted, what a revert shows) before it is journaled.
    virtual void complete(EventBody& /*intent*/, const State& /*state*/, TimeMs /*now*/) {}
    /// @brief Once, at start: what a crash may have cut off, or configuration that must reach the journal.
    virtual void atStart(const State& /*state*/, TimeMs /*now*/, std::vector<EventBody>& /*out*/) {}
    /// @brief Decisions caused by a batch just applied to `state`.
    virtual void react(const State& /*state*/, const std::vector<Event>& /*applied*/, TimeMs /*now*/,
                       std::vector<EventBody>& /*out*/) {}
    /// @brief Decisions due at `now`; lowers `next_due` to this decider's next timer, if it has one.
    virtual void due(const State& /*state*/, TimeMs /*now*/, std::optional<TimeMs>& /*next_due*/,
                     std::vector<EventBody>& /*out*/) {}
};

} // namespace wall
