#include "config/rules_file.hpp"

#include "layouts/asset_paths.hpp"

namespace wall::config {

std::filesystem::path defaultRulesPath() { return layouts::defaultAssetDir() / "rules.toml"; }

ConsoleRules loadRules(const std::filesystem::path& path) {
    // TEMP(issue 4): the TOML reader is being written; defaults until then.
    (void)path;
    return ConsoleRules{};
}

} // namespace wall::config
