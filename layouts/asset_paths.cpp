// Finding walls/layouts by name and listing the presets.
#include "layouts/asset_paths.hpp"

#include "layouts/detail/layout_head.hpp"
#include "layouts/toml_fields.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#ifndef WALL_ASSET_DIR
#define WALL_ASSET_DIR "assets"
#endif

namespace wall::layouts {

namespace fs = std::filesystem;

fs::path defaultAssetDir() {
    if (const char* env = std::getenv("WALLCONSOLE_ASSET_DIR"); env && *env) return fs::path(env);
    return fs::path(WALL_ASSET_DIR);
}

std::vector<std::string> tomlStemsIn(const fs::path& dir) {
    std::vector<std::string> stems;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".toml" && it->is_regular_file(ec)) stems.push_back(it->path().stem().string());
    }
    std::sort(stems.begin(), stems.end());
    return stems;
}

namespace {

bool looksLikePath(const std::string& text) {
    return text.find('/') != std::string::npos || (text.size() > 5 && text.ends_with(".toml"));
}

fs::path resolveIn(const std::string& name_or_path, const fs::path& dir, const char* what) {
    std::error_code ec;
    if (name_or_path.empty()) throw LayoutError("", 0, "", std::string("empty ") + what + " name");
    if (looksLikePath(name_or_path)) {
        if (!fs::is_regular_file(name_or_path, ec)) throw LayoutError(name_or_path, 0, "", "no such file");
        return fs::path(name_or_path);
    }
    const fs::path candidate = dir / (name_or_path + ".toml");
    if (fs::is_regular_file(candidate, ec)) return candidate;
    std::string known;
    for (const std::string& stem : tomlStemsIn(dir)) known += (known.empty() ? "" : ", ") + stem;
    throw LayoutError(candidate.string(), 0, "",
                      std::string("unknown ") + what + " '" + name_or_path + "'; shipped " + what + "s in " +
                          dir.string() + ": " + (known.empty() ? "(none)" : known));
}

}  // namespace

fs::path resolveWallPath(const std::string& name_or_path, const fs::path& asset_dir) {
    return resolveIn(name_or_path, asset_dir / "walls", "wall");
}

fs::path resolveLayoutPath(const std::string& name_or_path, const fs::path& asset_dir) {
    return resolveIn(name_or_path, asset_dir / "layouts", "layout");
}

std::vector<PresetEntry> listPresets(const fs::path& asset_dir, std::vector<LayoutError>* errors) {
    std::vector<PresetEntry> presets;
    std::map<int, std::string> hotkey_owner;  // hotkey -> layout name, to refuse the second user
    for (const std::string& stem : tomlStemsIn(asset_dir / "layouts")) {
        const fs::path path = asset_dir / "layouts" / (stem + ".toml");
        try {
            const toml::table root = parseToml(readTextFile(path), path.string());
            const detail::LayoutHead head = detail::readLayoutHead(root, path.string());
            if (head.hotkey > 0) {
                const auto [it, inserted] = hotkey_owner.emplace(head.hotkey, head.name);
                if (!inserted) {
                    throw LayoutError(path.string(), head.hotkey_line, "",
                                      "duplicate hotkey F" + std::to_string(head.hotkey) + ": layout '" +
                                          it->second + "' already uses it");
                }
            }
            presets.push_back({path, head.name, head.title, head.title_en, head.description, head.hotkey, head.is_default});
        } catch (const LayoutError& e) {
            if (errors) errors->push_back(e);
        }
    }
    std::stable_sort(presets.begin(), presets.end(), [](const PresetEntry& a, const PresetEntry& b) {
        const int ka = a.hotkey > 0 ? a.hotkey : 1000, kb = b.hotkey > 0 ? b.hotkey : 1000;
        return ka != kb ? ka < kb : a.name < b.name;
    });
    return presets;
}

}  // namespace wall::layouts
