// Numbers on the wall are never cut. Every panel of every 1x1 layout, in the
// three languages, drawn in-process from a State holding the widest values a
// watch can meet: six-digit alarm counts, forty-character titles, phone numbers
// with extensions, long names, countdowns of a hundred hours. The verdict comes
// from ImGui's draw data: each glyph quad is mapped back to its character
// through the atlas UVs, then
//  (a) no digit quad crosses its command's clip rect (nor was cut on the CPU), and
//  (b) the drawn text runs are rebuilt and every number that must be shown is
//      there in full: ImGui drops glyphs wholly outside the clip rect, so a
//      vanished last digit ("未确认 2001" for 20,015) passes (a) and only (b) sees it;
//  (c) titles that did not fit end in "…", and never stop inside a number.
// WALL_KEEP_SCREENSHOTS=<dir> also writes each frame as a PNG.
#include "app/camera_tiles.hpp"
#include "app_test_support.hpp"
#include "console_process.hpp"
#include "layouts/layout_library.hpp"
#include "model/beijing_time.hpp"
#include "core/console_deciders.hpp"
#include "model/linkage.hpp"
#include "panels/alarm_detail.hpp"
#include "panels/view.hpp"
#include "render/canvas_geometry.hpp"
#include "render/fitted_text.hpp"
#include "render/glyph_atlas.hpp"
#include "render/gl_window.hpp"
#include "render/imgui_runtime.hpp"
#include "render/png_file.hpp"
#include "render/wall_canvas.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace wall::test {
namespace {

using panels::Language;

constexpr TimeMs kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute;
const TimeMs kNow = beijingToUtc(2026, 7, 15, 14, 5, 9);

// ---- [SECTION] the scene: the widest realistic values

// Forty characters each, numbers near the end (where a cut falls).
const std::string kRedTitle = "袁州区新坊镇石门水库大坝右岸渗压计读数超警戒值请立即组织下游群众转移避险K1234+500";
const std::string kFocusTitle = "袁州区洪塘镇金瑞村尾矿库坝体位移突变累计位移量已达警戒值请立即组织撤离人员0795";
const std::string kTaskTitle = "组织转移石门水库下游新坊镇石门村洪塘镇金瑞村受威胁群众并核实安置点人数12345人";
const std::string kIncidentTitle = "石门水库大坝渗漏险情及下游洪塘镇金瑞村尾矿库坝体位移突变特别重大突发事件2026";
const std::string kCameraName = "G60沪昆高速K1234+500袁州收费站广场全景高清球机";
const std::string kLongName = "阿不都热合曼·阿不都克力木";
const std::string kLeaderPhone = "0795-12345678-8001";
const std::string kOfficerPhone = "13812345678";
const std::string kLiaisonPhone = "0795-87654321-1234";
const std::string kNextPhone = "15012345678";
const std::string kCallPhone = "13912345678";

// Main-order alarms by level: 200,015 in all, 3 of the red ones acknowledged.
constexpr int kRed = 100013, kOrange = 50001, kYellow = 30001, kBlue = 20000;
constexpr int kTotal = kRed + kOrange + kYellow + kBlue;
constexpr int kAcked = 3;
constexpr int kShelved = 12001, kSuppressed = 3002;
constexpr int kStale = 1234;  // blue alarms raised 25 hours ago
constexpr int kTasks = 10020, kOpenTasks = 10010, kOverdueTasks = 10005;
const TimeMs kOverdueBy = 123 * kHour + 45 * kMinute + 6 * kSecond;  // "123:45:06"
const TimeMs kHandoverIn = 23 * kHour + 59 * kMinute + 59 * kSecond;  // "23:59:59"
constexpr int kReportLateMin = 1234;
constexpr uint32_t kCalls = 123456, kAnswered = 120001, kReported = 12345, kReportedOnTime = 12001;

Alarm alarm(std::string id, WarningLevel level, TimeMs raised, const std::string& title, const std::string& village) {
    Alarm a;
    a.id = std::move(id);
    a.level = level;
    a.category = "reservoir";
    a.title = title;
    a.site = {"袁州区", "新坊镇", village, "石门水库大坝右岸3号渗压计"};
    a.raised_ms = a.updated_ms = raised;
    a.activations = {raised};
    return a;
}

Responder responder(const std::string& name, const std::string& phone) {
    return {name, "村党支部书记兼村委会主任", "袁州区/新坊镇/石门村/第十二网格", phone};
}

State wideState() {
    State s;
    s.alarms.reserve(kTotal + kShelved + kSuppressed + 8);
    auto add = [&](Alarm a) { s.alarms.emplace(a.id, std::move(a)); };
    const std::string plain = "石门村雨量站1小时降雨量85.5毫米";
    int n = 0;
    auto id = [&](char c) { return std::string(1, c) + std::to_string(++n); };
    // Red: the newest few carry the long title (they lead the board); three of the oldest are acked.
    for (int i = 0; i < kRed - 1; ++i) {
        const bool lead = i >= kRed - 21;  // the newest: they head the board
        Alarm a = alarm(id('r'), WarningLevel::Red, lead ? kNow - kMinute + i % 20 : kNow - 9 * kMinute + i % 500,
                        lead ? kRedTitle : plain, "石门村");
        if (i < kAcked) a.acked = true, a.acked_by = kLongName, a.acked_ms = kNow - kMinute;
        add(std::move(a));
    }
    // The focus: the oldest red warning, with calls, cameras and a long history.
    Alarm focus = alarm("focus", WarningLevel::Red, kNow - kOverdueBy, kFocusTitle, "金瑞村");
    focus.site = {"袁州区", "洪塘镇", "金瑞村", "金瑞尾矿库主坝"};
    focus.device = "RG-0795-001234";
    focus.message = "坝体GNSS监测点JR-07累计水平位移128.6毫米，24小时增量12.4毫米，超过黄色阈值。";
    focus.cameras = {"cam-01", "cam-02", "cam-03", "cam-04"};
    Call answered;
    answered.id = "focus#1";
    answered.person = responder(kLongName, kCallPhone);
    answered.called_ms = kNow - 2 * kHour;
    answered.deadline_ms = answered.called_ms + 5 * kMinute;
    answered.answered_ms = answered.called_ms + kHour + 2 * kMinute + 3 * kSecond;
    answered.channel = "voice";
    answered.note = "已电话确认，正在组织金瑞村下游1234名群众转移至金瑞小学安置点";
    Call missed;
    missed.id = "focus#2";
    missed.person = responder("欧阳明远", kOfficerPhone);
    missed.called_ms = kNow - kHour;
    missed.deadline_ms = missed.called_ms + 5 * kMinute;
    missed.escalated_ms = missed.deadline_ms;
    missed.escalated_to = "focus#3";
    Call up;
    up.id = "focus#3";
    up.person = {"上官晓峰", "洪塘镇镇长", "袁州区/洪塘镇", kNextPhone};
    up.tier = 1;
    up.called_ms = missed.escalated_ms;
    up.deadline_ms = up.called_ms + 99 * kHour;
    focus.calls = {answered, missed, up};
    for (int i = 0; i < 12; ++i)
        focus.history.push_back({kNow - (12 - i) * kMinute, AlarmState::Unacked, AlarmState::Acked, kLongName,
                                 "alarm.update 位移123.45毫米"});
    add(std::move(focus));
    for (int i = 0; i < kOrange; ++i)
        add(alarm(id('o'), WarningLevel::Orange, kNow - 8 * kMinute + i % 400, plain, "上坪村"));
    for (int i = 0; i < kYellow; ++i)
        add(alarm(id('y'), WarningLevel::Yellow, kNow - 7 * kMinute + i % 300, plain, "下坪村"));
    for (int i = 0; i < kBlue; ++i) {
        const bool stale = i < kStale;
        add(alarm(id('b'), WarningLevel::Blue, stale ? kNow - 25 * kHour : kNow - 6 * kMinute + i % 200, plain,
                  "柳溪村"));
    }
    for (int i = 0; i < kShelved; ++i) {
        Alarm a = alarm(id('s'), WarningLevel::Yellow, kNow - 5 * kMinute, plain, "白沙村");
        a.shelved_until_ms = kNow + 123 * kMinute;
        a.shelved_by = kLongName;
        a.shelve_reason = "设备检修（雨量筒堵塞）";
        add(std::move(a));
    }
    for (int i = 0; i < kSuppressed; ++i) {
        Alarm a = alarm(id('x'), WarningLevel::Blue, kNow - 5 * kMinute, plain, "黄泥塘");
        a.suppressed = true;
        a.suppressed_by = "monitor-platform";
        a.suppress_reason = "设备停用";
        add(std::move(a));
    }

    Shift day;
    day.label = "白班（防汛Ⅳ级应急响应）";
    day.start_ms = kNow - kMinute;
    day.end_ms = kNow + kHandoverIn;
    day.leader = {kLongName, "带班领导", kLeaderPhone};
    day.officers = {{"欧阳明远", "值班员", kOfficerPhone}, {"司马雪晴", "值班员", "13912345678"}};
    day.contacts = {{"诸葛文博", "市水利局防汛抗旱指挥部办公室联络员", kLiaisonPhone}};
    Shift night;
    night.label = "夜班（防汛Ⅳ级应急响应）";
    night.start_ms = day.end_ms;
    night.end_ms = day.end_ms + 12 * kHour;
    night.leader = {"上官晓峰", "带班领导", kNextPhone};
    night.officers = {{"皇甫思远", "值班员", "18612345678"}};
    s.roster.date = "2026-07-15";
    s.roster.shifts = {day, night};

    for (int i = 0; i < kTasks; ++i) {
        Task t;
        t.id = "t" + std::to_string(100000 + i);
        t.title = kTaskTitle;
        t.commander = kLongName;
        t.commander_phone = kLeaderPhone;
        t.site = "洪塘镇金瑞村金瑞尾矿库主坝下游500米处临时安置点";
        t.incident = "focus";
        t.status = i < kTasks - kOpenTasks ? TaskStatus::Done : TaskStatus::InProgress;
        t.deadline_ms = i < kTasks - kOpenTasks + kOverdueTasks ? kNow - kOverdueBy : kNow + 99 * kHour;
        s.tasks.emplace(t.id, t);
    }

    Incident inc;
    inc.id = "inc-1";
    inc.title = kIncidentTitle;
    inc.grade = IncidentGrade::Especially;
    inc.alarms = {"focus"};
    inc.occurred_ms = kNow - 2 * kHour;
    inc.report_due_ms = kNow - kReportLateMin * kMinute - 30 * kSecond;
    s.incidents.emplace(inc.id, inc);
    s.response.calls = {kCalls, 0, 0, 0};
    s.response.answered = {kAnswered, 0, 0, 0};
    s.response.answer_ms[0] = {kHour + 2 * kMinute + 3 * kSecond};
    s.response.reported = kReported;
    s.response.reported_on_time = kReportedOnTime;

    for (int i = 1; i <= 12; ++i) {
        Camera c;
        c.id = (i < 10 ? "cam-0" : "cam-") + std::to_string(i);
        c.name = kCameraName;
        c.site = "袁州区新坊镇石门村";
        c.group = "flood";  // the consultation layout's nearby grid
        s.cameras.emplace(c.id, c);
    }
    for (const char* name : {"monitor-platform", "duty-system", "field-task", "call-gateway-yuanzhou"})
        s.links[name] = {name, kNow - kSecond, 1, 1};
    s.links["weather-radar-jiangxi"] = {"weather-radar-jiangxi", kNow - 123456 * kSecond, 1, 1};
    s.muted = {false, false, true, true};
    return s;
}

// ---- [SECTION] reading glyphs back from the draw data

/// One glyph quad ImGui emitted, mapped back to its character.
struct DrawnGlyph {
    unsigned codepoint = 0;
    ImVec4 quad;          // x1, y1, x2, y2 as drawn
    ImVec4 clip;          // its command's clip rect
    bool cpu_clipped = false; // ImGui cut the quad itself (its UVs are not the whole glyph's)
    float pen_x = 0, pen_end = 0, baseline = 0, size = 0;
    std::string owner;    // the ImGui window that drew it
};

/// A line of text as drawn: consecutive glyphs of one window on one baseline.
struct TextRun {
    std::string text;
    std::string owner;
    bool whole = true;    // no glyph of it crosses a clip rect
};

void appendUtf8(std::string& s, unsigned c) {
    if (c < 0x80) {
        s += char(c);
    } else if (c < 0x800) {
        s += char(0xC0 | (c >> 6));
        s += char(0x80 | (c & 0x3F));
    } else {
        s += char(0xE0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
    }
}

struct GlyphRef {
    const ImFont* font;
    const ImFontGlyph* glyph;
};

/// Every glyph quad of this frame's draw data, in drawing order.
std::vector<DrawnGlyph> drawnGlyphs() {
    std::map<std::pair<float, float>, GlyphRef> by_uv0, by_uv1;
    std::vector<GlyphRef> all;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (const ImFont* font : atlas->Fonts)
        for (const ImFontGlyph& g : font->Glyphs) {
            if (!g.Visible) continue;
            by_uv0[{g.U0, g.V0}] = {font, &g};
            by_uv1[{g.U1, g.V1}] = {font, &g};
            all.push_back({font, &g});
        }
    std::vector<DrawnGlyph> out;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        // Each command's vertices form one range (ImGui appends in order).
        struct Range { unsigned begin, end; ImVec4 clip; };
        std::vector<Range> ranges;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.ElemCount == 0) continue;
            unsigned lo = ~0u, hi = 0;
            for (unsigned i = 0; i < cmd.ElemCount; ++i) {
                const unsigned v = cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i];
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            ranges.push_back({lo, hi + 1, cmd.ClipRect});
        }
        const ImDrawVert* v = list->VtxBuffer.Data;
        const int n = list->VtxBuffer.Size;
        for (int i = 0; i + 3 < n;) {
            const ImDrawVert &a = v[i], &b = v[i + 1], &c = v[i + 2], &d = v[i + 3];
            const bool quad = a.uv.x != b.uv.x && a.uv.y == b.uv.y && b.uv.x == c.uv.x && c.uv.y == d.uv.y &&
                              d.uv.x == a.uv.x && a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y &&
                              d.pos.x == a.pos.x && a.uv.y != c.uv.y;
            if (!quad) {
                ++i;
                continue;
            }
            const ImVec2 uv0 = a.uv, uv1 = c.uv;
            GlyphRef ref{nullptr, nullptr};
            if (auto it = by_uv0.find({uv0.x, uv0.y}); it != by_uv0.end()) ref = it->second;
            else if (auto it1 = by_uv1.find({uv1.x, uv1.y}); it1 != by_uv1.end()) ref = it1->second;
            else
                for (const GlyphRef& g : all) // cut on two sides: the glyph whose UV rect holds it
                    if (uv0.x >= g.glyph->U0 && uv1.x <= g.glyph->U1 && uv0.y >= g.glyph->V0 && uv1.y <= g.glyph->V1) {
                        ref = g;
                        break;
                    }
            if (!ref.glyph) {
                ++i;
                continue;
            }
            const ImFontGlyph& g = *ref.glyph;
            DrawnGlyph dg;
            dg.codepoint = g.Codepoint;
            dg.quad = ImVec4(a.pos.x, a.pos.y, c.pos.x, c.pos.y);
            for (const Range& r : ranges)
                if (unsigned(i) >= r.begin && unsigned(i) < r.end) dg.clip = r.clip;
            constexpr float eps = 1e-6f;
            dg.cpu_clipped = std::abs(uv0.x - g.U0) > eps || std::abs(uv0.y - g.V0) > eps ||
                             std::abs(uv1.x - g.U1) > eps || std::abs(uv1.y - g.V1) > eps;
            // The scale from the side ImGui did not cut.
            const bool x_whole = std::abs(uv0.x - g.U0) <= eps && std::abs(uv1.x - g.U1) <= eps;
            const float scale = x_whole && g.X1 > g.X0 ? (c.pos.x - a.pos.x) / (g.X1 - g.X0)
                                                       : (c.pos.y - a.pos.y) / std::max(1e-3f, g.Y1 - g.Y0);
            dg.size = ref.font->FontSize * scale;
            dg.pen_x = (std::abs(uv0.x - g.U0) <= eps ? a.pos.x : c.pos.x - (g.X1 - g.X0) * scale) - g.X0 * scale;
            dg.pen_end = dg.pen_x + g.AdvanceX * scale;
            dg.baseline = (std::abs(uv0.y - g.V0) <= eps ? a.pos.y : c.pos.y - (g.Y1 - g.Y0) * scale) - g.Y0 * scale;
            dg.owner = list->_OwnerName ? list->_OwnerName : "";
            out.push_back(dg);
            i += 4;
        }
    }
    return out;
}

