#include "render/video/video_fit.hpp"

namespace wall::video {

FitResult fitPicture(int picture_width, int picture_height, Rect tile, FitMode mode) {
    FitResult out;
    if (picture_width <= 0 || picture_height <= 0 || tile.width() <= 0 || tile.height() <= 0) {
        out.quad = Rect{tile.x0, tile.y0, tile.x0, tile.y0};
        return out;
    }
    const float picture_aspect = static_cast<float>(picture_width) / static_cast<float>(picture_height);
    const float tile_aspect = tile.width() / tile.height();
    out.quad = tile;
    if (mode == FitMode::Letterbox) {
        if (picture_aspect > tile_aspect) {  // wider: bars top and bottom
            const float h = tile.width() / picture_aspect;
            out.quad.y0 = tile.y0 + (tile.height() - h) * 0.5f;
            out.quad.y1 = out.quad.y0 + h;
        } else {  // taller: bars left and right
            const float w = tile.height() * picture_aspect;
            out.quad.x0 = tile.x0 + (tile.width() - w) * 0.5f;
            out.quad.x1 = out.quad.x0 + w;
        }
    } else {
        if (picture_aspect > tile_aspect) {  // wider: cut left and right
            const float keep = tile_aspect / picture_aspect;
            out.texture.x0 = (1.0f - keep) * 0.5f;
            out.texture.x1 = out.texture.x0 + keep;
        } else {  // taller: cut top and bottom
            const float keep = picture_aspect / tile_aspect;
            out.texture.y0 = (1.0f - keep) * 0.5f;
            out.texture.y1 = out.texture.y0 + keep;
        }
    }
    return out;
}

}  // namespace wall::video
