// The three video views: one camera, a camera grid, and the linkage region
// (cameras linked to the alarm in focus). Tiles themselves are drawn by the
// app's CameraTileDrawer, which knows whether video is live.
#include "panels/panel_list.hpp"
#include "panels/wall_style.hpp"

#include <algorithm>
#include <cmath>

namespace wall::panels {
namespace {

/// Lays out `ids` as a grid filling the window below the caption.
void drawGrid(ViewContext& ctx, const std::vector<std::string>& ids, int columns, layouts::FitMode fit) {
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

class CameraView final : public View {
public:
    using View::View;

protected:
    const char* defaultCaption(const ViewContext&) const override { return nullptr; }
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
    const char* defaultCaption(const ViewContext& ctx) const override {
        caption_ = ctx.t(Text::Linkage);
        if (const Alarm* a = ctx.model.focus(); a && !a->cameras.empty())
            caption_ += std::string(ctx.t(Text::CaptionSeparator)) + ctx.t(levelName(a->level)) +
                        ctx.t(Text::CaptionSeparator) + a->title;
        return caption_.c_str();
    }
    void drawContent(ViewContext& ctx) override {
        const Alarm* a = ctx.model.focus();
        std::vector<std::string> ids;
        if (a && !a->cameras.empty()) ids = a->cameras;
        else if (!region_.camera.empty()) ids.push_back(region_.camera);
        drawGrid(ctx, ids, region_.columns, region_.fit);
    }

private:
    mutable std::string caption_; // built per frame from the focus alarm
};

} // namespace

std::unique_ptr<View> makeCameraView(const layouts::Region& region) { return std::make_unique<CameraView>(region); }
std::unique_ptr<View> makeCameraGrid(const layouts::Region& region) { return std::make_unique<CameraGrid>(region); }
std::unique_ptr<View> makeLinkageView(const layouts::Region& region) { return std::make_unique<LinkageView>(region); }

} // namespace wall::panels
