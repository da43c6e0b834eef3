// The incident summary for a consultation (会商): the incident that holds the
// alarm in focus (else the most severe one not yet reported) with its 1-hour
// upward-reporting countdown, then the alarm in focus: where it is on the grid,
// how long it has run, its commander tasks and its cameras.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>

namespace wall::panels {
namespace {

constexpr TimeMs kReportWarnMs = 15 * 60 * 1000; // the countdown turns orange with this much left

Text gradeName(IncidentGrade grade) {
    switch (grade) {
    case IncidentGrade::Especially: return Text::GradeEspecially;
    case IncidentGrade::Major: return Text::GradeMajor;
    case IncidentGrade::Larger: return Text::GradeLarger;
    case IncidentGrade::General: break;
    }
    return Text::GradeGeneral;
}

/// The incident that contains the focus alarm; else the most severe one not yet reported (newest first).
const Incident* chosenIncident(const State& state, const Alarm* focus) {
    if (focus)
        for (const auto& [id, inc] : state.incidents)
            if (std::find(inc.alarms.begin(), inc.alarms.end(), focus->id) != inc.alarms.end()) return &inc;
    const Incident* best = nullptr;
    for (const auto& [id, inc] : state.incidents) {
        if (inc.reported_ms != 0) continue;
        if (!best || inc.grade < best->grade || (inc.grade == best->grade && inc.updated_ms > best->updated_ms))
            best = &inc;
    }
    return best;
}

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
        const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
        const Alarm* a = ctx.model.focus();
        const Incident* incident = chosenIncident(ctx.model.state, a);
        if (incident) drawReporting(ctx, *incident, pos, width);
        if (!a) {
            if (!incident)
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
        // The headline takes the huge font when it fits beside the chip, else the large one, ending in "…".
        const float title_room = right - (pos.x + chip_w + 20);
        ImFont* title_font =
            huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, a->title.c_str()).x <= title_room ? huge : large;
        render::drawFitText(dl, title_font, ImVec2(pos.x + chip_w + 20, pos.y), title_room, chip_h,
                            {a->title, colors::kText, 0, true}, title_font->FontSize);
        pos.y += chip_h + 18;

        std::string site = a->site.county;
        for (const std::string* part : {&a->site.township, &a->site.village, &a->site.area})
            if (!part->empty()) site += (site.empty() ? "" : ctx.t(Text::SiteSeparator)) + *part;
        std::snprintf(buf, sizeof buf, "%s  %s", ctx.t(Text::Site), site.c_str());
        const float large_floor = large->FontSize * kMinTextScale;
        render::drawFitText(dl, large, pos, width, large->FontSize, {buf, colors::kText, 0, true}, large_floor);
        pos.y += large->FontSize * 1.5f;

        // When it began, then how long it has run: the date goes first when room is short.
        const std::vector<render::TextPiece> since = {
            {formatDate(a->raised_ms), colors::kWarn, 1},
            {formatClock(a->raised_ms), colors::kWarn},
            {std::string(ctx.t(Text::IncidentSince)) + " " + formatDuration(ctx.now_ms - a->raised_ms), colors::kWarn}};
        render::drawFittedLine(dl, large, pos, large->FontSize, since, render::fitLine(large, since, width, large_floor));
        pos.y += large->FontSize * 1.6f;

        // Tasks of this incident: the task names the alarm id, its title, or the same site.
        int open = 0, overdue = 0, total = 0;
        for (auto& [id, t] : ctx.model.state.tasks) {
            if (t.incident != a->id && t.incident != a->title && t.site != a->site.area) continue;
            ++total;
            const bool is_open = t.status != TaskStatus::Done && t.status != TaskStatus::Cancelled;
            open += is_open;
            overdue += is_open && t.deadline_ms && t.deadline_ms < ctx.now_ms;
        }
        // Three counts on one line, or one per line when they do not fit at the floor.
        const ImU32 count_color = overdue ? colors::kBad : colors::kText;
        const std::vector<render::TextPiece> counts = {
            {std::string(ctx.t(Text::IncidentTasks)) + " " + std::to_string(total), count_color},
            {std::string(ctx.t(Text::OpenTasks)) + " " + std::to_string(open), count_color},
            {std::string(ctx.t(Text::Overdue)) + " " + std::to_string(overdue), count_color}};
        // Lines below the panel's bottom are left out whole.
        auto fits = [&](float h) { return pos.y + h <= bottom; };
        const render::FittedLine one = render::fitLine(large, counts, width, large_floor, 1.0f);
        if (one.size >= large_floor) {
            if (fits(large->FontSize)) render::drawFittedLine(dl, large, pos, large->FontSize, counts, one);
            pos.y += large->FontSize * 1.5f;
        } else {
            for (const render::TextPiece& piece : counts) {
                if (fits(large->FontSize)) render::drawFitText(dl, large, pos, width, large->FontSize, piece, large_floor);
                pos.y += large->FontSize * 1.3f;
            }
            pos.y += large->FontSize * 0.2f;
        }
        std::snprintf(buf, sizeof buf, "%s %zu", ctx.t(Text::IncidentCameras), a->cameras.size());
        if (fits(large->FontSize)) render::drawFitText(dl, large, pos, width, large->FontSize, {buf, colors::kText}, large_floor);
        pos.y += large->FontSize * 1.5f;