bool crossesClip(const DrawnGlyph& g) {
    constexpr float tol = 0.5f;
    return g.cpu_clipped || g.quad.x < g.clip.x - tol || g.quad.y < g.clip.y - tol || g.quad.z > g.clip.z + tol ||
           g.quad.w > g.clip.w + tol;
}

std::vector<TextRun> textRuns(const std::vector<DrawnGlyph>& glyphs) {
    std::vector<TextRun> runs;
    const DrawnGlyph* prev = nullptr;
    for (const DrawnGlyph& g : glyphs) {
        bool joins = prev && prev->owner == g.owner && std::abs(prev->baseline - g.baseline) < 1.0f &&
                     std::abs(prev->size - g.size) < 0.02f * g.size;
        const float gap = prev ? g.pen_x - prev->pen_end : 0;
        joins = joins && gap > -1.0f && gap < 0.7f * g.size;
        if (!joins) runs.push_back({"", g.owner, true});
        else if (gap > 0.08f * g.size) runs.back().text += ' ';  // a space: ~0.15 of ImGui's size (its em is smaller)
        appendUtf8(runs.back().text, g.codepoint);
        if (crossesClip(g)) runs.back().whole = false;
        prev = &g;
    }
    return runs;
}

/// The layout region a window belongs to: "##region-alarms/rows_1234" → "alarms".
std::string regionOf(const std::string& owner) {
    const std::string prefix = "##region-";
    if (owner.rfind(prefix, 0) != 0) return owner;
    const std::string rest = owner.substr(prefix.size());
    return rest.substr(0, rest.find('/'));
}

