#pragma once
// China's four-level warnings (预警级别): 红 I (most severe) .. 蓝 IV. The model
// journals them and the panels colour them; the colours live with the panels
// (console/panels/wall_style.hpp), not here.

#include <cstdint>

namespace wall {

/// The national level number as the value, so sorting ascending puts red first.
enum class WarningLevel : std::uint8_t {
    Red = 1,     ///< 红色 / level I, most severe
    Orange = 2,  ///< 橙色 / level II
    Yellow = 3,  ///< 黄色 / level III
    Blue = 4,    ///< 蓝色 / level IV
};
constexpr int kWarningLevelCount = 4;

/// @brief 0-based index of a level (red = 0), for per-level arrays.
constexpr int levelIndex(WarningLevel l) { return static_cast<int>(l) - 1; }

}  // namespace wall
