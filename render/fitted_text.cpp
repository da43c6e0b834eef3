#include "render/fitted_text.hpp"

#include <algorithm>

namespace wall::render {

float fittedFontSize(ImFont* font, std::string_view text, float max_width, float min_size) {
    const float own = font->FontSize;
    if (text.empty() || max_width <= 0) return own;
    const float width = font->CalcTextSizeA(own, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
    if (width <= max_width) return own;
    // Text width scales linearly with the size, so one division finds it.
    return std::max(min_size, own * max_width / width);
}

float drawFittedText(ImDrawList* draw_list, ImFont* font, const ImVec2& box_min, const ImVec2& box_max, ImU32 color,
                     std::string_view text, TextAlign align, float min_size) {
    const float box_w = box_max.x - box_min.x;
    const float box_h = box_max.y - box_min.y;
    float size = fittedFontSize(font, text, box_w, min_size);
    size = std::min(size, std::max(min_size, box_h));  // never taller than the box
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
    const ImVec2 pos(box_min.x + std::max(0.0f, box_w - extent.x) * align.x, box_min.y + (box_h - extent.y) * align.y);
    const ImVec4 clip(box_min.x, box_min.y, box_max.x, box_max.y);
    draw_list->AddText(font, size, pos, color, text.data(), text.data() + text.size(), 0.0f, &clip);
    return size;
}

}  // namespace wall::render
