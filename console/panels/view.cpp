#include "panels/view.hpp"

#include "panels/wall_style.hpp"

namespace wall::panels {

void View::draw(ViewContext& ctx) {
    const layouts::PixelRect& r = region_.canvas_rect;
    ImGui::SetNextWindowPos(ImVec2(static_cast<float>(r.x), static_cast<float>(r.y)));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(r.width), static_cast<float>(r.height)));
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    // A background nobody sees is still a full fill of the region (CPU time under a software rasteriser).
    const ImGuiWindowFlags flags = kFlags | (paintsWholeRegion() ? ImGuiWindowFlags_NoBackground : 0);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, colors::kPanelBackground);
    ImGui::PushStyleColor(ImGuiCol_Border, colors::kBorder);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    const std::string window_id = "##region-" + region_.name;
    ImGui::Begin(window_id.c_str(), nullptr, flags);
    ImGui::PopStyleVar(2);

    const std::string& title = ctx.title(region_);
    const char* caption = title.empty() ? defaultCaption(ctx) : title.c_str();
    if (caption) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 min = ImGui::GetWindowPos();
        const float h = ctx.fonts.large->FontSize * 1.45f;
        const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + h);
        dl->AddRectFilled(min, max, colors::kHeaderBackground);
        dl->AddRectFilled(min, ImVec2(min.x + 8, max.y), colors::kHeaderAccent);
        ImFont* large = ctx.fonts.large;
        render::drawFitText(dl, large, ImVec2(min.x + 22, min.y + h * 0.15f), max.x - min.x - 22 - 12, large->FontSize,
                            {caption, colors::kText, 0, true}, large->FontSize * kMinTextScale);
        ImGui::SetCursorPos(ImVec2(0, h));
    }
    ImGui::PushFont(ctx.fonts.body);
    drawContent(ctx);
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor(2);
}

void drawCentredText(ImDrawList* dl, ImFont* font, ImVec2 min, ImVec2 max, ImU32 color, const char* text) {
    render::drawFittedText(dl, font, min, max, color, text, {0.5f, 0.5f}, font->FontSize * kMinTextScale);
}

bool wholeLineVisible(float height) {
    const float top = ImGui::GetCursorScreenPos().y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    return top >= dl->GetClipRectMin().y - 0.5f && top + height <= dl->GetClipRectMax().y + 0.5f;
}

float drawChip(ImDrawList* dl, ImFont* font, ImVec2 pos, float height, ImU32 bg, ImU32 fg, const char* text) {
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text);
    const float pad = height * 0.35f;
    const float w = size.x + pad * 2;
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), bg, height * 0.2f);
    dl->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + (height - size.y) * 0.5f), fg, text);
    return w;
}

} // namespace wall::panels
