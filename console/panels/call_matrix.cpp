// The 叫应 matrix: for each open warning that has calls, who was called, who
// answered (when, how, what they said), whose deadline passed and whom it
// escalated to, and the time running since each call. Warnings are grouped by
// township (or township/village, region key group_by), red ones first; the
// header keeps the answer rate and median answer time per level for the review.
// An unanswered call can be recorded by hand (已电话确认, with a note).
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace wall::panels {
namespace {

// Elapsed time turns orange after this share of the deadline.
constexpr double kLateShare = 2.0 / 3.0;
constexpr ImU32 kOverdueRow = IM_COL32(235, 40, 40, 56);

const char* channelText(const ViewContext& ctx, const std::string& channel) {
    if (channel == "voice") return ctx.t(Text::ChannelVoice);
    if (channel == "sms") return ctx.t(Text::ChannelSms);
    if (channel == "app") return ctx.t(Text::ChannelApp);
    if (channel == "manual") return ctx.t(Text::ChannelManual);
    return channel.c_str();
}

/// A warning block: its alarm and its calls in tree order (escalations under the call they replace).
struct CallRow {
    const Call* call;
    int depth;
};

std::vector<CallRow> callTree(const Alarm& a) {
    std::vector<CallRow> rows;
    auto find = [&](const std::string& id) -> const Call* {
        for (const Call& c : a.calls)
            if (c.id == id) return &c;
        return nullptr;
    };
    std::vector<const Call*> replacing; // calls placed as an escalation of another
    for (const Call& c : a.calls)
        if (const Call* next = c.escalated_to.empty() ? nullptr : find(c.escalated_to)) replacing.push_back(next);
    for (const Call& root : a.calls) {
        if (std::find(replacing.begin(), replacing.end(), &root) != replacing.end()) continue;
        int depth = 0;
        for (const Call* c = &root; c && depth < 8; ++depth) { // a chain of escalations; 8 guards a cycle
            rows.push_back({c, depth});
            c = c->escalated_to.empty() ? nullptr : find(c->escalated_to);
        }
    }
    return rows;
}

class CallMatrix final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::CallMatrix); }

    void drawContent(ViewContext& ctx) override {
        drawRates(ctx);
        ImGui::BeginChild("calls", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        // Regrouped only when an alarm changed: a flood of called warnings must not be
        // sorted every frame. Blocks outside the visible scroll range are skipped whole.
        if (groups_generation_ != ctx.model.alarms_generation) {
            groups_ = groupedWarnings(ctx);
            groups_generation_ = ctx.model.alarms_generation;
        }
        const std::vector<Group>& groups = groups_;
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        const float visible_top = ImGui::GetScrollY();
        const float visible_bottom = visible_top + ImGui::GetWindowHeight();
        if (groups.empty()) {
            const ImVec2 min = ImGui::GetWindowPos();
            const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight() * 0.5f);
            drawCentredText(ImGui::GetWindowDrawList(), ctx.fonts.large, min, max, colors::kGood,
                            ctx.t(Text::CallNone));
        }
        for (const auto& [name, warnings] : groups) {
            drawGroupHeader(ctx, name);
            for (const Warning& w : warnings) {
                const float y = ImGui::GetCursorPosY();
                const float h = warningHeight(ctx, w.rows.size());
                if (y + h < visible_top || y > visible_bottom) ImGui::Dummy(ImVec2(0, h - spacing));
                else drawWarning(ctx, *w.alarm, w.rows);
            }
        }
        drawRecordPopup(ctx);
        ImGui::EndChild();
    }

