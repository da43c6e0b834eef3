// The duty roster: who answers for this shift (带班领导), who is on watch
// (值班员), the liaisons of a joint watch, the next shift and the time to handover.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>

namespace wall::panels {
namespace {

const Shift* shiftAt(const Roster& roster, TimeMs t) {
    for (const Shift& s : roster.shifts)
        if (s.start_ms <= t && t < s.end_ms) return &s;
    return nullptr;
}

const Shift* shiftAfter(const Roster& roster, TimeMs t) {
    const Shift* next = nullptr;
    for (const Shift& s : roster.shifts)
        if (s.start_ms > t && (!next || s.start_ms < next->start_ms)) next = &s;
    return next;
}

class DutyRoster final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::DutyRoster); }

    void drawContent(ViewContext& ctx) override {
        const Roster& roster = ctx.model.state.roster;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 pos = ImGui::GetCursorScreenPos();
        pos.x += 22;
        pos.y += 12;
        const float width = ImGui::GetContentRegionAvail().x - 44;
        const Shift* current = shiftAt(roster, ctx.now_ms);
        const Shift* next = shiftAfter(roster, ctx.now_ms);
        if (!current && !next) {
            dl->AddText(ctx.fonts.large, ctx.fonts.large->FontSize, pos, colors::kWarn, ctx.t(Text::NoRoster));
            return;
        }
        if (current) {
            pos = drawShift(ctx, dl, pos, width, *current, ctx.t(Text::CurrentShift), true);
            char buf[96];
            std::snprintf(buf, sizeof buf, "%s  %s", ctx.t(Text::Handover),
                          formatDuration(current->end_ms - ctx.now_ms).c_str());
            const bool soon = current->end_ms - ctx.now_ms < 30 * 60 * 1000;
            ImFont* large = ctx.fonts.large;
            render::drawFitText(dl, large, pos, width, large->FontSize, {buf, soon ? colors::kWarn : colors::kText},
                                large->FontSize * kMinTextScale);
            pos.y += ctx.fonts.large->FontSize * 1.6f;
        }
        if (next) {
            dl->AddLine(ImVec2(pos.x, pos.y), ImVec2(pos.x + width, pos.y), colors::kBorder, 2.0f);
            pos.y += 12;
            drawShift(ctx, dl, pos, width, *next, ctx.t(Text::NextShift), false);
        }
    }

private:
    ImVec2 drawShift(ViewContext& ctx, ImDrawList* dl, ImVec2 pos, float width, const Shift& s, const char* heading,
                     bool prominent) {
        ImFont* large = ctx.fonts.large;
        ImFont* body = ctx.fonts.body;
        // Heading, the shift's name (cut with "…" first) and its hours (always whole).
        const std::vector<render::TextPiece> title = {
            {heading, colors::kTextDim},
            {s.label, colors::kTextDim, 0, true},
            {formatHm(s.start_ms) + "–" + formatHm(s.end_ms), colors::kTextDim}};
        const float body_floor = body->FontSize * kMinTextScale;
        render::drawFittedLine(dl, body, pos, body->FontSize, title, render::fitLine(body, title, width, body_floor, 1.0f));
        pos.y += body->FontSize * 1.5f;
        const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();

        ImFont* name_font = prominent ? large : body;
        float label_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::Leader)).x;
        label_w = std::max(label_w, body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::Officer)).x);
        if (prominent)
            for (const Person& p : s.contacts)
                label_w = std::max(label_w, body->CalcTextSizeA(body->FontSize, FLT_MAX, 0,
                                                                (p.role.empty() ? ctx.t(Text::Contact) : p.role.c_str())).x);
        // A liaison's long role ("市水利局……联络员") must not push names and phones off the panel.
        label_w = std::min(label_w, width * 0.3f) + 24;
        auto person = [&](const char* role, const Person& p, ImU32 color) {
            const float line_h = name_font->FontSize;
            if (pos.y + line_h > bottom) return;  // below the panel: left out rather than cut
            render::drawFitText(dl, body, pos, label_w - 24, line_h, {role, colors::kTextDim, 0, true}, body_floor);
            // The phone number stays whole; the name shrinks, then ends in "…".
            const std::vector<render::TextPiece> who = {
                {p.name, color, 0, true}, {p.phone, colors::kTextDim, 0, false, body->FontSize / name_font->FontSize}};
            render::drawFittedLine(dl, name_font, ImVec2(pos.x + label_w, pos.y), line_h, who,
                                   render::fitLine(name_font, who, width - label_w, name_font->FontSize * kMinTextScale,
                                                   0.6f));
            pos.y += name_font->FontSize * 1.35f;
        };
        person(ctx.t(Text::Leader), s.leader, prominent ? IM_COL32(255, 226, 140, 255) : colors::kText);
        for (const Person& p : s.officers) person(ctx.t(Text::Officer), p, colors::kText);
        if (prominent) {
            for (const Person& p : s.contacts) {
                std::string role = p.role.empty() ? ctx.t(Text::Contact) : p.role;
                person(role.c_str(), p, colors::kTextDim);
            }
        }
        pos.y += 8;
        return pos;
    }
};

} // namespace

std::unique_ptr<View> makeDutyRoster(const layouts::Region& region) { return std::make_unique<DutyRoster>(region); }

} // namespace wall::panels
