// Alarm load: the figures of floods and noise (EEMUA 191 / ISA-18.2) and the
// flood grouping of the board. Kept incrementally next to AlarmOrder on the UI
// thread: at 100,000 alarms and 5,000 activations/s nothing here walks all
// alarms per frame. Rate = activations in the last flood window (per-second
// buckets); stale = active alarms raised before now - stale_after (a cursor
// over alarms ordered by raise time that only moves forward); groups =
// main-order non-red alarms by (site, category), each with its members in
// board order. Pure: no I/O, no clock of its own (the caller passes now).
#pragma once

#include "alarm_order.hpp"
#include "rules.hpp"

#include <compare>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wall {

/// @brief Activations of `a` at times in (now - window, now].
int activationsWithin(const Alarm& a, TimeMs now_ms, TimeMs window_ms);
/// @brief Chattering: at least chatter_count activations within the chatter window up to now.
bool isChattering(const Alarm& a, TimeMs now_ms, const FloodRules& rules);
/// @brief Stale: active for longer than stale_after_s.
bool isStale(const Alarm& a, TimeMs now_ms, const FloodRules& rules);

/// What a flood row stands for: one site (township, village, area) and category.
struct AlarmGroupKey {
    std::string township;
    std::string village;
    std::string area;
    std::string category;
    auto operator<=>(const AlarmGroupKey&) const = default;
};
AlarmGroupKey groupKeyOf(const Alarm& a);

/// One flood row: the main-order non-red alarms of a site and category.
struct AlarmGroup {
    AlarmGroupKey key;
    std::set<AlarmOrder::Key> members;              // in board order
    std::array<int, kWarningLevelCount> by_level{};
    int needs_ack = 0;                              // unacked or returned-unacked members

    WarningLevel worst() const;
    int count() const { return static_cast<int>(members.size()); }
};

/// A new activation (first raise or re-raise after clear) seen in committed events.
struct Activation {
    std::string id;
    WarningLevel level = WarningLevel::Blue;
    TimeMs recv_ms = 0;
    bool chattering = false;   // it was chattering when it activated: no flash, no sound
};

class AlarmLoad {
public:
    /// Group order: worst level, groups needing an ack first, bigger first, then by key.
    using GroupOrderKey = std::tuple<int, int, int, AlarmGroupKey>;

    /// @brief The thresholds (flood window, chattering, stale). Takes effect at the next tick.
    void setRules(const FloodRules& rules);
    const FloodRules& rules() const { return rules_; }

    /// @brief Re-files one alarm after an event touched it (or drops it if gone); notes a new activation.
    void refresh(const State& state, const std::string& id);
    /// @brief Rebuilds from scratch (after recovery); past activations count toward the rate, none is "new".
    void rebuild(const State& state);
    /// @brief Advances the clock: prunes the rate window, moves the stale cursor. Once per frame.
    void tick(TimeMs now_ms);

    /// Activations in the last flood window, as of the last tick.
    int rate() const { return window_sum_; }
    /// More than flood_count activations in the flood window.
    bool flooding() const { return window_sum_ > rules_.flood_count; }
    /// Active alarms older than stale_after, as of the last tick.
    int staleCount() const { return stale_count_; }

    const std::map<AlarmGroupKey, AlarmGroup>& groups() const { return groups_; }
    /// Groups in board order (look each up in groups()).
    const std::set<GroupOrderKey>& groupOrder() const { return group_order_; }
    /// @brief A group's key in groupOrder().
    static GroupOrderKey orderKeyOf(const AlarmGroup& g);

    /// @brief New activations since the last take (oldest first, capped), for the sound.
    std::vector<Activation> takeActivations();
    /// The newest red or orange activation that was not chattering (the board header's flash); null if none.
    const Activation* attention() const { return attention_.id.empty() ? nullptr : &attention_; }

private:
    struct Filed {
        uint32_t raise_count = 0;
        AlarmGroup* group = nullptr;           // null when not grouped (red, shelved, suppressed)
        AlarmOrder::Key key;                   // its key inside the group
        TimeMs active_raised_ms = 0;           // its entry in active_by_raised_ (when active)
        bool active = false;
    };

    void file(const Alarm& a, Filed& f);
    void unfile(const std::string& id, Filed& f);
    void addActivation(TimeMs recv_ms);
    bool staleAt(TimeMs raised_ms) const { return raised_ms < stale_threshold_ms_; }

    FloodRules rules_;
    std::unordered_map<std::string, Filed> filed_;         // id → what it contributes now
    std::map<AlarmGroupKey, AlarmGroup> groups_;           // node addresses are stable
    std::set<GroupOrderKey> group_order_;
    std::map<int64_t, int> activations_per_s_;             // second → activations (within the window + 1 s)
    int window_sum_ = 0;                                   // sum of activations_per_s_
    std::set<std::pair<TimeMs, std::string>> active_by_raised_;
    TimeMs stale_threshold_ms_ = INT64_MIN;                // raised before this = stale
    int stale_count_ = 0;
    std::vector<Activation> fresh_;                        // new activations not yet taken
    Activation attention_;
};

} // namespace wall
