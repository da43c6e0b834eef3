#include "panels/alarm_detail.hpp"

#include "model/alarm_load.hpp"
#include "model/beijing_time.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace wall::panels {

Text alarmStateWord(AlarmState state) {
    switch (state) {
    case AlarmState::Acked: return Text::Acked;
    case AlarmState::ReturnedUnacked: return Text::StateReturnedUnacked;
    case AlarmState::Shelved: return Text::StateShelved;
    case AlarmState::Suppressed: return Text::StateSuppressed;
    case AlarmState::Normal: return Text::Cleared;
    default: return Text::Unacked;
    }
}

const char* categoryName(const ViewContext& ctx, const std::string& category) {
    static constexpr std::pair<const char*, Text> kNames[] = {
        {"rain", Text::CategoryRain},         {"reservoir", Text::CategoryReservoir}, {"river", Text::CategoryRiver},
        {"tailings", Text::CategoryTailings}, {"fire", Text::CategoryFire},           {"hazchem", Text::CategoryHazchem},
        {"road", Text::CategoryRoad},         {"landslide", Text::CategoryLandslide},
        {"waterlogging", Text::CategoryWaterlogging}};
    for (auto& [wire, text] : kNames)
        if (category == wire) return ctx.t(text);
    return category.c_str();
}

std::string sitePath(const ViewContext& ctx, const GridSite& site, bool from_township) {
    std::string path;
    for (const std::string* part : {&site.county, &site.township, &site.village, &site.area}) {
        if (part == &site.county && from_township) continue;
        if (!part->empty()) path += (path.empty() ? "" : ctx.t(Text::SiteSeparator)) + *part;
    }
    return path;
}

namespace {

constexpr Text kReasons[] = {Text::ReasonMaintenance, Text::ReasonVerifying, Text::ReasonKnown};

/// Wrapped here rather than by ImGui, which breaks CJK text at any character, digits included; a line
/// half out of the pane's view is left out (its space kept).
void textColored(ImU32 color, const char* text) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    for (const std::string& line : render::wrapLines(font, size, text, ImGui::GetContentRegionAvail().x)) {
        if (wholeLineVisible(size)) ImGui::TextUnformatted(line.data(), line.data() + line.size());
        else ImGui::Dummy(ImVec2(0, size));
    }
    ImGui::PopStyleColor();
}

void sectionTitle(const ViewContext& ctx, Text title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kHeaderAccent));
    ImGui::TextUnformatted(ctx.t(title));
    ImGui::PopStyleColor();
    ImGui::Separator();
}

const SopChecklist* sopFor(const ViewContext& ctx, const std::string& category) {
    if (!ctx.rules) return nullptr;
    for (const SopChecklist& s : ctx.rules->sop)
        if (s.category == category) return &s;
    return nullptr;
}