        // The alarm's message last: of all the lines it is the one to give way at the bottom.
        if (!a->message.empty()) {
            // Wrapped here: ImGui would break a CJK line inside a number. Lines past the bottom are left out.
            for (const std::string& line : render::wrapLines(body, body->FontSize, a->message, width)) {
                if (pos.y + body->FontSize <= bottom)
                    dl->AddText(body, body->FontSize, pos, colors::kTextDim, line.data(), line.data() + line.size());
                pos.y += body->FontSize;
            }
        }
    }

private:
    /// The incident's grade and title, its upward-reporting countdown (上报倒计时) and the 标记已上报 button.
    void drawReporting(ViewContext& ctx, const Incident& inc, ImVec2& pos, float width) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImFont* large = ctx.fonts.large;
        ImFont* huge = ctx.fonts.huge;
        ImFont* body = ctx.fonts.body;
        char buf[256];
        const float chip_h = large->FontSize * 1.25f;
        const ImU32 grade_bg = inc.grade <= IncidentGrade::Major ? colors::kBad : colors::kWarn;
        const float chip_w = drawChip(dl, large, pos, chip_h, grade_bg, colors::kText, ctx.t(gradeName(inc.grade)));
        render::drawFitText(dl, large, ImVec2(pos.x + chip_w + 16, pos.y), width - chip_w - 16, chip_h,
                            {inc.title, colors::kText, 0, true}, large->FontSize * kMinTextScale);
        pos.y += chip_h + 12;
        if (inc.report_due_ms == 0) return;

        if (inc.reported_ms != 0) {
            const bool on_time = inc.reported_ms <= inc.report_due_ms;
            std::snprintf(buf, sizeof buf, "%s %s  %s", ctx.t(Text::Reported), formatHm(inc.reported_ms).c_str(),
                          ctx.t(on_time ? Text::ReportOnTime : Text::ReportLate));
            render::drawFitText(dl, large, pos, width, large->FontSize, {buf, on_time ? colors::kGood : colors::kBad},
                                large->FontSize * kMinTextScale);
            pos.y += large->FontSize * 1.5f;
        } else {
            const TimeMs left = inc.report_due_ms - ctx.now_ms;
            dl->AddText(large, large->FontSize, ImVec2(pos.x, pos.y + (huge->FontSize - large->FontSize) * 0.6f),
                        colors::kTextDim, ctx.t(Text::ReportCountdown));
            const float label_w = large->CalcTextSizeA(large->FontSize, FLT_MAX, 0, ctx.t(Text::ReportCountdown)).x;
            ImU32 color = colors::kText;
            if (left <= 0) {
                std::snprintf(buf, sizeof buf, ctx.t(Text::ReportOverdue), static_cast<int>((-left) / 60000));
                color = ctx.blink_on ? colors::kBad : IM_COL32(235, 40, 40, 90); // blinks unless --no-blink
            } else {
                std::snprintf(buf, sizeof buf, "%s", formatDuration(left).c_str());
                if (left <= kReportWarnMs) color = colors::kWarn;
            }
            // The countdown shrinks from the huge size, never loses a digit.
            render::drawFitText(dl, huge, ImVec2(pos.x + label_w + 16, pos.y), width - label_w - 16, huge->FontSize,
                                {buf, color}, large->FontSize * kMinTextScale);
            pos.y += huge->FontSize * 1.2f;
            const char* mark = ctx.t(Text::MarkReported);
            ImGui::SetCursorScreenPos(pos);
            ImGui::PushID(inc.id.c_str());
            if (ImGui::Button(mark)) ctx.actions.markIncidentReported(inc.id, "");
            ImGui::PopID();
            pos.y += body->FontSize * 1.8f;
        }
        const ResponseStats& r = ctx.model.state.response;
        if (r.reported > 0) {
            std::snprintf(buf, sizeof buf, "%s %u/%u", ctx.t(Text::OnTimeRate), r.reported_on_time, r.reported);
            render::drawFitText(dl, body, pos, width, body->FontSize, {buf, colors::kTextDim}, body->FontSize * kMinTextScale);
            pos.y += body->FontSize * 1.5f;
        }
        pos.y += 10;
    }
};

} // namespace

std::unique_ptr<View> makeIncidentSummary(const layouts::Region& region) {
    return std::make_unique<IncidentSummary>(region);
}

} // namespace wall::panels
