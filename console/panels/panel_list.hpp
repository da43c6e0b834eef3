// Factories of the individual panels; view_registry.cpp maps view kinds to them.
#pragma once

#include "panels/view.hpp"

namespace wall::panels {

std::unique_ptr<View> makeAlarmBoard(const layouts::Region& region);
std::unique_ptr<View> makeDutyRoster(const layouts::Region& region);
std::unique_ptr<View> makeTaskBoard(const layouts::Region& region);
std::unique_ptr<View> makeStatusBar(const layouts::Region& region);
std::unique_ptr<View> makeIncidentSummary(const layouts::Region& region);
std::unique_ptr<View> makeCameraView(const layouts::Region& region);
std::unique_ptr<View> makeCameraGrid(const layouts::Region& region);
std::unique_ptr<View> makeLinkageView(const layouts::Region& region);
std::unique_ptr<View> makeCallMatrix(const layouts::Region& region);

} // namespace wall::panels
