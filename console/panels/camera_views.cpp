// The three video views: one camera, a camera grid, and the linkage region
// (cameras of the alarm the console's linkage decided on, as journaled in
// state.linkage; a camera grid marked linkage_takeover shows a red warning's
// cameras the same way).
// Tiles themselves are drawn by the app's CameraTileDrawer, which knows
// whether video is live.
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cmath>

namespace wall::panels {
namespace {

/// Lays out `ids` as a grid filling the window below the caption.
void drawGrid(ViewContext& ctx, const std::vector<std::string>& ids, int columns, FitMode fit) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (ids.empty() || avail.x <= 0 || avail.y <= 0) return;
    const int n = static_cast<int>(ids.size());
    if (columns <= 0) {
        // Pick the column count whose 16:9 tiles come out largest.
        float best_area = 0;
        for (int c = 1; c <= n; ++c) {
            const int r = (n + c - 1) / c;
            const float w = avail.x / c, h = avail.y / r;
            const float tile_w = std::min(w, h * 16.0f / 9.0f);
            const float area = tile_w * tile_w * 9.0f / 16.0f;
            if (area > best_area) { best_area = area; columns = c; }
        }
    }
    const int rows = (n + columns - 1) / columns;
    const float gap = 4;
    const float w = (avail.x - gap * (columns - 1)) / columns;
    const float h = (avail.y - gap * (rows - 1)) / rows;
    for (int i = 0; i < n; ++i) {
        const float x = origin.x + (i % columns) * (w + gap);
        const float y = origin.y + (i / columns) * (h + gap);
        ctx.cameras.drawTile(ids[i], ImVec2(std::floor(x), std::floor(y)), ImVec2(std::floor(x + w), std::floor(y + h)),
                             fit, "");
    }
}

/// @brief What the console's linkage put in `region`, or nullptr when it shows its own cameras.
const LinkageShow* linkedAlarm(const ViewContext& ctx, const layouts::Region& region) {
    const auto it = ctx.model.state.linkage.find(region.name);
    return it == ctx.model.state.linkage.end() || it->second.alarm_id.empty() ? nullptr : &it->second;
}

/// A region showing an alarm's linked cameras: a caption strip (level chip, title, site) with the
/// operator's 恢复 button, then the cameras.
void drawLinkedAlarm(ViewContext& ctx, const layouts::Region& region, const LinkageShow& d) {
    const auto it = ctx.model.state.alarms.find(d.alarm_id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* body = ctx.fonts.body;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float h = body->FontSize * 1.5f;
    // An alarm gone from the state is about to be replaced by the console; until then it draws as the lowest level.
    const WarningLevel level = it != ctx.model.state.alarms.end() ? it->second.level : WarningLevel::Blue;
    dl->AddRectFilled(top, ImVec2(top.x + width, top.y + h), levelColor(level, 0.25f));
    float x = top.x + 10;
    x += drawChip(dl, body, ImVec2(x, top.y + h * 0.1f), h * 0.8f, levelColor(level), levelTextColor(level),
                  ctx.t(levelName(level))) + 12;

    const char* revert = ctx.t(Text::LinkageRevert);
    const float button_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, revert).x + body->FontSize * 1.2f;
    const float button_x = top.x + width - button_w - 8;
    if (it != ctx.model.state.alarms.end()) {
        const Alarm& a = it->second;
        std::string site;
        for (const std::string* part : {&a.site.township, &a.site.village, &a.site.area})
            if (!part->empty()) site += (site.empty() ? "" : ctx.t(Text::SiteSeparator)) + *part;
        // The title first; the site gives way, then the title ends in "…".
        const std::vector<render::TextPiece> caption = {{a.title, colors::kText, 0, true}, {site, colors::kText, 1, true}};
        render::drawFittedLine(dl, body, ImVec2(x, top.y), h, caption,
                               render::fitLine(body, caption, button_x - 8 - x, body->FontSize * kMinTextScale, 1.0f));
    }
    ImGui::SetCursorScreenPos(ImVec2(button_x, top.y + h * 0.08f));
    ImGui::PushID(region.name.c_str());
    if (ImGui::Button(revert, ImVec2(button_w, h * 0.84f))) ctx.actions.revertLinkage(region.name);
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + h + 4));
    drawGrid(ctx, d.cameras, 0, region.fit);
}

class CameraView final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext&) const override { return nullptr; }
    bool paintsWholeRegion() const override { return true; } // the tile, under the caption strip if any
    void drawContent(ViewContext& ctx) override {
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        ctx.cameras.drawTile(region_.camera, min, ImVec2(min.x + avail.x, min.y + avail.y), region_.fit,
                             region_.title);
    }
};

class CameraGrid final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::Cameras); }
    void drawContent(ViewContext& ctx) override {
        // A red warning may take a grid marked linkage_takeover over (decided by the console's linkage).
        if (const LinkageShow* d = linkedAlarm(ctx, region_)) {
            drawLinkedAlarm(ctx, region_, *d);
            return;
        }
        // The layout's explicit list first, then the group's members in id order.
        std::vector<std::string> ids = region_.cameras;
        if (!region_.group.empty())
            for (auto& [id, cam] : ctx.model.state.cameras)
                if (cam.group == region_.group && std::find(ids.begin(), ids.end(), id) == ids.end())
                    ids.push_back(id);
        drawGrid(ctx, ids, region_.columns, region_.fit);
    }
};

class LinkageView final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext& ctx) const override { return ctx.t(Text::Linkage); }
    void drawContent(ViewContext& ctx) override {
        // The console hands an alarm over together with its linkage, so it shows in the frame the alarm arrives.
        if (const LinkageShow* d = linkedAlarm(ctx, region_)) {
            drawLinkedAlarm(ctx, region_, *d);
            return;
        }
        std::vector<std::string> own;
        if (!region_.camera.empty()) own.push_back(region_.camera);
        drawGrid(ctx, own, region_.columns, region_.fit);
    }
};

} // namespace

std::unique_ptr<View> makeCameraView(const layouts::Region& region) { return std::make_unique<CameraView>(region); }
std::unique_ptr<View> makeCameraGrid(const layouts::Region& region) { return std::make_unique<CameraGrid>(region); }
std::unique_ptr<View> makeLinkageView(const layouts::Region& region) { return std::make_unique<LinkageView>(region); }

} // namespace wall::panels