bool digitToken(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isalnum(u) || std::strchr(".,:/+-_#%", c));
}

/// @brief True when `shown` ("…" removed) stops inside a token of `full` that holds a digit.
bool stopsInsideNumber(const std::string& full, const std::string& shown) {
    const size_t cut = shown.size();
    if (cut == 0 || cut >= full.size() || !digitToken(full[cut]) || !digitToken(full[cut - 1])) return false;
    size_t b = cut, e = cut;
    while (b > 0 && digitToken(full[b - 1])) --b;
    while (e < full.size() && digitToken(full[e])) ++e;
    for (size_t i = b; i < e; ++i)
        if (full[i] >= '0' && full[i] <= '9') return true;
    return false;
}

// ---- [SECTION] the rig: one headless window, ImGui, the atlas, a 1x1 canvas

class NoActions final : public panels::OperatorActions {
public:
    bool acknowledgeAlarm(const std::string&) override { return true; }
    bool setTaskStatus(const std::string&, TaskStatus) override { return true; }
    bool switchLayout(const std::string&) override { return true; }
    bool shelveAlarm(const std::string&, int, const std::string&) override { return true; }
    bool unshelveAlarm(const std::string&) override { return true; }
    bool setSopStep(const std::string&, int, bool) override { return true; }
    bool recordCallAnswer(const std::string&, const std::string&, const std::string&) override { return true; }
    bool markIncidentReported(const std::string&, const std::string&) override { return true; }
    bool muteSound(WarningLevel, bool) override { return true; }
    bool revertLinkage(const std::string&) override { return true; }
    bool startDrill(const std::string&, DrillKind) override { return true; }
    bool endDrill(const std::string&) override { return true; }
};

