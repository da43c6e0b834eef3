// Where a value sits inside a message ("body.shifts[2].leader.name"), built
// on the stack while walking a document and turned into text only when an
// error has to name it. Internal to wall_protocol.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wall::protocol {

struct JsonPath {
    const JsonPath* parent = nullptr; // enclosing value; nullptr at the root
    std::string_view key;             // member name, or the root's display name
    long index = -1;                  // array index when this is an element
    bool hidden_root = false;         // root whose name children do not repeat ("v", not "message.v")

    /// @brief The root of a document, shown as name when an error is about the root itself.
    static JsonPath root(std::string_view name, bool hidden_in_children) {
        return JsonPath{nullptr, name, -1, hidden_in_children};
    }
    /// @brief Path of member key; the result must not outlive *this.
    JsonPath member(std::string_view k) const { return JsonPath{this, k, -1, false}; }
    /// @brief Path of array element i; the result must not outlive *this.
    JsonPath element(size_t i) const { return JsonPath{this, {}, static_cast<long>(i), false}; }

    /// @brief Dotted text form, e.g. body.shifts[2].leader.name.
    std::string str() const;
};

} // namespace wall::protocol
