#include "panels/view.hpp"

#include "model/beijing_time.hpp"
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
        dl->AddRectFilled(min, ImVec2(min.x + 8, max.y), ctx.replay ? colors::kReplay : colors::kHeaderAccent);
        ImFont* large = ctx.fonts.large;
        float caption_right = max.x - 12;
        if (ctx.replay) caption_right -= drawReplayChip(ctx, dl, ImVec2(caption_right, min.y), h) + 12;
        render::drawFitText(dl, large, ImVec2(min.x + 22, min.y + h * 0.15f), caption_right - min.x - 22, large->FontSize,
                            {caption, colors::kText, 0, true}, large->FontSize * kMinTextScale);
        ImGui::SetCursorPos(ImVec2(0, h));
    }
    ImGui::PushFont(ctx.fonts.body);
    drawContent(ctx);
    ImGui::PopFont();
    if (ctx.replay) {
        // Every panel of a replay is framed in the replay's colour, over its content.
        const ImVec2 min = ImGui::GetWindowPos();
        const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight());
        ImGui::GetWindowDrawList()->AddRect(min, max, colors::kReplay, 0, 0, 3.0f);
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
}

float drawReplayChip(const ViewContext& ctx, ImDrawList* dl, ImVec2 top_right, float strip_height) {
    const std::string text = std::string(ctx.t(Text::ReplayBanner)) + " " + formatClock(ctx.now_ms);
    ImFont* body = ctx.fonts.body;
    const float height = std::min(strip_height * 0.8f, body->FontSize * 1.5f);
    const float width = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, text.c_str()).x + height * 0.7f;
    drawChip(dl, body, ImVec2(top_right.x - width, top_right.y + (strip_height - height) * 0.5f), height, colors::kReplay,
             IM_COL32_WHITE, text.c_str());
    return width;
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
