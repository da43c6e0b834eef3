// The alarm board: alarms by warning level and state, unacknowledged ones
// standing out; during a flood, non-red alarms folded into one row per site and
// category (a red warning always keeps its own row, at the top); shelved and
// suppressed alarms behind their own tabs; a detail pane for the selected alarm.
// Scales to 100,000 rows: the orders and groups are kept incrementally
// (AlarmOrder, AlarmLoad) and only the visible rows are laid out (ImGuiListClipper).
//
// [SECTION] rows: what each line of the board stands for
// [SECTION] header: level counts, tabs, flood banner, sound mutes, attention flash
// [SECTION] list: keys, clipper, row drawing
#include "model/beijing_time.hpp"
#include "panels/alarm_detail.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>

namespace wall::panels {
namespace {

constexpr TimeMs kAttentionFlashMs = 10'000; // a new red/orange alarm flashes the header this long (or until acked)

// [SECTION] rows

/// One line of the board: an alarm (maybe inside an expanded group) or a flood group.
struct BoardRow {
    const std::string* alarm_id = nullptr;
    const AlarmGroup* group = nullptr;   // a group row (when alarm_id is null)
    bool member = false;                 // an alarm shown inside its expanded group
};

/// The board's lines in order, walked from any index without building a list:
/// flat (no flood), or red alarms first and then the flood groups (one expanded).
class BoardRows {
public:
    BoardRows(const AlarmOrder& order, const AlarmLoad& load, bool grouped, const AlarmGroup* expanded)
        : order_(order), load_(load), grouped_(grouped), expanded_(expanded) {
        red_ = grouped ? order.countByLevel()[0] : 0;
        if (expanded_) {
            auto at = load.groupOrder().find(AlarmLoad::orderKeyOf(*expanded_));
            expanded_pos_ = static_cast<int>(std::distance(load.groupOrder().begin(), at));
        }
    }

    int count() const {
        if (!grouped_) return static_cast<int>(order_.size());
        return red_ + static_cast<int>(load_.groupOrder().size()) + (expanded_ ? expanded_->count() : 0);
    }

    /// @brief Positions at line `index` (0 ≤ index < count()).
    void seek(int index) {
        if (!grouped_ || index < red_) {
            phase_ = Phase::Alarms;
            alarm_ = std::next(order_.ordered().begin(), index);
            index_ = index;
            return;
        }
        int j = index - red_;
        const int members = expanded_ ? expanded_->count() : 0;
        if (expanded_ && j > expanded_pos_ && j <= expanded_pos_ + members) {
            phase_ = Phase::Members;
            group_ = std::next(load_.groupOrder().begin(), expanded_pos_);
            member_ = std::next(expanded_->members.begin(), j - expanded_pos_ - 1);
            return;
        }
        if (expanded_ && j > expanded_pos_) j -= members;
        phase_ = Phase::Groups;
        group_ = std::next(load_.groupOrder().begin(), j);
    }

    BoardRow current() const {
        switch (phase_) {
        case Phase::Alarms: return {&std::get<3>(*alarm_), nullptr, false};
        case Phase::Members: return {&std::get<3>(*member_), nullptr, true};
        default: break;
        }
        const AlarmGroup& g = load_.groups().at(std::get<3>(*group_));
        // A group of one is just that alarm.
        if (g.count() == 1) return {&std::get<3>(*g.members.begin()), nullptr, false};
        return {nullptr, &g, false};
    }

