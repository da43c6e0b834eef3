#pragma once
// The wall plus every layout the console can switch to. Reloading a file that
// has become bad keeps the last good version of that layout and returns the error.
//
// Not thread-safe: use it from one thread (the UI thread). Layouts are handed
// out as shared_ptr<const Layout>, so a layout in use stays valid while a
// reload replaces it in the library.

#include "layouts/asset_paths.hpp"
#include "layouts/layout.hpp"
#include "layouts/layout_error.hpp"
#include "layouts/wall.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wall::layouts {

/// One loaded layout and where it came from.
struct LoadedLayout {
    std::shared_ptr<const Layout> layout;  ///< the last good version; never null
    std::filesystem::path path;            ///< file it was read from
    std::filesystem::file_time_type mtime; ///< file time when last read (good or bad), for reloadChanged()
};

struct LayoutLibrary {
    WallSpec wall;                        ///< the wall every layout is resolved on
    std::filesystem::path asset_dir;      ///< where names are looked up (walls/, layouts/)
    std::vector<LoadedLayout> layouts;    ///< sorted by hotkey (none last), then name
    std::vector<LayoutError> load_errors; ///< preset files refused by open(); they are left out
    /// Files that were refused and so never loaded, with their modification time at
    /// the refusal; reloadChanged() retries one once its time changes.
    std::map<std::filesystem::path, std::filesystem::file_time_type> refused;

    /// @brief Loads the wall (name or path) and every preset in <asset_dir>/layouts.
    /// Throws LayoutError when the wall is bad; bad presets are skipped into load_errors.
    static LayoutLibrary open(const std::string& wall_name_or_path,
                              const std::filesystem::path& asset_dir = defaultAssetDir());

    /// @brief Reads `path` and adds it, or replaces the layout of the same name. On error
    /// nothing changes (the last good layout stays) and the error is returned.
    std::optional<LayoutError> loadFile(const std::filesystem::path& path);

    /// @brief Re-reads the file layout `name` came from; on error keeps the old one and returns the error.
    std::optional<LayoutError> reload(std::string_view name);

    /// @brief Re-reads every layout file whose modification time changed, and tries files that are new
    /// in <asset_dir>/layouts or were refused and have changed since. Returns the refusals (each once).
    std::vector<LayoutError> reloadChanged();

    /// @brief Layout by name; a loaded name wins, otherwise name_or_path is resolved
    /// (resolveLayoutPath) and loaded. Throws LayoutError when it cannot be found or is bad.
    std::shared_ptr<const Layout> findOrLoad(const std::string& name_or_path);

    /// @brief Layout by name, or null.
    std::shared_ptr<const Layout> find(std::string_view name) const;
    /// @brief Layout on function key F`fkey`, or null.
    std::shared_ptr<const Layout> findByHotkey(int fkey) const;
    /// @brief The `default = true` layout, else the lowest hotkey, else the first; null when empty.
    std::shared_ptr<const Layout> defaultLayout() const;
    /// @brief The layout a wall starts with: `requested` (name or file, loaded when needed) when given,
    /// else `last_shown` (the journal's last layout.switch) when the library has it, else the default.
    /// Throws LayoutError for a bad `requested`, std::runtime_error when there is no layout at all.
    std::shared_ptr<const Layout> startLayout(const std::string& requested, const std::string& last_shown);
    /// @brief Names in library order (sorted by hotkey).
    std::vector<std::string> names() const;

private:
    LayoutError refuse(const std::filesystem::path& path, std::filesystem::file_time_type mtime, LayoutError error);
};

}  // namespace wall::layouts
