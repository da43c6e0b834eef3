// On-site commander tasks (现场指挥官制度): what each commander was assigned,
// where, its status, and the time left. Overdue open tasks turn red.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace wall::panels {
namespace {

bool isOpen(const Task& t) { return t.status != TaskStatus::Done && t.status != TaskStatus::Cancelled; }
bool isOverdue(const Task& t, TimeMs now) { return isOpen(t) && t.deadline_ms && t.deadline_ms < now; }

ImU32 statusColor(TaskStatus s) {
    switch (s) {
    case TaskStatus::Assigned: return IM_COL32(120, 140, 170, 255);
    case TaskStatus::Accepted: return IM_COL32(40, 120, 200, 255);
    case TaskStatus::InProgress: return IM_COL32(230, 150, 20, 255);
    case TaskStatus::Done: return IM_COL32(40, 160, 90, 255);
    default: return IM_COL32(90, 90, 90, 255);
    }
}

class TaskBoard final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::TaskBoard); }

    void drawContent(ViewContext& ctx) override {
        const TimeMs now = ctx.now_ms;
        // Overdue first, then open tasks by deadline, closed ones last.
        std::vector<const Task*> tasks;
        tasks.reserve(ctx.model.state.tasks.size());
        for (auto& [id, t] : ctx.model.state.tasks) tasks.push_back(&t);
        auto rank = [now](const Task* t) { return isOverdue(*t, now) ? 0 : isOpen(*t) ? 1 : 2; };
        std::sort(tasks.begin(), tasks.end(), [&](const Task* a, const Task* b) {
            if (rank(a) != rank(b)) return rank(a) < rank(b);
            const TimeMs da = a->deadline_ms ? a->deadline_ms : INT64_MAX, db = b->deadline_ms ? b->deadline_ms : INT64_MAX;
            if (da != db) return da < db;
            return a->id < b->id;
        });

        ImDrawList* dl = ImGui::GetWindowDrawList();
        int open = 0, overdue = 0;
        for (const Task* t : tasks) { open += isOpen(*t); overdue += isOverdue(*t, now); }
        ImVec2 pos = ImGui::GetCursorScreenPos();
        pos.x += 22;
        pos.y += 8;
        ImFont* large = ctx.fonts.large;
        std::vector<render::TextPiece> counts = {
            {std::string(ctx.t(Text::OpenTasks)) + " " + std::to_string(open), colors::kText}};
        if (overdue)
            counts.push_back({std::string(ctx.t(Text::Overdue)) + " " + std::to_string(overdue),
                              ctx.blink_on ? colors::kBad : IM_COL32(150, 30, 30, 255)});
        const float width = ImGui::GetContentRegionAvail().x - 44;
        render::drawFittedLine(dl, large, pos, large->FontSize, counts,
                               render::fitLine(large, counts, width, large->FontSize * kMinTextScale, 1.0f));
        ImGui::Dummy(ImVec2(0, large->FontSize * 1.5f + 8));
        if (tasks.empty()) {
            ImGui::SetCursorPosX(22);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kTextDim), "%s", ctx.t(Text::NoTasks));
            return;
        }

        ImGui::BeginChild("tasks", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        ImFont* font = ctx.fonts.body;
        const float row_h = font->FontSize * 2.9f;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(tasks.size()), row_h);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                if (wholeLineVisible(row_h - 4)) drawTask(ctx, *tasks[i], i, row_h);
                else ImGui::Dummy(ImVec2(0, row_h));
            }
        ImGui::EndChild();
    }

private:
    void drawTask(ViewContext& ctx, const Task& t, int row, float row_h) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImFont* font = ctx.fonts.body;
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 max(min.x + width, min.y + row_h - 4);
        ImGui::PushID(t.id.c_str());
        ImGui::InvisibleButton("task", ImVec2(width, row_h));
        const bool overdue = isOverdue(t, ctx.now_ms);
        if (overdue) dl->AddRectFilled(min, max, IM_COL32(200, 20, 30, 90));
        else if (row % 2) dl->AddRectFilled(min, max, colors::kRowAlt);
        if (overdue) dl->AddRectFilled(min, ImVec2(min.x + 10, max.y), colors::kBad);

        // Operators move a task on from its context menu; the change is journaled and published.
        if (ImGui::BeginPopupContextItem("status")) {
            for (int s = 0; s < kTaskStatusCount; ++s) {
                const auto status = static_cast<TaskStatus>(s);
                if (ImGui::MenuItem(ctx.t(taskStatusName(status)), nullptr, status == t.status))
                    ctx.actions.setTaskStatus(t.id, status);
            }
            ImGui::EndPopup();
        }

        const float line1 = min.y + 6, line2 = min.y + 6 + font->FontSize * 1.3f;
        float x = min.x + 22;
        const float chip_w = drawChip(dl, font, ImVec2(x, line1 - 2), font->FontSize * 1.25f, statusColor(t.status),
                                      IM_COL32_WHITE, ctx.t(taskStatusName(t.status)));
        x += std::max(chip_w, font->FontSize * 4.2f) + 14;

        const float deadline_w = font->FontSize * 7.5f;
        const ImU32 text = isOpen(t) ? colors::kText : colors::kTextDim;
        const float text_w = max.x - deadline_w - 20 - x;
        const float fs = font->FontSize;
        render::drawFitText(dl, font, ImVec2(x, line1), text_w, fs, {t.title, text, 0, true}, fs);
        // Commander before site: the label words go first, then the name and the site end in "…".
        const std::vector<render::TextPiece> who = {{ctx.t(Text::Commander), colors::kTextDim, 2},
                                                    {t.commander, colors::kTextDim, 0, true},
                                                    {ctx.t(Text::Site), colors::kTextDim, 1},
                                                    {t.site, colors::kTextDim, 0, true}};
        render::drawFittedLine(dl, font, ImVec2(x, line2), fs, who, render::fitLine(font, who, text_w, fs, 0.4f));

        // The countdown and the deadline shrink to their column rather than lose a digit.
        char buf[256];
        if (t.deadline_ms && isOpen(t)) {
            const TimeMs left = t.deadline_ms - ctx.now_ms;
            std::snprintf(buf, sizeof buf, "%s %s", overdue ? ctx.t(Text::Overdue) : ctx.t(Text::Remaining),
                          formatDuration(overdue ? -left : left).c_str());
            const ImU32 c = overdue ? colors::kBad : left < 10 * 60 * 1000 ? colors::kWarn : colors::kText;
            render::drawFitText(dl, font, ImVec2(max.x - deadline_w, line1), deadline_w - 8, fs, {buf, c}, fs * kMinTextScale);
        }
        if (t.deadline_ms) {
            std::snprintf(buf, sizeof buf, "%s %s", ctx.t(Text::Deadline), formatHm(t.deadline_ms).c_str());
            render::drawFitText(dl, font, ImVec2(max.x - deadline_w, line2), deadline_w - 8, fs, {buf, colors::kTextDim},
                                fs * kMinTextScale);
        }
        ImGui::PopID();
    }
};

} // namespace

std::unique_ptr<View> makeTaskBoard(const layouts::Region& region) { return std::make_unique<TaskBoard>(region); }

} // namespace wall::panels
