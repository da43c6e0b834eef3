// Typed, bounded access to the members of a parsed JSON object, over either
// parser (json_value.hpp). Every check that fails throws FieldError whose
// detail starts with the member's path, e.g.
// "body.level: expected one of red|orange|yellow|blue, got \"purple\"".
// Internal to wall_protocol.
#pragma once

#include "json_path.hpp"
#include "json_value.hpp"
#include "protocol/protocol.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wall::protocol {

/// Thrown by the readers; converted to a Rejection at the top of a parse.
struct FieldError {
    RejectReason reason;
    std::string detail;
};

/// @brief Throws FieldError{reason, "<path>: <what>"}.
[[noreturn]] void failAt(RejectReason reason, const JsonPath& path, const std::string& what);

/// @brief A string for a detail: JSON-quoted, cut after 48 bytes at a character boundary.
std::string quoteForDetail(std::string_view s);
/// @brief A double for a detail, exactly as both parsers hold it.
std::string numberForDetail(double d);

/// @brief Short description of a value for error details: string "purple", number 5, null, array...
template <class V> std::string describe(const V& v) {
    switch (v.kind()) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return v.asBool() ? "boolean true" : "boolean false";
    case JsonKind::String: return "string " + quoteForDetail(v.asString());
    case JsonKind::Int: return "number " + std::to_string(v.asInt());
    case JsonKind::Uint: return "number " + std::to_string(v.asUint());
    case JsonKind::Float: return "number " + numberForDetail(v.asDouble());
    case JsonKind::Array: return "array";
    case JsonKind::Object: return "object";
    }
    return "value";
}

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

/// @brief Throws BadValue unless value is one of choices ("a|b"), naming them.
void checkChoice(const std::string& value, const JsonPath& path, std::string_view choices);

/// @brief True for "YYYY-MM-DD" naming a real calendar day (1970 or later).
bool isCalendarDate(std::string_view s);

/// @brief Throws unless s obeys rule (length, emptiness, control characters).
void checkString(std::string_view s, const JsonPath& path, StringRule rule);

/// @brief Throws for a number that is not an integer: out of range when it is integral, else wrong type.
[[noreturn]] void failNotInteger(double d, const std::string& described, const JsonPath& path, const std::string& range);

template <class V> std::string readString(const V& v, const JsonPath& path, StringRule rule) {
    if (v.kind() != JsonKind::String) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    const std::string_view s = v.asString();
    checkString(s, path, rule);
    return std::string(s);
}

/// @brief Checks that value is an integer in [min, max].
template <class V> int64_t readInt(const V& v, const JsonPath& path, int64_t min, int64_t max) {
    const auto range = [&] { return std::to_string(min) + ".." + std::to_string(max); };
    switch (v.kind()) {
    case JsonKind::Int: {
        const int64_t i = v.asInt();
        if (i < min || i > max) failAt(RejectReason::BadValue, path, "expected an integer in " + range() + ", got " + describe(v));
        return i;
    }
    case JsonKind::Uint: {
        const uint64_t u = v.asUint();
        if (max < 0 || u > static_cast<uint64_t>(max) || (min > 0 && u < static_cast<uint64_t>(min)))
            failAt(RejectReason::BadValue, path, "expected an integer in " + range() + ", got " + describe(v));
        return static_cast<int64_t>(u);
    }
    case JsonKind::Float: failNotInteger(v.asDouble(), describe(v), path, range());
    default: failAt(RejectReason::WrongFieldType, path, "expected an integer, got " + describe(v));
    }
}

/// @brief Checks that value is an unsigned integer in [min, max].
template <class V> uint64_t readUint(const V& v, const JsonPath& path, uint64_t min, uint64_t max) {
    const auto range = [&] { return std::to_string(min) + ".." + std::to_string(max); };
    uint64_t u = 0;
    switch (v.kind()) {
    case JsonKind::Int:
        if (v.asInt() < 0) failAt(RejectReason::BadValue, path, "expected an integer in " + range() + ", got " + describe(v));
        u = static_cast<uint64_t>(v.asInt());
        break;
    case JsonKind::Uint: u = v.asUint(); break;
    case JsonKind::Float: failNotInteger(v.asDouble(), describe(v), path, range());
    default: failAt(RejectReason::WrongFieldType, path, "expected an integer, got " + describe(v));
    }
    if (u < min || u > max) failAt(RejectReason::BadValue, path, "expected an integer in " + range() + ", got " + describe(v));
    return u;
}

template <class V> bool readBool(const V& v, const JsonPath& path) {
    if (v.kind() != JsonKind::Bool) failAt(RejectReason::WrongFieldType, path, "expected boolean, got " + describe(v));
    return v.asBool();
}

