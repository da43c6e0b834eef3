// The tables derived from the event types' records (model/describe.hpp: one
// record per type, beside its description: wire name, who may send it, which
// alarm it touches). eventTypeName, touchedAlarmId, the parser's type table
// and the list of backend types in its errors come from here;
// docs/protocol.md section 4 lists the Backend ones (a test keeps it so).
#pragma once

#include "describe.hpp"
#include "model.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace wall {

using desc::BodyRecord;
using desc::bodyRecord;
using desc::Sender;

constexpr size_t kEventTypeCount = std::variant_size_v<EventBody>;
template <size_t I> using EventAlternative = std::variant_alternative_t<I, EventBody>;

/// The records' names and senders in EventBody order (index = EventBody::index()).
struct EventTypeInfo {
    const char* name;
    Sender sender;
};
namespace detail {
template <size_t... I> constexpr std::array<EventTypeInfo, kEventTypeCount> eventTypeTable(std::index_sequence<I...>) {
    return {EventTypeInfo{bodyRecord<EventAlternative<I>>().name, bodyRecord<EventAlternative<I>>().sender}...};
}
} // namespace detail
inline constexpr std::array<EventTypeInfo, kEventTypeCount> kEventTypes =
    detail::eventTypeTable(std::make_index_sequence<kEventTypeCount>{});

/// @brief Calls f(std::type_identity<T>{}) for every event type T, in EventBody order.
template <class F> constexpr void forEachEventType(F&& f) {
    [&]<size_t... I>(std::index_sequence<I...>) { (f(std::type_identity<EventAlternative<I>>{}), ...); }(
        std::make_index_sequence<kEventTypeCount>{});
}

/// @brief Index in EventBody of the type named `name` on the wire; kEventTypeCount when none.
inline size_t eventTypeIndex(std::string_view name) {
    for (size_t i = 0; i < kEventTypeCount; ++i)
        if (name == kEventTypes[i].name) return i;
    return kEventTypeCount;
}

} // namespace wall
