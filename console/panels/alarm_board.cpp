// The alarm board: alarms by warning level, unacknowledged ones standing out.
// Scales to 100,000 rows: the order is kept incrementally (AlarmOrder) and only
// the visible rows are laid out (ImGuiListClipper).
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <cstdio>
#include <iterator>

namespace wall::panels {
namespace {

class AlarmBoard final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::AlarmBoard); }

    void drawContent(ViewContext& ctx) override {
        drawLevelCounts(ctx);
        handleKeys(ctx);
        drawRows(ctx);
    }

private:
    std::string selected_id_;   // row chosen by click or arrow keys
    int selected_index_ = -1;   // its index in board order last frame, for arrow keys

    void drawLevelCounts(ViewContext& ctx) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const AlarmOrder& order = ctx.model.alarm_order;
        const float h = ctx.fonts.large->FontSize * 1.3f;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        pos.x += 14;
        pos.y += 8;
        char buf[96];
        for (int i = 0; i < kWarningLevelCount; ++i) {
            const auto level = static_cast<WarningLevel>(i + 1);
            std::snprintf(buf, sizeof buf, "%s %d", ctx.t(levelShortName(level)), order.countByLevel()[i]);
            pos.x += drawChip(dl, ctx.fonts.large, pos, h, levelColor(level), levelTextColor(level), buf) + 12;
        }
        int unacked = 0;
        for (int n : order.unackedByLevel()) unacked += n;
        std::snprintf(buf, sizeof buf, "%s %zu   %s %d", ctx.t(Text::Total), order.size(), ctx.t(Text::Unacked),
                      unacked);
        dl->AddText(ctx.fonts.large, ctx.fonts.large->FontSize, ImVec2(pos.x + 14, pos.y + h * 0.12f),
                    unacked ? colors::kWarn : colors::kTextDim, buf);
        ImGui::Dummy(ImVec2(0, h + 16));
    }

    void handleKeys(ViewContext& ctx) {
        const int count = static_cast<int>(ctx.model.alarm_order.size());
        if (count == 0) return;
        int index = selected_index_;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) index = std::min(index + 1, count - 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) index = std::max(index - 1, 0);
        if (index != selected_index_ && index >= 0) {
            auto it = std::next(ctx.model.alarm_order.ordered().begin(), index);
            selected_id_ = std::get<3>(*it);
            selected_index_ = index;
        }
        const bool ack_key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
        if (ack_key && !selected_id_.empty()) ctx.actions.acknowledgeAlarm(selected_id_);
    }

    void drawRows(ViewContext& ctx) {
        const AlarmOrder& order = ctx.model.alarm_order;
        ImGui::BeginChild("rows", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        if (order.size() == 0) {
            const ImVec2 min = ImGui::GetWindowPos();
            const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight() * 0.5f);
            drawCentredText(ImGui::GetWindowDrawList(), ctx.fonts.large, min, max, colors::kGood,
                            ctx.t(Text::NoAlarms));
            ImGui::EndChild();
            return;
        }
        const float row_h = ctx.fonts.body->FontSize * 1.75f;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order.size()), row_h);
        int found_selected = -1;
        while (clipper.Step()) {
            auto it = std::next(order.ordered().begin(), clipper.DisplayStart);
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row, ++it) {
                const std::string& id = std::get<3>(*it);
                auto found = ctx.model.state.alarms.find(id);
                if (found == ctx.model.state.alarms.end()) continue;
                if (id == selected_id_) found_selected = row;
                drawRow(ctx, found->second, row, row_h);
            }
        }
        if (found_selected >= 0) selected_index_ = found_selected;
        ImGui::EndChild();
    }

    void drawRow(ViewContext& ctx, const Alarm& a, int row, float row_h) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 max(min.x + width, min.y + row_h - 3);
        ImGui::PushID(a.id.c_str());
        if (ImGui::InvisibleButton("row", ImVec2(width, row_h))) selected_id_ = a.id;
        ImGui::SetItemAllowOverlap(); // the ack button sits on top of the row
        const bool selected = a.id == selected_id_;

        // Unacknowledged rows carry a steady tint of their level colour; the blink
        // (optional) only deepens it, so a frozen frame still shows what needs an ack.
        if (!a.acked) {
            const float alpha = a.active ? (ctx.blink_on ? 0.42f : 0.22f) : 0.18f;
            dl->AddRectFilled(min, max, levelColor(a.level, alpha));
        } else if (row % 2) {
            dl->AddRectFilled(min, max, colors::kRowAlt);
        }
        if (selected) dl->AddRect(min, max, colors::kSelected, 0, 0, 3.0f);
        dl->AddRectFilled(min, ImVec2(min.x + 14, max.y), levelColor(a.level));

        ImFont* font = ctx.fonts.body;
        const float ty = min.y + (row_h - 3 - font->FontSize) * 0.5f;
        float x = min.x + 24;
        x += drawChip(dl, font, ImVec2(x, min.y + 5), row_h - 13, levelColor(a.level), levelTextColor(a.level),
                      ctx.t(levelShortName(a.level))) + 14;
        const ImU32 text = a.active ? colors::kText : colors::kTextDim;
        const std::string when = formatClock(a.raised_ms);
        dl->AddText(font, font->FontSize, ImVec2(x, ty), colors::kTextDim, when.c_str());
        x += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "00:00:00 ").x + 10;

        // Right side: state and the ack button; the middle gets what is left.
        // Narrow boards drop the site and state words first: the tint already says "unacknowledged".
        const bool wide = width > font->FontSize * 30.0f;
        const float button_w = font->FontSize * 2.8f;
        const float state_w = wide ? font->FontSize * 4.5f : 0.0f;
        const float right = max.x - button_w - 16 - state_w;
        const float site_w = wide ? (right - x) * 0.38f : 0.0f;
        const float title_right = right - site_w - 16;
        const ImVec4 clip_title(x, min.y, title_right, max.y);
        dl->AddText(font, font->FontSize, ImVec2(x, ty), text, a.title.c_str(), nullptr, 0, &clip_title);
        if (wide) {
            std::string site = a.site.township;
            for (const std::string* part : {&a.site.village, &a.site.area})
                if (!part->empty()) site += (site.empty() ? "" : ctx.t(Text::SiteSeparator)) + *part;
            const ImVec4 clip_site(title_right + 16, min.y, right - 12, max.y);
            dl->AddText(font, font->FontSize, ImVec2(title_right + 16, ty), colors::kTextDim, site.c_str(), nullptr,
                        0, &clip_site);
            const char* state = a.acked ? ctx.t(Text::Acked) : a.active ? ctx.t(Text::Unacked) : ctx.t(Text::Cleared);
            dl->AddText(font, font->FontSize, ImVec2(right, ty), a.acked || !a.active ? colors::kTextDim : colors::kText,
                        state);
        }
        if (a.acked) {
            if (!wide)
                dl->AddText(font, font->FontSize, ImVec2(max.x - button_w - 8, ty), colors::kTextDim, ctx.t(Text::Acked));
        } else {
            const ImVec2 saved = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(max.x - button_w - 8, min.y + 4));
            if (ImGui::Button(ctx.t(Text::Ack), ImVec2(button_w, row_h - 11))) ctx.actions.acknowledgeAlarm(a.id);
            ImGui::SetCursorScreenPos(saved);
        }
        ImGui::PopID();
    }
};

} // namespace

std::unique_ptr<View> makeAlarmBoard(const layouts::Region& region) { return std::make_unique<AlarmBoard>(region); }

} // namespace wall::panels
