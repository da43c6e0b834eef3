#pragma once
// Finding shipped walls and layouts by name, and listing the layout presets.

#include "layouts/layout_error.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace wall::layouts {

/// @brief $WALLCONSOLE_ASSET_DIR when set, else the compile-time WALL_ASSET_DIR (the source tree's assets/).
std::filesystem::path defaultAssetDir();

/// @brief A path (contains '/' or ends in .toml) is used as is; a name becomes <assetDir>/walls/<name>.toml.
/// Throws LayoutError when the file does not exist, listing the shipped names.
std::filesystem::path resolveWallPath(const std::string& name_or_path,
                                      const std::filesystem::path& asset_dir = defaultAssetDir());

/// @brief As resolveWallPath, for <assetDir>/layouts/<name>.toml.
std::filesystem::path resolveLayoutPath(const std::string& name_or_path,
                                        const std::filesystem::path& asset_dir = defaultAssetDir());

/// The head of one layout file, read without resolving it on a wall.
struct PresetEntry {
    std::filesystem::path path;  ///< the .toml file
    std::string name;            ///< layout name
    std::string title;           ///< e.g. "值班模式"
    std::string title_en;        ///< e.g. "Duty"; may be empty
    std::string description;     ///< may be empty
    int hotkey = 0;              ///< 1 = F1 ..; 0 = none
    bool is_default = false;     ///< `default = true`
};

/// @brief Every layout in <assetDir>/layouts, sorted by hotkey (no hotkey last, then by name).
/// Files that cannot be read are skipped and reported in `errors` (when given), never thrown.
std::vector<PresetEntry> listPresets(const std::filesystem::path& asset_dir = defaultAssetDir(),
                                     std::vector<LayoutError>* errors = nullptr);

/// @brief Names (file stems) of the *.toml files in `dir`, sorted.
std::vector<std::string> tomlStemsIn(const std::filesystem::path& dir);

}  // namespace wall::layouts