    void next() {
        switch (phase_) {
        case Phase::Alarms:
            ++alarm_;
            if (grouped_ && ++index_ == red_) {
                phase_ = Phase::Groups;
                group_ = load_.groupOrder().begin();
            }
            return;
        case Phase::Groups:
            if (expanded_ && std::get<3>(*group_) == expanded_->key && expanded_->count() > 1) {
                phase_ = Phase::Members;
                member_ = expanded_->members.begin();
            } else {
                ++group_;
            }
            return;
        case Phase::Members:
            if (++member_ == expanded_->members.end()) {
                phase_ = Phase::Groups;
                ++group_;
            }
            return;
        }
    }

private:
    enum class Phase { Alarms, Groups, Members };
    const AlarmOrder& order_;
    const AlarmLoad& load_;
    bool grouped_;
    const AlarmGroup* expanded_;
    int red_ = 0;
    int expanded_pos_ = -1;
    Phase phase_ = Phase::Alarms;
    int index_ = 0;
    std::set<AlarmOrder::Key>::const_iterator alarm_, member_;
    std::set<AlarmLoad::GroupOrderKey>::const_iterator group_;
};

enum class ListView { Main, Shelved, Suppressed };

class AlarmBoard final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::AlarmBoard); }

    void drawContent(ViewContext& ctx) override {
        drawHeader(ctx);
        const Alarm* detail = detailAlarm(ctx);
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        // Wide boards keep the list beside the pane; narrow ones swap the list for it.
        const bool wide = avail.x > ctx.fonts.body->FontSize * 44.0f;
        if (detail && !wide) {
            if (!drawAlarmDetail(ctx, *detail, detail_state_, origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true))
                detail_open_ = false;
            handleKeys(ctx);
            return;
        }
        const float list_w = detail ? std::floor(avail.x * 0.6f) : avail.x;
        handleKeys(ctx);
        drawList(ctx, ImVec2(list_w, avail.y));
        if (detail) {
            const ImVec2 min(origin.x + list_w + 6, origin.y);
            if (!drawAlarmDetail(ctx, *detail, detail_state_, min, ImVec2(origin.x + avail.x, origin.y + avail.y), false))
                detail_open_ = false;
        }
    }

