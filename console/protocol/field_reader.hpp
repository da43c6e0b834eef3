// Typed, bounded access to the members of a parsed JSON object. Every check
// that fails throws FieldError whose detail starts with the member's path,
// e.g. "body.level: expected one of red|orange|yellow|blue, got \"purple\"".
// Internal to wall_protocol.
#pragma once

#include "json_path.hpp"
#include "protocol/protocol.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace wall::protocol {

using nlohmann::json;

/// Thrown by the readers; converted to a Rejection at the top of a parse.
struct FieldError {
    RejectReason reason;
    std::string detail;
};

/// @brief Throws FieldError{reason, "<path>: <what>"}.
[[noreturn]] void failAt(RejectReason reason, const JsonPath& path, const std::string& what);

/// @brief Short description of a value for error details: string "purple", number 5, null, array...
std::string describe(const json& value);

/// What a string member may hold.
struct StringRule {
    size_t max_bytes;     // inclusive limit on the UTF-8 byte length
    bool allow_empty;     // "" accepted
    bool allow_newlines;  // \t \n \r accepted (other control characters never are)
};
constexpr StringRule kIdRule{kMaxIdBytes, false, false};          // ids, names of things
constexpr StringRule kSourceRule{kMaxSourceBytes, false, false};  // envelope source
constexpr StringRule kTextRule{kMaxTextBytes, true, true};        // optional free text
constexpr StringRule kRequiredTextRule{kMaxTextBytes, false, true};
constexpr StringRule kShortTextRule{kMaxIdBytes, true, false};     // optional short: phone, role, group
constexpr StringRule kUncheckedRule{static_cast<size_t>(-1), true, true}; // checkpoints: type only

/// @brief Checks that value is a string obeying rule, and returns it.
std::string readString(const json& value, const JsonPath& path, StringRule rule);
/// @brief Checks that value is an integer in [min, max].
int64_t readInt(const json& value, const JsonPath& path, int64_t min, int64_t max);
/// @brief Checks that value is an unsigned integer in [min, max].
uint64_t readUint(const json& value, const JsonPath& path, uint64_t min, uint64_t max);
bool readBool(const json& value, const JsonPath& path);
WarningLevel readLevel(const json& value, const JsonPath& path);
TaskStatus readTaskStatus(const json& value, const JsonPath& path);

/// A JSON object being read; holds its path so members can name themselves.
/// Must not outlive the JSON value or the parent path it was made from.
class ObjectReader {
public:
    /// @brief Throws WrongFieldType when value is not an object.
    ObjectReader(const json& value, JsonPath path);
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    const JsonPath& path() const { return path_; }
    const json& value() const { return obj_; }
    /// @brief The member, or nullptr when it is absent or JSON null (null means "not given").
    const json* find(std::string_view key) const;
    /// @brief The member; throws MissingField when absent (a JSON null is a wrong type, not missing).
    const json& require(std::string_view key) const;

    std::string requiredString(std::string_view key, StringRule rule) const;
    std::string optionalString(std::string_view key, StringRule rule) const;   // "" when absent
    std::optional<std::string> maybeString(std::string_view key, StringRule rule) const;
    int64_t requiredInt(std::string_view key, int64_t min, int64_t max) const;
    int64_t optionalInt(std::string_view key, int64_t min, int64_t max, int64_t absent) const;
    uint64_t requiredUint(std::string_view key, uint64_t min, uint64_t max) const;
    bool requiredBool(std::string_view key) const;

    /// @brief Calls visit(element, element_path) for each entry of the array member.
    /// Returns false when the member is absent (MissingField when required).
    template <class Visit>
    bool forEach(std::string_view key, bool required, size_t max_entries, Visit&& visit) const {
        const json* member = required ? &require(key) : find(key);
        if (!member) return false;
        const JsonPath member_path = path_.member(key);
        if (!member->is_array()) failAt(RejectReason::WrongFieldType, member_path, "expected array, got " + describe(*member));
        if (member->size() > max_entries)
            failAt(RejectReason::BadValue, member_path,
                   std::to_string(member->size()) + " entries exceed the limit of " + std::to_string(max_entries));
        size_t i = 0;
        for (const json& element : *member) {
            const JsonPath element_path = member_path.element(i++);
            visit(element, element_path);
        }
        return true;
    }

    /// @brief Calls visit(ObjectReader&) on the object member; returns false when absent.
    template <class Visit>
    bool withObject(std::string_view key, bool required, Visit&& visit) const {
        const json* member = required ? &require(key) : find(key);
        if (!member) return false;
        ObjectReader child(*member, path_.member(key));
        visit(child);
        return true;
    }

private:
    const json& obj_;
    JsonPath path_;
};

/// @brief A list of ids (camera ids and the like), at most kMaxArrayEntries.
std::vector<std::string> readIdList(const ObjectReader& obj, std::string_view key, bool required);

} // namespace wall::protocol