struct Rig {
    layouts::LayoutLibrary library = layouts::LayoutLibrary::open("1x1");
    std::unique_ptr<render::GlWindow> window;
    std::unique_ptr<render::ImGuiRuntime> imgui;
    std::unique_ptr<render::GlyphAtlas> glyphs;
    std::unique_ptr<render::WallCanvas> canvas;
    std::unique_ptr<app::CameraTiles> cameras;
    panels::UiModel model;
    ConsoleRules rules;
    NoActions actions;

    Rig() {
        render::WindowOptions w;
        w.mode = render::WindowMode::Headless;
        w.vsync = false;
        window = std::make_unique<render::GlWindow>(w);
        imgui = std::make_unique<render::ImGuiRuntime>(*window);
        render::GlyphAtlasOptions fonts;
        fonts.pixel_sizes = {22.0f, 32.0f, 52.0f}; // the app's sizes on a one-panel wall
        glyphs = std::make_unique<render::GlyphAtlas>(fonts);
        canvas = std::make_unique<render::WallCanvas>(render::uniformWallGeometry(1, 1, {1920, 1080}, 0));
        cameras = std::make_unique<app::CameraTiles>();
        render::ImGuiRuntime::applyControlRoomStyle(1.0f);
        model.reset(wideState());
        model.alarm_load.tick(kNow);
        panels::forEachUiString([&](std::string_view s) { glyphs->noteText(s); });
        std::set<std::string> seen;
        forEachText(model.state, [&](const std::string& s) {
            if (seen.insert(s).second) glyphs->noteText(s);
        });
        for (const layouts::LoadedLayout& l : library.layouts) {
            for (const std::string* s : {&l.layout->title, &l.layout->title_hant, &l.layout->title_en})
                glyphs->noteText(*s);
            for (const layouts::Region& r : l.layout->regions)
                for (const std::string* s : {&r.title, &r.title_hant, &r.title_en}) glyphs->noteText(*s);
        }
        glyphs->finishPendingBuild();
    }
    ~Rig() {
        cameras.reset();
        canvas.reset();
        glyphs.reset();
        imgui.reset();
        window.reset();
    }