private:
    std::string selected_id_;                 // alarm chosen by click or arrow keys
    std::optional<AlarmGroupKey> selected_group_; // or a flood group row
    std::optional<AlarmGroupKey> expanded_;   // the flood group opened to show its alarms
    int selected_index_ = -1;                 // the selection's line last frame, for arrow keys
    bool detail_open_ = false;                // the detail pane shows selected_id_
    ListView list_ = ListView::Main;
    AlarmDetailState detail_state_;

    const Alarm* detailAlarm(const ViewContext& ctx) const {
        if (!detail_open_ || selected_id_.empty()) return nullptr;
        auto it = ctx.model.state.alarms.find(selected_id_);
        return it == ctx.model.state.alarms.end() ? nullptr : &it->second;
    }

    bool grouped(const ViewContext& ctx) const { return list_ == ListView::Main && ctx.model.alarm_load.flooding(); }

    const AlarmGroup* expandedGroup(const ViewContext& ctx) {
        if (!expanded_) return nullptr;
        auto it = ctx.model.alarm_load.groups().find(*expanded_);
        if (it == ctx.model.alarm_load.groups().end()) {
            expanded_.reset();
            return nullptr;
        }
        return &it->second;
    }

    void select(const BoardRow& row) {
        if (row.alarm_id) {
            selected_id_ = *row.alarm_id;
            selected_group_.reset();
        } else {
            selected_id_.clear();
            selected_group_ = row.group->key;
        }
    }

    void toggleGroup(const AlarmGroup& g) {
        if (expanded_ == g.key) expanded_.reset();
        else expanded_ = g.key;
    }

    // [SECTION] header

    void drawHeader(ViewContext& ctx) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const AlarmOrder& order = ctx.model.alarm_order;
        const AlarmLoad& load = ctx.model.alarm_load;
        ImFont* large = ctx.fonts.large;
        ImFont* body = ctx.fonts.body;
        const ImGuiStyle& style = ImGui::GetStyle();
        const float h = large->FontSize * 1.3f;
        const float line_h = body->FontSize * 1.6f;
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const float left = top.x + 14, right = top.x + width - 14;
        dl->ChannelsSplit(2); // the attention flash goes under everything, once the height is known
        dl->ChannelsSetCurrent(1);

        // Line 1: counts by level as chips; then total and unacked beside them when they fit whole,
        // else on a line of their own (where the total is dropped before the unacked count shrinks).
        ImVec2 pos(left, top.y + 8);
        const float large_floor = large->FontSize * kMinTextScale;
        std::vector<render::TextPiece> chips;
        for (int i = 0; i < kWarningLevelCount; ++i) {
            const auto level = static_cast<WarningLevel>(i + 1);
            chips.push_back({std::string(ctx.t(levelShortName(level))) + " " + std::to_string(order.countByLevel()[i]),
                             levelTextColor(level), 0, false, 1.0f, levelColor(level)});
        }
        int unacked = 0;
        for (int n : order.unackedByLevel()) unacked += n;
        const ImU32 totals_color = unacked ? colors::kWarn : colors::kTextDim;
        const std::vector<render::TextPiece> totals = {
            {std::string(ctx.t(Text::Total)) + " " + std::to_string(order.size()), totals_color, 1},
            {std::string(ctx.t(Text::Unacked)) + " " + std::to_string(unacked), totals_color, 0}};
        float line_top = top.y + 8;
        // One line when chips and totals fit it whole at the floor (the list keeps its rows) ...
        std::vector<render::TextPiece> both = chips;
        both.insert(both.end(), totals.begin(), totals.end());
        const render::FittedLine one_line = render::fitLine(large, both, right - left, large_floor, 0.5f);
        if (one_line.whole && one_line.size >= large_floor) {
            render::drawFittedLine(dl, large, pos, h, both, one_line);
            pos.x += one_line.width + 24;
        } else {
            // ... else the chips, and the totals on a line of their own.
            const render::FittedLine chip_line = render::fitLine(large, chips, right - left, large_floor, 0.4f);
            render::drawFittedLine(dl, large, pos, h, chips, chip_line);
            line_top += h + 4;
            const render::FittedLine totals_line = render::fitLine(large, totals, right - left, large_floor, 1.0f);
            render::drawFittedLine(dl, large, ImVec2(left, line_top), h, totals, totals_line);
            pos.x = left + totals_line.width + 24;
        }
        char buf[128];

        // Then, flowing onto further lines as the width allows: the shelved / suppressed
        // tabs, the flood banner, the per-level sound mutes.
        float line_height = h;
        auto place = [&](float w) {
            if (pos.x + w > right && pos.x > left) {
                line_top += line_height + 8;
                line_height = line_h;
                pos.x = left;
            }
            const ImVec2 at(pos.x, line_top);
            pos.x += w + 12;
            return at;
        };
        auto buttonWidth = [&](const char* label) {
            const char* end = std::strstr(label, "##"); // ImGui hides the id part
            return body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, label, end).x + style.FramePadding.x * 2;
        };
        auto centred = [&](ImVec2 at) { return ImVec2(at.x, at.y + (line_height - ImGui::GetFrameHeight()) * 0.5f); };
        std::snprintf(buf, sizeof buf, ctx.t(Text::ShelvedTab), static_cast<int>(order.shelved().size()));
        drawTab(centred(place(buttonWidth(buf))), buf, ListView::Shelved, !order.shelved().empty());
        std::snprintf(buf, sizeof buf, ctx.t(Text::SuppressedTab), static_cast<int>(order.suppressed().size()));
        drawTab(centred(place(buttonWidth(buf))), buf, ListView::Suppressed, !order.suppressed().empty());
        if (load.flooding()) {
            std::snprintf(buf, sizeof buf, ctx.t(Text::FloodBanner), load.rate(), load.rules().flood_window_s / 60);
            const std::vector<render::TextPiece> banner = {{buf, IM_COL32(20, 20, 20, 255), 0, false, 1.0f, colors::kWarn}};
            const float room = std::max(0.0f, right - pos.x);
            const float full = right - left;
            // Beside the tabs when it fits whole there, else on its own line.
            render::FittedLine fitted = render::fitLine(body, banner, room, body->FontSize);
            if (fitted.size < body->FontSize) fitted = render::fitLine(body, banner, full, body->FontSize * kMinTextScale);
            const ImVec2 at = place(fitted.width);
            render::drawFittedLine(dl, body, at, line_height, banner, fitted);
        }
        // The sound label and its four chips stay together on one line.
        std::string mute_labels[kWarningLevelCount];
        const float sound_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::Sound)).x;
        float group_w = sound_w;
        for (int i = 0; i < kWarningLevelCount; ++i) {
            mute_labels[i] = ctx.t(levelShortName(static_cast<WarningLevel>(i + 1)));
            if (ctx.model.state.muted[i]) mute_labels[i] += std::string(" ") + ctx.t(Text::SoundMuted);
            mute_labels[i] += "##mute" + std::to_string(i);
            group_w += 12 + buttonWidth(mute_labels[i].c_str());
        }
        const ImVec2 sound_at = place(group_w);
        pos.x = sound_at.x + sound_w + 12;
        dl->AddText(body, body->FontSize, ImVec2(sound_at.x, sound_at.y + (line_height - body->FontSize) * 0.5f),
                    colors::kTextDim, ctx.t(Text::Sound));
        for (int i = 0; i < kWarningLevelCount; ++i) {
            const auto level = static_cast<WarningLevel>(i + 1);
            const bool muted = ctx.model.state.muted[i];
            const std::string& label = mute_labels[i];
            ImGui::SetCursorScreenPos(centred(place(buttonWidth(label.c_str()))));
            // A translucent level colour: the chip says which level without competing with alarm rows.
            ImGui::PushStyleColor(ImGuiCol_Button, muted ? IM_COL32(60, 64, 72, 255) : levelColor(level, 0.45f));
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(muted ? colors::kTextDim : colors::kText));
            if (ImGui::Button(label.c_str())) ctx.actions.muteSound(level, !muted);
            ImGui::PopStyleColor(2);
        }

        const float header_h = line_top + line_height + 8 - top.y;
        dl->ChannelsSetCurrent(0);
        drawAttention(ctx, dl, top, ImVec2(top.x + width, top.y + header_h));
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(top);
        ImGui::Dummy(ImVec2(width, header_h));
    }

    /// A new red or orange alarm flashes the header until acked (or for kAttentionFlashMs).
    void drawAttention(ViewContext& ctx, ImDrawList* dl, ImVec2 min, ImVec2 max) {
        const Activation* a = ctx.model.alarm_load.attention();
        if (!a || ctx.now_ms - a->recv_ms > kAttentionFlashMs) return;
        auto it = ctx.model.state.alarms.find(a->id);
        if (it == ctx.model.state.alarms.end() || it->second.acked) return;
        // blink_on stays true under --no-blink: the flash is then a steady highlight.
        dl->AddRectFilled(min, max, levelColor(a->level, ctx.blink_on ? 0.55f : 0.2f));
        dl->AddRect(min, max, levelColor(a->level), 0, 0, 4.0f);
    }

    void drawTab(ImVec2 pos, const char* label, ListView view, bool any) {
        ImGui::SetCursorScreenPos(pos);
        const bool active = list_ == view;
        ImGui::PushStyleColor(ImGuiCol_Button, active ? colors::kHeaderAccent : colors::kHeaderBackground);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(any || active ? colors::kText : colors::kTextDim));
        std::string id = std::string(label) + "##tab" + std::to_string(static_cast<int>(view));
        if (ImGui::Button(id.c_str())) list_ = active ? ListView::Main : view;
        ImGui::PopStyleColor(2);
    }

    // [SECTION] list

    void handleKeys(ViewContext& ctx) {
        if (list_ != ListView::Main) return;
        BoardRows rows(ctx.model.alarm_order, ctx.model.alarm_load, grouped(ctx), expandedGroup(ctx));
        const int count = rows.count();
        if (count == 0) return;
        int index = selected_index_;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) index = std::min(index + 1, count - 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) index = std::max(index - 1, 0);
        if (index != selected_index_ && index >= 0) {
            rows.seek(index);
            select(rows.current());
            selected_index_ = index;
        }
        const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
        if (!enter) return;
        if (!selected_id_.empty()) {
            ctx.actions.acknowledgeAlarm(selected_id_);
        } else if (selected_group_) {
            auto it = ctx.model.alarm_load.groups().find(*selected_group_);
            if (it != ctx.model.alarm_load.groups().end()) toggleGroup(it->second);
        }
    }

    void drawList(ViewContext& ctx, ImVec2 size) {
        ImGui::BeginChild("rows", size, false, ImGuiWindowFlags_NoBackground);
        const float row_h = ctx.fonts.body->FontSize * 1.75f;
        if (list_ != ListView::Main) {
            drawOverlayList(ctx, list_ == ListView::Shelved ? ctx.model.alarm_order.shelved()
                                                            : ctx.model.alarm_order.suppressed(), row_h);
            ImGui::EndChild();
            return;
        }
        BoardRows rows(ctx.model.alarm_order, ctx.model.alarm_load, grouped(ctx), expandedGroup(ctx));
        if (rows.count() == 0) {
            const ImVec2 min = ImGui::GetWindowPos();
            const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight() * 0.5f);
            drawCentredText(ImGui::GetWindowDrawList(), ctx.fonts.large, min, max, colors::kGood,
                            ctx.t(Text::NoAlarms));
            ImGui::EndChild();
            return;
        }
        ImGuiListClipper clipper;
        clipper.Begin(rows.count(), row_h);
        int found_selected = -1;
        while (clipper.Step()) {
            if (clipper.DisplayStart >= clipper.DisplayEnd) continue;
            rows.seek(clipper.DisplayStart);
            for (int line = clipper.DisplayStart; line < clipper.DisplayEnd; ++line, rows.next()) {
                const BoardRow row = rows.current();
                if (!wholeLineVisible(row_h)) {
                    ImGui::Dummy(ImVec2(0, row_h));
                    continue;
                }
                if (row.group) {
                    if (selected_group_ == row.group->key) found_selected = line;
                    drawGroupRow(ctx, *row.group, line, row_h);
                    continue;
                }
                auto found = ctx.model.state.alarms.find(*row.alarm_id);
                if (found == ctx.model.state.alarms.end()) {
                    ImGui::Dummy(ImVec2(0, row_h));
                    continue;
                }
                if (*row.alarm_id == selected_id_) found_selected = line;
                drawAlarmRow(ctx, found->second, line, row_h, row.member);
            }
        }
        if (found_selected >= 0) selected_index_ = found_selected;
        ImGui::EndChild();
    }

    /// Shelved or suppressed alarms: never silently hidden, each with who, why and until when.
    void drawOverlayList(ViewContext& ctx, const std::set<AlarmOrder::Key>& keys, float row_h) {
        if (keys.empty()) {
            const ImVec2 min = ImGui::GetWindowPos();
            const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight() * 0.5f);
            drawCentredText(ImGui::GetWindowDrawList(), ctx.fonts.large, min, max, colors::kTextDim, "—");
            return;
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(keys.size()), row_h);
        while (clipper.Step()) {
            if (clipper.DisplayStart >= clipper.DisplayEnd) continue;
            auto it = std::next(keys.begin(), clipper.DisplayStart);
            for (int line = clipper.DisplayStart; line < clipper.DisplayEnd; ++line, ++it) {
                auto found = ctx.model.state.alarms.find(std::get<3>(*it));
                if (found == ctx.model.state.alarms.end() || !wholeLineVisible(row_h)) {
                    ImGui::Dummy(ImVec2(0, row_h));
                    continue;
                }
                drawAlarmRow(ctx, found->second, line, row_h, false);
            }
        }
    }

    /// Row background by state: unacked = tint (deeper on the blink), returned-unacked =
    /// hollow frame with stripes, acked = plain, shelved / suppressed = dimmed.
    void drawRowState(ViewContext& ctx, ImDrawList* dl, const Alarm& a, AlarmState s, ImVec2 min, ImVec2 max, int line) {
        switch (s) {
        case AlarmState::Unacked:
            dl->AddRectFilled(min, max, levelColor(a.level, ctx.blink_on ? 0.42f : 0.22f));
            break;
        case AlarmState::ReturnedUnacked: {
            dl->PushClipRect(min, max, true);
            const float step = 16.0f;
            for (float x = min.x - (max.y - min.y); x < max.x; x += step)
                dl->AddLine(ImVec2(x, max.y), ImVec2(x + (max.y - min.y), min.y), levelColor(a.level, 0.35f), 4.0f);
            dl->PopClipRect();
            dl->AddRect(min, max, levelColor(a.level), 0, 0, 2.0f);
            break;
        }
        case AlarmState::Shelved:
        case AlarmState::Suppressed:
            dl->AddRectFilled(min, max, IM_COL32(255, 255, 255, 6));
            break;
        default:
            if (line % 2) dl->AddRectFilled(min, max, colors::kRowAlt);
        }
    }

    /// @brief A small badge chip at the right end [.., right); returns its left edge.
    static float badgeLeftOf(ImDrawList* dl, ImFont* font, float right, float y, float h, const char* text) {
        const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text).x + h * 0.7f;
        drawChip(dl, font, ImVec2(right - w, y), h, IM_COL32(90, 62, 20, 255), colors::kWarn, text);
        return right - w;
    }

    void drawAlarmRow(ViewContext& ctx, const Alarm& a, int line, float row_h, bool member) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float indent = member ? ctx.fonts.body->FontSize * 1.5f : 0.0f;
        ImVec2 min = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 max(min.x + width, min.y + row_h - 3);
        min.x += indent;
        ImGui::PushID(a.id.c_str());
        if (ImGui::InvisibleButton("row", ImVec2(width, row_h))) {
            selected_id_ = a.id;
            selected_group_.reset();
            detail_open_ = true;
        }
        ImGui::SetItemAllowOverlap(); // the buttons sit on top of the row
        const AlarmState s = alarmState(a);
        drawRowState(ctx, dl, a, s, min, max, line);
        if (a.id == selected_id_) dl->AddRect(min, max, colors::kSelected, 0, 0, 3.0f);
        dl->AddRectFilled(min, ImVec2(min.x + 14, max.y), levelColor(a.level));

        ImFont* font = ctx.fonts.body;
        const float ty = min.y + (row_h - 3 - font->FontSize) * 0.5f;
        float x = min.x + 24;
        x += drawChip(dl, font, ImVec2(x, min.y + 5), row_h - 13, levelColor(a.level), levelTextColor(a.level),
                      ctx.t(levelShortName(a.level))) + 14;
        // 演练: raised while a drill ran. Never mistaken for a real warning, whatever the width.
        if (!a.drill_id.empty())
            x += drawChip(dl, font, ImVec2(x, min.y + 5), row_h - 13, colors::kDrill, IM_COL32_WHITE, ctx.t(Text::DrillAlarm)) + 14;
        const bool dim = !a.active || s == AlarmState::Shelved || s == AlarmState::Suppressed;
        const std::string when = formatClock(a.raised_ms);
        dl->AddText(font, font->FontSize, ImVec2(x, ty), colors::kTextDim, when.c_str());
        x += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "00:00:00 ").x + 10;

        // Right side: state word and the button; the middle gets what is left.
        // Narrow boards drop the site and state words first: the row's look already says the state.
        const bool wide = width > font->FontSize * 30.0f;
        const bool needs_ack = s == AlarmState::Unacked || s == AlarmState::ReturnedUnacked;
        const char* button = needs_ack ? ctx.t(Text::Ack) : s == AlarmState::Shelved ? ctx.t(Text::Unshelve) : nullptr;
        const float button_w = button ? font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, button).x + font->FontSize * 1.2f
                                      : font->FontSize * 2.8f;
        const float state_w = wide ? font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, ctx.t(Text::StateReturnedUnacked)).x + 16 : 0.0f;
        const float right = max.x - button_w - 16 - state_w;
        float site_right = right - 12;

        // Badges (chattering, stale) just left of the state column.
        const FloodRules& flood = ctx.model.alarm_load.rules();
        char buf[96];
        const float badge_h = row_h - 15;
        if (isStale(a, ctx.now_ms, flood)) {
            std::snprintf(buf, sizeof buf, ctx.t(Text::StaleBadge), flood.stale_after_s / 3600);
            site_right = badgeLeftOf(dl, font, site_right, min.y + 6, badge_h, buf) - 8;
        }
        if (isChattering(a, ctx.now_ms, flood)) {
            std::snprintf(buf, sizeof buf, ctx.t(Text::ChatterBadge), static_cast<int>(a.raise_count));
            site_right = badgeLeftOf(dl, font, site_right, min.y + 6, badge_h, buf) - 8;
        }
        const float site_w = wide ? std::max(0.0f, (site_right - x) * 0.38f) : 0.0f;
        const float title_right = site_right - site_w - (wide ? 16 : 0);
        // Titles keep the row's size (rows of mixed sizes read badly) and end in "…" where they are cut.
        render::drawFitText(dl, font, ImVec2(x, ty), title_right - x, font->FontSize,
                            {a.title, dim ? colors::kTextDim : colors::kText, 0, true}, font->FontSize);
        if (wide) {
            std::string site = s == AlarmState::Shelved
                                   ? a.shelved_by + ctx.t(Text::CaptionSeparator) + a.shelve_reason + " " +
                                         ctx.t(Text::Until) + " " + formatHm(a.shelved_until_ms)
                               : s == AlarmState::Suppressed
                                   ? a.suppressed_by + ctx.t(Text::CaptionSeparator) + a.suppress_reason
                                   : sitePath(ctx, a.site, true);
            render::drawFitText(dl, font, ImVec2(title_right + 16, ty), site_right - title_right - 16, font->FontSize,
                                {site, s == AlarmState::Shelved || s == AlarmState::Suppressed ? colors::kWarn
                                                                                               : colors::kTextDim,
                                 0, true},
                                font->FontSize);
            render::drawFitText(dl, font, ImVec2(right, ty), state_w - 16, font->FontSize,
                                {ctx.t(alarmStateWord(s)), needs_ack ? colors::kText : colors::kTextDim, 0, true},
                                font->FontSize * kMinTextScale);
        }
        if (button) {
            const ImVec2 saved = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(max.x - button_w - 8, min.y + 4));
            if (ImGui::Button(button, ImVec2(button_w, row_h - 11))) {
                if (needs_ack) ctx.actions.acknowledgeAlarm(a.id);
                else ctx.actions.unshelveAlarm(a.id);
            }
            ImGui::SetCursorScreenPos(saved);
        } else if (!wide) {
            render::drawFitText(dl, font, ImVec2(max.x - button_w - 8, ty), button_w, font->FontSize,
                                {ctx.t(alarmStateWord(s)), colors::kTextDim, 0, true}, font->FontSize * kMinTextScale);
        }
        ImGui::PopID();
    }

    /// One flood row: worst level, the site and category, how many, how many need an ack.
    void drawGroupRow(ViewContext& ctx, const AlarmGroup& g, int line, float row_h) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 max(min.x + width, min.y + row_h - 3);
        const WarningLevel worst = g.worst();
        const std::string id = "group:" + g.key.township + "/" + g.key.village + "/" + g.key.area + "/" + g.key.category;
        ImGui::PushID(id.c_str());
        if (ImGui::InvisibleButton("group", ImVec2(width, row_h))) {
            selected_id_.clear();
            selected_group_ = g.key;
            toggleGroup(g);
        }
        if (g.needs_ack) dl->AddRectFilled(min, max, levelColor(worst, 0.22f));
        else if (line % 2) dl->AddRectFilled(min, max, colors::kRowAlt);
        dl->AddRect(min, max, levelColor(worst, 0.8f), 0, 0, 2.0f);
        if (selected_group_ == g.key) dl->AddRect(min, max, colors::kSelected, 0, 0, 3.0f);
        dl->AddRectFilled(min, ImVec2(min.x + 14, max.y), levelColor(worst));

        ImFont* font = ctx.fonts.body;
        const float ty = min.y + (row_h - 3 - font->FontSize) * 0.5f;
        float x = min.x + 24;
        x += drawChip(dl, font, ImVec2(x, min.y + 5), row_h - 13, levelColor(worst), levelTextColor(worst),
                      ctx.t(levelShortName(worst))) + 14;
        const bool open = expanded_ == g.key;
        dl->AddText(font, font->FontSize, ImVec2(x, ty), colors::kText, open ? "-" : "+");
        x += font->FontSize * 1.2f;
        char count[64];
        std::snprintf(count, sizeof count, ctx.t(Text::GroupCount), g.count());
        x += drawChip(dl, font, ImVec2(x, min.y + 5), row_h - 13, IM_COL32(70, 80, 96, 255), colors::kText, count) + 14;

        char needs[64] = "";
        if (g.needs_ack) std::snprintf(needs, sizeof needs, ctx.t(Text::GroupNeedsAck), g.needs_ack);
        const float needs_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, needs).x;
        const float right = max.x - 16 - needs_w;
        GridSite site{"", g.key.township, g.key.village, g.key.area};
        std::string text = sitePath(ctx, site, true);
        if (!g.key.category.empty()) text += ctx.t(Text::CaptionSeparator) + std::string(categoryName(ctx, g.key.category));
        render::drawFitText(dl, font, ImVec2(x, ty), right - 12 - x, font->FontSize, {text, colors::kText, 0, true},
                            font->FontSize);
        if (g.needs_ack) dl->AddText(font, font->FontSize, ImVec2(right, ty), colors::kWarn, needs);
        ImGui::PopID();
    }
};

} // namespace

std::unique_ptr<View> makeAlarmBoard(const layouts::Region& region) { return std::make_unique<AlarmBoard>(region); }

} // namespace wall::panels
