// The status bar: Beijing-time clock and date, the state of every backend
// link, alarm and task counts, and the active layout with a layout menu.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <cstdio>
#include <vector>

namespace wall::panels {
namespace {

class StatusBar final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext&) const override { return nullptr; }

    void drawContent(ViewContext& ctx) override {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 min = ImGui::GetWindowPos();
        const ImVec2 size = ImGui::GetWindowSize();
        const ImVec2 max(min.x + size.x, min.y + size.y);
        dl->AddRectFilled(min, max, colors::kHeaderBackground);
        dl->AddRectFilled(ImVec2(min.x, max.y - 4), max, colors::kHeaderAccent);
        // The bar's height picks the fonts: a laptop's thin bar cannot take the wall's 72 px clock.
        auto fits = [&](ImFont* f) { return f->FontSize <= size.y * 0.8f; };
        ImFont* body = ctx.fonts.body;
        ImFont* large = fits(ctx.fonts.large) ? ctx.fonts.large : body;
        ImFont* huge = fits(ctx.fonts.huge) ? ctx.fonts.huge : large;
        const float cy = min.y + size.y * 0.5f;
        char buf[256];

        // Left: centre name, demo badge, fault.
        float x = min.x + 24;
        dl->AddText(huge, huge->FontSize, ImVec2(x, cy - huge->FontSize * 0.55f), colors::kText, ctx.t(Text::AppTitle));
        x += huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, ctx.t(Text::AppTitle)).x + 24;
        if (ctx.demo)
            x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f,
                          IM_COL32(120, 60, 170, 255), IM_COL32_WHITE, ctx.t(Text::DemoData)) + 16;
        if (!ctx.fault.empty()) {
            std::snprintf(buf, sizeof buf, "%s", ctx.fault.c_str());
            x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, colors::kBad,
                          IM_COL32_WHITE, buf) + 16;
        }

        // Centre: date, weekday and clock, large enough to read across the room.
        const CivilTime c = beijingCivil(ctx.now_ms);
        std::snprintf(buf, sizeof buf, "%s %s", formatDate(ctx.now_ms).c_str(),
                      ctx.t(static_cast<Text>(static_cast<int>(Text::Weekday0) + c.weekday)));
        const std::string clock = formatClock(ctx.now_ms);
        const float clock_w = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, clock.c_str()).x;
        const float date_w = large->CalcTextSizeA(large->FontSize, FLT_MAX, 0, buf).x;
        const float label_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::BeijingTime)).x;
        float cx = min.x + size.x * 0.5f - (date_w + clock_w + label_w + 48) * 0.5f;
        cx = std::max(cx, x + 16);
        dl->AddText(large, large->FontSize, ImVec2(cx, cy - large->FontSize * 0.55f), colors::kText, buf);
        cx += date_w + 24;
        dl->AddText(body, body->FontSize, ImVec2(cx, cy - body->FontSize * 0.3f), colors::kTextDim,
                    ctx.t(Text::BeijingTime));
        cx += label_w + 12;
        dl->AddText(huge, huge->FontSize, ImVec2(cx, cy - huge->FontSize * 0.55f), IM_COL32(255, 255, 255, 255),
                    clock.c_str());
        cx += clock_w + 36;

        // Right of the clock: alarm counts by level, links, layout.
        const AlarmOrder& order = ctx.model.alarm_order;
        for (int i = 0; i < kWarningLevelCount; ++i) {
            const auto level = static_cast<WarningLevel>(i + 1);
            std::snprintf(buf, sizeof buf, "%s %d", ctx.t(levelShortName(level)), order.countByLevel()[i]);
            cx += drawChip(dl, body, ImVec2(cx, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, levelColor(level),
                           levelTextColor(level), buf) + 8;
        }
        cx += 24;
        drawLinks(ctx, dl, ImVec2(cx, cy), max.x - 48 - layoutWidth(ctx));
        drawLayout(ctx, dl, ImVec2(max.x - 24 - layoutWidth(ctx), cy));
    }

