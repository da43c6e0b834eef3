#pragma once
// Where the console keeps its files on a host, by the XDG Base Directory rules,
// so wallconsole and wallctl agree on them without being told.

#include <filesystem>
#include <string>
#include <string_view>

namespace wall {

/// @brief $XDG_STATE_HOME/wallconsole/<file_name>; ~/.local/state when unset, the temp directory without HOME.
std::filesystem::path stateFilePath(std::string_view file_name);

/// @brief The console's default journal: stateFilePath(file_name), "journal.db" unless a demo asks for its own.
inline std::string defaultJournalPath(std::string_view file_name = "journal.db") {
    return stateFilePath(file_name).string();
}

/// @brief $XDG_CONFIG_HOME/wallconsole/<file_name>; ~/.config when unset, /etc without HOME.
std::filesystem::path configFilePath(std::string_view file_name);

}  // namespace wall
