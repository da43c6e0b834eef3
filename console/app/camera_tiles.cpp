#include "camera_tiles.hpp"

#include "panels/wall_style.hpp"
#include "render/video/video_fit.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace wall::app {

namespace {
panels::Text failText(streams::FailReason reason) {
    using streams::FailReason;
    switch (reason) {
    case FailReason::AuthRefused: return panels::Text::FailAuth;
    case FailReason::HostUnreachable: return panels::Text::FailUnreachable;
    case FailReason::ConnectionRefused: return panels::Text::FailRefused;
    case FailReason::StreamNotFound: return panels::Text::FailNotFound;
    case FailReason::NotPublished: return panels::Text::FailNotPublished;
    case FailReason::UnsupportedCodec: return panels::Text::FailCodec;
    case FailReason::Timeout: return panels::Text::FailTimeout;
    case FailReason::EndOfStream: return panels::Text::FailEnded;
    default: return panels::Text::FailOther;
    }
}
} // namespace

std::string tileCaption(const panels::ViewContext& ctx, const std::string& camera_id,
                        const std::string& caption_override) {
    const auto& cameras = ctx.model.state.cameras;
    auto it = cameras.find(camera_id);
    if (it == cameras.end()) return camera_id + "  " + ctx.t(panels::Text::CameraUnknown);
    std::string caption = caption_override.empty() ? it->second.name : caption_override;
    if (!it->second.site.empty()) caption += ctx.t(panels::Text::CaptionSeparator) + it->second.site;
    return caption;
}

CameraTiles::CameraTiles(streams::PoolConfig config)
    : pool_(std::make_unique<streams::StreamPool>(config)), painter_(std::make_unique<video::VideoPainter>()) {}

void CameraTiles::upsertCamera(const Camera& camera) {
    if (camera.main_url.empty()) return;
    pool_->upsertCamera({camera.id, camera.name, camera.main_url, camera.sub_url,
                         camera.rtsp_transport == "udp" ? streams::RtspTransport::Udp : streams::RtspTransport::Tcp});
}

void CameraTiles::beginFrame(const panels::ViewContext* ctx) {
    ctx_ = ctx;
    pool_->beginFrame(streams::Clock::now());
}

void CameraTiles::endFrame() {
    pool_->endFrame();
    ctx_ = nullptr;
}

void CameraTiles::drawTile(const std::string& camera_id, ImVec2 min, ImVec2 max, FitMode fit,
                           const std::string& caption_override) {
    if (!ctx_) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& cameras = ctx_->model.state.cameras;
    auto cam = cameras.find(camera_id);
    const bool has_url = cam != cameras.end() && !cam->second.main_url.empty();
    streams::TileVideo video;
    if (has_url) video = pool_->showTile(camera_id, max.x - min.x, max.y - min.y);
    if (video.fresh) textures_[camera_id].upload(*video.fresh);
    auto tex = textures_.find(camera_id);
    const bool lost = video.has_picture && video.status.signalLost();
    if (video.has_picture && tex != textures_.end() && !tex->second.empty()) {
        fillAround(dl, min, max, tex->second, fit);
        painter_->drawVideo(dl, tex->second, min, max, fit, lost ? 0.6f : 0.0f);
    } else {
        dl->AddRectFilled(min, max, panels::colors::kTileBackground);
    }
    drawState(dl, min, max, video, has_url);
    drawCaption(dl, min, max, camera_id, caption_override, video);
    dl->AddRect(min, max, lost ? panels::colors::kBad : panels::colors::kBorder, 0, 0, lost ? 6.0f : 1.0f);
}

