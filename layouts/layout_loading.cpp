// Reading, validating and resolving layout files (assets/layouts/<name>.toml).
// Every refusal names the file, the line and the region (LayoutError).
#include "layouts/detail/layout_head.hpp"
#include "layouts/toml_fields.hpp"
#include "layouts/layout.hpp"
#include "layouts/region_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace wall::layouts {


namespace {

// x + w written as 0.1 + 0.9 may come out a hair above 1.0 in floating point.
constexpr double kFitSlack = 1e-6;
constexpr int64_t kMaxGridColumns = 16;

std::string knownViews() {
    std::string out;
    for (int i = 0; i < kViewKindCount; ++i) {
        if (i) out += ", ";
        out += viewKindName(static_cast<ViewKind>(i));
    }
    return out;
}

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Keys a region may carry, by view. Anything else is refused, so a typo or a
// parameter given to the wrong view never passes silently.
std::vector<std::string_view> allowedRegionKeys(ViewKind view) {
    std::vector<std::string_view> keys{"name", "view", "unit", "x", "y", "w", "h", "title", "title_hant", "title_en"};
    switch (view) {
    case ViewKind::Camera:
    case ViewKind::Linkage: keys.insert(keys.end(), {"camera", "fit"}); break;
    case ViewKind::CameraGrid:
        keys.insert(keys.end(), {"cameras", "group", "columns", "fit", "linkage_takeover"});
        break;
    case ViewKind::AlarmBoard: keys.push_back("history"); break;
    case ViewKind::CallMatrix: keys.push_back("group_by"); break;
    default: break;
    }
    return keys;
}

void rejectKeysNotFor(const FieldReader& fields, ViewKind view) {
    // Typos first (they get a did-you-mean hint), then keys that belong to another view.
    fields.rejectUnknownKeys({"name", "view", "unit", "x", "y", "w", "h", "title", "title_hant", "title_en", "camera", "cameras",
                              "group", "columns", "fit", "history", "linkage_takeover", "group_by"},
                             "in [[region]]");
    const auto allowed = allowedRegionKeys(view);
    for (auto&& [key, node] : fields.table) {
        const std::string_view name = key.str();
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        const int line = key.source().begin ? static_cast<int>(key.source().begin.line) : fields.table_line;
        fields.fail(line, "key '" + std::string(name) + "' does not apply to view '" +
                              std::string(viewKindName(view)) + "'");
    }
}

std::string nonEmptyId(const FieldReader& fields, std::string_view key, const std::string& value) {
    if (value.empty()) fields.failKey(key, "'" + std::string(key) + "' must not be empty");
    return value;
}

// Everything about one region that does not depend on the wall.
Region readRegion(const toml::table& table, const std::string& file, int index) {
    Region region;
    region.line = lineOf(table);
    FieldReader fields{table, file, "#" + std::to_string(index + 1), region.line};

    const auto name = fields.string("name");
    if (!name) fields.fail(region.line, "missing 'name' (every [[region]] needs a unique name)");
    if (name->empty()) fields.failKey("name", "'name' must not be empty");
    region.name = *name;
    fields.region = region.name;

    const auto view_name = fields.string("view");
    if (!view_name) fields.fail(region.line, "missing 'view'; known views: " + knownViews());
    const auto view = viewKindFromName(*view_name);
    if (!view) fields.failKey("view", "unknown view '" + *view_name + "'; known views: " + knownViews());
    region.view = *view;
    rejectKeysNotFor(fields, region.view);

    const std::string unit = fields.string("unit").value_or("fraction");
    if (unit == "fraction") {
        region.unit = RegionUnit::Fraction;
    } else if (unit == "panel") {
        region.unit = RegionUnit::Panel;
    } else {
        fields.failKey("unit", "unknown unit '" + unit + "'; use \"fraction\" (of the canvas) or \"panel\"");
    }

    for (const char* key : {"x", "y", "w", "h"}) {
        if (!fields.has(key)) {
            fields.fail(region.line, std::string("missing '") + key + "' (the rect needs x, y, w and h in " + unit +
                                         " units)");
        }
    }
    region.rect = {fields.requireNumber("x"), fields.requireNumber("y"), fields.requireNumber("w"),
                   fields.requireNumber("h")};
    if (region.rect.x < 0) fields.failKey("x", "'x' = " + formatNumber(region.rect.x) + " is negative");
    if (region.rect.y < 0) fields.failKey("y", "'y' = " + formatNumber(region.rect.y) + " is negative");
    if (region.rect.w <= 0) fields.failKey("w", "'w' = " + formatNumber(region.rect.w) + " must be greater than 0");
    if (region.rect.h <= 0) fields.failKey("h", "'h' = " + formatNumber(region.rect.h) + " must be greater than 0");

    region.title = fields.string("title").value_or("");
    region.title_hant = fields.string("title_hant").value_or("");
    region.title_en = fields.string("title_en").value_or("");

    if (region.view == ViewKind::Camera) {
        const auto camera = fields.string("camera");
        if (!camera) fields.fail(region.line, "view 'camera' needs 'camera' (a camera id such as \"cam-01\")");
        region.camera = nonEmptyId(fields, "camera", *camera);
    }
    if (region.view == ViewKind::Linkage) {
        if (const auto camera = fields.string("camera")) region.camera = nonEmptyId(fields, "camera", *camera);
    }
    if (region.view == ViewKind::CameraGrid) {
        region.cameras = fields.stringList("cameras").value_or(std::vector<std::string>{});
        std::set<std::string> seen;
        for (const std::string& id : region.cameras) {
            nonEmptyId(fields, "cameras", id);
            if (!seen.insert(id).second) fields.failKey("cameras", "camera '" + id + "' is listed twice");
        }
        if (const auto group = fields.string("group")) region.group = nonEmptyId(fields, "group", *group);
        if (region.cameras.empty() && region.group.empty()) {
            fields.fail(region.line, "view 'camera_grid' needs 'cameras' (a list of ids) and/or 'group' (a camera "
                                     "group name)");
        }
        region.columns = static_cast<int>(fields.integerInRange("columns", 1, kMaxGridColumns, 0));
        region.linkage_takeover = fields.boolean("linkage_takeover").value_or(false);
    }
    if (isCameraView(region.view)) {
        const std::string fit = fields.string("fit").value_or("letterbox");
        if (fit == "letterbox") {
            region.fit = FitMode::Letterbox;
        } else if (fit == "crop") {
            region.fit = FitMode::Crop;
        } else {
            fields.failKey("fit", "unknown fit '" + fit + "'; use \"letterbox\" or \"crop\"");
        }
    }
    if (region.view == ViewKind::AlarmBoard) region.history = fields.boolean("history").value_or(false);
    if (region.view == ViewKind::CallMatrix) {
        const std::string group_by = fields.string("group_by").value_or("township");
        if (group_by == "township") {
            region.group_by = CallGrouping::Township;
        } else if (group_by == "village") {
            region.group_by = CallGrouping::Village;
        } else {
            fields.failKey("group_by", "unknown group_by '" + group_by + "'; use \"township\" or \"village\"");
        }
    }
    return region;
}

std::vector<Region> readRegionList(const toml::node* node, const FieldReader& owner, std::string_view key) {
    std::vector<Region> regions;
    if (!node) return regions;
    const auto* array = node->as_array();
    if (!array || !array->is_array_of_tables()) {
        owner.failKey(key, "'" + std::string(key) + "' must be an array of tables: write each region as [[region]]");
    }
    std::map<std::string, int> first_line;  // duplicate names are refused at the second one
    int index = 0;
    for (const toml::node& item : *array) {
        Region region = readRegion(*item.as_table(), owner.file, index++);
        const auto [it, inserted] = first_line.emplace(region.name, region.line);
        if (!inserted) {
            throw LayoutError(owner.file, region.line, region.name,
                              "duplicate region name; it is already used on line " + std::to_string(it->second));
        }
        regions.push_back(std::move(region));
    }
    return regions;
}

// Wall-dependent checks: fits the wall, covers at least a pixel, overlaps nothing.
void resolveOnWall(std::vector<Region>& regions, const std::string& file, const WallSpec& wall) {
    for (Region& region : regions) {
        const bool panel = region.unit == RegionUnit::Panel;
        const double max_x = panel ? wall.cols : 1.0;  // fractions end at 1
        const double max_y = panel ? wall.rows : 1.0;
        const std::string unit_word = panel ? " panels" : " of the canvas";
        const std::string wall_words = "wall '" + wall.name + "' (" + std::to_string(wall.rows) + " rows x " +
                                       std::to_string(wall.cols) + " cols)";
        if (region.rect.x + region.rect.w > max_x + kFitSlack) {
            throw LayoutError(file, region.line, region.name,
                              "region outside the wall: right edge x+w = " +
                                  formatNumber(region.rect.x + region.rect.w) + unit_word + " is past " +
                                  formatNumber(max_x) + " on " + wall_words);
        }
        if (region.rect.y + region.rect.h > max_y + kFitSlack) {
            throw LayoutError(file, region.line, region.name,
                              "region outside the wall: bottom edge y+h = " +
                                  formatNumber(region.rect.y + region.rect.h) + unit_word + " is past " +
                                  formatNumber(max_y) + " on " + wall_words);
        }
        region.canvas_rect = resolveCanvasRect(wall, region.unit, region.rect);
        if (region.canvas_rect.empty()) {
            throw LayoutError(file, region.line, region.name,
                              "region covers no visible pixel on " + wall_words +
                                  " (too thin, or it lies entirely behind a bezel)");
        }
    }
    for (size_t i = 0; i < regions.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            const PixelRect common = regions[i].canvas_rect.intersection(regions[j].canvas_rect);
            if (common.empty()) continue;
            throw LayoutError(file, regions[i].line, regions[i].name,
                              "overlaps region '" + regions[j].name + "' (line " + std::to_string(regions[j].line) +
                                  ") by " + std::to_string(common.width) + "x" + std::to_string(common.height) +
                                  " px at canvas (" + std::to_string(common.x) + "," + std::to_string(common.y) +
                                  ") on wall '" + wall.name + "'");
        }
    }
}

}  // namespace

