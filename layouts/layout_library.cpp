// The wall plus its switchable layouts, with last-good-layout reloads.
#include "layouts/layout_library.hpp"

#include <stdexcept>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace wall::layouts {

namespace fs = std::filesystem;

namespace {

fs::file_time_type modificationTime(const fs::path& path) {
    std::error_code ec;
    const auto t = fs::last_write_time(path, ec);
    return ec ? fs::file_time_type::min() : t;
}

void sortByHotkey(std::vector<LoadedLayout>& layouts) {
    std::stable_sort(layouts.begin(), layouts.end(), [](const LoadedLayout& a, const LoadedLayout& b) {
        const int ka = a.layout->hotkey > 0 ? a.layout->hotkey : 1000;
        const int kb = b.layout->hotkey > 0 ? b.layout->hotkey : 1000;
        return ka != kb ? ka < kb : a.layout->name < b.layout->name;
    });
}

}  // namespace

LayoutLibrary LayoutLibrary::open(const std::string& wall_name_or_path, const fs::path& asset_dir) {
    LayoutLibrary library;
    library.asset_dir = asset_dir;
    library.wall = loadWall(resolveWallPath(wall_name_or_path, asset_dir).string());
    for (const std::string& stem : tomlStemsIn(asset_dir / "layouts")) {
        if (auto error = library.loadFile(asset_dir / "layouts" / (stem + ".toml"))) {
            spdlog::error("layout refused: {}", error->what());
            library.load_errors.push_back(std::move(*error));
        }
    }
    return library;
}

// Remembers the file time of a refused file, so reloadChanged() does not refuse
// the same bad file every frame; a loaded file keeps its last good layout.
LayoutError LayoutLibrary::refuse(const fs::path& path, fs::file_time_type mtime, LayoutError error) {
    bool loaded = false;
    for (LoadedLayout& entry : layouts) {
        if (entry.path != path) continue;
        entry.mtime = mtime;
        loaded = true;
    }
    if (!loaded) refused[path] = mtime;
    return error;
}

std::optional<LayoutError> LayoutLibrary::loadFile(const fs::path& path) {
    const auto mtime = modificationTime(path);
    std::shared_ptr<const Layout> layout;
    try {
        layout = std::make_shared<const Layout>(loadLayout(path.string(), wall));
    } catch (const LayoutError& e) {
        return refuse(path, mtime, e);
    }
    if (layout->hotkey > 0) {
        for (const LoadedLayout& entry : layouts) {
            if (entry.layout->hotkey == layout->hotkey && entry.layout->name != layout->name) {
                return refuse(path, mtime,
                              LayoutError(path.string(), layout->hotkey_line, "",
                                          "duplicate hotkey " + layout->hotkeyName() + ": layout '" +
                                              entry.layout->name + "' (" + entry.path.string() + ") already uses it"));
            }
        }
    }
    refused.erase(path);
    for (LoadedLayout& entry : layouts) {
        if (entry.layout->name != layout->name) continue;
        if (entry.path != path) {
            spdlog::info("layout '{}' from {} replaces the one from {}", layout->name, path.string(),
                         entry.path.string());
        }
        entry = {std::move(layout), path, mtime};
        sortByHotkey(layouts);
        return std::nullopt;
    }
    layouts.push_back({std::move(layout), path, mtime});
    sortByHotkey(layouts);
    return std::nullopt;
}

std::optional<LayoutError> LayoutLibrary::reload(std::string_view name) {
    for (const LoadedLayout& entry : layouts) {
        if (entry.layout->name != name) continue;
        const fs::path path = entry.path;  // loadFile may reorder `layouts`
        auto error = loadFile(path);
        if (error) spdlog::warn("reload of layout '{}' refused, keeping the last good one: {}", name, error->what());
        return error;
    }
    return LayoutError("", 0, "", "no layout named '" + std::string(name) + "' is loaded");
}

std::vector<LayoutError> LayoutLibrary::reloadChanged() {
    std::vector<fs::path> changed;
    for (const LoadedLayout& entry : layouts)
        if (modificationTime(entry.path) != entry.mtime) changed.push_back(entry.path);
    // New preset files, and refused ones that have been edited since.
    for (const std::string& stem : tomlStemsIn(asset_dir / "layouts")) {
        const fs::path path = asset_dir / "layouts" / (stem + ".toml");
        const bool loaded = std::any_of(layouts.begin(), layouts.end(),
                                        [&](const LoadedLayout& entry) { return entry.path == path; });
        if (loaded) continue;
        const auto it = refused.find(path);
        if (it == refused.end() || it->second != modificationTime(path)) changed.push_back(path);
    }
    for (const auto& [path, mtime] : refused) {
        const bool listed = std::find(changed.begin(), changed.end(), path) != changed.end();
        const bool in_presets = path.parent_path() == asset_dir / "layouts";
        if (!listed && !in_presets && modificationTime(path) != mtime) changed.push_back(path);
    }
    std::vector<LayoutError> errors;
    for (const fs::path& path : changed) {
        if (auto error = loadFile(path)) {
            spdlog::warn("changed layout file refused, keeping the last good one: {}", error->what());
            errors.push_back(std::move(*error));
        }
    }
    return errors;
}

std::shared_ptr<const Layout> LayoutLibrary::findOrLoad(const std::string& name_or_path) {
    if (auto layout = find(name_or_path)) return layout;
    const fs::path path = resolveLayoutPath(name_or_path, asset_dir);
    if (auto error = loadFile(path)) throw *error;
    for (const LoadedLayout& entry : layouts)
        if (entry.path == path) return entry.layout;
    throw LayoutError(path.string(), 0, "", "layout was loaded but cannot be found again");  // not reachable
}

std::shared_ptr<const Layout> LayoutLibrary::find(std::string_view name) const {
    for (const LoadedLayout& entry : layouts)
        if (entry.layout->name == name) return entry.layout;
    return nullptr;
}

std::shared_ptr<const Layout> LayoutLibrary::findByHotkey(int fkey) const {
    if (fkey <= 0) return nullptr;
    for (const LoadedLayout& entry : layouts)
        if (entry.layout->hotkey == fkey) return entry.layout;
    return nullptr;
}

std::shared_ptr<const Layout> LayoutLibrary::defaultLayout() const {
    for (const LoadedLayout& entry : layouts)
        if (entry.layout->is_default) return entry.layout;
    return layouts.empty() ? nullptr : layouts.front().layout;  // sorted: lowest hotkey first
}

std::shared_ptr<const Layout> LayoutLibrary::startLayout(const std::string& requested, const std::string& last_shown) {
    if (!requested.empty()) return findOrLoad(requested);
    // After a restart the wall comes back as it was.
    if (auto shown = last_shown.empty() ? nullptr : find(last_shown)) return shown;
    if (auto fallback = defaultLayout()) return fallback;
    throw std::runtime_error("no layout to show: " + asset_dir.string() + "/layouts is empty");
}

std::vector<std::string> LayoutLibrary::names() const {
    std::vector<std::string> out;
    for (const LoadedLayout& entry : layouts) out.push_back(entry.layout->name);
    return out;
}

}  // namespace wall::layouts
