// The console's own alarm decisions, as a pure engine (no I/O, no clock of its
// own): 叫应 calls for new warnings, escalation of unanswered calls to the
// supervising level (谁主管谁叫应), shelve expiry, and out-of-service
// suppression. Each decision is an EventBody the ingest worker journals
// (source "operator"), applies and publishes, so a replay rebuilds the wall
// without these rules.
//
// Thread contract: one engine per ingest worker, used on the ingest thread only.
// The worker pipelines batches, so a decision may be asked for again before the
// state shows it: the engine remembers what it requested until the state
// reflects it (or the alarm is gone, or the request is old enough to retry).
#pragma once

#include "decider.hpp"
#include "model.hpp"
#include "rules.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wall {

class AlarmRules final : public Decider {
public:
    explicit AlarmRules(ConsoleRules rules);

    // As a Decider of the ingest worker: the same decisions, appended to `out`.
    void atStart(const State& state, TimeMs now, std::vector<EventBody>& out) override;
    void react(const State& state, const std::vector<Event>& applied, TimeMs now, std::vector<EventBody>& out) override;
    void due(const State& state, TimeMs now, std::optional<TimeMs>& next_due, std::vector<EventBody>& out) override;

    /// @brief Decisions caused by events just applied to `state` (calls for new warnings, out-of-service).
    std::vector<EventBody> react(const State& state, const std::vector<Event>& applied, TimeMs now);

    /// @brief Decisions that are due at `now`: shelve expiries and escalations of overdue calls.
    /// next_due (optional) gets the earliest timer after now, from the same pass over the alarms.
    std::vector<EventBody> due(const State& state, TimeMs now, std::optional<TimeMs>* next_due = nullptr);

    /// @brief At start-up: reactions a crash may have lost (a raise journaled, its calls or
    /// out-of-service suppression not yet): calls for warnings with none in their current activation.
    std::vector<EventBody> missedBeforeStart(const State& state, TimeMs now);

    /// @brief Earliest time due() will have something to do; nullopt when nothing is pending.
    std::optional<TimeMs> nextDue(const State& state) const;

    const ConsoleRules& rules() const { return rules_; }

private:
    /// A decision issued and not yet visible in the state.
    struct Requested {
        enum class Kind { Call, Escalate, Unshelve, Suppress } kind;
        std::string alarm_id;
        std::string call_id;      // Call: the placed call's id; Escalate: the escalated call's id
        TimeMs shelved_until = 0; // Unshelve: the shelve it ends
        TimeMs issued_ms = 0;     // dropped (so retried) when the state never shows it
        int tier = 0;             // Call: its tier, so a second overdue call of a tier joins the first one's escalation
    };

    void prune(const State& state, TimeMs now);
    bool pending(Requested::Kind kind, const std::string& alarm_id, const std::string& call_id = {}) const;
    bool hasOpenCall(const Alarm& a) const;
    /// Suppresses `a` when the rules list it out of service; true when listed (nobody is called for it).
    bool suppressIfOutOfService(const Alarm& a, TimeMs now, std::vector<EventBody>& out);
    std::string nextCallId(const State& state, const std::string& alarm_id);
    void placeFirstCalls(const State& state, const Alarm& a, TimeMs recv_ms, std::vector<EventBody>& out);
    void escalate(const State& state, const Alarm& a, const Call& c, TimeMs now, std::vector<EventBody>& out);

    ConsoleRules rules_;
    std::vector<Requested> requested_;
    uint64_t issued_serial_ = 0;  // call serials handed out; ahead of state.call_serial while calls are in flight
};

/// @brief The levels of persons who answer for an alarm, responsible first, then each supervisor
/// (village → township → county → the current shift's 带班领导). Empty levels are left out.
std::vector<std::vector<Responder>> callChain(const ConsoleRules& rules, const State& state, const Alarm& alarm,
                                              TimeMs now);

} // namespace wall