    panels::ViewContext context(const layouts::Layout& layout, Language language) {
        std::vector<panels::LayoutChoice> choices;
        for (const layouts::LoadedLayout& l : library.layouts)
            choices.push_back({l.layout->name, panels::localTitle(language, *l.layout), l.layout->hotkeyName()});
        return panels::ViewContext{.model = model,
                                   .now_ms = kNow,
                                   .language = language,
                                   .fonts = {glyphs->font(render::FontSize::Body), glyphs->font(render::FontSize::Large),
                                             glyphs->font(render::FontSize::Huge)},
                                   .blink_on = true,
                                   .demo = true,
                                   .actions = actions,
                                   .cameras = *cameras,
                                   .layout = layout,
                                   .wall = library.wall,
                                   .layouts = std::move(choices),
                                   .fault = "",
                                   .rules = &rules};
    }

    /// @brief One frame: `draw` between NewFrame and Render; the draw data stays readable until the next.
    template <class Draw> void frame(Draw&& draw) {
        glyphs->rebuildIfNeeded();
        imgui->newFrame(canvas->canvasSize(), {}, 1.0);
        ImGui::GetIO().FontDefault = glyphs->font(render::FontSize::Body);
        draw();
        canvas->beginFrame();
        imgui->render();
        canvas->endFrame();
    }

    void keepScreenshot(const std::string& name) {
        if (const char* dir = std::getenv("WALL_KEEP_SCREENSHOTS"))
            render::writePng(std::string(dir) + "/" + name + ".png", canvas->readOutput(1.0));
    }
};

// One rig for every suite here (the 200,000-alarm state takes a moment to build); gone at the end of the run.
Rig* g_rig = nullptr;
struct RigRelease : testing::Environment {
    void TearDown() override {
        delete g_rig;
        g_rig = nullptr;
    }
};
testing::Environment* const g_rig_release = testing::AddGlobalTestEnvironment(new RigRelease);

class RigSuite : public testing::Test {
protected:
    static void SetUpTestSuite() {
        if (haveDisplay() && !g_rig) g_rig = new Rig();
    }
};

class WideValues : public RigSuite, public testing::WithParamInterface<std::tuple<const char*, const char*>> {};

Language languageOf(const std::string& name) { return panels::languageFromName(name).value_or(Language::ZhHans); }

std::string describe(const std::vector<TextRun>& runs, const std::string& region) {
    std::ostringstream os;
    for (const TextRun& r : runs)
        if (regionOf(r.owner) == region) os << "\n    [" << r.text << "]" << (r.whole ? "" : " (crosses its clip)");
    return os.str();
}

