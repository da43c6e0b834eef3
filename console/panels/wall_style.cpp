#include "wall_style.hpp"

namespace wall::panels {

namespace {
// Red, orange, yellow, blue, as used on Chinese warning signals and maps.
constexpr ImU32 kLevelRgb[kWarningLevelCount][3] = {
    {230, 0, 18}, {255, 128, 0}, {255, 214, 0}, {0, 112, 192}};
} // namespace

ImU32 levelColor(WarningLevel level, float alpha) {
    auto& c = kLevelRgb[levelIndex(level)];
    return IM_COL32(c[0], c[1], c[2], static_cast<int>(alpha * 255.0f + 0.5f));
}

ImU32 levelTextColor(WarningLevel level) {
    return level == WarningLevel::Yellow ? IM_COL32(20, 20, 20, 255) : IM_COL32(255, 255, 255, 255);
}

} // namespace wall::panels
