// The status bar: Beijing-time clock and date, the state of every backend
// link, alarm counts and load (rate, stale, flood, muted sound), and the
// active layout with a layout menu. While a drill (演练) runs, a teal banner
// with its name and kind; D (or the layout menu) starts or ends one.
#include "model/beijing_time.hpp"
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
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
        // A replay's bar is raspberry end to end: nobody takes it for the live watch.
        dl->AddRectFilled(min, max, ctx.replay ? kReplayBarBackground : colors::kHeaderBackground);
        const Drill* drill = runningDrill(ctx.model.state);
        // A running drill also takes the bar's accent line, across every panel of the bar.
        dl->AddRectFilled(ImVec2(min.x, max.y - (drill ? 8 : 4)), max,
                          drill ? colors::kDrill : ctx.replay ? colors::kReplay : colors::kHeaderAccent);
        // The bar's height picks the fonts: a laptop's thin bar cannot take the wall's 72 px clock.
        auto fits = [&](ImFont* f) { return f->FontSize <= size.y * 0.8f; };
        fonts_.body = ctx.fonts.body;
        fonts_.large = fits(ctx.fonts.large) ? ctx.fonts.large : fonts_.body;
        fonts_.huge = fits(ctx.fonts.huge) ? ctx.fonts.huge : fonts_.large;
        const float cy = min.y + size.y * 0.5f;

        // A bar across several panels keeps each block inside one panel: text cut by
        // a bezel is unreadable. Blocks: name | clock | counts and links | layout.
        std::vector<layouts::PixelRect> pieces = ctx.wall.visiblePieces(region_.canvas_rect);
        if (pieces.empty()) pieces.push_back(region_.canvas_rect);
        auto left = [&](size_t i) { return static_cast<float>(pieces[i].x) + 24; };
        auto right = [&](size_t i) { return static_cast<float>(pieces[i].right()) - 24; };
        const size_t n = pieces.size();
        const float layout_w = layoutWidth(ctx);
        if (n >= 3) {
            drawName(ctx, dl, left(0), cy);
            drawClock(ctx, dl, left(1), right(1), cy, true);
            const size_t last = n - 1;
            const float counts_end = drawCounts(ctx, dl, left(2), cy, (last > 2 ? right(2) : right(2) - layout_w - 24) - linksMinWidth());
            // With a fourth panel the layout button gets it; otherwise it shares the third.
            drawLinks(ctx, dl, ImVec2(counts_end + 24, cy), last > 2 ? right(2) : right(2) - layout_w - 24);
            drawLayout(ctx, dl, ImVec2(right(last) - layout_w, cy));
        } else {
            const float name_end = drawName(ctx, dl, left(0), cy);
            const size_t info = n - 1;
            const float info_right = right(info) - layout_w - 24;
            // The counts come before the links and the clock's centring: on one panel the clock moves
            // left when, centred, it would leave the counts less than their full width.
            const float counts_w = render::fitLine(fonts_.body, levelChips(ctx), FLT_MAX, 0, kChipGap).width;
            const float clock_w = clockWidth(ctx);
            const float centred_end = std::max(name_end + 24, name_end + 24 + (right(0) - name_end - 24 - clock_w) * 0.5f) + clock_w;
            const bool centre = n == 1 && info_right - linksMinWidth() - (centred_end + 36) >= counts_w;
            const float clock_end = drawClock(ctx, dl, name_end + 24, right(0), cy, centre);
            const float counts_start = n == 2 ? left(1) : clock_end + 36;
            const float counts_right = std::min(info_right, std::max(counts_start + counts_w, info_right - linksMinWidth()));
            const float counts_end = drawCounts(ctx, dl, counts_start, cy, counts_right);
            drawLinks(ctx, dl, ImVec2(counts_end + 24, cy), info_right);
            drawLayout(ctx, dl, ImVec2(right(info) - layout_w, cy));
        }
        drillControl(ctx, drill);
    }