/// Every digit drawn whole (a); every run holding `number` in `region`, found (b).
void expectWholeDigits(const std::vector<DrawnGlyph>& glyphs, const std::string& where) {
    int cut = 0;
    for (const DrawnGlyph& g : glyphs) {
        if (g.codepoint < '0' || g.codepoint > '9' || !crossesClip(g)) continue;
        if (++cut <= 12)
            ADD_FAILURE() << where << ": digit '" << char(g.codepoint) << "' in " << g.owner << " at (" << g.quad.x
                          << "," << g.quad.y << ")-(" << g.quad.z << "," << g.quad.w << ") crosses its clip rect ("
                          << g.clip.x << "," << g.clip.y << ")-(" << g.clip.z << "," << g.clip.w << ")"
                          << (g.cpu_clipped ? ", cut by ImGui" : "");
    }
    EXPECT_EQ(cut, 0) << where << ": digits cut at a clip rect";
}

void expectNumber(const std::vector<TextRun>& runs, const std::string& region, const std::string& number,
                  const std::string& where) {
    for (const TextRun& r : runs)
        if (regionOf(r.owner) == region && r.text.find(number) != std::string::npos) return;
    ADD_FAILURE() << where << ": \"" << number << "\" is not shown whole in region " << region
                  << "; its text runs:" << describe(runs, region);
}

/// Runs in `region` that begin like `title`: the whole title (maybe wrapped onto the next lines, never inside a
/// number), or a prefix ending in "…" that does not stop inside a number.
void expectTitleWholeOrEllipsized(const std::vector<TextRun>& runs, const std::string& region, const std::string& title,
                                  const std::string& where) {
    const std::string head = title.substr(0, 15);  // five CJK characters
    const std::string ellipsis = "\u2026";
    int seen = 0;
    for (size_t k = 0; k < runs.size(); ++k) {
        const TextRun& r = runs[k];
        if (regionOf(r.owner) != region) continue;
        const size_t at = r.text.find(head);
        if (at == std::string::npos) continue;
        ++seen;
        std::string shown = r.text.substr(at);
        // Wrapped: the next runs of the same window carry on where this one stopped.
        for (size_t j = k + 1; j < runs.size() && runs[j].owner == r.owner && title.rfind(shown, 0) == 0 &&
                               shown.size() < title.size();
             ++j) {
            const std::string rest = title.substr(shown.size());
            const std::string& next = runs[j].text;
            const size_t n = std::min(next.size(), rest.size());
            if (n == 0 || next.compare(0, n, rest, 0, n) != 0) break;
            EXPECT_FALSE(stopsInsideNumber(title, shown)) << where << ": [" << title << "] wraps inside a number";
            shown += next;
        }
        if (shown.rfind(title, 0) == 0) continue;  // whole, maybe followed by more (the site after it)
        const size_t dots = shown.find(ellipsis);
        if (dots == std::string::npos) {
            ADD_FAILURE() << where << ": title cut without \"…\" in " << region << ": [" << shown << "]";
            continue;
        }
        shown.resize(dots);
        while (!shown.empty() && shown.back() == ' ') shown.pop_back();
        EXPECT_EQ(title.rfind(shown, 0), 0u) << where << ": [" << r.text << "] is not a cut of [" << title << "]";
        EXPECT_FALSE(stopsInsideNumber(title, shown)) << where << ": [" << r.text << "] stops inside a number";
    }
    EXPECT_GT(seen, 0) << where << ": no sign of [" << title << "] in " << region << describe(runs, region);
}

// ---- [SECTION] the checks

