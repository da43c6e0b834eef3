#pragma once
// PRIVATE to layouts/: the top-level keys of a layout file (name, title,
// hotkey ...), shared by parseLayout() and listPresets().

#include "layouts/toml_fields.hpp"

#include <string>

namespace wall::layouts::detail {

/// The head of a layout file: everything except its regions.
struct LayoutHead {
    std::string name;         ///< `name`, or the file stem
    std::string title;        ///< `title`, or the name
    std::string title_hant;   ///< `title_hant` (繁體), or empty
    std::string title_en;     ///< `title_en`, or empty
    std::string description;  ///< `description`, or empty
    int hotkey = 0;           ///< 1 = F1 ..; 0 = none
    int hotkey_line = 0;      ///< line of `hotkey`
    bool is_default = false;  ///< `default = true`
    bool for_replay = false;  ///< `replay = true`: a review layout (复盘), shown only by a replay
};

/// @brief Reads and checks the top-level keys (unknown keys are refused). Throws LayoutError.
LayoutHead readLayoutHead(const toml::table& root, const std::string& file);

}  // namespace wall::layouts::detail
