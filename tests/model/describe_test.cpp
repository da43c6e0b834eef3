// The descriptions (model/describe.hpp) are the one list of every struct's
// members, so the walks built on them must miss none: these tests fill every
// member of a State through the same descriptions, then change one member at
// a time and expect stateHash and firstDifference to notice. A member added
// to a description is covered here without editing this file.
#include "model/describe.hpp"
#include "model/message_types.hpp"
#include "model/alarm_order.hpp"

#include <gtest/gtest.h>

#include <set>

namespace wall {
namespace {

using namespace desc;

// Gives every member a value unlike its default; containers get one entry.
struct Filler {
    int n = 0;
    template <class M> void operator()(const FieldSpec&, M& m) { fill(m); }
    template <class M> void fill(M& m) {
        if constexpr (std::same_as<M, std::string>) m = "s" + std::to_string(++n);
        else if constexpr (std::same_as<M, bool>) m = !m;
        else if constexpr (std::is_enum_v<M>) m = EnumInfo<M>::at((EnumInfo<M>::index(m) + 1) % EnumInfo<M>::count);
        else if constexpr (std::is_arithmetic_v<M>) m = static_cast<M>(m + (++n % 100) + 1);
        else if constexpr (IsVectorT<M>::value) fill(m.emplace_back());
        else if constexpr (IsArrayT<M>::value) { for (auto& e : m) fill(e); }
        else if constexpr (Optional<M>) fill(m.emplace());
        else if constexpr (KeyedMap<M>) {
            typename M::mapped_type value{};
            fill(value);
            std::string key = "key";
            if constexpr (SelfKeyed<typename M::mapped_type>) key = keyOf(value);
            m.emplace(key, std::move(value));
        } else describe(m, *this);
    }
};

// Changes the target-th member (counting containers as members too: growing one must show).
struct Mutator {
    size_t target;
    size_t seen = 0;
    std::string path;     // of the member changed
    std::string at = "";  // where the walk is
    bool was_string = false;
    template <class M> void operator()(const FieldSpec& f, M& m) {
        const std::string outer = at;
        if (!f.flatten) at += std::string(".") + f.key;
        visit(m);
        at = outer;
    }
    bool hit() {
        if (seen++ != target) return false;
        path = at;
        return true;
    }
    template <class M> void visit(M& m) {
        if constexpr (std::same_as<M, std::string>) { if (hit()) { m += "x"; was_string = true; } }
        else if constexpr (std::same_as<M, bool>) { if (hit()) m = !m; }
        else if constexpr (std::is_enum_v<M>) { if (hit()) m = EnumInfo<M>::at((EnumInfo<M>::index(m) + 1) % EnumInfo<M>::count); }
        else if constexpr (std::is_arithmetic_v<M>) { if (hit()) m = static_cast<M>(m + 1); }
        else if constexpr (IsVectorT<M>::value) {
            if (hit()) { m.emplace_back(); return; }
            const std::string outer = at;
            for (size_t i = 0; i < m.size(); ++i) { at = outer + "[" + std::to_string(i) + "]"; visit(m[i]); }
            at = outer;
        } else if constexpr (IsArrayT<M>::value) {
            const std::string outer = at;
            for (size_t i = 0; i < m.size(); ++i) { at = outer + "[" + std::to_string(i) + "]"; visit(m[i]); }
            at = outer;
        } else if constexpr (Optional<M>) {
            if (hit()) { m.reset(); return; }
            if (m) visit(*m);
        } else if constexpr (KeyedMap<M>) {
            if (hit()) { m.emplace("another", typename M::mapped_type{}); return; }
            const std::string outer = at;
            for (auto& [key, value] : m) { at = outer + "[" + key + "]"; visit(value); }
            at = outer;
        } else describe(m, *this);
    }
};

State filledState() {
    State s;
    Filler filler;
    filler.fill(s);
    return s;
}

/// @brief Calls check(changed, mutator) once per member of base, with that one member changed.
template <class Check> size_t forEachChangedMember(const State& base, Check&& check) {
    size_t members = 0;
    for (size_t i = 0;; ++i) {
        State changed = base;
        Mutator m{i};
        m.visit(changed);
        if (m.path.empty()) return members;
        ++members;
        check(changed, m);
    }
}

TEST(Describe, FilledStateHasEveryEntityPopulated) {
    const State s = filledState();
    ASSERT_EQ(s.alarms.size(), 1u);
    const Alarm& a = s.alarms.begin()->second;
    EXPECT_EQ(a.calls.size(), 1u);
    EXPECT_EQ(a.history.size(), 1u);
    EXPECT_FALSE(a.calls[0].person.role.empty());
    EXPECT_EQ(s.roster.shifts.at(0).officers.size(), 1u);
    EXPECT_FALSE(s.roster.shifts.at(0).leader.role.empty());
    EXPECT_EQ(s.normal_activations.size(), 1u);
    EXPECT_TRUE(s.muted[3]);
    EXPECT_NE(s.response.answer_ms[2].size(), 0u);
}

TEST(Describe, StateHashCoversEveryMember) {
    const State base = filledState();
    const uint64_t base_hash = stateHash(base);
    const size_t members = forEachChangedMember(base, [&](const State& changed, const Mutator& m) {
        EXPECT_NE(stateHash(changed), base_hash) << "stateHash misses " << m.path;
        EXPECT_NE(firstDifference(changed, base), "") << "firstDifference misses " << m.path;
    });
    // The members the old hand-written hash left out are among those covered.
    EXPECT_GT(members, 150u);
}

TEST(Describe, FirstDifferenceNamesTheMember) {
    const State base = filledState();
    State changed = base;
    changed.alarms.begin()->second.calls[0].person.role += "x";
    EXPECT_EQ(firstDifference(base, base), "");
    EXPECT_EQ(firstDifference(changed, base), ".alarms[" + base.alarms.begin()->first + "].calls[0].role");
    changed = base;
    changed.incidents.begin()->second.report_note += "x";
    EXPECT_EQ(firstDifference(changed, base), ".incidents[" + base.incidents.begin()->first + "].report_note");
}

TEST(Describe, ForEachTextVisitsEveryString) {
    const State s = filledState();
    std::set<std::string> visited;
    forEachText(s, [&](const std::string& t) { visited.insert(t); });
    // Filler numbered every string it set; map keys repeat an id and are not visited.
    size_t strings = 0;
    forEachChangedMember(s, [&](const State& changed, const Mutator& m) {
        if (!m.was_string) return;
        ++strings;
        std::set<std::string> after;
        forEachText(changed, [&](const std::string& t) { after.insert(t); });
        EXPECT_NE(after, visited) << "forEachText misses " << m.path;
    });
    EXPECT_GT(strings, 60u);
    for (const std::string& t : visited) EXPECT_EQ(t[0], 's') << t;
}

TEST(MessageTypes, RecordsAreUniqueAndTouchTheirAlarm) {
    std::set<std::string> names;
    for (const EventTypeInfo& t : kEventTypes) EXPECT_TRUE(names.insert(t.name).second) << t.name;
    EXPECT_EQ(names.size(), kEventTypeCount);
    forEachEventType([&]<class T>(std::type_identity<T>) {
        T body{};
        Filler filler;
        filler.fill(body);
        const EventBody event = body;
        EXPECT_STREQ(eventTypeName(event), bodyRecord<T>().name);
        const std::string* id = touchedAlarmId(event);
        constexpr auto record = bodyRecord<T>();
        if constexpr (record.alarm != nullptr) {
            ASSERT_NE(id, nullptr) << record.name;
            EXPECT_EQ(id, record.alarm(std::get<T>(event)));
        } else {
            EXPECT_EQ(id, nullptr) << record.name;
        }
    });
}

} // namespace
} // namespace wall