TEST_P(WideValues, NumbersAreNeverCut) {
    REQUIRE_DISPLAY();
    ASSERT_NE(g_rig, nullptr);
    Rig& rig = *g_rig;
    const auto [layout_name, lang] = GetParam();
    const std::string where = std::string(layout_name) + "/" + lang;
    const Language language = languageOf(lang);
    const std::shared_ptr<const layouts::Layout> layout = rig.library.find(layout_name);
    ASSERT_NE(layout, nullptr);

    std::vector<std::unique_ptr<panels::View>> views;
    for (const layouts::Region& r : layout->regions) views.push_back(panels::makeView(r));
    // The panels draw what the authority decided and journaled: decide here, apply as the journal would.
    LinkageDirector linkage;
    linkage.setRegions(core::linkageRegionsOf(*layout));
    for (LinkageShow& change : linkage.update(rig.model.state, kNow, rig.rules))
        apply(rig.model.state, Event{"operator", 0, kNow, kNow, std::move(change)});
    // Three frames: windows, children and list clippers settle after the first.
    for (int f = 0; f < 3; ++f)
        rig.frame([&] {
            panels::ViewContext ctx = rig.context(*layout, language);
            rig.cameras->beginFrame(&ctx);
            for (auto& view : views) view->draw(ctx);
            rig.cameras->endFrame();
        });
    const std::vector<DrawnGlyph> glyphs = drawnGlyphs();
    const std::vector<TextRun> runs = textRuns(glyphs);
    rig.keepScreenshot(std::string("wide-") + layout_name + "-" + lang);
    ASSERT_GT(glyphs.size(), 500u) << "the frame drew hardly any text";
    EXPECT_EQ(rig.glyphs->missingGlyphCount(), 0u);

    expectWholeDigits(glyphs, where);

    const std::string rate = std::to_string(rig.model.alarm_load.rate());
    for (const layouts::Region& r : layout->regions) {
        const std::string& name = r.name;
        switch (r.view) {
        case layouts::ViewKind::AlarmBoard:
            for (int n : {kRed, kOrange, kYellow, kBlue, kTotal, kTotal - kAcked, kShelved, kSuppressed})
                expectNumber(runs, name, std::to_string(n), where);
            expectNumber(runs, name, rate, where);  // the flood banner
            expectTitleWholeOrEllipsized(runs, name, kRedTitle, where);
            break;
        case layouts::ViewKind::StatusBar:
            for (int n : {kRed, kOrange, kYellow, kBlue}) expectNumber(runs, name, std::to_string(n), where);
            expectNumber(runs, name, formatClock(kNow), where);
            expectNumber(runs, name, formatDate(kNow), where);
            break;
        case layouts::ViewKind::DutyRoster:
            for (const std::string& phone : {kLeaderPhone, kOfficerPhone, kLiaisonPhone, kNextPhone})
                expectNumber(runs, name, phone, where);
            expectNumber(runs, name, formatDuration(kHandoverIn), where);
            break;
        case layouts::ViewKind::TaskBoard:
            for (int n : {kOpenTasks, kOverdueTasks}) expectNumber(runs, name, std::to_string(n), where);
            expectNumber(runs, name, formatDuration(kOverdueBy), where);
            expectTitleWholeOrEllipsized(runs, name, kTaskTitle, where);
            break;
        case layouts::ViewKind::IncidentSummary:
            for (int n : {kReportLateMin, kTasks, kOpenTasks, kOverdueTasks})
                expectNumber(runs, name, std::to_string(n), where);
            expectNumber(runs, name, formatDuration(kOverdueBy), where);
            expectNumber(runs, name, std::to_string(kReportedOnTime) + "/" + std::to_string(kReported), where);
            expectTitleWholeOrEllipsized(runs, name, kIncidentTitle, where);
            expectTitleWholeOrEllipsized(runs, name, kFocusTitle, where);
            break;
        case layouts::ViewKind::CallMatrix:
            expectNumber(runs, name, std::to_string(kAnswered) + "/" + std::to_string(kCalls), where);
            for (const std::string& phone : {kCallPhone, kOfficerPhone, kNextPhone}) expectNumber(runs, name, phone, where);
            expectNumber(runs, name, formatDuration(kHour + 2 * kMinute + 3 * kSecond), where);
            expectTitleWholeOrEllipsized(runs, name, kFocusTitle, where);
            break;
        case layouts::ViewKind::CameraGrid:
        case layouts::ViewKind::Camera:
            expectTitleWholeOrEllipsized(runs, name, kCameraName, where);
            break;
        case layouts::ViewKind::Linkage:
            // Only the region the director gave the focus alarm to; another shows its own (here: no) cameras.
            if (const LinkageDecision* d = linkage.decision(name); d && !d->alarm_id.empty()) {
                expectTitleWholeOrEllipsized(runs, name, kFocusTitle, where);
                expectTitleWholeOrEllipsized(runs, name, kCameraName, where);
            }
            break;
        default: break;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Layouts1x1, WideValues,
                         testing::Combine(testing::Values("duty", "consultation", "review"),
                                          testing::Values("zh", "zh-Hant", "en")),
                         [](const auto& info) {
                             std::string lang = std::get<1>(info.param);
                             lang = lang == "zh" ? "Hans" : lang == "zh-Hant" ? "Hant" : "En";
                             return std::string(std::get<0>(info.param)) + "_" + lang;
                         });

/// The board's detail pane (opened by a click on a row), drawn where the board would put it.
class WideDetail : public WideValues {};

TEST_P(WideDetail, NumbersAreNeverCut) {
    REQUIRE_DISPLAY();
    ASSERT_NE(g_rig, nullptr);
    Rig& rig = *g_rig;
    const std::string lang = std::get<1>(GetParam());
    const std::string where = "detail/" + lang;
    const std::shared_ptr<const layouts::Layout> layout = rig.library.find("duty");
    ASSERT_NE(layout, nullptr);
    const Alarm& focus = rig.model.state.alarms.at("focus");
    panels::AlarmDetailState state;
    for (int f = 0; f < 3; ++f)
        rig.frame([&] {
            panels::ViewContext ctx = rig.context(*layout, languageOf(lang));
            rig.cameras->beginFrame(&ctx);
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(537, 1080));
            ImGui::Begin("##region-detail", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
            ImGui::PushFont(ctx.fonts.body);
            panels::drawAlarmDetail(ctx, focus, state, ImVec2(0, 60), ImVec2(537, 1080), true);
            ImGui::PopFont();
            ImGui::End();
            rig.cameras->endFrame();
        });
    const std::vector<DrawnGlyph> glyphs = drawnGlyphs();
    const std::vector<TextRun> runs = textRuns(glyphs);
    rig.keepScreenshot("wide-detail-" + lang);
    expectWholeDigits(glyphs, where);
    expectNumber(runs, "detail", focus.device, where);
    expectNumber(runs, "detail", formatDuration(kHour + 2 * kMinute + 3 * kSecond), where);
    expectTitleWholeOrEllipsized(runs, "detail", kFocusTitle, where);
}

INSTANTIATE_TEST_SUITE_P(Board1x1, WideDetail,
                         testing::Combine(testing::Values("duty"), testing::Values("zh", "zh-Hant", "en")),
                         [](const auto& info) {
                             std::string lang = std::get<1>(info.param);
                             return lang == "zh" ? std::string("Hans") : lang == "zh-Hant" ? std::string("Hant")
                                                                                           : std::string("En");
                         });

// ---- [SECTION] the helper itself: how a line gives way

class TextFit : public RigSuite {};

TEST_F(TextFit, EllipsisNeverFallsInsideANumber) {
    REQUIRE_DISPLAY();
    ImFont* body = g_rig->glyphs->font(render::FontSize::Body);
    const float size = body->FontSize;
    const std::string text = "联系电话 0795-12345678 转 8001";
    EXPECT_EQ(render::ellipsize(body, size, text, 1e6f), text);  // fits: untouched
    auto width = [&](const std::string& t) { return body->CalcTextSizeA(size, FLT_MAX, 0, t.c_str()).x; };
    // Any width that ends inside the phone number keeps none of it.
    for (const char* upto : {"联系电话 07", "联系电话 0795-1234", "联系电话 0795-1234567"}) {
        const std::string cut = render::ellipsize(body, size, text, width(std::string(upto) + "\u2026") + 0.5f);
        EXPECT_EQ(cut, "联系电话\u2026") << upto;
    }
    EXPECT_EQ(render::ellipsize(body, size, text, width("联\u2026") + 0.5f), "联\u2026");
    EXPECT_EQ(render::ellipsize(body, size, text, width("\u2026") - 1.0f), "");
}

TEST_F(TextFit, ShrinksThenDropsThenCutsButNeverCutsANumber) {
    REQUIRE_DISPLAY();
    ImFont* body = g_rig->glyphs->font(render::FontSize::Body);
    const float own = body->FontSize, floor = own * 0.8f;
    const std::vector<render::TextPiece> pieces = {{"未确认 200012"}, {"合计 200015", 0, 1}, {kRedTitle, 0, 0, true}};
    auto widthAt = [&](float size, std::initializer_list<int> which) {
        float w = 0;
        for (int i : which) w += body->CalcTextSizeA(size, FLT_MAX, 0, pieces[i].text.c_str()).x + size * 0.5f;
        return w - size * 0.5f;
    };
    // Room for all at 90 %: one size for all, nothing lost.
    render::FittedLine line = render::fitLine(body, pieces, widthAt(own * 0.9f, {0, 1, 2}) + 0.5f, floor);
    EXPECT_TRUE(line.whole);
    EXPECT_NEAR(line.size, own * 0.9f, 0.05f);
    // Less room: the total goes first, then the title ends in "…".
    line = render::fitLine(body, pieces, widthAt(floor, {0}) + floor * 6, floor);
    EXPECT_FALSE(line.whole);
    ASSERT_EQ(line.pieces.size(), 2u);
    EXPECT_EQ(line.pieces[0].text, "未确认 200012");
    EXPECT_NE(line.pieces[1].text.find("\u2026"), std::string::npos);
    EXPECT_LE(line.width, widthAt(floor, {0}) + floor * 6 + 0.5f);
    // No room even for the count at the floor: smaller still, but every digit.
    line = render::fitLine(body, pieces, widthAt(own, {0}) * 0.5f, floor);
    ASSERT_EQ(line.pieces.size(), 1u);
    EXPECT_EQ(line.pieces[0].text, "未确认 200012");
    EXPECT_LT(line.size, floor);
    EXPECT_LE(line.width, widthAt(own, {0}) * 0.5f + 0.5f);
}

TEST_F(TextFit, WrapsBetweenCharactersButNotInsideNumbers) {
    REQUIRE_DISPLAY();
    ImFont* body = g_rig->glyphs->font(render::FontSize::Body);
    const float size = body->FontSize;
    const std::string text = "坝体监测点累计水平位移128.6毫米，24小时增量12.4毫米，超过黄色阈值。";
    for (float width : {120.0f, 170.0f, 230.0f, 300.0f}) {
        const std::vector<std::string> lines = render::wrapLines(body, size, text, width);
        std::string joined;
        for (const std::string& l : lines) {
            EXPECT_LE(body->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x, width + 0.5f) << l;
            if (!joined.empty()) {
                EXPECT_FALSE(stopsInsideNumber(text, joined)) << width << ": after [" << joined << "]";
            }
            joined += l;
        }
        EXPECT_EQ(joined, text) << width;
    }
    EXPECT_EQ(render::wrapLines(body, size, "Overdue by 1234 min", 1e6f).size(), 1u);
}

} // namespace
} // namespace wall::test
