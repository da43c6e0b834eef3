// One read-only view of a parsed JSON value over two parsers, so the same
// validation code (field_reader.hpp, message_parser.cpp) runs on both:
//   SimdValue      simdjson DOM: the fast path every well-formed message takes;
//   NlohmannValue  nlohmann-json: the diagnostic path, taken when simdjson
//                  refuses the bytes, because its SAX parser can say exactly
//                  where a document went wrong (docs/protocol.md promises paths).
// Numbers: nlohmann stores non-negative integers as unsigned, simdjson as
// signed when they fit; the readers compare by value, so both give the same
// verdict. Internal to wall_protocol.
#pragma once

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace wall::protocol {

enum class JsonKind : uint8_t { Null, Bool, Int, Uint, Float, String, Array, Object };

class NlohmannValue {
public:
    explicit NlohmannValue(const nlohmann::json& v) : v_(&v) {}
    JsonKind kind() const {
        switch (v_->type()) {
        case nlohmann::json::value_t::boolean: return JsonKind::Bool;
        case nlohmann::json::value_t::number_integer: return JsonKind::Int;
        case nlohmann::json::value_t::number_unsigned: return JsonKind::Uint;
        case nlohmann::json::value_t::number_float: return JsonKind::Float;
        case nlohmann::json::value_t::string: return JsonKind::String;
        case nlohmann::json::value_t::array: return JsonKind::Array;
        case nlohmann::json::value_t::object: return JsonKind::Object;
        default: return JsonKind::Null;
        }
    }
    bool asBool() const { return v_->get<bool>(); }
    int64_t asInt() const { return v_->get<int64_t>(); }
    uint64_t asUint() const { return v_->get<uint64_t>(); }
    double asDouble() const { return v_->get<double>(); }
    std::string_view asString() const { return v_->get_ref<const std::string&>(); }
    size_t size() const { return v_->size(); }
    /// @brief Object member by name (nlohmann keeps the last of duplicates; the parser refuses them anyway).
    std::optional<NlohmannValue> member(std::string_view key) const {
        auto it = v_->find(key);
        if (it == v_->end()) return std::nullopt;
        return NlohmannValue(*it);
    }
    template <class Visit> void forEachElement(Visit&& visit) const {
        for (const auto& e : *v_) visit(NlohmannValue(e));
    }

private:
    const nlohmann::json* v_;
};

class SimdValue {
public:
    explicit SimdValue(simdjson::dom::element e) : e_(e) {}
    JsonKind kind() const {
        switch (e_.type()) {
        case simdjson::dom::element_type::BOOL: return JsonKind::Bool;
        case simdjson::dom::element_type::INT64: return JsonKind::Int;
        case simdjson::dom::element_type::UINT64: return JsonKind::Uint;
        case simdjson::dom::element_type::DOUBLE: return JsonKind::Float;
        case simdjson::dom::element_type::STRING: return JsonKind::String;
        case simdjson::dom::element_type::ARRAY: return JsonKind::Array;
        case simdjson::dom::element_type::OBJECT: return JsonKind::Object;
        default: return JsonKind::Null;
        }
    }
    // Callers check kind() first, so the get() calls below cannot fail.
    bool asBool() const { bool b = false; return e_.get_bool().get(b) == simdjson::SUCCESS && b; }
    int64_t asInt() const { int64_t i = 0; return e_.get_int64().get(i) == simdjson::SUCCESS ? i : 0; }
    uint64_t asUint() const { uint64_t u = 0; return e_.get_uint64().get(u) == simdjson::SUCCESS ? u : 0; }
    double asDouble() const { double d = 0; return e_.get_double().get(d) == simdjson::SUCCESS ? d : 0; }
    std::string_view asString() const { std::string_view s; return e_.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view(); }
    size_t size() const {
        simdjson::dom::array arr;
        if (e_.get_array().get(arr) == simdjson::SUCCESS) return arr.size();
        simdjson::dom::object obj;
        if (e_.get_object().get(obj) == simdjson::SUCCESS) return obj.size();
        return 0;
    }
    /// @brief Object member by name (the fast path is only taken for documents without duplicates).
    std::optional<SimdValue> member(std::string_view key) const {
        simdjson::dom::object obj;
        simdjson::dom::element found;
        if (e_.get_object().get(obj) != simdjson::SUCCESS || obj.at_key(key).get(found) != simdjson::SUCCESS)
            return std::nullopt;
        return SimdValue(found);
    }
    template <class Visit> void forEachElement(Visit&& visit) const {
        simdjson::dom::array arr; // a named array: iterating a temporary result would dangle
        if (e_.get_array().get(arr) != simdjson::SUCCESS) return;
        for (simdjson::dom::element e : arr) visit(SimdValue(e));
    }

private:
    simdjson::dom::element e_;
};

} // namespace wall::protocol
