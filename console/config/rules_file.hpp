// Loading the console's alarm rules (ConsoleRules) from a TOML file: 叫应
// grid and deadlines, flood thresholds, camera linkage, SOP checklists,
// sound, shelving and out-of-service lists. See assets/rules.toml.
#pragma once

#include "model/rules.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace wall::config {

/// A rules file that cannot be used, with "file:line: what" in what().
class RulesError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// @brief Reads and validates a rules file. Throws RulesError naming the file, line and key at fault.
ConsoleRules loadRules(const std::filesystem::path& path);

/// @brief The shipped rules: <assetDir>/rules.toml.
std::filesystem::path defaultRulesPath();

} // namespace wall::config