template <class V> WarningLevel readLevel(const V& v, const JsonPath& path) {
    if (v.kind() != JsonKind::String) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto level = levelFromWire(v.asString())) return *level;
    failAt(RejectReason::BadValue, path, "expected one of red|orange|yellow|blue, got " + quoteForDetail(v.asString()));
}

template <class V> TaskStatus readTaskStatus(const V& v, const JsonPath& path) {
    if (v.kind() != JsonKind::String) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto status = taskStatusFromWire(v.asString())) return *status;
    failAt(RejectReason::BadValue, path,
           "expected one of assigned|accepted|in_progress|done|cancelled, got " + quoteForDetail(v.asString()));
}

/// A JSON object being read; holds its path so members can name themselves.
/// Must not outlive the JSON value or the parent path it was made from.
template <class V> class ObjectReader {
public:
    /// @brief Throws WrongFieldType when value is not an object.
    ObjectReader(const V& value, JsonPath path) : obj_(value), path_(path) {
        if (obj_.kind() != JsonKind::Object) failAt(RejectReason::WrongFieldType, path_, "expected object, got " + describe(obj_));
    }
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    const JsonPath& path() const { return path_; }
    /// @brief The member, or nullopt when it is absent or JSON null (null means "not given").
    std::optional<V> find(std::string_view key) const {
        auto m = obj_.member(key);
        if (!m || m->kind() == JsonKind::Null) return std::nullopt;
        return m;
    }
    /// @brief The member; throws MissingField when absent (a JSON null is a wrong type, not missing).
    V require(std::string_view key) const {
        auto m = obj_.member(key);
        if (!m) failAt(RejectReason::MissingField, path_.member(key), "required field is missing");
        return *m;
    }

    std::string requiredString(std::string_view key, StringRule rule) const {
        return readString(require(key), path_.member(key), rule);
    }
    std::string optionalString(std::string_view key, StringRule rule) const {
        auto m = find(key);
        return m ? readString(*m, path_.member(key), rule) : std::string();
    }
    std::optional<std::string> maybeString(std::string_view key, StringRule rule) const {
        auto m = find(key);
        if (!m) return std::nullopt;
        return readString(*m, path_.member(key), rule);
    }
    int64_t requiredInt(std::string_view key, int64_t min, int64_t max) const {
        return readInt(require(key), path_.member(key), min, max);
    }
    int64_t optionalInt(std::string_view key, int64_t min, int64_t max, int64_t absent) const {
        auto m = find(key);
        return m ? readInt(*m, path_.member(key), min, max) : absent;
    }
    uint64_t requiredUint(std::string_view key, uint64_t min, uint64_t max) const {
        return readUint(require(key), path_.member(key), min, max);
    }
    bool requiredBool(std::string_view key) const { return readBool(require(key), path_.member(key)); }

    /// @brief Calls visit(element, element_path) for each entry of the array member.
    /// Returns false when the member is absent (MissingField when required).
    template <class Visit>
    bool forEach(std::string_view key, bool required, size_t max_entries, Visit&& visit) const {
        std::optional<V> member = required ? std::optional<V>(require(key)) : find(key);
        if (!member) return false;
        const JsonPath member_path = path_.member(key);
        if (member->kind() != JsonKind::Array)
            failAt(RejectReason::WrongFieldType, member_path, "expected array, got " + describe(*member));
        const size_t n = member->size();
        if (n > max_entries)
            failAt(RejectReason::BadValue, member_path,
                   std::to_string(n) + " entries exceed the limit of " + std::to_string(max_entries));
        size_t i = 0;
        member->forEachElement([&](const V& element) {
            const JsonPath element_path = member_path.element(i++);
            visit(element, element_path);
        });
        return true;
    }

    /// @brief Calls visit(ObjectReader&) on the object member; returns false when absent.
    template <class Visit>
    bool withObject(std::string_view key, bool required, Visit&& visit) const {
        std::optional<V> member = required ? std::optional<V>(require(key)) : find(key);
        if (!member) return false;
        ObjectReader child(*member, path_.member(key));
        visit(child);
        return true;
    }

private:
    V obj_;
    JsonPath path_;
};

/// @brief A list of ids (camera ids and the like), at most kMaxArrayEntries.
template <class V>
std::vector<std::string> readIdList(const ObjectReader<V>& obj, std::string_view key, bool required) {
    std::vector<std::string> ids;
    obj.forEach(key, required, kMaxArrayEntries, [&](const V& element, const JsonPath& path) {
        ids.push_back(readString(element, path, kIdRule));
    });
    return ids;
}

} // namespace wall::protocol
