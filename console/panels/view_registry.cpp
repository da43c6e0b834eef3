// The one list of panels: every view kind a layout may name, and who draws it.
#include "panels/panel_list.hpp"

namespace wall::panels {

namespace {
using Factory = std::unique_ptr<View> (*)(const layouts::Region&);
struct Entry {
    layouts::ViewKind kind;
    Factory make;
};
constexpr Entry kPanels[] = {
    {layouts::ViewKind::Camera, makeCameraView},
    {layouts::ViewKind::CameraGrid, makeCameraGrid},
    {layouts::ViewKind::AlarmBoard, makeAlarmBoard},
    {layouts::ViewKind::DutyRoster, makeDutyRoster},
    {layouts::ViewKind::TaskBoard, makeTaskBoard},
    {layouts::ViewKind::StatusBar, makeStatusBar},
    {layouts::ViewKind::IncidentSummary, makeIncidentSummary},
    {layouts::ViewKind::Linkage, makeLinkageView},
    {layouts::ViewKind::CallMatrix, makeCallMatrix},
};
static_assert(std::size(kPanels) == layouts::kViewKindCount, "every view kind needs a panel");
} // namespace

std::unique_ptr<View> makeView(const layouts::Region& region) {
    for (const Entry& e : kPanels)
        if (e.kind == region.view) return e.make(region);
    return nullptr; // unreachable: layouts/ refuses unknown views at load
}

} // namespace wall::panels
