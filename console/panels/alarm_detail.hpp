// The alarm board's detail pane: one alarm's history of transitions, its grid
// site, the category's SOP checklist, its 叫应 calls, its linked cameras, and
// the lifecycle buttons (确认 / 搁置 / 取消搁置). Part of the board, not a view
// of its own: it draws into the rectangle the board gives it.
#pragma once

#include "panels/view.hpp"

namespace wall::panels {

/// What the pane remembers between frames (the shelve choices being made).
struct AlarmDetailState {
    int reason = 0;            // index into the reason presets
};

/// @brief Draws `a` into [min, max) of the current window. Returns false when the officer closed it.
bool drawAlarmDetail(ViewContext& ctx, const Alarm& a, AlarmDetailState& state, ImVec2 min, ImVec2 max,
                     bool back_button);

/// @brief The board's word for a state (未确认 / 已确认 / 已恢复未确认 / 已搁置 / 已屏蔽).
Text alarmStateWord(AlarmState state);

/// @brief The category's name in the UI language ("reservoir" → 水库); unknown categories as they came.
const char* categoryName(const ViewContext& ctx, const std::string& category);

/// @brief "县 › 镇 › 村 › area", skipping empty parts (from the township on when `from_township`).
std::string sitePath(const ViewContext& ctx, const GridSite& site, bool from_township);

} // namespace wall::panels