void CameraTiles::addStats(nlohmann::json& report) const {
    const streams::StreamPool& pool = *pool_;
    nlohmann::json out = nlohmann::json::array();
    for (const streams::PoolStreamRow& row : pool.rows())
        out.push_back({{"camera", row.camera_id},
                       {"kind", row.kind == streams::StreamKind::Main ? "main" : "sub"},
                       {"open", row.open},
                       {"displayed", row.displayed},
                       {"frames_decoded", row.frames_decoded_total},
                       {"state", std::string(streams::toString(row.status.state))},
                       {"reason", std::string(streams::toString(row.status.reason))},
                       {"state_changes", row.status.state_changes},
                       {"reconnects", row.status.reconnects},
                       {"failures_in_row", row.status.failures_in_row},
                       {"frames_dropped", row.status.frames_dropped},
                       {"load", row.status.load}});
    report["streams"] = std::move(out);
    report["open_decoders"] = pool.openDecoders();
}

void CameraTiles::fillAround(ImDrawList* dl, ImVec2 min, ImVec2 max, const video::VideoTexture& texture,
                             FitMode fit) {
    // Only the letterbox bars: under a software rasteriser every pixel filled
    // twice is CPU time, and the picture covers the rest anyway.
    const video::Rect q = video::fitPicture(texture.width(), texture.height(), {min.x, min.y, max.x, max.y}, fit).quad;
    const ImU32 bg = panels::colors::kTileBackground;
    if (q.y0 > min.y) dl->AddRectFilled(min, ImVec2(max.x, q.y0), bg);
    if (q.y1 < max.y) dl->AddRectFilled(ImVec2(min.x, q.y1), max, bg);
    if (q.x0 > min.x) dl->AddRectFilled(ImVec2(min.x, q.y0), ImVec2(q.x0, q.y1), bg);
    if (q.x1 < max.x) dl->AddRectFilled(ImVec2(q.x1, q.y0), ImVec2(max.x, q.y1), bg);
}

void CameraTiles::drawState(ImDrawList* dl, ImVec2 min, ImVec2 max, const streams::TileVideo& video, bool has_url) {
    const panels::ViewContext& ctx = *ctx_;
    ImFont* large = ctx.fonts.large;
    ImFont* body = ctx.fonts.body;
    const float caption_h = body->FontSize * 1.5f;
    const ImVec2 area_max(max.x, max.y - caption_h);
    if (!has_url) {
        panels::drawCentredText(dl, body, min, area_max, panels::colors::kTextDim, ctx.t(panels::Text::CameraPlaceholder));
        return;
    }
    const streams::StreamStatus& s = video.status;
    if (video.has_picture && !s.signalLost()) return;
    // Not live: say so in large red letters, with how long the picture has been old.
    char buf[160];
    const char* headline = nullptr;
    ImU32 color = panels::colors::kBad;
    switch (s.state) {
    case streams::LinkState::Connecting:
        headline = ctx.t(panels::Text::CameraConnecting);
        color = panels::colors::kTextDim;
        break;
    case streams::LinkState::Reconnecting: headline = ctx.t(panels::Text::CameraReconnecting); break;
    case streams::LinkState::Failed: headline = ctx.t(failText(s.reason)); break;
    default: headline = ctx.t(panels::Text::CameraNoSignal); break;
    }
    if (video.has_picture) {
        std::snprintf(buf, sizeof buf, "%s  %.0fs", ctx.t(panels::Text::CameraNoSignal), s.frame_age_s);
        headline = buf;
    }
    const std::string why = retryLine(ctx, s, video.has_picture, body, max.x - min.x - 40);
    ImFont* font = (area_max.y - min.y) > large->FontSize * 3 ? large : body;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, headline);
    const ImVec2 why_size = why.empty() ? ImVec2(0, 0) : body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, why.c_str());
    // The label box stays inside the tile: a small grid cell must not spill onto its neighbour.
    const float block_w = std::min(std::max(size.x, why_size.x), max.x - min.x - 36);
    const float block_h = size.y + (why.empty() ? 0.0f : why_size.y + 4);
    const ImVec2 centre((min.x + max.x) * 0.5f, (min.y + area_max.y) * 0.5f);
    const float top = centre.y - block_h * 0.5f;
    if (color == panels::colors::kBad)
        dl->AddRectFilled(ImVec2(centre.x - block_w * 0.5f - 16, top - 8),
                          ImVec2(centre.x + block_w * 0.5f + 16, top + block_h + 8), IM_COL32(120, 0, 0, 200), 6);
    const ImU32 text_color = color == panels::colors::kBad ? IM_COL32_WHITE : color;
    // Fitted to the tile: a small cell shrinks the headline ("信号中断  123s") rather than lose its seconds.
    const float room = max.x - min.x - 36;
    render::drawFitText(dl, font, ImVec2(centre.x - room * 0.5f, top), room, font->FontSize,
                        {headline, text_color, 0, true}, font->FontSize * panels::kMinTextScale, 0.5f);
    if (!why.empty())
        render::drawFitText(dl, body, ImVec2(centre.x - room * 0.5f, top + size.y + 4), room, body->FontSize,
                            {why, text_color, 0, true}, body->FontSize * panels::kMinTextScale, 0.5f);
}

