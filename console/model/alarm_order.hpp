// The alarm board's ordering, kept incrementally: the board never sorts
// 100,000 alarms per frame. Lives on the UI thread next to the UI's State
// replica and is told about every alarm that changed.
#pragma once

#include "describe.hpp"
#include "model.hpp"

#include <array>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace wall {

/// The board's orders, kept incrementally. The main order holds the alarms that
/// need the officer (unacked, returned-unacked, acked): warning level (red
/// first), then state (unacked, returned-unacked, acked), newest first, then id.
/// Shelved and suppressed alarms leave the main order for their own lists, which
/// the board always offers (never silently hidden).
class AlarmOrder {
public:
    using Key = std::tuple<int, int, TimeMs, std::string>; // level, stateRank, -raised_ms, id

    /// @brief Rank of a main-order state: unacked 0, returned-unacked 1, acked 2.
    static int stateRank(AlarmState state);
    /// @brief The alarm's key in whichever list it belongs to.
    static Key keyOf(const Alarm& a);

    /// @brief Re-files one alarm after it changed in state (or removes it if gone).
    void refresh(const State& state, const std::string& id);
    /// @brief Rebuilds from scratch (after recovery).
    void rebuild(const State& state);

    const std::set<Key>& ordered() const { return order_; }
    size_t size() const { return order_.size(); }
    const std::set<Key>& shelved() const { return shelved_; }
    const std::set<Key>& suppressed() const { return suppressed_; }
    /// Main-order alarms per warning level, index levelIndex(level).
    const std::array<int, kWarningLevelCount>& countByLevel() const { return by_level_; }
    /// Main-order alarms that still need an ack (unacked or returned-unacked), per level.
    const std::array<int, kWarningLevelCount>& unackedByLevel() const { return unacked_by_level_; }

private:
    enum class List : uint8_t { Main, Shelved, Suppressed };
    struct Filed {
        List list;
        Key key;
    };
    void add(const Filed& filed);
    void remove(const Filed& filed);
    std::set<Key>& listOf(List list);

    std::set<Key> order_;                            // main board order
    std::set<Key> shelved_;                          // shelved, in the same order
    std::set<Key> suppressed_;                       // out of service, in the same order
    std::unordered_map<std::string, Filed> filed_;   // id → where it is now, to find the old entry
    std::array<int, kWarningLevelCount> by_level_{};
    std::array<int, kWarningLevelCount> unacked_by_level_{};
};

/// @brief Ids of the alarms an event touches (empty for non-alarm events).
const std::string* touchedAlarmId(const EventBody& body);

/// @brief Calls visit(text) for every string member of an event or a state (model/describe.hpp)
/// (so the font atlas can cover every character the console may be asked to show).
template <class Visit> void forEachText(const EventBody& body, Visit&& visit);
template <class Visit> void forEachText(const State& state, Visit&& visit);

template <class Visit> void forEachText(const EventBody& body, Visit&& visit) {
    std::visit([&](const auto& e) { desc::forEachString(e, visit); }, body);
}

template <class Visit> void forEachText(const State& state, Visit&& visit) { desc::forEachString(state, visit); }

} // namespace wall