private:
    // The manual record (已电话确认) being typed: which call, and the note.
    std::string record_alarm_;
    std::string record_call_;
    char note_[256] = {};

    /// A warning block: its alarm and its call rows (valid while the alarms generation stays).
    struct Warning {
        const Alarm* alarm;
        std::vector<CallRow> rows;
    };
    using Group = std::pair<std::string, std::vector<Warning>>;
    std::vector<Group> groups_;          // by place, most urgent first
    uint64_t groups_generation_ = 0;     // UiModel::alarms_generation groups_ was built at

    /// Height of a warning block as drawWarning lays it out (title line, one row per call, gap).
    static float warningHeight(const ViewContext& ctx, size_t rows) {
        const float line_h = ctx.fonts.body->FontSize * 1.3f;
        const float row_h = line_h * 2 + 8;
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        return (line_h + 4 + spacing) + static_cast<float>(rows) * (row_h + spacing) + (6 + spacing);
    }

    /// Someone has still to answer: a call neither answered nor handed up. Such
    /// warnings lead their level, so an escalation is on screen, not below the fold.
    static bool waitingForAnswer(const Alarm& a) {
        for (const Call& c : a.calls)
            if (c.answered_ms == 0 && c.escalated_ms == 0) return true;
        return false;
    }
    /// (level, how it stands): within a level, a warning whose deadline already passed and
    /// that is still waiting (escalated) comes first, then one waiting in time, then answered ones.
    static std::pair<int, int> urgency(const Alarm& a) {
        const bool waiting = waitingForAnswer(a);
        const bool escalated =
            std::any_of(a.calls.begin(), a.calls.end(), [](const Call& c) { return c.escalated_ms != 0; });
        return {static_cast<int>(a.level), waiting ? (escalated ? 0 : 1) : 2};
    }

    std::vector<Group> groupedWarnings(const ViewContext& ctx) const {
        std::map<std::string, std::vector<const Alarm*>> by_place;
        for (const std::string& id : ctx.model.called_alarms) {
            const Alarm& a = ctx.model.state.alarms.at(id);
            std::string place = a.site.township.empty() ? a.site.county : a.site.township;
            if (region_.group_by == layouts::CallGrouping::Village && !a.site.village.empty())
                place += ctx.t(Text::SiteSeparator) + a.site.village;
            by_place[place].push_back(&a);
        }
        std::vector<Group> groups;
        for (auto& [place, alarms] : by_place) {
            std::sort(alarms.begin(), alarms.end(), [](const Alarm* x, const Alarm* y) {
                if (urgency(*x) != urgency(*y)) return urgency(*x) < urgency(*y);
                if (x->raised_ms != y->raised_ms) return x->raised_ms < y->raised_ms;
                return x->id < y->id;
            });
            std::vector<Warning> warnings;
            for (const Alarm* a : alarms) warnings.push_back({a, callTree(*a)});
            groups.emplace_back(place, std::move(warnings));
        }
        // Red warnings first, those still waiting for an answer before answered ones:
        // places by their most urgent warning, then by name.
        std::stable_sort(groups.begin(), groups.end(), [](const Group& x, const Group& y) {
            return urgency(*x.second[0].alarm) < urgency(*y.second[0].alarm);
        });
        return groups;
    }

    void drawRates(ViewContext& ctx) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ResponseStats& r = ctx.model.state.response;
        ImFont* body = ctx.fonts.body;
        const float h = body->FontSize * 1.35f;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        pos.x += 14;
        pos.y += 6;
        const float right = pos.x + ImGui::GetContentRegionAvail().x - 28;
        dl->AddText(body, body->FontSize, ImVec2(pos.x, pos.y + (h - body->FontSize) * 0.5f), colors::kTextDim,
                    ctx.t(Text::CallRate));
        pos.x += body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::CallRate)).x + 12;
        char buf[128];
        bool any = false;
        for (int i = 0; i < kWarningLevelCount; ++i) {
            if (r.calls[i] == 0) continue;
            any = true;
            const auto level = static_cast<WarningLevel>(i + 1);
            const TimeMs median = medianAnswerMs(r, level);
            // The median goes before the rate shrinks; a level that no longer fits is left out whole.
            const ImU32 color = r.answered[i] < r.calls[i] ? colors::kWarn : colors::kText;
            std::snprintf(buf, sizeof buf, "%u/%u", r.answered[i], r.calls[i]);
            const std::vector<render::TextPiece> rate = {
                {ctx.t(levelShortName(level)), levelTextColor(level), 0, false, 1.0f, levelColor(level)},
                {buf, color},
                {std::string(ctx.t(Text::CallMedian)) + " " + (median ? formatDuration(median) : "—"), color, 1}};
            const render::FittedLine line = render::fitLine(body, rate, right - pos.x, body->FontSize * kMinTextScale);
            if (line.size < body->FontSize * kMinTextScale) break; // narrow region: the most severe levels only
            render::drawFittedLine(dl, body, pos, h, rate, line);
            pos.x += line.width + 18;
        }
        if (!any)
            dl->AddText(body, body->FontSize, ImVec2(pos.x, pos.y + (h - body->FontSize) * 0.5f), colors::kTextDim,
                        "—");
        ImGui::Dummy(ImVec2(0, h + 12));
    }

    void drawGroupHeader(ViewContext& ctx, const std::string& name) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float h = ctx.fonts.body->FontSize * 1.4f;
        dl->AddRectFilled(pos, ImVec2(pos.x + ImGui::GetContentRegionAvail().x, pos.y + h), colors::kHeaderBackground);
        ImFont* body = ctx.fonts.body;
        if (wholeLineVisible(h))
            render::drawFitText(dl, body, ImVec2(pos.x + 14, pos.y), ImGui::GetContentRegionAvail().x - 28, h,
                                {name, colors::kText, 0, true}, body->FontSize * kMinTextScale);
        ImGui::Dummy(ImVec2(0, h + 4));
    }

    void drawWarning(ViewContext& ctx, const Alarm& a, const std::vector<CallRow>& rows) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImFont* body = ctx.fonts.body;
        const float line_h = body->FontSize * 1.3f;
        const float width = ImGui::GetContentRegionAvail().x;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        if (wholeLineVisible(line_h)) {
            const float chip = drawChip(dl, body, ImVec2(pos.x + 14, pos.y), line_h, levelColor(a.level),
                                        levelTextColor(a.level), ctx.t(levelShortName(a.level)));
            const float x = pos.x + 14 + chip + 10;
            render::drawFitText(dl, body, ImVec2(x, pos.y), pos.x + width - 8 - x, line_h,
                                {a.title, colors::kText, 0, true}, body->FontSize);
        }
        ImGui::Dummy(ImVec2(0, line_h + 4));
        ImGui::PushID(a.id.c_str());
        for (const CallRow& row : rows) drawCall(ctx, a, *row.call, row.depth);
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, 6));
    }

    void drawCall(ViewContext& ctx, const Alarm& a, const Call& c, int depth) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImFont* body = ctx.fonts.body;
        const float fs = body->FontSize;
        const float line_h = fs * 1.3f;
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float row_h = line_h * 2 + 8;
        const float left = top.x + 30 + depth * fs * 1.5f;
        const float right = top.x + width - 12;

        if (!wholeLineVisible(row_h - 4)) { // half a row of times and phone numbers is misread
            ImGui::Dummy(ImVec2(0, row_h));
            return;
        }
        const bool answered = c.answered_ms != 0;
        const bool escalated = c.escalated_ms != 0;
        const bool overdue = !answered && (escalated || (c.deadline_ms && ctx.now_ms > c.deadline_ms));
        if (overdue) { // unmistakable: tinted row and a solid red bar
            dl->AddRectFilled(ImVec2(top.x + 8, top.y), ImVec2(right, top.y + row_h - 4), kOverdueRow, 4);
            dl->AddRectFilled(ImVec2(top.x + 8, top.y), ImVec2(top.x + 16, top.y + row_h - 4), colors::kBad);
        }
        // Line 1: who.
        char buf[512];
        float x = left;
        const float y1 = top.y + 2;
        if (c.tier > 0) {
            dl->AddText(body, fs, ImVec2(x, y1), colors::kWarn, ctx.t(Text::CallSupervisor));
            x += body->CalcTextSizeA(fs, FLT_MAX, 0, ctx.t(Text::CallSupervisor)).x + 10;
        }
        // Name and phone number first: the grid, then the role, give way (dropped whole, or cut with "…").
        const std::vector<render::TextPiece> who = {{c.person.name, colors::kText, 0, true},
                                                    {c.person.role, colors::kTextDim, 2, true},
                                                    {c.person.grid, colors::kTextDim, 1, true},
                                                    {c.person.phone, colors::kTextDim}};
        render::drawFittedLine(dl, body, ImVec2(x, y1), fs, who, render::fitLine(body, who, right - x, fs * kMinTextScale, 0.6f));

        // Line 2: called, then answered / escalated / waiting, elapsed on the right.
        const float y2 = top.y + line_h + 2;
        x = left;
        std::snprintf(buf, sizeof buf, "%s %s", ctx.t(Text::CallCalled), formatClock(c.called_ms).c_str());
        const float called_w = std::min(body->CalcTextSizeA(fs, FLT_MAX, 0, buf).x, (right - x) * 0.4f);
        render::drawFitText(dl, body, ImVec2(x, y2), called_w, fs, {buf, colors::kTextDim}, fs * kMinTextScale);
        x += called_w + 18;

        const TimeMs elapsed = (answered ? c.answered_ms : ctx.now_ms) - c.called_ms;
        ImU32 elapsed_color = colors::kText;
        if (answered) {
            elapsed_color = colors::kGood;
        } else if (overdue) {
            elapsed_color = colors::kBad;
        } else if (c.deadline_ms > c.called_ms &&
                   elapsed >= static_cast<TimeMs>((c.deadline_ms - c.called_ms) * kLateShare)) {
            elapsed_color = colors::kWarn;
        }
        std::snprintf(buf, sizeof buf, "%s %s", ctx.t(Text::CallElapsed), formatDuration(std::max<TimeMs>(0, elapsed)).c_str());
        const float elapsed_w = std::min(body->CalcTextSizeA(fs, FLT_MAX, 0, buf).x, (right - x) * 0.45f);
        render::drawFitText(dl, body, ImVec2(right - elapsed_w, y2), elapsed_w, fs, {buf, elapsed_color}, fs * kMinTextScale,
                            1.0f);
        float status_right = right - elapsed_w - 16;

        if (answered) {
            // When it was answered stays whole; the channel is dropped, then the note ends in "…".
            std::snprintf(buf, sizeof buf, "%s %s", ctx.t(Text::MatrixAnswered), formatClock(c.answered_ms).c_str());
            const std::vector<render::TextPiece> status = {{buf, colors::kGood},
                                                           {channelText(ctx, c.channel), colors::kGood, 1},
                                                           {c.note, colors::kGood, 0, true}};
            render::drawFittedLine(dl, body, ImVec2(x, y2), fs, status,
                                   render::fitLine(body, status, status_right - x, fs * kMinTextScale, 0.5f));
            ImGui::Dummy(ImVec2(0, row_h));
            return;
        }
        // Unanswered and not yet escalated: the officer may record an answer by phone.
        if (!escalated) {
            const char* label = ctx.t(Text::CallConfirm);
            const float bw = body->CalcTextSizeA(fs, FLT_MAX, 0, label).x + fs;
            status_right -= bw + 10;
            ImGui::SetCursorScreenPos(ImVec2(status_right + 10, y2 - 3));
            ImGui::PushID(c.id.c_str());
            if (ImGui::Button(label, ImVec2(bw, line_h))) {
                record_alarm_ = a.id;
                record_call_ = c.id;
                note_[0] = 0;
            }
            ImGui::PopID();
            ImGui::SetCursorScreenPos(top);
        }
        const ImU32 status_color = overdue ? colors::kBad : elapsed_color;
        std::vector<render::TextPiece> status;
        if (escalated) {
            std::string to = ctx.t(Text::CallNobodyAbove);
            for (const Call& next : a.calls)
                if (next.id == c.escalated_to) to = next.person.name + " " + next.person.role;
            status = {{ctx.t(Text::MatrixEscalated), status_color, 1},
                      {formatHm(c.escalated_ms), status_color},
                      {"→ " + to, status_color, 0, true}};
        } else if (overdue) {
            status = {{ctx.t(Text::MatrixOverdue), status_color}};
        } else {
            status = {{ctx.t(Text::MatrixWaiting), status_color, 2},
                      {ctx.t(Text::Deadline), status_color, 1},
                      {formatHm(c.deadline_ms), status_color}};
        }
        render::drawFittedLine(dl, body, ImVec2(x, y2), fs, status,
                               render::fitLine(body, status, status_right - x, fs * kMinTextScale, 0.5f));
        ImGui::Dummy(ImVec2(0, row_h));
    }

    void drawRecordPopup(ViewContext& ctx) {
        // Opened here, outside the rows' ID scopes, so one popup serves every call.
        if (!record_call_.empty() && !ImGui::IsPopupOpen("record_note")) ImGui::OpenPopup("record_note");
        if (!ImGui::BeginPopup("record_note")) {
            record_call_.clear();
            return;
        }
        ImGui::TextUnformatted(ctx.t(Text::CallConfirm));
        ImGui::SetNextItemWidth(ctx.fonts.body->FontSize * 16);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::InputTextWithHint("##note", ctx.t(Text::CallNote), note_, sizeof note_);
        if (ImGui::Button(ctx.t(Text::CallRecord))) {
            ctx.actions.recordCallAnswer(record_alarm_, record_call_, note_);
            record_call_.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(ctx.t(Text::CallCancel))) {
            record_call_.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
};

} // namespace

std::unique_ptr<View> makeCallMatrix(const layouts::Region& region) { return std::make_unique<CallMatrix>(region); }

} // namespace wall::panels