private:
    static constexpr ImU32 kReplayBarBackground = IM_COL32(86, 18, 52, 255);
    PanelFonts fonts_;           // this frame's fonts, chosen by the bar's height
    bool open_drill_ = false;    // D, the menu item or a click on the banner: open the drill popup this frame
    char drill_name_[256] = {};  // the start form's name (UTF-8), kept while the popup is open
    int drill_kind_ = 0;         // the start form's kind: index of DrillKind

    /// @brief The 演练 banner: kind and name on teal stripes; returns its width. A click opens the end popup.
    float drawDrillBanner(ViewContext& ctx, ImDrawList* dl, const Drill& drill, float x, float cy) {
        ImFont* large = fonts_.large;
        ImFont* body = fonts_.body;
        const float h = std::min(ImGui::GetWindowSize().y - 12, large->FontSize * 1.5f);
        const float pad = body->FontSize * 0.6f;
        const char* kind = ctx.t(drill.kind == DrillKind::Tabletop ? Text::DrillTabletop : Text::DrillFullScale);
        // The name is cut (at a character) so the banner leaves the clock its room.
        std::string name = drill.name;
        const float max_name_w = body->FontSize * 14;
        auto width = [&](const std::string& t) { return body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, t.c_str()).x; };
        if (width(name) > max_name_w) {
            while (!name.empty() && width(name + "…") > max_name_w) {
                size_t cut = name.size() - 1;
                while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
                name.resize(cut);
            }
            name += "…";
        }
        const char* mark = ctx.t(Text::Drill);
        const float mark_w = large->CalcTextSizeA(large->FontSize, FLT_MAX, 0, mark).x;
        const std::string detail = std::string(kind) + " · " + name;
        const float w = pad + mark_w + pad + width(detail) + pad;
        const ImVec2 a(x, cy - h * 0.5f), b(x + w, cy + h * 0.5f);
        dl->AddRectFilled(a, b, colors::kDrill, 4.0f);
        dl->PushClipRect(a, b, true);
        for (float sx = a.x - h; sx < b.x; sx += h * 0.5f) // diagonal stripes: a drill, unmistakably not a fault
            dl->AddQuadFilled(ImVec2(sx, b.y), ImVec2(sx + h * 0.2f, b.y), ImVec2(sx + h * 0.2f + h, a.y), ImVec2(sx + h, a.y),
                              colors::kDrillStripe);
        dl->PopClipRect();
        dl->AddText(large, large->FontSize, ImVec2(a.x + pad, cy - large->FontSize * 0.55f), IM_COL32_WHITE, mark);
        dl->AddText(body, body->FontSize, ImVec2(a.x + pad + mark_w + pad, cy - body->FontSize * 0.55f), IM_COL32_WHITE,
                    detail.c_str());
        ImGui::SetCursorScreenPos(a);
        if (ImGui::InvisibleButton("##drill-banner", ImVec2(w, h))) open_drill_ = true;
        return w;
    }

    /// @brief The drill popup: start one (name, kind) when none runs, else confirm ending the running one.
    void drillControl(ViewContext& ctx, const Drill* drill) {
        const ImGuiIO& io = ImGui::GetIO();
        if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('D', false)) open_drill_ = true;
        if (open_drill_) {
            open_drill_ = false;
            if (!drill && drill_name_[0] == 0)
                std::snprintf(drill_name_, sizeof drill_name_, "%s", ctx.t(Text::DrillDefaultName));
            ImGui::OpenPopup("drill");
        }
        if (!ImGui::BeginPopup("drill")) return;
        if (drill) {
            char ask[512];
            std::snprintf(ask, sizeof ask, ctx.t(Text::DrillEndConfirm), drill->name.c_str());
            ImGui::TextUnformatted(ask);
            if (ImGui::Button(ctx.t(Text::DrillEnd))) {
                ctx.actions.endDrill(drill->id);
                ImGui::CloseCurrentPopup();
            }
        } else {
            ImGui::TextUnformatted(ctx.t(Text::DrillName));
            ImGui::SetNextItemWidth(ctx.fonts.body->FontSize * 16);
            ImGui::InputText("##drill-name", drill_name_, sizeof drill_name_);
            ImGui::RadioButton(ctx.t(Text::DrillFullScale), &drill_kind_, static_cast<int>(DrillKind::FullScale));
            ImGui::SameLine();
            ImGui::RadioButton(ctx.t(Text::DrillTabletop), &drill_kind_, static_cast<int>(DrillKind::Tabletop));
            const bool named = drill_name_[0] != 0;
            if (ImGui::Button(ctx.t(Text::DrillStart)) && named) {
                ctx.actions.startDrill(drill_name_, static_cast<DrillKind>(drill_kind_));
                drill_name_[0] = 0;
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button(ctx.t(Text::CallCancel))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    /// @brief "复盘" and what the replay is doing (paused, playing 4×, seeking), as chips; returns their width.
    float drawReplayState(ViewContext& ctx, ImDrawList* dl, float x, float cy) {
        ImFont* large = fonts_.large;
        ImFont* body = fonts_.body;
        const float start = x;
        x += drawChip(dl, large, ImVec2(x, cy - large->FontSize * 0.8f), large->FontSize * 1.6f, colors::kReplay,
                      IM_COL32_WHITE, ctx.t(Text::ReplayBanner)) + 12;
        const source::ReplayControl& replay = *ctx.replay;
        char state[96];
        if (replay.seeking()) {
            std::snprintf(state, sizeof state, "%s", ctx.t(Text::ReplaySeeking));
        } else if (replay.playing()) {
            char speed[16];
            std::snprintf(speed, sizeof speed, "%g", replay.speed());
            std::snprintf(state, sizeof state, ctx.t(Text::ReplayPlaying), speed);
        } else {
            std::snprintf(state, sizeof state, "%s",
                          ctx.t(replay.atMs() >= replay.toMs() ? Text::ReplayEnd : Text::ReplayPaused));
        }
        if (replay.loop() != source::LoopMode::Off)
            std::snprintf(state + std::strlen(state), sizeof state - std::strlen(state), " · %s", ctx.t(Text::ReplayLoop));
        x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, IM_COL32(255, 255, 255, 40),
                      IM_COL32_WHITE, state) + 16;
        return x - start;
    }

    /// @brief Centre name, demo badge and fault; returns the x where they end.
    float drawName(ViewContext& ctx, ImDrawList* dl, float x, float cy) {
        ImFont* huge = fonts_.huge;
        ImFont* body = fonts_.body;
        dl->AddText(huge, huge->FontSize, ImVec2(x, cy - huge->FontSize * 0.55f), colors::kText, ctx.t(Text::AppTitle));
        x += huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, ctx.t(Text::AppTitle)).x + 24;
        if (ctx.replay) x += drawReplayState(ctx, dl, x, cy);
        if (ctx.demo)
            x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f,
                          colors::kDemo, IM_COL32_WHITE, ctx.t(Text::DemoData)) + 16;
        if (const Drill* drill = runningDrill(ctx.model.state)) x += drawDrillBanner(ctx, dl, *drill, x, cy) + 16;
        if (!ctx.fault.empty())
            x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, colors::kBad,
                          IM_COL32_WHITE, ctx.fault.c_str()) + 16;
        return x;
    }

    /// @brief Date, weekday and Beijing-time clock, centred in [x0, x1] when `centre`; returns the end x.
    float drawClock(ViewContext& ctx, ImDrawList* dl, float x0, float x1, float cy, bool centre) {
        ImFont* huge = fonts_.huge;
        ImFont* large = fonts_.large;
        ImFont* body = fonts_.body;
        char date[96];
        const CivilTime c = beijingCivil(ctx.now_ms);
        std::snprintf(date, sizeof date, "%s %s", formatDate(ctx.now_ms).c_str(),
                      ctx.t(static_cast<Text>(static_cast<int>(Text::Weekday0) + c.weekday)));
        const std::string clock = formatClock(ctx.now_ms);
        const float clock_w = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, clock.c_str()).x;
        const float date_w = large->CalcTextSizeA(large->FontSize, FLT_MAX, 0, date).x;
        const float label_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, clockLabel(ctx)).x;
        const float total = clockWidth(ctx);
        float x = centre ? std::max(x0, x0 + (x1 - x0 - total) * 0.5f) : x0;
        dl->AddText(large, large->FontSize, ImVec2(x, cy - large->FontSize * 0.55f), colors::kText, date);
        x += date_w + 24;
        dl->AddText(body, body->FontSize, ImVec2(x, cy - body->FontSize * 0.45f), ctx.replay ? colors::kText : colors::kTextDim,
                    clockLabel(ctx));
        x += label_w + 12;
        dl->AddText(huge, huge->FontSize, ImVec2(x, cy - huge->FontSize * 0.55f), IM_COL32(255, 255, 255, 255),
                    clock.c_str());
        return x + clock_w;
    }

    /// @brief Date, weekday and clock as drawClock lays them out.
    float clockWidth(const ViewContext& ctx) const {
        char date[96];
        std::snprintf(date, sizeof date, "%s %s", formatDate(ctx.now_ms).c_str(),
                      ctx.t(static_cast<Text>(static_cast<int>(Text::Weekday0) + beijingCivil(ctx.now_ms).weekday)));
        const std::string clock = formatClock(ctx.now_ms);
        auto w = [](ImFont* f, const char* t) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t).x; };
        return w(fonts_.large, date) + w(fonts_.body, clockLabel(ctx)) + w(fonts_.huge, clock.c_str()) + 36;
    }

    /// "北京时间" on the live wall; "复盘时间" on a replay, whose clock is the replay's.
    static const char* clockLabel(const ViewContext& ctx) { return ctx.t(ctx.replay ? Text::ReplayTime : Text::BeijingTime); }

    static constexpr float kChipGap = 0.4f; // between the level chips, in units of the text size

    /// @brief The four level counts as chips ("红 12").
    std::vector<render::TextPiece> levelChips(const ViewContext& ctx) const {
        std::vector<render::TextPiece> chips;
        for (int i = 0; i < kWarningLevelCount; ++i) {
            const auto level = static_cast<WarningLevel>(i + 1);
            chips.push_back({std::string(ctx.t(levelShortName(level))) + " " +
                                 std::to_string(ctx.model.alarm_order.countByLevel()[i]),
                             levelTextColor(level), 0, false, 1.0f, levelColor(level)});
        }
        return chips;
    }

    /// The links keep at least this much room after the alarm figures (their summary fits in it).
    float linksMinWidth() const { return fonts_.body->FontSize * 9.0f; }

    /// @brief Alarm counts by level as coloured chips, then the load figures that fit before `right`; returns the end x.
    float drawCounts(ViewContext& ctx, ImDrawList* dl, float x, float cy, float right) {
        ImFont* body = fonts_.body;
        const std::vector<render::TextPiece> chips = levelChips(ctx);
        // The four counts always show, whole: they shrink into the room before the links.
        const render::FittedLine line = render::fitLine(body, chips, right - x, body->FontSize * kMinTextScale, kChipGap);
        render::drawFittedLine(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, chips, line);
        return drawLoad(ctx, dl, x + line.width + 24, cy, right);
    }

    /// @brief Alarm load: rate per flood window, stale count, flood indicator, muted levels; returns the end x.
    float drawLoad(ViewContext& ctx, ImDrawList* dl, float x, float cy, float right) {
        ImFont* body = fonts_.body;
        const AlarmLoad& load = ctx.model.alarm_load;
        const FloodRules& flood = load.rules();
        const float text_y = cy - body->FontSize * 0.55f;
        // In order of importance; what does not fit is left out whole (the board shows it too).
        bool room = true;
        auto text = [&](ImU32 color, const char* s) {
            const float w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, s).x;
            if (!room || x + w > right) {
                room = false;
                return;
            }
            dl->AddText(body, body->FontSize, ImVec2(x, text_y), color, s);
            x += w + 16;
        };
        char buf[128];
        if (load.flooding()) {
            const float w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::FloodShort)).x + body->FontSize * 1.2f;
            if (x + w <= right)
                x += drawChip(dl, body, ImVec2(x, cy - body->FontSize * 0.8f), body->FontSize * 1.6f, colors::kWarn,
                              IM_COL32(20, 20, 20, 255), ctx.t(Text::FloodShort)) + 12;
        }
        std::snprintf(buf, sizeof buf, ctx.t(Text::AlarmRate), load.rate(), flood.flood_window_s / 60);
        text(load.flooding() ? colors::kWarn : colors::kText, buf);
        std::snprintf(buf, sizeof buf, ctx.t(Text::StaleCount), flood.stale_after_s / 3600, load.staleCount());
        text(load.staleCount() ? colors::kWarn : colors::kTextDim, buf);
        std::string muted;
        for (int i = 0; i < kWarningLevelCount; ++i)
            if (ctx.model.state.muted[i]) muted += std::string(" ") + ctx.t(levelShortName(static_cast<WarningLevel>(i + 1)));
        if (!muted.empty()) text(colors::kWarn, (ctx.t(Text::MutedLevels) + muted).c_str());
        return x;
    }

    float layoutWidth(const ViewContext& ctx) const {
        ImFont* body = ctx.fonts.body;
        return body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.title(ctx.layout).c_str()).x + body->FontSize * 4.0f;
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
            // Silent as the authority decided and journaled it (link.state), so a replay shows it as it was.
            const bool silent = link.lost_since_ms != 0;
            const TimeMs quiet = silent ? ctx.now_ms - link.lost_since_ms : 0;
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
        if (right - pos.x < dot_w) return;
        dl->AddCircleFilled(ImVec2(pos.x + body->FontSize * 0.4f, pos.y), body->FontSize * 0.4f, color);
        // The summary stays whole; the silent links' names follow while they fit, the last ones dropped first.
        std::vector<render::TextPiece> pieces = {{buf, silent_count ? colors::kBad : colors::kText}};
        int drop = 1000;
        for (const Item& item : items)
            if (item.silent) pieces.push_back({item.label, colors::kBad, drop--});
        render::drawFittedLine(dl, body, ImVec2(pos.x + dot_w, text_y), body->FontSize, pieces,
                               render::fitLine(body, pieces, right - pos.x - dot_w, body->FontSize * kMinTextScale, 1.0f));
    }

    void drawLayout(ViewContext& ctx, ImDrawList* dl, ImVec2 pos) {
        ImFont* body = ctx.fonts.body;
        dl->AddText(body, body->FontSize, ImVec2(pos.x, pos.y - body->FontSize * 0.55f), colors::kTextDim,
                    ctx.t(Text::Layout));
        const float label_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, ctx.t(Text::Layout)).x + 12;
        ImGui::SetCursorScreenPos(ImVec2(pos.x + label_w, pos.y - body->FontSize * 0.8f));
        std::string button = ctx.title(ctx.layout) + "##layout-menu";
        if (ImGui::Button(button.c_str())) ImGui::OpenPopup("layouts");
        if (ImGui::BeginPopup("layouts")) {
            for (const LayoutChoice& choice : ctx.layouts) {
                if (ImGui::MenuItem(choice.title.c_str(), choice.hotkey.c_str(), choice.name == ctx.layout.name))
                    ctx.actions.switchLayout(choice.name);
            }
            ImGui::Separator();
            const bool running = runningDrill(ctx.model.state) != nullptr;
            if (ImGui::MenuItem(ctx.t(running ? Text::DrillEnd : Text::DrillStartMenu), "D")) open_drill_ = true;
            ImGui::EndPopup();
        }
    }
};

} // namespace

std::unique_ptr<View> makeStatusBar(const layouts::Region& region) { return std::make_unique<StatusBar>(region); }

} // namespace wall::panels
