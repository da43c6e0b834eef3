// Colours and sizes of the wall, chosen to be read from several metres away.
//
// Warning-level colours (预警级别: 红 I, 橙 II, 黄 III, 蓝 IV): the order and hues
// are fixed by the national scheme (CMA's 突发气象灾害预警信号发布办法, and the
// I-IV levels of the national emergency plans). The exact RGB values of
// GB/T 27962 (气象灾害预警信号图形) could not be checked from here, so these are
// the widely used sRGB values of the official signal icons: red #E60012,
// orange #FF7F00, yellow #FFD700, blue #0070C0. Change them in this one place if
// the standard says otherwise.
#pragma once

#include "base/warning_level.hpp"

#include <cstdint>

#include <imgui.h>

namespace wall::panels {

/// An sRGB colour as 0xRRGGBB.
struct Rgb {
    std::uint32_t hex = 0;  ///< 0xRRGGBB
    /// @brief As ImGui's packed ImU32 (ABGR in memory), fully opaque unless `alpha` is given.
    constexpr std::uint32_t imU32(std::uint8_t alpha = 0xFF) const {
        return (static_cast<std::uint32_t>(alpha) << 24) | ((hex & 0xFF) << 16) | (hex & 0xFF00) | ((hex >> 16) & 0xFF);
    }
    constexpr std::uint8_t r() const { return static_cast<std::uint8_t>(hex >> 16); }
    constexpr std::uint8_t g() const { return static_cast<std::uint8_t>(hex >> 8); }
    constexpr std::uint8_t b() const { return static_cast<std::uint8_t>(hex); }
};

/// @brief Fill colour of a warning level (badges, row highlights, counters).
constexpr Rgb levelFill(WarningLevel level) {
    switch (level) {
    case WarningLevel::Red: return {0xE60012};
    case WarningLevel::Orange: return {0xFF7F00};
    case WarningLevel::Yellow: return {0xFFD700};
    case WarningLevel::Blue: return {0x0070C0};
    }
    return {0x808080};
}

/// @brief Text colour that stays readable on levelFill(level): black on yellow and orange, white otherwise.
constexpr Rgb levelTextOnFill(WarningLevel level) {
    return (level == WarningLevel::Yellow || level == WarningLevel::Orange) ? Rgb{0x000000} : Rgb{0xFFFFFF};
}

/// @brief Level colour for text on the dark wall background; blue is lightened because #0070C0 is too dark to read from far.
constexpr Rgb levelTextOnDark(WarningLevel level) {
    return level == WarningLevel::Blue ? Rgb{0x3FA0FF} : levelFill(level);
}

/// @brief Roman numeral of a level as UTF-8: "Ⅰ".."Ⅳ".
constexpr const char* levelNumeral(WarningLevel level) {
    switch (level) {
    case WarningLevel::Red: return "\u2160";
    case WarningLevel::Orange: return "\u2161";
    case WarningLevel::Yellow: return "\u2162";
    case WarningLevel::Blue: return "\u2163";
    }
    return "?";
}

/// @brief The level's signal colour (opaque unless `alpha` is below 1).
ImU32 levelColor(WarningLevel level, float alpha = 1.0f);
/// @brief Text colour readable on top of levelColor (dark on yellow and orange, white otherwise).
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
// 演练: a drill is running / a drill alarm. Magenta, which no warning level, fault or the demo's purple uses.
constexpr ImU32 kDrill = IM_COL32(0, 150, 160, 255);  // 演练: teal, apart from the levels, faults, the demo and the replay
constexpr ImU32 kDrillStripe = IM_COL32(255, 255, 255, 46);
constexpr ImU32 kTileBackground = IM_COL32(20, 24, 31, 255); // distinct from the canvas clear colour
constexpr ImU32 kDemo = IM_COL32(120, 60, 170, 255);          // 演示数据
// 复盘: a raspberry no warning level, fault, demo or live state uses, so a replay never passes for the live wall.
constexpr ImU32 kReplay = IM_COL32(214, 51, 132, 255);
} // namespace colors

} // namespace wall::panels
