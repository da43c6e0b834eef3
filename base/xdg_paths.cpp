#include "base/xdg_paths.hpp"

#include <cstdlib>

namespace wall {
namespace {

// An empty variable counts as unset, as the XDG rules say.
std::filesystem::path xdgBase(const char* variable, const char* under_home, const std::filesystem::path& without_home) {
    if (const char* value = std::getenv(variable); value && *value) return value;
    if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / under_home;
    return without_home;
}

}  // namespace

std::filesystem::path stateFilePath(std::string_view file_name) {
    return xdgBase("XDG_STATE_HOME", ".local/state", std::filesystem::temp_directory_path()) / "wallconsole" / file_name;
}

std::filesystem::path configFilePath(std::string_view file_name) {
    return xdgBase("XDG_CONFIG_HOME", ".config", "/etc") / "wallconsole" / file_name;
}

}  // namespace wall
