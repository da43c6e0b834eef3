#pragma once
// Text that fits its box: picks the largest font size (at most the font's own
// size, at least a floor) at which the string fits the box width, so a long
// site name shrinks instead of being clipped. Uses ImGui draw lists; call
// inside a frame.

#include <string_view>

#include <imgui.h>

namespace wall::render {

/// Where text sits inside its box.
struct TextAlign {
    float x = 0.0f;  ///< 0 left, 0.5 centre, 1 right
    float y = 0.5f;  ///< 0 top, 0.5 middle, 1 bottom
};

/// @brief Font size (pixels) at which `text` fits `max_width` with `font`: its own size or smaller, never below `min_size`.
float fittedFontSize(ImFont* font, std::string_view text, float max_width, float min_size);

/// @brief Draws `text` scaled to fit `box`, aligned; clips if even `min_size` is too wide. Returns the size used.
float drawFittedText(ImDrawList* draw_list, ImFont* font, const ImVec2& box_min, const ImVec2& box_max, ImU32 color,
                     std::string_view text, TextAlign align = {}, float min_size = 14.0f);

}  // namespace wall::render
