// Colours and sizes of the wall, chosen to be read from several metres away.
// Warning-level colours come from render/warning_colors.hpp (national 红橙黄蓝 scheme).
#pragma once

#include "model/model.hpp"

#include <imgui.h>

namespace wall::panels {

/// @brief The level's signal colour (opaque).
ImU32 levelColor(WarningLevel level, float alpha = 1.0f);
/// @brief Text colour readable on top of levelColor (dark on yellow, white otherwise).
ImU32 levelTextColor(WarningLevel level);

/// Smallest share of its font's size a label or number shrinks to before words are dropped or cut
/// (render/fitted_text.hpp): below it, text on a wall is no longer read at a glance.
constexpr float kMinTextScale = 0.8f;

namespace colors {
constexpr ImU32 kPanelBackground = IM_COL32(14, 20, 31, 255);
constexpr ImU32 kHeaderBackground = IM_COL32(22, 36, 58, 255);
constexpr ImU32 kHeaderAccent = IM_COL32(58, 130, 220, 255);
constexpr ImU32 kBorder = IM_COL32(44, 66, 98, 255);
constexpr ImU32 kText = IM_COL32(232, 238, 246, 255);
constexpr ImU32 kTextDim = IM_COL32(150, 164, 184, 255);
constexpr ImU32 kGood = IM_COL32(46, 204, 113, 255);
constexpr ImU32 kBad = IM_COL32(235, 40, 40, 255);
constexpr ImU32 kWarn = IM_COL32(255, 150, 0, 255);
constexpr ImU32 kRowAlt = IM_COL32(255, 255, 255, 10);
constexpr ImU32 kSelected = IM_COL32(255, 255, 255, 70);
constexpr ImU32 kTileBackground = IM_COL32(20, 24, 31, 255); // distinct from the canvas clear colour
} // namespace colors

} // namespace wall::panels
