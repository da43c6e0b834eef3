#include "field_reader.hpp"

#include "json_writer.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace wall::protocol {

void failAt(RejectReason reason, const JsonPath& path, const std::string& what) {
    throw FieldError{reason, path.str() + ": " + what};
}

namespace {

// Quotes a string for a detail, cut at a character boundary so details stay short.
std::string quoteForDetail(std::string_view s) {
    constexpr size_t kMaxShown = 48;
    std::string shown;
    auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
        size_t len = utf8SequenceLength(p + i, s.size() - i);
        if (len == 0) len = 1;
        if (i + len > kMaxShown) break;
        i += len;
    }
    std::string out;
    appendJsonString(out, s.substr(0, i));
    if (i < s.size()) out += "...";
    return out;
}

std::string numberText(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

} // namespace

std::string describe(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "boolean true" : "boolean false";
    case json::value_t::string: return "string " + quoteForDetail(v.get_ref<const std::string&>());
    case json::value_t::number_integer: return "number " + std::to_string(v.get<int64_t>());
    case json::value_t::number_unsigned: return "number " + std::to_string(v.get<uint64_t>());
    case json::value_t::number_float: return "number " + numberText(v.get<double>());
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "unsupported value";
    }
}

std::string readString(const json& v, const JsonPath& path, StringRule rule) {
    if (!v.is_string()) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty() && !rule.allow_empty) failAt(RejectReason::BadValue, path, "must not be empty");
    if (s.size() > rule.max_bytes)
        failAt(RejectReason::BadValue, path,
               std::to_string(s.size()) + " bytes exceed the limit of " + std::to_string(rule.max_bytes) + " bytes");
    if (rule.max_bytes != kUncheckedRule.max_bytes) {
        for (unsigned char c : s) {
            if (c >= 0x20 && c != 0x7F) continue;
            if (rule.allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", c);
            failAt(RejectReason::BadValue, path, std::string("control character ") + code + " not allowed");
        }
    }
    return s;
}

namespace {

// A float that holds an integral value is reported as out of range (it came
// from an integer too big for 64 bits); any other float is the wrong type.
[[noreturn]] void failNumberType(const json& v, const JsonPath& path, const std::string& range) {
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) >= 9223372036854775808.0)
            failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + describe(v));
        failAt(RejectReason::WrongFieldType, path, "expected an integer (no fraction or exponent), got " + describe(v));
    }
    failAt(RejectReason::WrongFieldType, path, "expected an integer, got " + describe(v));
}

} // namespace

int64_t readInt(const json& v, const JsonPath& path, int64_t min, int64_t max) {
    const std::string range = std::to_string(min) + ".." + std::to_string(max);
    if (v.is_number_integer() && !v.is_number_unsigned()) {
        const int64_t i = v.get<int64_t>();
        if (i < min || i > max) failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + describe(v));
        return i;
    }
    if (v.is_number_unsigned()) {
        const uint64_t u = v.get<uint64_t>();
        if (max < 0 || u > static_cast<uint64_t>(max) || (min > 0 && u < static_cast<uint64_t>(min)))
            failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + describe(v));
        return static_cast<int64_t>(u);
    }
    failNumberType(v, path, range);
}

uint64_t readUint(const json& v, const JsonPath& path, uint64_t min, uint64_t max) {
    const std::string range = std::to_string(min) + ".." + std::to_string(max);
    if (v.is_number_unsigned()) {
        const uint64_t u = v.get<uint64_t>();
        if (u < min || u > max) failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + describe(v));
        return u;
    }
    if (v.is_number_integer()) // negative: nlohmann stores non-negative integers as unsigned
        failAt(RejectReason::BadValue, path, "expected an integer in " + range + ", got " + describe(v));
    failNumberType(v, path, range);
}

bool readBool(const json& v, const JsonPath& path) {
    if (!v.is_boolean()) failAt(RejectReason::WrongFieldType, path, "expected boolean, got " + describe(v));
    return v.get<bool>();
}

WarningLevel readLevel(const json& v, const JsonPath& path) {
    if (!v.is_string()) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto level = levelFromWire(v.get_ref<const std::string&>())) return *level;
    failAt(RejectReason::BadValue, path, "expected one of red|orange|yellow|blue, got " + describe(v).substr(7));
}

TaskStatus readTaskStatus(const json& v, const JsonPath& path) {
    if (!v.is_string()) failAt(RejectReason::WrongFieldType, path, "expected string, got " + describe(v));
    if (auto status = taskStatusFromWire(v.get_ref<const std::string&>())) return *status;
    failAt(RejectReason::BadValue, path,
           "expected one of assigned|accepted|in_progress|done|cancelled, got " + describe(v).substr(7));
}

ObjectReader::ObjectReader(const json& value, JsonPath path) : obj_(value), path_(path) {
    if (!obj_.is_object()) failAt(RejectReason::WrongFieldType, path_, "expected object, got " + describe(obj_));
}

const json* ObjectReader::find(std::string_view key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
}

const json& ObjectReader::require(std::string_view key) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) failAt(RejectReason::MissingField, path_.member(key), "required field is missing");
    return *it;
}

std::string ObjectReader::requiredString(std::string_view key, StringRule rule) const {
    return readString(require(key), path_.member(key), rule);
}

std::string ObjectReader::optionalString(std::string_view key, StringRule rule) const {
    const json* m = find(key);
    return m ? readString(*m, path_.member(key), rule) : std::string();
}

std::optional<std::string> ObjectReader::maybeString(std::string_view key, StringRule rule) const {
    const json* m = find(key);
    if (!m) return std::nullopt;
    return readString(*m, path_.member(key), rule);
}

int64_t ObjectReader::requiredInt(std::string_view key, int64_t min, int64_t max) const {
    return readInt(require(key), path_.member(key), min, max);
}

int64_t ObjectReader::optionalInt(std::string_view key, int64_t min, int64_t max, int64_t absent) const {
    const json* m = find(key);
    return m ? readInt(*m, path_.member(key), min, max) : absent;
}

uint64_t ObjectReader::requiredUint(std::string_view key, uint64_t min, uint64_t max) const {
    return readUint(require(key), path_.member(key), min, max);
}

bool ObjectReader::requiredBool(std::string_view key) const { return readBool(require(key), path_.member(key)); }

std::vector<std::string> readIdList(const ObjectReader& obj, std::string_view key, bool required) {
    std::vector<std::string> ids;
    obj.forEach(key, required, kMaxArrayEntries, [&](const json& element, const JsonPath& path) {
        ids.push_back(readString(element, path, kIdRule));
    });
    return ids;
}

} // namespace wall::protocol