void drawLifecycleButtons(ViewContext& ctx, const Alarm& a, AlarmDetailState& state) {
    const AlarmState s = alarmState(a);
    if (!a.acked) {
        if (ImGui::Button(ctx.t(Text::Ack))) ctx.actions.acknowledgeAlarm(a.id);
        ImGui::SameLine();
    }
    if (s == AlarmState::Shelved) {
        if (ImGui::Button(ctx.t(Text::Unshelve))) ctx.actions.unshelveAlarm(a.id);
    } else if (s != AlarmState::Suppressed) {
        if (ImGui::Button(ctx.t(Text::Shelve))) ImGui::OpenPopup("shelve");
    }
    if (ImGui::BeginPopup("shelve")) {
        ImGui::TextUnformatted(ctx.t(Text::Reason));
        for (int i = 0; i < static_cast<int>(std::size(kReasons)); ++i)
            if (ImGui::RadioButton(ctx.t(kReasons[i]), state.reason == i)) state.reason = i;
        ImGui::Separator();
        const ShelveRules shelve = ctx.rules ? ctx.rules->shelve : ShelveRules{};
        bool first = true;
        for (int minutes : shelve.choices_minutes) {
            if (minutes <= 0 || minutes > shelve.max_minutes) continue;
            if (!first) ImGui::SameLine();
            first = false;
            char label[48];
            std::snprintf(label, sizeof label, ctx.t(Text::ShelveMinutes), minutes);
            if (ImGui::Button(label)) {
                ctx.actions.shelveAlarm(a.id, minutes, ctx.t(kReasons[state.reason]));
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
}

void drawOverlayInfo(ViewContext& ctx, const Alarm& a) {
    char buf[512];
    if (a.shelved_until_ms) {
        std::snprintf(buf, sizeof buf, "%s: %s · %s: %s · %s %s", ctx.t(Text::ShelvedBy), a.shelved_by.c_str(),
                      ctx.t(Text::Reason), a.shelve_reason.c_str(), ctx.t(Text::Until),
                      formatHm(a.shelved_until_ms).c_str());
        textColored(colors::kWarn, buf);
    }
    if (a.suppressed) {
        std::snprintf(buf, sizeof buf, "%s: %s · %s: %s", ctx.t(Text::SuppressedBy), a.suppressed_by.c_str(),
                      ctx.t(Text::Reason), a.suppress_reason.c_str());
        textColored(colors::kWarn, buf);
    }
}

void drawCalls(ViewContext& ctx, const Alarm& a) {
    if (a.calls.empty()) {
        textColored(colors::kTextDim, ctx.t(Text::NoCalls));
        return;
    }
    for (const Call& c : a.calls) {
        Text word = Text::BoardCallWaiting;
        ImU32 color = colors::kText;
        if (c.answered_ms) word = Text::BoardCallAnswered, color = colors::kGood;
        else if (c.escalated_ms) word = Text::BoardCallEscalated, color = colors::kBad;
        else if (c.deadline_ms && ctx.now_ms > c.deadline_ms) word = Text::BoardCallOverdue, color = colors::kBad;
        const TimeMs elapsed = (c.answered_ms ? c.answered_ms : ctx.now_ms) - c.called_ms;
        char buf[384];
        std::snprintf(buf, sizeof buf, "%s%s%s · %s · %s", c.person.name.c_str(), c.person.role.empty() ? "" : " ",
                      c.person.role.c_str(), ctx.t(word), formatDuration(std::max<TimeMs>(0, elapsed)).c_str());
        textColored(color, buf);
    }
}

void drawSop(ViewContext& ctx, const Alarm& a) {
    const SopChecklist* sop = sopFor(ctx, a.category);
    if (!sop || sop->steps.empty()) {
        textColored(colors::kTextDim, ctx.t(Text::NoSop));
        return;
    }
    if (!sop->title.empty()) textColored(colors::kText, sop->title.c_str());
    for (size_t i = 0; i < sop->steps.size(); ++i) {
        bool done = i < a.sop_done.size() && a.sop_done[i];
        ImGui::PushID(static_cast<int>(i));
        // The tick is journaled first; the box shows the state that comes back.
        if (ImGui::Checkbox(sop->steps[i].c_str(), &done)) ctx.actions.setSopStep(a.id, static_cast<int>(i), done);
        ImGui::PopID();
    }
}

void drawCameras(ViewContext& ctx, const Alarm& a) {
    if (a.cameras.empty()) {
        textColored(colors::kTextDim, ctx.t(Text::NoCameras));
        return;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const int n = static_cast<int>(std::min<size_t>(a.cameras.size(), 4));
    const int per_row = std::min(n, 2);
    const float gap = 8;
    const float w = (avail - gap * (per_row - 1)) / per_row;
    const float h = w * 9.0f / 16.0f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    for (int i = 0; i < n; ++i) {
        const ImVec2 tile(pos.x + (i % per_row) * (w + gap), pos.y + (i / per_row) * (h + gap));
        ctx.cameras.drawTile(a.cameras[i], tile, ImVec2(tile.x + w, tile.y + h), FitMode::Letterbox, "");
    }
    const int rows = (n + per_row - 1) / per_row;
    ImGui::Dummy(ImVec2(avail, rows * (h + gap)));
}

void drawHistory(ViewContext& ctx, const Alarm& a) {
    for (auto it = a.history.rbegin(); it != a.history.rend(); ++it) {
        const std::string actor = it->actor == "console" ? ctx.t(Text::ActorConsole) : it->actor;
        char buf[512];
        std::snprintf(buf, sizeof buf, "%s  %s → %s  %s  %s", formatClock(it->ts_ms).c_str(),
                      ctx.t(alarmStateWord(it->from)), ctx.t(alarmStateWord(it->to)), actor.c_str(), it->cause.c_str());
        textColored(colors::kText, buf);
    }
}

} // namespace

bool drawAlarmDetail(ViewContext& ctx, const Alarm& a, AlarmDetailState& state, ImVec2 min, ImVec2 max,
                     bool back_button) {
    bool open = true;
    ImGui::SetCursorScreenPos(min);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::kHeaderBackground);
    ImGui::BeginChild("alarm-detail", ImVec2(max.x - min.x, max.y - min.y), true);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* body = ctx.fonts.body;

    // Title line: close (or back), level chip, title.
    if (ImGui::Button(ctx.t(back_button ? Text::Back : Text::Close))) open = false;
    ImGui::SameLine();
    const ImVec2 chip_pos = ImGui::GetCursorScreenPos();
    const float chip_h = ImGui::GetFrameHeight();
    const float chip_w = drawChip(dl, body, chip_pos, chip_h, levelColor(a.level), levelTextColor(a.level),
                                  ctx.t(levelName(a.level)));
    ImGui::Dummy(ImVec2(chip_w, chip_h));
    ImGui::SameLine();
    const AlarmState s = alarmState(a);
    textColored(s == AlarmState::Unacked ? colors::kWarn : colors::kTextDim, ctx.t(alarmStateWord(s)));
    if (!a.drill_id.empty()) {
        // 演练: which drill it belongs to, beside the state.
        ImGui::SameLine();
        auto d = ctx.model.state.drills.find(a.drill_id);
        const std::string label = std::string(ctx.t(Text::DrillAlarm)) + " · " +
                                  (d != ctx.model.state.drills.end() ? d->second.name : a.drill_id);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float w = drawChip(dl, body, pos, chip_h, colors::kDrill, IM_COL32_WHITE, label.c_str());
        ImGui::Dummy(ImVec2(w, chip_h));
    }
    ImGui::PushFont(ctx.fonts.large);
    textColored(colors::kText, a.title.c_str());
    ImGui::PopFont();

    // Badges: chattering, stale.
    const FloodRules flood = ctx.rules ? ctx.rules->flood : FloodRules{};
    char buf[128];
    if (isChattering(a, ctx.now_ms, flood)) {
        std::snprintf(buf, sizeof buf, ctx.t(Text::ChatterBadge), static_cast<int>(a.raise_count));
        textColored(colors::kWarn, buf);
    }
    if (isStale(a, ctx.now_ms, flood)) {
        std::snprintf(buf, sizeof buf, ctx.t(Text::StaleBadge), flood.stale_after_s / 3600);
        textColored(colors::kWarn, buf);
    }
    drawLifecycleButtons(ctx, a, state);
    drawOverlayInfo(ctx, a);
    if (!a.message.empty()) textColored(colors::kTextDim, a.message.c_str());

    sectionTitle(ctx, Text::SitePath);
    const std::string path = sitePath(ctx, a.site, false);
    textColored(colors::kText, (path + (a.device.empty() ? "" : ctx.t(Text::CaptionSeparator) + a.device)).c_str());
    sectionTitle(ctx, Text::CallResponse);
    drawCalls(ctx, a);
    sectionTitle(ctx, Text::SopChecklist);
    drawSop(ctx, a);
    sectionTitle(ctx, Text::LinkedCameras);
    drawCameras(ctx, a);
    sectionTitle(ctx, Text::History);
    drawHistory(ctx, a);

    ImGui::EndChild();
    ImGui::PopStyleColor();
    return open;
}

} // namespace wall::panels