private:
    float layoutWidth(const ViewContext& ctx) const {
        ImFont* body = ctx.fonts.body;
        return body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.layout.title.c_str()).x + body->FontSize * 6.0f;
    }

    void drawLinks(ViewContext& ctx, ImDrawList* dl, ImVec2 pos, float right) {
        ImFont* body = ctx.fonts.body;
        struct Item {
            std::string label;
            bool silent;
        };
        std::vector<Item> items;
        int silent_count = 0;
        for (auto& [name, link] : ctx.model.state.links) {
            if (name == "operator") continue; // the console's own actions are not a backend link
            const TimeMs quiet = ctx.now_ms - link.last_seen_ms;
            const bool silent = quiet > ctx.silent_after_ms;
            silent_count += silent;
            char buf[256];
            if (silent)
                std::snprintf(buf, sizeof buf, "%s %s %llds", name.c_str(), ctx.t(Text::LinkSilent),
                              static_cast<long long>(quiet / 1000));
            else
                std::snprintf(buf, sizeof buf, "%s %s", name.c_str(), ctx.t(Text::LinkLive));
            items.push_back({buf, silent});
        }
        const float text_y = pos.y - body->FontSize * 0.55f;
        if (items.empty()) {
            dl->AddText(body, body->FontSize, ImVec2(pos.x, text_y), colors::kWarn, ctx.t(Text::NoLinks));
            return;
        }
        const float dot_w = body->FontSize + 4;
        float needed = 0;
        for (const Item& item : items)
            needed += body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, item.label.c_str()).x + dot_w + 22;
        if (pos.x + needed <= right) {
            for (const Item& item : items) {
                const ImU32 dot = item.silent ? (ctx.blink_on ? colors::kBad : IM_COL32(120, 20, 20, 255)) : colors::kGood;
                dl->AddCircleFilled(ImVec2(pos.x + body->FontSize * 0.4f, pos.y), body->FontSize * 0.4f, dot);
                dl->AddText(body, body->FontSize, ImVec2(pos.x + dot_w, text_y), item.silent ? colors::kBad : colors::kText,
                            item.label.c_str());
                pos.x += body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, item.label.c_str()).x + dot_w + 22;
            }
            return;
        }
        // Too narrow for every link: a summary, and the silent ones by name while they fit.
        char buf[256];
        if (silent_count == 0)
            std::snprintf(buf, sizeof buf, "%s %zu/%zu", ctx.t(Text::LinksUp), items.size(), items.size());
        else
            std::snprintf(buf, sizeof buf, "%s %d/%zu", ctx.t(Text::LinkSilent), silent_count, items.size());
        const ImU32 color = silent_count ? colors::kBad : colors::kGood;
        dl->AddCircleFilled(ImVec2(pos.x + body->FontSize * 0.4f, pos.y), body->FontSize * 0.4f, color);
        const ImVec4 clip(pos.x, pos.y - body->FontSize, right, pos.y + body->FontSize);
        std::string text = buf;
        for (const Item& item : items)
            if (item.silent) text += "  " + item.label;
        dl->AddText(body, body->FontSize, ImVec2(pos.x + dot_w, text_y), silent_count ? colors::kBad : colors::kText,
                    text.c_str(), nullptr, 0, &clip);
    }

    void drawLayout(ViewContext& ctx, ImDrawList* dl, ImVec2 pos) {
        ImFont* body = ctx.fonts.body;
        dl->AddText(body, body->FontSize, ImVec2(pos.x, pos.y - body->FontSize * 0.55f), colors::kTextDim,
                    ctx.t(Text::Layout));
        const float label_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::Layout)).x + 12;
        ImGui::SetCursorScreenPos(ImVec2(pos.x + label_w, pos.y - body->FontSize * 0.8f));
        std::string button = ctx.layout.title + "##layout-menu";
        if (ImGui::Button(button.c_str())) ImGui::OpenPopup("layouts");
        if (ImGui::BeginPopup("layouts")) {
            for (const LayoutChoice& choice : ctx.layouts) {
                if (ImGui::MenuItem(choice.title.c_str(), choice.hotkey.c_str(), choice.name == ctx.layout.name))
                    ctx.actions.switchLayout(choice.name);
            }
            ImGui::EndPopup();
        }
    }
};

} // namespace

std::unique_ptr<View> makeStatusBar(const layouts::Region& region) { return std::make_unique<StatusBar>(region); }

} // namespace wall::panels
