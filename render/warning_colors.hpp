#pragma once
// Colours of China's four warning levels (预警级别): 红 I, 橙 II, 黄 III, 蓝 IV.
//
// Source of the values: the order and hues are fixed by the national scheme
// (CMA's 突发气象灾害预警信号发布办法, and the I-IV levels of the national
// emergency plans). The exact RGB values of GB/T 27962 (气象灾害预警信号图形)
// could not be checked from here, so these are the widely used sRGB values of
// the official signal icons: red #E60012, orange #FF7F00, yellow #FFD700,
// blue #0070C0. Change them in this one place if the standard says otherwise.

#include <cstdint>

namespace wall::render {

/// China's four warning and response levels, most severe first.
enum class WarningLevel : std::uint8_t {
    Red = 1,     ///< 红色 / level I, most severe
    Orange = 2,  ///< 橙色 / level II
    Yellow = 3,  ///< 黄色 / level III
    Blue = 4,    ///< 蓝色 / level IV
};

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
constexpr Rgb warningFill(WarningLevel level) {
    switch (level) {
    case WarningLevel::Red: return {0xE60012};
    case WarningLevel::Orange: return {0xFF7F00};
    case WarningLevel::Yellow: return {0xFFD700};
    case WarningLevel::Blue: return {0x0070C0};
    }
    return {0x808080};
}

/// @brief Text colour that stays readable on warningFill(level): black on yellow and orange, white otherwise.
constexpr Rgb warningTextOnFill(WarningLevel level) {
    return (level == WarningLevel::Yellow || level == WarningLevel::Orange) ? Rgb{0x000000} : Rgb{0xFFFFFF};
}

/// @brief Level colour for text on the dark wall background; blue is lightened because #0070C0 is too dark to read from far.
constexpr Rgb warningTextOnDark(WarningLevel level) {
    return level == WarningLevel::Blue ? Rgb{0x3FA0FF} : warningFill(level);
}

/// @brief Roman numeral of a level as UTF-8: "Ⅰ".."Ⅳ".
constexpr const char* warningNumeral(WarningLevel level) {
    switch (level) {
    case WarningLevel::Red: return "\u2160";
    case WarningLevel::Orange: return "\u2161";
    case WarningLevel::Yellow: return "\u2162";
    case WarningLevel::Blue: return "\u2163";
    }
    return "?";
}

}  // namespace wall::render
