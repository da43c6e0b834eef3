// The incident summary for a consultation (会商): the alarm in focus, where it
// is on the grid, how long it has run, its commander tasks and its cameras.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <cstdio>

namespace wall::panels {
namespace {

class IncidentSummary final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::IncidentSummary); }

    void drawContent(ViewContext& ctx) override {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 pos = ImGui::GetCursorScreenPos();
        pos.x += 22;
        pos.y += 14;
        const float width = ImGui::GetContentRegionAvail().x - 44;
        const float right = pos.x + width;
        const Alarm* a = ctx.model.focus();
        if (!a) {
            dl->AddText(ctx.fonts.large, ctx.fonts.large->FontSize, pos, colors::kGood, ctx.t(Text::IncidentNone));
            return;
        }
        ImFont* huge = ctx.fonts.huge;
        ImFont* large = ctx.fonts.large;
        ImFont* body = ctx.fonts.body;
        char buf[512];

        const float chip_h = huge->FontSize * 1.2f;
        const float chip_w = drawChip(dl, large, pos, chip_h, levelColor(a->level), levelTextColor(a->level),
                                      ctx.t(levelName(a->level)));
        // The headline takes the huge font when it fits beside the chip, else the large one.
        const float title_room = right - (pos.x + chip_w + 20);
        ImFont* title_font =
            huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, a->title.c_str()).x <= title_room ? huge : large;
        const ImVec4 clip(pos.x, pos.y, right, pos.y + chip_h * 2);
        dl->AddText(title_font, title_font->FontSize,
                    ImVec2(pos.x + chip_w + 20, pos.y + (chip_h - title_font->FontSize) * 0.5f), colors::kText,
                    a->title.c_str(), nullptr, 0, &clip);
        pos.y += chip_h + 18;

        std::string site = a->site.county;
        for (const std::string* part : {&a->site.township, &a->site.village, &a->site.area})
            if (!part->empty()) site += (site.empty() ? "" : ctx.t(Text::SiteSeparator)) + *part;
        std::snprintf(buf, sizeof buf, "%s  %s", ctx.t(Text::Site), site.c_str());
        dl->AddText(large, large->FontSize, pos, colors::kText, buf, nullptr);
        pos.y += large->FontSize * 1.5f;

        std::snprintf(buf, sizeof buf, "%s %s   %s %s", formatDate(a->raised_ms).c_str(),
                      formatClock(a->raised_ms).c_str(), ctx.t(Text::IncidentSince),
                      formatDuration(ctx.now_ms - a->raised_ms).c_str());
        dl->AddText(large, large->FontSize, pos, colors::kWarn, buf);
        pos.y += large->FontSize * 1.6f;

        if (!a->message.empty()) {
            dl->AddText(body, body->FontSize, pos, colors::kTextDim, a->message.c_str(), nullptr, width);
            pos.y += body->CalcTextSizeA(body->FontSize, FLT_MAX, width, a->message.c_str()).y + 16;
        }

        // Tasks of this incident: the task names the alarm id, its title, or the same site.
        int open = 0, overdue = 0, total = 0;
        for (auto& [id, t] : ctx.model.state.tasks) {
            if (t.incident != a->id && t.incident != a->title && t.site != a->site.area) continue;
            ++total;
            const bool is_open = t.status != TaskStatus::Done && t.status != TaskStatus::Cancelled;
            open += is_open;
            overdue += is_open && t.deadline_ms && t.deadline_ms < ctx.now_ms;
        }
        std::snprintf(buf, sizeof buf, "%s %d   %s %d   %s %d", ctx.t(Text::IncidentTasks), total,
                      ctx.t(Text::OpenTasks), open, ctx.t(Text::Overdue), overdue);
        dl->AddText(large, large->FontSize, pos, overdue ? colors::kBad : colors::kText, buf);
        pos.y += large->FontSize * 1.5f;
        std::snprintf(buf, sizeof buf, "%s %zu", ctx.t(Text::IncidentCameras), a->cameras.size());
        dl->AddText(large, large->FontSize, pos, colors::kText, buf);
    }
};

} // namespace

std::unique_ptr<View> makeIncidentSummary(const layouts::Region& region) {
    return std::make_unique<IncidentSummary>(region);
}

} // namespace wall::panels
