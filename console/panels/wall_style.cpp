#include "wall_style.hpp"

namespace wall::panels {

ImU32 levelColor(WarningLevel level, float alpha) {
    return levelFill(level).imU32(static_cast<std::uint8_t>(alpha * 255.0f + 0.5f));
}

ImU32 levelTextColor(WarningLevel level) { return levelTextOnFill(level).imU32(); }

} // namespace wall::panels