namespace detail {

LayoutHead readLayoutHead(const toml::table& root, const std::string& file) {
    const FieldReader top{root, file, "", 1};
    top.rejectUnknownKeys({"name", "title", "title_hant", "title_en", "description", "hotkey", "default", "replay", "region", "variant"},
                          "in a layout file");
    LayoutHead head;
    head.name = top.string("name").value_or(std::filesystem::path(file).stem().string());
    if (head.name.empty()) top.failKey("name", "'name' must not be empty");
    head.title = top.string("title").value_or(head.name);
    head.title_hant = top.string("title_hant").value_or("");
    head.title_en = top.string("title_en").value_or("");
    head.description = top.string("description").value_or("");
    head.is_default = top.boolean("default").value_or(false);
    head.for_replay = top.boolean("replay").value_or(false);
    if (const auto hotkey = top.string("hotkey")) {
        const auto fkey = parseHotkey(*hotkey);
        if (!fkey) top.failKey("hotkey", "hotkey '" + *hotkey + "' is not a function key; use \"F1\" .. \"F12\"");
        head.hotkey = *fkey;
        head.hotkey_line = top.lineOfKey("hotkey");
    }
    return head;
}

}  // namespace detail

Layout parseLayout(std::string_view toml_text, const std::string& file_label, const WallSpec& wall) {
    const toml::table root = parseToml(toml_text, file_label);
    const FieldReader top{root, file_label, "", 1};
    const detail::LayoutHead head = detail::readLayoutHead(root, file_label);

    Layout layout;
    layout.file = file_label;
    layout.name = head.name;
    layout.title = head.title;
    layout.title_hant = head.title_hant;
    layout.title_en = head.title_en;
    layout.description = head.description;
    layout.is_default = head.is_default;
    layout.for_replay = head.for_replay;
    layout.hotkey = head.hotkey;
    layout.hotkey_line = head.hotkey_line;

    std::vector<Region> general = readRegionList(root.get("region"), top, "region");

    // Wall-specific variants: [[variant."3x4".region]]. All are checked now so a
    // broken variant is found whatever wall the console runs on today.
    std::map<std::string, std::vector<Region>> variants;
    if (const toml::table* variant_table = top.subTable("variant")) {
        for (auto&& [key, node] : *variant_table) {
            const std::string variant_name(key.str());
            const auto* table = node.as_table();
            const int line = key.source().begin ? static_cast<int>(key.source().begin.line) : top.table_line;
            if (!table) {
                top.fail(line, "variant '" + variant_name + "' must be a table holding [[variant." + variant_name +
                                   ".region]]");
            }
            const FieldReader fields{*table, file_label, "", line};
            fields.rejectUnknownKeys({"region"}, "in variant '" + variant_name + "'");
            auto regions = readRegionList(table->get("region"), fields, "region");
            if (regions.empty())
                fields.fail(line, "variant '" + variant_name + "' has no [[variant." + variant_name + ".region]]");
            variants.emplace(variant_name, std::move(regions));
        }
    }

    auto chosen = variants.find(wall.name);
    if (chosen == variants.end()) chosen = variants.find(wall.shapeName());
    if (chosen != variants.end()) {
        layout.variant = chosen->first;
        layout.regions = std::move(chosen->second);
    } else {
        layout.regions = std::move(general);
    }
    if (layout.regions.empty()) {
        std::string message = "layout has no [[region]] for wall '" + wall.name + "'";
        if (!variants.empty()) {
            message += " (variants exist only for:";
            for (const auto& [name, regions] : variants) message += " " + name;
            message += ")";
        }
        throw LayoutError(file_label, 1, "", message);
    }
    resolveOnWall(layout.regions, file_label, wall);
    return layout;
}

Layout loadLayout(const std::string& path, const WallSpec& wall) {
    return parseLayout(readTextFile(path), path, wall);
}

}  // namespace wall::layouts