std::string CameraTiles::retryLine(const panels::ViewContext& ctx, const streams::StreamStatus& s, bool has_picture,
                                   ImFont* font, float max_width) {
    // Why the link is down and when the next attempt is: an officer can tell a
    // wrong password from a cut cable without opening a log.
    const bool retrying = s.state == streams::LinkState::Reconnecting || s.state == streams::LinkState::Failed;
    if (!retrying || s.reason == streams::FailReason::None) return {};
    // Failed already names the reason in the headline, unless the last picture took the headline.
    const std::string reason =
        (s.state == streams::LinkState::Reconnecting || has_picture) ? ctx.t(failText(s.reason)) : "";
    std::string retry;
    if (s.retry_in_s >= 0.5) {
        char buf[96];
        std::snprintf(buf, sizeof buf, ctx.t(panels::Text::CameraRetryIn), s.failures_in_row,
                      static_cast<int>(std::ceil(s.retry_in_s)));
        retry = buf;
    } else {
        retry = ctx.t(panels::Text::CameraRetrying);
    }
    if (reason.empty()) return retry;
    const std::string line = reason + ctx.t(panels::Text::CaptionSeparator) + retry;
    // Too wide for a small tile: the reason matters more than the countdown.
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.c_str()).x <= max_width ? line : reason;
}

void CameraTiles::drawCaption(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::string& camera_id,
                              const std::string& caption_override, const streams::TileVideo& video) {
    const panels::ViewContext& ctx = *ctx_;
    ImFont* body = ctx.fonts.body;
    const float caption_h = body->FontSize * 1.5f;
    const ImVec2 caption_min(min.x, max.y - caption_h);
    dl->AddRectFilled(caption_min, max, IM_COL32(0, 0, 0, 170));
    const std::string caption = tileCaption(ctx, camera_id, caption_override);
    // Live indicator: only a stream with fresh frames gets the green 实时.
    float right = max.x - 10;
    if (video.known && video.has_picture) {
        const bool live = !video.status.signalLost();
        const char* label = live ? ctx.t(panels::Text::CameraLive) : ctx.t(panels::Text::CameraNoSignal);
        const float w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, label).x;
        right -= w;
        dl->AddText(body, body->FontSize, ImVec2(right, caption_min.y + caption_h * 0.15f),
                    live ? panels::colors::kGood : panels::colors::kBad, label);
        right -= body->FontSize * 0.9f;
        dl->AddCircleFilled(ImVec2(right + body->FontSize * 0.35f, caption_min.y + caption_h * 0.5f),
                            body->FontSize * 0.3f, live ? panels::colors::kGood : panels::colors::kBad);
        right -= 10;
    }
    // The name shrinks a little, then ends in "…"; never cut through a number (a kilometre post, a camera number).
    render::drawFitText(dl, body, ImVec2(min.x + 12, caption_min.y + caption_h * 0.15f), right - min.x - 12,
                        body->FontSize, {caption, panels::colors::kText, 0, true}, body->FontSize * panels::kMinTextScale);
}

} // namespace wall::app
