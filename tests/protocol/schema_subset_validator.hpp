// A small JSON Schema (draft 2020-12) validator for the keywords docs/schemas
// uses: $ref (same folder or #/$defs), allOf, anyOf, not, type, const, enum,
// required, properties, items, minItems, maxItems, minLength, maxLength,
// minimum, maximum, pattern. Enough to check that the schemas and the parser
// agree; it refuses schemas using any other validation keyword, so the
// schemas cannot silently outgrow it.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace wall::protocol::test {

class SchemaSubsetValidator {
public:
    /// @brief Registers a schema under its file name (what "$ref": "envelope.schema.json" names).
    void add(const std::string& file_name, nlohmann::json schema);
    /// @brief Errors found validating instance against the named schema; empty when valid.
    std::vector<std::string> validate(const std::string& file_name, const nlohmann::json& instance) const;
    /// @brief Keywords used by the named schema that this validator does not understand.
    std::vector<std::string> unsupportedKeywords(const std::string& file_name) const;

private:
    void check(const nlohmann::json& schema, const nlohmann::json& root, const nlohmann::json& value,
               const std::string& path, std::vector<std::string>& errors) const;
    std::map<std::string, nlohmann::json> schemas_; // file name -> schema
};

} // namespace wall::protocol::test
