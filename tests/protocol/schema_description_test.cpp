// The JSON Schemas in docs/schemas are what backends validate against; the
// descriptions (model/describe.hpp) are what the console reads and writes.
// This walks each type's description in its wire form beside its schema, so
// a member, a required flag, a limit or an enum that drifts fails here.
#include "protocol_test_support.hpp"

#include "model/message_types.hpp"
#include "protocol/entity_json.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace wall::protocol::test {
namespace {

using nlohmann::json;

// published: a type only the console writes, whose schema may list the values it writes
// where the parser (reading feeds leniently) takes any id.
template <class M> void checkValue(const json& schema, const desc::FieldSpec& f, const std::string& path, bool published);

// Compares the wire members of one described object with an object schema.
struct ObjectCheck {
    const json& schema;
    std::string path;
    bool published;
    std::set<std::string> members;
    std::set<std::string> required;

    template <class M> void operator()(const desc::FieldSpec& f, const M& m) {
        if (f.presence == desc::Presence::Console) return;
        if constexpr (desc::Nested<M>) {
            if (f.flatten) {
                desc::describe(m, *this);
                return;
            }
        }
        members.insert(f.key);
        if (f.presence == desc::Presence::Required) required.insert(f.key);
        const json& properties = schema.value("properties", json::object());
        if (!properties.contains(f.key)) {
            ADD_FAILURE() << path << "." << f.key << " is not in the schema";
            return;
        }
        checkValue<M>(properties[f.key], f, path + "." + f.key, published);
    }

    void finish() {
        std::set<std::string> schema_members, schema_required;
        const json properties = schema.value("properties", json::object());
        for (const auto& [key, value] : properties.items()) schema_members.insert(key);
        for (const auto& key : schema.value("required", json::array())) schema_required.insert(key.get<std::string>());
        EXPECT_EQ(members, schema_members) << path;
        EXPECT_EQ(required, schema_required) << path;
    }
};

template <class T> void checkObject(const json& schema, const std::string& path, bool published) {
    EXPECT_EQ(schema.value("type", ""), "object") << path;
    ObjectCheck check{schema, path, published};
    const T value{};
    desc::describe(value, check);
    check.finish();
}

template <class M> void checkValue(const json& schema, const desc::FieldSpec& f, const std::string& path, bool published) {
    if constexpr (std::same_as<M, std::string>) {
        const StringRule rule = wireRule(f.text);
        if (!f.choices && schema.contains("enum")) {
            EXPECT_TRUE(published) << path << ": the schema lists values the parser does not check";
            return;
        }
        if (f.choices) {
            std::string names;
            for (const auto& v : schema.value("enum", json::array())) names += (names.empty() ? "" : "|") + v.get<std::string>();
            EXPECT_EQ(names, f.choices) << path;
            return;
        }
        EXPECT_EQ(schema.value("type", ""), "string") << path;
        if (schema.contains("maxLength")) {
            EXPECT_EQ(schema["maxLength"].get<size_t>(), rule.max_bytes) << path;
        }
        const bool dated = schema.value("pattern", "").find("[0-9]{4}") != std::string::npos; // a date is never empty
        if (!dated) {
            EXPECT_EQ(schema.value("minLength", 0) > 0, !rule.allow_empty) << path;
        }
    } else if constexpr (std::same_as<M, bool>) {
        EXPECT_EQ(schema.value("type", ""), "boolean") << path;
    } else if constexpr (std::is_enum_v<M>) {
        std::set<std::string> names, expected;
        for (const auto& v : schema.value("enum", json::array())) names.insert(v.get<std::string>());
        for (int i = 0; i < desc::EnumInfo<M>::count; ++i) expected.insert(toWire(desc::EnumInfo<M>::at(i)));
        EXPECT_EQ(names, expected) << path;
    } else if constexpr (std::is_arithmetic_v<M>) {
        EXPECT_EQ(schema.value("type", ""), "integer") << path;
        if (schema.contains("minimum")) {
            EXPECT_EQ(schema["minimum"].get<int64_t>(), f.min) << path;
        }
        if (schema.contains("maximum") && f.max != desc::kNoLimit) {
            EXPECT_EQ(schema["maximum"].get<int64_t>(), f.max) << path;
        }
    } else if constexpr (desc::Optional<M>) {
        checkValue<typename M::value_type>(schema, f, path, published);
    } else if constexpr (desc::IsVectorT<M>::value) {
        EXPECT_EQ(schema.value("type", ""), "array") << path;
        EXPECT_EQ(schema.value("maxItems", size_t{0}), kMaxArrayEntries) << path;
        checkValue<typename M::value_type>(schema.value("items", json::object()), f, path + "[]", published);
    } else {
        checkObject<M>(schema, path, published);
    }
}

TEST(SchemaDescription, EveryTypesSchemaMatchesItsDescription) {
    forEachEventType([]<class T>(std::type_identity<T>) {
        const std::string name = bodyRecord<T>().name;
        SCOPED_TRACE(name);
        const json schema = json::parse(readFile(std::string(WALL_SCHEMA_DIR) + "/" + name + ".schema.json"));
        checkObject<T>(schema["properties"]["body"], name + ": body", bodyRecord<T>().sender != Sender::Backend);
    });
}

} // namespace
} // namespace wall::protocol::test
