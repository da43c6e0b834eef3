#include "wall_style.hpp"

#include "render/warning_colors.hpp"

namespace wall::panels {

namespace {
// The model's level and render's level share the national numbering (红 = 1 .. 蓝 = 4).
render::WarningLevel toRender(WarningLevel level) { return static_cast<render::WarningLevel>(level); }
} // namespace

ImU32 levelColor(WarningLevel level, float alpha) {
    return render::warningFill(toRender(level)).imU32(static_cast<uint8_t>(alpha * 255.0f + 0.5f));
}

ImU32 levelTextColor(WarningLevel level) { return render::warningTextOnFill(toRender(level)).imU32(); }

} // namespace wall::panels
