#include "schema_subset_validator.hpp"

#include <regex>
#include <set>

namespace wall::protocol::test {
namespace {

using nlohmann::json;

size_t codePoints(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool hasType(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
}

// Numbers compare by value across integer kinds (JSON Schema equality).
bool jsonEqual(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_number_unsigned() && b.is_number_unsigned()) return a.get<uint64_t>() == b.get<uint64_t>();
        if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() && !b.is_number_unsigned())
            return a.get<int64_t>() == b.get<int64_t>();
        return a.get<double>() == b.get<double>();
    }
    return a == b;
}

bool numberBelow(const json& v, const json& bound) { // v < bound
    if (v.is_number_unsigned() && bound.is_number_unsigned()) return v.get<uint64_t>() < bound.get<uint64_t>();
    if (v.is_number_integer() && bound.is_number_integer()) {
        if (v.is_number_unsigned()) return false; // v >= 0 > negative bound handled below
        if (bound.is_number_unsigned()) return true;
        return v.get<int64_t>() < bound.get<int64_t>();
    }
    return v.get<double>() < bound.get<double>();
}

const std::set<std::string> kKnown = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "default", "examples", "allOf", "anyOf", "not",
    "type", "const", "enum", "required", "properties", "items", "minItems", "maxItems", "minLength", "maxLength",
    "minimum", "maximum", "pattern"};

void collectUnknown(const json& schema, std::vector<std::string>& out) {
    if (!schema.is_object()) return;
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!kKnown.count(it.key())) out.push_back(it.key());
        if (it.key() == "properties" || it.key() == "$defs")
            for (const auto& sub : it.value()) collectUnknown(sub, out);
        else if (it.key() == "allOf" || it.key() == "anyOf")
            for (const auto& sub : it.value()) collectUnknown(sub, out);
        else if (it.key() == "items" || it.key() == "not")
            collectUnknown(it.value(), out);
    }
}

} // namespace

void SchemaSubsetValidator::add(const std::string& file_name, json schema) { schemas_[file_name] = std::move(schema); }

std::vector<std::string> SchemaSubsetValidator::unsupportedKeywords(const std::string& file_name) const {
    std::vector<std::string> out;
    collectUnknown(schemas_.at(file_name), out);
    return out;
}

std::vector<std::string> SchemaSubsetValidator::validate(const std::string& file_name, const json& instance) const {
    std::vector<std::string> errors;
    const json& schema = schemas_.at(file_name);
    check(schema, schema, instance, "", errors);
    return errors;
}

void SchemaSubsetValidator::check(const json& s, const json& root, const json& v, const std::string& path,
                                  std::vector<std::string>& errors) const {
    const std::string at = path.empty() ? "(root)" : path;
    if (s.contains("$ref")) {
        const std::string ref = s["$ref"];
        if (ref.rfind("#/$defs/", 0) == 0) check(root["$defs"][ref.substr(8)], root, v, path, errors);
        else {
            auto it = schemas_.find(ref);
            if (it == schemas_.end()) errors.push_back(at + ": unresolved $ref " + ref);
            else check(it->second, it->second, v, path, errors);
        }
    }
    if (s.contains("allOf"))
        for (const auto& sub : s["allOf"]) check(sub, root, v, path, errors);
    if (s.contains("anyOf")) {
        bool any = false;
        for (const auto& sub : s["anyOf"]) {
            std::vector<std::string> sub_errors;
            check(sub, root, v, path, sub_errors);
            any = any || sub_errors.empty();
        }
        if (!any) errors.push_back(at + ": matches none of anyOf");
    }
    if (s.contains("not")) {
        std::vector<std::string> sub_errors;
        check(s["not"], root, v, path, sub_errors);
        if (sub_errors.empty()) errors.push_back(at + ": matches the schema in not");
    }
    if (s.contains("type")) {
        const json& t = s["type"];
        bool ok = false;
        if (t.is_string()) ok = hasType(v, t.get<std::string>());
        else for (const auto& one : t) ok = ok || hasType(v, one.get<std::string>());
        if (!ok) {
            errors.push_back(at + ": expected type " + t.dump());
            return;
        }
    }
    if (s.contains("const") && !jsonEqual(s["const"], v)) errors.push_back(at + ": expected " + s["const"].dump());
    if (s.contains("enum")) {
        bool found = false;
        for (const auto& option : s["enum"]) found = found || jsonEqual(option, v);
        if (!found) errors.push_back(at + ": not one of " + s["enum"].dump());
    }
    if (v.is_object()) {
        if (s.contains("required"))
            for (const auto& name : s["required"])
                if (!v.contains(name.get<std::string>())) errors.push_back(at + ": missing required " + name.get<std::string>());
        if (s.contains("properties"))
            for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it)
                if (v.contains(it.key())) check(it.value(), root, v[it.key()], path.empty() ? it.key() : path + "." + it.key(), errors);
    }
    if (v.is_array()) {
        if (s.contains("minItems") && v.size() < s["minItems"].get<size_t>()) errors.push_back(at + ": too few items");
        if (s.contains("maxItems") && v.size() > s["maxItems"].get<size_t>()) errors.push_back(at + ": too many items");
        if (s.contains("items"))
            for (size_t i = 0; i < v.size(); ++i) check(s["items"], root, v[i], path + "[" + std::to_string(i) + "]", errors);
    }
    if (v.is_string()) {
        const std::string& str = v.get_ref<const std::string&>();
        if (s.contains("minLength") && codePoints(str) < s["minLength"].get<size_t>()) errors.push_back(at + ": too short");
        if (s.contains("maxLength") && codePoints(str) > s["maxLength"].get<size_t>()) errors.push_back(at + ": too long");
        if (s.contains("pattern") && !std::regex_search(str, std::regex(s["pattern"].get<std::string>(), std::regex::ECMAScript)))
            errors.push_back(at + ": does not match " + s["pattern"].get<std::string>());
    }
    if (v.is_number()) {
        if (s.contains("minimum") && numberBelow(v, s["minimum"])) errors.push_back(at + ": below minimum");
        if (s.contains("maximum") && numberBelow(s["maximum"], v)) errors.push_back(at + ": above maximum");
    }
}

} // namespace wall::protocol::test
