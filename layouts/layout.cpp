// Names of views and hotkeys, and small Layout lookups.
#include "layouts/layout.hpp"

#include <array>
#include <cctype>

namespace wall::layouts {

namespace {

constexpr std::array<std::pair<ViewKind, std::string_view>, kViewKindCount> kViewNames{{
    {ViewKind::Camera, "camera"},
    {ViewKind::CameraGrid, "camera_grid"},
    {ViewKind::AlarmBoard, "alarm_board"},
    {ViewKind::DutyRoster, "duty_roster"},
    {ViewKind::TaskBoard, "task_board"},
    {ViewKind::StatusBar, "status_bar"},
    {ViewKind::IncidentSummary, "incident_summary"},
    {ViewKind::Linkage, "linkage"},
    {ViewKind::CallMatrix, "call_matrix"},
}};

}  // namespace

std::string_view viewKindName(ViewKind view) {
    for (const auto& [kind, name] : kViewNames)
        if (kind == view) return name;
    return "?";
}

std::optional<ViewKind> viewKindFromName(std::string_view name) {
    for (const auto& [kind, spelled] : kViewNames)
        if (spelled == name) return kind;
    return std::nullopt;
}

bool isCameraView(ViewKind view) {
    return view == ViewKind::Camera || view == ViewKind::CameraGrid || view == ViewKind::Linkage;
}

std::optional<int> parseHotkey(std::string_view text) {
    if (text.size() < 2 || text.size() > 3 || (text[0] != 'F' && text[0] != 'f')) return std::nullopt;
    int value = 0;
    for (char c : text.substr(1)) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (text[1] == '0' || value < 1 || value > 12) return std::nullopt;
    return value;
}

const Region* Layout::findRegion(std::string_view region_name) const {
    for (const Region& region : regions)
        if (region.name == region_name) return &region;
    return nullptr;
}

std::string Layout::hotkeyName() const { return hotkey > 0 ? "F" + std::to_string(hotkey) : std::string(); }

}  // namespace wall::layouts
