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

/// @brief The shipped defaults: <assetDir>/rules.toml (deadlines and thresholds, nobody to call).
std::filesystem::path defaultRulesPath();

/// @brief The demo county's rules, made-up people included: <assetDir>/demo/rules.toml (--demo only).
std::filesystem::path demoRulesPath();

/// @brief The centre's own rules file: $XDG_CONFIG_HOME/wallconsole/rules.toml (~/.config when unset).
std::filesystem::path siteRulesPath();

/// Which rules a start uses, and what is missing from them.
struct RulesChoice {
    std::filesystem::path path;     // the file to load
    std::string call_table_fault;   // why there is no 叫应 table (names the missing file), empty when one is configured
};

/// @brief --rules FILE when given, else the demo's with demo, else the centre's own file, else the shipped defaults.
RulesChoice chooseRules(const std::string& explicit_path, bool demo);

/// @brief After loading: the call-table fault of `choice`, or of a file that has no [[call_response.grid]].
std::string callTableFault(const RulesChoice& choice, const ConsoleRules& rules);

} // namespace wall::config
